import { administeredMunicipalityIds, isNetworkAdmin, type Actor } from '../auth/actor.js';

/**
 * `manage`: the cohort's dates, windows, members, groups and roster. `appointMentor`: a step by
 * which someone comes to read teachers' submitted work — enrolling them as a mentor, making them a
 * group's mentor, putting teachers in their group, re-admitting them or a teacher of their group.
 */
export type CohortAction = 'manage' | 'appointMentor';

export interface CohortFacts {
  /** The cohort's city. */
  municipalityId: string;
  /** For `appointMentor`: the mentor the step appoints (who would read teachers' work after it), or null when nobody. */
  mentorId?: string | null;
}

/**
 * Who may manage a cohort: the city's department admins and the network's. Teachers and mentors
 * take part in cohorts but never manage them; their own pages are the progress feature's.
 *
 * Nobody grants themselves access to someone's reflective work (SPEC §4): a manager may make
 * anyone else a teacher's mentor of record, never themselves. Another admin of the city, or a
 * network admin, must do that, and the audit log then names both the one who did it and the one
 * given access.
 */
export function canCohort(actor: Actor, action: CohortAction, cohort: CohortFacts): boolean {
  const manages = isNetworkAdmin(actor) || administeredMunicipalityIds(actor).includes(cohort.municipalityId);
  switch (action) {
    case 'manage':
      return manages;
    case 'appointMentor':
      return manages && cohort.mentorId !== actor.id;
  }
}

/** A cohort runs a city's programme (never a network template), started by that city's admins or the network's. */
export function canStartCohortFrom(actor: Actor, programme: { municipalityId: string | null }): boolean {
  if (programme.municipalityId === null) return false;
  return canCohort(actor, 'manage', { municipalityId: programme.municipalityId });
}
