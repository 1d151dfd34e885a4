import type { Actor } from '../auth/actor.js';
import type { Role } from '../auth/roles.js';
import { mayActOnUsers, USER_ACTIONS, type UserAction, type UserTarget } from './users.policy.js';

const HOME = '00000000-0000-4000-8000-00000000000a';
const OTHER = '00000000-0000-4000-8000-00000000000b';
const ME = '00000000-0000-4000-8000-000000000001';

function actor(...roles: Role[]): Actor {
  return {
    id: ME,
    email: 'a@example.test',
    displayName: 'A',
    preferredLanguage: null,
    municipalityId: HOME,
    municipalityTimeZone: null,
    municipalityLocale: null,
    grants: roles.map((role) => ({
      role,
      municipalityId: role === 'network_admin' ? null : HOME,
      cohortId: role === 'mentor' || role === 'teacher' ? '00000000-0000-4000-8000-0000000000c0' : null,
    })),
  };
}

function target(fields: Partial<UserTarget> = {}): UserTarget {
  return { id: '00000000-0000-4000-8000-000000000002', municipalityId: HOME, roles: ['teacher'], departmentAdminOf: [], ...fields };
}

describe('users policy', () => {
  const everyone: (Role | null)[] = ['network_admin', 'department_admin', 'mentor', 'teacher', null];
  const allowedOnOwnCityTeacher: Record<string, boolean> = { network_admin: true, department_admin: true, mentor: false, teacher: false, none: false };
  const allowedOnOtherCityTeacher: Record<string, boolean> = { network_admin: true, department_admin: false, mentor: false, teacher: false, none: false };
  const allowedOnNetworkAdmin: Record<string, boolean> = { network_admin: true, department_admin: false, mentor: false, teacher: false, none: false };

  for (const role of everyone) {
    const key = role ?? 'none';
    const who = role ?? 'a person without a role';
    const me = () => (role ? actor(role) : actor());
    for (const action of USER_ACTIONS) {
      it(`${allowedOnOwnCityTeacher[key] ? 'lets' : 'refuses'} ${who} ${action} a teacher of their own city`, () => {
        expect(mayActOnUsers(me(), action, target())).toBe(allowedOnOwnCityTeacher[key]);
      });
      it(`${allowedOnOtherCityTeacher[key] ? 'lets' : 'refuses'} ${who} ${action} a teacher of another city`, () => {
        expect(mayActOnUsers(me(), action, target({ municipalityId: OTHER }))).toBe(allowedOnOtherCityTeacher[key]);
      });
      const networkAdminTarget = target({ municipalityId: null, roles: ['network_admin'] });
      const expectedOnNetworkAdmin = allowedOnNetworkAdmin[key] && action !== 'grantDepartmentAdmin';
      it(`${expectedOnNetworkAdmin ? 'lets' : 'refuses'} ${who} ${action} a network admin account`, () => {
        expect(mayActOnUsers(me(), action, networkAdminTarget)).toBe(expectedOnNetworkAdmin);
      });
    }
    it(`${allowedOnOwnCityTeacher[key] ? 'lets' : 'refuses'} ${who} manage people of their own city in general`, () => {
      expect(mayActOnUsers(me(), 'create', undefined, HOME)).toBe(allowedOnOwnCityTeacher[key]);
      expect(mayActOnUsers(me(), 'list')).toBe(allowedOnOwnCityTeacher[key]);
    });
    it(`${allowedOnOtherCityTeacher[key] ? 'lets' : 'refuses'} ${who} create people in another city`, () => {
      expect(mayActOnUsers(me(), 'create', undefined, OTHER)).toBe(allowedOnOtherCityTeacher[key]);
    });
  }

  const selfActions: [string, Actor, UserAction, UserTarget, boolean][] = [
    [
      'refuses a department admin deactivating themselves',
      actor('department_admin'),
      'deactivate',
      target({ id: ME, roles: ['department_admin'], departmentAdminOf: [HOME] }),
      false,
    ],
    [
      'refuses a network admin deactivating themselves',
      actor('network_admin'),
      'deactivate',
      target({ id: ME, municipalityId: null, roles: ['network_admin'] }),
      false,
    ],
    [
      'refuses a department admin removing their own last admin role',
      actor('department_admin'),
      'revokeDepartmentAdmin',
      target({ id: ME, roles: ['department_admin'], departmentAdminOf: [HOME] }),
      false,
    ],
    [
      "lets a department admin who also administers another city remove this city's role",
      actor('department_admin'),
      'revokeDepartmentAdmin',
      target({ id: ME, roles: ['department_admin'], departmentAdminOf: [HOME, OTHER] }),
      true,
    ],
    [
      'lets a network admin remove their own department admin role',
      actor('network_admin', 'department_admin'),
      'revokeDepartmentAdmin',
      target({ id: ME, roles: ['network_admin', 'department_admin'], departmentAdminOf: [HOME] }),
      true,
    ],
    [
      "lets a department admin remove another admin's role",
      actor('department_admin'),
      'revokeDepartmentAdmin',
      target({ roles: ['department_admin'], departmentAdminOf: [HOME] }),
      true,
    ],
    [
      'lets a department admin edit themselves',
      actor('department_admin'),
      'update',
      target({ id: ME, roles: ['department_admin'], departmentAdminOf: [HOME] }),
      true,
    ],
  ];
  for (const [name, who, action, whom, expected] of selfActions) {
    it(name, () => expect(mayActOnUsers(who, action, whom)).toBe(expected));
  }
});
