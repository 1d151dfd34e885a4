import { administeredMunicipalityIds, type Actor, isNetworkAdmin } from '../auth/actor.js';
import type { Role } from '../auth/roles.js';

export const USER_ACTIONS = [
  'list',
  'view',
  'create',
  'update',
  'deactivate',
  'reactivate',
  'import',
  'grantDepartmentAdmin',
  'revokeDepartmentAdmin',
] as const;
export type UserAction = (typeof USER_ACTIONS)[number];

/** The person acted on, as far as the policy needs to know them. */
export interface UserTarget {
  id: string;
  municipalityId: string | null;
  roles: readonly Role[];
  /** Municipalities in which the target holds department_admin. */
  departmentAdminOf: readonly string[];
}

/**
 * A network admin may act on everyone; a department admin only on people of the municipalities of
 * their department_admin grants, and never on a network admin account. Nobody deactivates
 * themselves or strips their own last admin role, so a city is never locked out by a slip.
 * Without a target the question is "may they manage people anywhere" (list, new, import).
 */
export function mayActOnUsers(actor: Actor, action: UserAction, target?: UserTarget, municipalityId?: string): boolean {
  const network = isNetworkAdmin(actor);
  const administered = administeredMunicipalityIds(actor);
  if (!network && administered.length === 0) return false;
  if (!target) return municipalityId === undefined || network || administered.includes(municipalityId);
  if (!network) {
    if (target.roles.includes('network_admin')) return false;
    if (!target.municipalityId || !administered.includes(target.municipalityId)) return false;
  }
  const self = target.id === actor.id;
  switch (action) {
    case 'deactivate':
      return !self;
    case 'grantDepartmentAdmin':
      return target.municipalityId !== null && (network || administered.includes(target.municipalityId));
    case 'revokeDepartmentAdmin': {
      if (!self) return true;
      // Another admin role left after removing this one: the network role or a grant elsewhere.
      const remaining = target.departmentAdminOf.filter((id) => id !== target.municipalityId);
      return network || remaining.length > 0;
    }
    default:
      return true;
  }
}
