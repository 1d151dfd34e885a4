import { administeredMunicipalityIds, isNetworkAdmin, type Actor } from '../auth/actor.js';

/**
 * Who may do what to a mentoring session (SPEC §3, §4), decided here only:
 * - `view`: its mentor, its participants, and the city's department admins (and the network's),
 *   who see its logistics — when, where, who takes part, its status and who attended — never
 *   its agenda, shared notes, action items or private notes.
 * - `readSharedNotes` (the agenda, which may be drafted from goals and action items, the shared
 *   notes and the action items): its mentor and its participants. Never an admin, not even one who
 *   scheduled the session for its mentor (`canScheduleFor`): what a session is about stays between
 *   the mentor and the teachers; the department sees that it happens.
 * - `readPrivateNotes` / `writePrivateNotes`: its mentor only. Nobody else, whatever their role.
 * - `run` (agenda, shared notes, attendance, action items): its mentor.
 * - `reschedule` / `cancel`: its mentor, and the city's department admins.
 * - `cancelBooking`: a participant of a booked session, before the slot's cut-off.
 */
export type SessionAction = 'view' | 'readSharedNotes' | 'readPrivateNotes' | 'writePrivateNotes' | 'run' | 'reschedule' | 'cancel' | 'cancelBooking';

export interface SessionFacts {
  municipalityId: string;
  mentorId: string;
  isParticipant: boolean;
  status: 'scheduled' | 'cancelled';
  slotId: string | null;
  startsAt: Date;
  cancelCutoffHours: number;
}

function administers(actor: Actor, municipalityId: string): boolean {
  return isNetworkAdmin(actor) || administeredMunicipalityIds(actor).includes(municipalityId);
}

export function canSession(actor: Actor, action: SessionAction, s: SessionFacts, now: Date = new Date()): boolean {
  const isMentor = s.mentorId === actor.id;
  switch (action) {
    case 'view':
      return isMentor || s.isParticipant || administers(actor, s.municipalityId);
    case 'readSharedNotes':
      return isMentor || s.isParticipant;
    case 'readPrivateNotes':
    case 'writePrivateNotes':
      return isMentor;
    case 'run':
      return isMentor;
    case 'reschedule':
    case 'cancel':
      return s.status === 'scheduled' && (isMentor || administers(actor, s.municipalityId));
    case 'cancelBooking':
      return (
        s.status === 'scheduled' &&
        s.isParticipant &&
        s.slotId !== null &&
        now.getTime() <= s.startsAt.getTime() - s.cancelCutoffHours * 3600_000
      );
  }
}

export interface SchedulingFacts {
  /** The mentor whose session it would be. */
  mentorId: string;
  /** The city of the cohort its participants come from. */
  municipalityId: string;
}

/**
 * Who may schedule a session for a mentor (issue 11 §1), with that mentor's current mentees only
 * (checked by the service against the mentor's groups):
 * - the mentor themselves;
 * - a department admin of the cohort's city, for any mentor of their city. Not a network admin:
 *   planning a city's mentors' time is its department's. Scheduling grants nothing more than any
 *   session of their city already gives them (`view`, `reschedule`, `cancel`): no agenda, notes or
 *   action items — so the form offers them no drafted agenda either.
 * Never another mentor: a mentor schedules only their own sessions.
 */
export function canScheduleFor(actor: Actor, f: SchedulingFacts): boolean {
  return f.mentorId === actor.id || administeredMunicipalityIds(actor).includes(f.municipalityId);
}
