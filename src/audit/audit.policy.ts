import { administeredMunicipalityIds, type Actor, isNetworkAdmin } from '../auth/actor.js';

/**
 * Who reads the audit log: network admins all of it, department admins their cities' events (the
 * repository's scope does the rest). Nobody else: it names people, addresses and what they did.
 */
export function mayViewAuditLog(actor: Actor): boolean {
  return isNetworkAdmin(actor) || administeredMunicipalityIds(actor).length > 0;
}
