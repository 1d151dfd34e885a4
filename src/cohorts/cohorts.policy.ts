import { administeredMunicipalityIds, isNetworkAdmin, type Actor } from '../auth/actor.js';

export type CohortAction = 'manage';

/**
 * Who may manage a cohort (its dates, windows, members, groups, roster). Teachers and mentors
 * take part in cohorts but never manage them; their own pages are the progress feature's.
 */
export function canCohort(actor: Actor, _action: CohortAction, cohort: { municipalityId: string }): boolean {
  return isNetworkAdmin(actor) || administeredMunicipalityIds(actor).includes(cohort.municipalityId);
}

/** A cohort runs a city's programme (never a network template), started by that city's admins or the network's. */
export function canStartCohortFrom(actor: Actor, programme: { municipalityId: string | null }): boolean {
  if (programme.municipalityId === null) return false;
  return canCohort(actor, 'manage', { municipalityId: programme.municipalityId });
}
