import type { Actor, ActorGrant } from '../auth/actor.js';
import { canCopyInto, canCreateProgrammeIn, canProgramme, type ProgrammeAction } from './programmes.policy.js';

const CITY = 'city-a';
const OTHER = 'city-b';

function actor(...grants: ActorGrant[]): Actor {
  return {
    id: 'u',
    email: 'u@x.test',
    displayName: 'U',
    preferredLanguage: null,
    municipalityId: CITY,
    municipalityTimeZone: null,
    municipalityLocale: null,
    grants,
  };
}

const personas: Record<string, Actor> = {
  networkAdmin: actor({ role: 'network_admin', municipalityId: null, cohortId: null }),
  departmentAdmin: actor({ role: 'department_admin', municipalityId: CITY, cohortId: null }),
  mentor: actor({ role: 'mentor', municipalityId: CITY, cohortId: 'c' }),
  teacher: actor({ role: 'teacher', municipalityId: CITY, cohortId: 'c' }),
};

const own = { municipalityId: CITY };
const other = { municipalityId: OTHER };
const template = { municipalityId: null };

describe('programmes policy', () => {
  const matrix: [string, ProgrammeAction, { municipalityId: string | null }, boolean][] = [
    ['networkAdmin', 'view', own, true],
    ['networkAdmin', 'view', other, true],
    ['networkAdmin', 'view', template, true],
    ['networkAdmin', 'edit', other, true],
    ['networkAdmin', 'edit', template, true],
    ['networkAdmin', 'copy', template, true],
    ['networkAdmin', 'copy', own, false],
    ['networkAdmin', 'startCohort', other, true],
    ['networkAdmin', 'startCohort', template, false],
    ['departmentAdmin', 'view', own, true],
    ['departmentAdmin', 'view', template, true],
    ['departmentAdmin', 'view', other, false],
    ['departmentAdmin', 'edit', own, true],
    ['departmentAdmin', 'edit', template, false],
    ['departmentAdmin', 'edit', other, false],
    ['departmentAdmin', 'copy', template, true],
    ['departmentAdmin', 'copy', own, false],
    ['departmentAdmin', 'startCohort', own, true],
    ['departmentAdmin', 'startCohort', other, false],
    ['departmentAdmin', 'startCohort', template, false],
    ['mentor', 'view', own, false],
    ['mentor', 'view', template, false],
    ['mentor', 'edit', own, false],
    ['mentor', 'copy', template, false],
    ['teacher', 'view', own, false],
    ['teacher', 'view', template, false],
    ['teacher', 'edit', own, false],
    ['teacher', 'copy', template, false],
    ['teacher', 'startCohort', own, false],
  ];

  it.each(matrix)('%s may %s a %j programme: %s', (persona, action, programme, expected) => {
    expect(canProgramme(personas[persona], action, programme)).toBe(expected);
  });

  it('lets network admins create templates and city programmes, department admins only in their city', () => {
    expect(canCreateProgrammeIn(personas.networkAdmin, null)).toBe(true);
    expect(canCreateProgrammeIn(personas.networkAdmin, OTHER)).toBe(true);
    expect(canCreateProgrammeIn(personas.departmentAdmin, CITY)).toBe(true);
    expect(canCreateProgrammeIn(personas.departmentAdmin, null)).toBe(false);
    expect(canCreateProgrammeIn(personas.departmentAdmin, OTHER)).toBe(false);
    expect(canCreateProgrammeIn(personas.teacher, CITY)).toBe(false);
  });

  it('lets a department admin copy a template into their own city only', () => {
    expect(canCopyInto(personas.departmentAdmin, template, CITY)).toBe(true);
    expect(canCopyInto(personas.departmentAdmin, template, OTHER)).toBe(false);
    expect(canCopyInto(personas.networkAdmin, template, OTHER)).toBe(true);
    expect(canCopyInto(personas.networkAdmin, own, OTHER)).toBe(false);
    expect(canCopyInto(personas.mentor, template, CITY)).toBe(false);
  });
});
