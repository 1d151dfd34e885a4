import type { Actor } from '../auth/actor.js';
import type { Role } from '../auth/roles.js';
import { mayActOnSchools, SCHOOL_ACTIONS } from './schools.policy.js';

const HOME = '00000000-0000-4000-8000-00000000000a';
const OTHER = '00000000-0000-4000-8000-00000000000b';

function actor(role: Role | null): Actor {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    email: 'a@example.test',
    displayName: 'A',
    preferredLanguage: null,
    municipalityId: HOME,
    municipalityTimeZone: null,
    municipalityLocale: null,
    grants: role
      ? [
          {
            role,
            municipalityId: role === 'network_admin' ? null : HOME,
            cohortId: role === 'mentor' || role === 'teacher' ? '00000000-0000-4000-8000-0000000000c0' : null,
          },
        ]
      : [],
  };
}

describe('schools policy', () => {
  // role -> [own city, another city, no city given]
  const matrix: [Role | null, boolean, boolean, boolean][] = [
    ['network_admin', true, true, true],
    ['department_admin', true, false, true],
    ['mentor', false, false, false],
    ['teacher', false, false, false],
    [null, false, false, false],
  ];
  for (const [role, home, other, none] of matrix) {
    const who = role ?? 'a person without a role';
    for (const action of SCHOOL_ACTIONS) {
      it(`${home ? 'lets' : 'refuses'} ${who} ${action} a school of their own city`, () => {
        expect(mayActOnSchools(actor(role), action, HOME)).toBe(home);
      });
      it(`${other ? 'lets' : 'refuses'} ${who} ${action} a school of another city`, () => {
        expect(mayActOnSchools(actor(role), action, OTHER)).toBe(other);
      });
      it(`${none ? 'lets' : 'refuses'} ${who} ${action} schools in general`, () => {
        expect(mayActOnSchools(actor(role), action)).toBe(none);
      });
    }
  }

  it('lets a department admin of two cities act in both', () => {
    const twoCities = actor('department_admin');
    twoCities.grants.push({ role: 'department_admin', municipalityId: OTHER, cohortId: null });
    expect(mayActOnSchools(twoCities, 'update', HOME)).toBe(true);
    expect(mayActOnSchools(twoCities, 'update', OTHER)).toBe(true);
  });
});
