import type { Actor } from './actor.js';
import type { Role } from './roles.js';
import { mayResetTwoFactor } from './two-factor.policy.js';

const actor = (id: string, role: Role, municipalityId: string | null): Actor => ({
  id,
  email: `${id}@example.test`,
  displayName: id,
  preferredLanguage: null,
  municipalityId,
  municipalityTimeZone: null,
  municipalityLocale: null,
  grants: [{ role, municipalityId: role === 'network_admin' ? null : municipalityId, cohortId: null }],
});

describe('mayResetTwoFactor', () => {
  const teacherOfA = { id: 'teacher', municipalityId: 'city-a' };

  it.each([
    ['a network admin, for anyone', actor('net', 'network_admin', null), teacherOfA, true],
    ['a department admin, for someone of their city', actor('dept-a', 'department_admin', 'city-a'), teacherOfA, true],
    ['a department admin, for another admin of their city', actor('dept-a', 'department_admin', 'city-a'), { id: 'dept-a2', municipalityId: 'city-a' }, true],
    ['a department admin, for someone of another city', actor('dept-b', 'department_admin', 'city-b'), teacherOfA, false],
    [
      'a department admin, for a network admin (who belongs to no city)',
      actor('dept-a', 'department_admin', 'city-a'),
      { id: 'net', municipalityId: null },
      false,
    ],
    ['a mentor, for a teacher of their city', actor('mentor', 'mentor', 'city-a'), teacherOfA, false],
    ['a network admin, for themselves', actor('net', 'network_admin', null), { id: 'net', municipalityId: null }, false],
    ['a department admin, for themselves', actor('dept-a', 'department_admin', 'city-a'), { id: 'dept-a', municipalityId: 'city-a' }, false],
  ])('%s', (_case, who, person, expected) => {
    expect(mayResetTwoFactor(who, person)).toBe(expected);
  });
});
