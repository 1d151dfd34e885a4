import type { Actor, ActorGrant } from '../auth/actor.js';
import { municipalityScopeOf } from '../municipalities/municipality-scope.js';
import { canCohort, canStartCohortFrom } from './cohorts.policy.js';

const CITY = 'city-a';
const OTHER = 'city-b';

function actor(...grants: ActorGrant[]): Actor {
  return {
    id: `u-${grants.map((g) => g.role).join('-')}`,
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

  describe('appointing a mentor (who then reads teachers’ submitted work)', () => {
    const COLLEAGUE = 'colleague';
    // Each persona as the one acting: "self" is the actor's own id, so the row asks whether they may make themselves a mentor.
    it.each([
      ['networkAdmin', CITY, 'colleague', true],
      ['networkAdmin', CITY, 'self', false],
      ['networkAdmin', CITY, 'nobody', true],
      ['networkAdmin', OTHER, 'colleague', true],
      ['networkAdmin', OTHER, 'self', false],
      ['departmentAdmin', CITY, 'colleague', true],
      ['departmentAdmin', CITY, 'self', false],
      ['departmentAdmin', CITY, 'nobody', true],
      ['departmentAdmin', OTHER, 'colleague', false],
      ['departmentAdmin', OTHER, 'self', false],
      ['mentor', CITY, 'colleague', false],
      ['mentor', CITY, 'self', false],
      ['teacher', CITY, 'colleague', false],
      ['teacher', CITY, 'self', false],
    ])('%s, in a cohort of %s, giving access to %s: %s', (persona, municipalityId, who, expected) => {
      const acting = personas[persona as string];
      const mentorId = who === 'self' ? acting.id : who === 'colleague' ? COLLEAGUE : null;
      expect(canCohort(acting, 'appointMentor', { municipalityId: municipalityId as string, mentorId })).toBe(expected);
    });

    it('refuses it to an admin of both the city and the network alike, when it is themselves', () => {
      const both = actor({ role: 'network_admin', municipalityId: null, cohortId: null }, { role: 'department_admin', municipalityId: CITY, cohortId: null });
      expect(canCohort(both, 'appointMentor', { municipalityId: CITY, mentorId: both.id })).toBe(false);
      expect(canCohort(both, 'manage', { municipalityId: CITY })).toBe(true);
    });
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
