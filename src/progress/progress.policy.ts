import { administeredMunicipalityIds, type Actor } from '../auth/actor.js';
import type { ActorRelation, ProgressAction } from './progress-state.js';

/** The moves of progress-state, and reading what a teacher handed in: the review page, the file. */
export type ProgressPolicyAction = ProgressAction | 'openSubmission' | 'downloadFile';

/** The facts about one teacher's progress on a module that access depends on, as its scoped lookup found them. */
export interface ProgressRecord {
  teacherId: string;
  /** Whoever leads the teacher's mentor group while still an active mentor of the cohort; null when nobody does. */
  mentorId: string | null;
  /** The cohort's city. */
  municipalityId: string;
  /** The work was handed in (or again) at or after the moment the mentor of record became the teacher's mentor. */
  submittedSinceMentor: boolean;
}

/**
 * Who may do what to a teacher's progress. The teacher moves their own work along. Their mentor of
 * record reads and reviews what was handed in while they were the teacher's mentor (never what
 * came before: that waits for the teacher to hand it in again), and takes their workshop attendance. A department admin of the city
 * takes any teacher's workshop attendance but never reads submitted work (SPEC §4: a department
 * sees statuses, counts and dates, not what teachers wrote). Nobody reviews their own progress, and
 * a network admin has no part in it.
 */
export function canProgress(actor: Actor, action: ProgressPolicyAction, record: ProgressRecord): boolean {
  const own = record.teacherId === actor.id;
  const mentorOfRecord = !own && record.mentorId === actor.id;
  const readsTheWork = mentorOfRecord && record.submittedSinceMentor;
  switch (action) {
    case 'start':
    case 'markDone':
    case 'submit':
    case 'resubmit':
    case 'withdraw':
      return own;
    case 'approve':
    case 'return':
    case 'undoApproval':
    case 'openSubmission':
      return readsTheWork;
    case 'downloadFile':
      return own || readsTheWork;
    case 'recordAttendance':
    case 'correctAttendance':
      return mentorOfRecord || (!own && administeredMunicipalityIds(actor).includes(record.municipalityId));
  }
}

/** Who the actor is to the record for a move, as transition() asks it: the teacher, a reviewer allowed this move, or nobody. */
export function progressRelation(actor: Actor, action: ProgressAction, record: ProgressRecord): ActorRelation {
  if (record.teacherId === actor.id) return 'owner';
  return canProgress(actor, action, record) ? 'reviewer' : 'other';
}

/** Whose attendance at a cohort's workshops a person takes: every teacher's, their own groups', or nobody's. */
export type AttendanceReach = 'cohort' | 'ownGroups' | null;

/**
 * A department admin of the cohort's city takes the whole register; a mentor leading one of the
 * cohort's groups (while still an active mentor of it) takes their own groups' part.
 */
export function attendanceReach(actor: Actor, cohort: { municipalityId: string; actorLeadsGroup: boolean }): AttendanceReach {
  if (administeredMunicipalityIds(actor).includes(cohort.municipalityId)) return 'cohort';
  return cohort.actorLeadsGroup ? 'ownGroups' : null;
}
