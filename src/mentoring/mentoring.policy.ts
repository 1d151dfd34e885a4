import { administeredMunicipalityIds, isNetworkAdmin, type Actor } from '../auth/actor.js';

/**
 * Who may do what to a mentoring session (SPEC §3, §4), decided here only:
 * - `view`: its mentor, its participants, and the city's department admins (and the network's),
 *   who see when, where and who attended — figures, never notes.
 * - `readSharedNotes`: its mentor and its participants.
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
