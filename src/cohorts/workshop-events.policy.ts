import { administeredMunicipalityIds, isNetworkAdmin, type Actor } from '../auth/actor.js';

/** What is done to a workshop's events in a cohort: schedule one, change its time or place, cancel it. */
export type WorkshopEventAction = 'create' | 'edit' | 'cancel';

export interface WorkshopEventFacts {
  /** The cohort's city. */
  municipalityId: string;
  /** For edit and cancel: the event's state. */
  status?: 'scheduled' | 'cancelled';
  /** For cancel: how many teachers' attendance is recorded at it. */
  attended?: number;
}

/**
 * Who manages a cohort's workshop events: those who manage the cohort (its city's department admins,
 * and the network's admins). Teachers and mentors see the events (path, calendar, feed) and mentors
 * take their groups' attendance at them (progress.policy), but never schedule them. A cancelled
 * event stays as it was; an event with attendance recorded is not cancelled (what happened is kept:
 * take the attendance back first).
 */
export function canWorkshopEvent(actor: Actor, action: WorkshopEventAction, event: WorkshopEventFacts): boolean {
  const manages = isNetworkAdmin(actor) || administeredMunicipalityIds(actor).includes(event.municipalityId);
  if (!manages) return false;
  switch (action) {
    case 'create':
      return true;
    case 'edit':
      return event.status === 'scheduled';
    case 'cancel':
      return event.status === 'scheduled' && (event.attended ?? 0) === 0;
  }
}
