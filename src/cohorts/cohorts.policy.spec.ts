import type { Actor, ActorGrant } from '../auth/actor.js';
import { municipalityScopeOf } from '../municipalities/municipality-scope.js';
import { canCohort, canStartCohortFrom } from './cohorts.policy.js';

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
  mentor: actor({ role: 'mentor', municipalityId: CITY, cohortId: 'c1' }),
  teacher: actor({ role: 'teacher', municipalityId: CITY, cohortId: 'c1' }),
};

describe('cohorts policy', () => {
  it.each([
    ['networkAdmin', CITY, true],
    ['networkAdmin', OTHER, true],
    ['departmentAdmin', CITY, true],
    ['departmentAdmin', OTHER, false],
    ['mentor', CITY, false],
    ['teacher', CITY, false],
  ])('%s may manage a cohort of %s: %s', (persona, municipalityId, expected) => {
    expect(canCohort(personas[persona as string], 'manage', { municipalityId: municipalityId as string })).toBe(expected);
  });

  it.each([
    ['networkAdmin', CITY, true],
    ['networkAdmin', null, false],
    ['departmentAdmin', CITY, true],
    ['departmentAdmin', OTHER, false],
    ['departmentAdmin', null, false],
    ['mentor', CITY, false],
    ['teacher', CITY, false],
  ])('%s may start a cohort from a programme of %s: %s', (persona, municipalityId, expected) => {
    expect(canStartCohortFrom(personas[persona as string], { municipalityId: municipalityId as string | null })).toBe(expected);
  });

  it('scopes queries: all for network admins, the administered cities otherwise, nothing for teachers', () => {
    expect(municipalityScopeOf(personas.networkAdmin)).toBe('all');
    expect(municipalityScopeOf(personas.departmentAdmin)).toEqual([CITY]);
    expect(municipalityScopeOf(personas.teacher)).toEqual([]);
  });
});
