import { administeredMunicipalityIds, type Actor, isNetworkAdmin } from '../auth/actor.js';

export const SCHOOL_ACTIONS = ['list', 'view', 'create', 'update', 'deactivate', 'reactivate'] as const;
export type SchoolAction = (typeof SCHOOL_ACTIONS)[number];

/**
 * A network admin may act on the schools of every municipality; a department admin only in the
 * municipalities of their department_admin grants; nobody else at all. Without a municipality the
 * question is "may they act on schools of some municipality" (the list, the new-school form).
 */
export function mayActOnSchools(actor: Actor, _action: SchoolAction, municipalityId?: string): boolean {
  if (isNetworkAdmin(actor)) return true;
  const administered = administeredMunicipalityIds(actor);
  return municipalityId === undefined ? administered.length > 0 : administered.includes(municipalityId);
}
