import { administeredMunicipalityIds, type Actor, isNetworkAdmin } from './actor.js';

/**
 * Who may reset a person's two-factor sign-in (when they lost their phone and their recovery
 * codes): a network admin, or a department admin of the person's city. Never the person
 * themselves: someone else vouches that they are who they say, and the audit log names both.
 */
export function mayResetTwoFactor(actor: Actor, person: { id: string; municipalityId: string | null }): boolean {
  if (actor.id === person.id) return false;
  if (isNetworkAdmin(actor)) return true;
  return person.municipalityId !== null && administeredMunicipalityIds(actor).includes(person.municipalityId);
}
