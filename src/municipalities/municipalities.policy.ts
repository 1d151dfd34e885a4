import { type Actor, isNetworkAdmin } from '../auth/actor.js';

export const MUNICIPALITY_ACTIONS = ['list', 'view', 'create', 'update'] as const;
export type MunicipalityAction = (typeof MUNICIPALITY_ACTIONS)[number];

/** Municipalities are the network's business: only network admins list, open, create or change them. */
export function mayActOnMunicipalities(actor: Actor, _action: MunicipalityAction): boolean {
  return isNetworkAdmin(actor);
}
