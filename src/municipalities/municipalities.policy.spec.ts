import type { Actor } from '../auth/actor.js';
import type { Role } from '../auth/roles.js';
import { MUNICIPALITY_ACTIONS, mayActOnMunicipalities } from './municipalities.policy.js';

const CITY = '00000000-0000-4000-8000-00000000000a';

function actor(role: Role | null): Actor {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    email: 'a@example.test',
    displayName: 'A',
    preferredLanguage: null,
    municipalityId: role === 'network_admin' ? null : CITY,
    municipalityTimeZone: null,
    municipalityLocale: null,
    grants: role ? [{ role, municipalityId: role === 'network_admin' ? null : CITY, cohortId: null }] : [],
  };
}

describe('municipalities policy', () => {
  const matrix: [Role | null, boolean][] = [
    ['network_admin', true],
    ['department_admin', false],
    ['mentor', false],
    ['teacher', false],
    [null, false],
  ];
  for (const [role, allowed] of matrix) {
    for (const action of MUNICIPALITY_ACTIONS) {
      it(`${allowed ? 'lets' : 'refuses'} ${role ?? 'a person without a role'} ${action} municipalities`, () => {
        expect(mayActOnMunicipalities(actor(role), action)).toBe(allowed);
      });
    }
  }
});
