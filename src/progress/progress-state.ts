/**
 * The life of one teacher's progress on one module, as a pure function so every rule can be
 * tested without a database: who may move it, from which state, to which.
 *
 *   not_started → in_progress → approved                 (self: "mark done")
 *   not_started | in_progress → submitted → approved     (approval: handing in is the start; a reviewer approves)
 *                                         → returned → submitted (resubmit)
 *                               submitted → in_progress  (withdraw: the teacher takes it back before review)
 *                               approved  → submitted    (undoApproval: the reviewer, within UNDO_APPROVAL_MINUTES)
 *                               submitted → submitted    (resubmit, when the teacher's mentor changed since:
 *                                                         the new mentor reads only what is handed in to them)
 *   not_started | in_progress → approved                 (attendance: recorded by a reviewer)
 */
export const PROGRESS_STATUSES = ['not_started', 'in_progress', 'submitted', 'approved', 'returned'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

export const COMPLETION_METHODS = ['self', 'approval', 'attendance'] as const;
export type CompletionMethod = (typeof COMPLETION_METHODS)[number];

export type ProgressAction = 'start' | 'markDone' | 'submit' | 'resubmit' | 'withdraw' | 'approve' | 'return' | 'undoApproval' | 'recordAttendance' | 'correctAttendance';

/** How long a reviewer may take back an approval (enforced on the server, said on the review page). */
export const UNDO_APPROVAL_MINUTES = 10;

/** Who is acting on this row: the teacher whose progress it is, or a reviewer the policy allows this move (progress.policy's progressRelation). */
export type ActorRelation = 'owner' | 'reviewer' | 'other';

export interface TransitionContext {
  method: CompletionMethod;
  relation: ActorRelation;
  /** The teacher has withdrawn from the cohort: nothing of theirs moves. */
  memberWithdrawn: boolean;
  /** Prerequisites not approved or the window not open yet (checked when starting). */
  locked: boolean;
  /** The work was handed in before the teacher's current mentor became so: nobody will review it until it is handed in again. */
  submissionPredatesMentor?: boolean;
  comment?: string;
  /** undoApproval: the approval being undone was made by this reviewer less than UNDO_APPROVAL_MINUTES ago. */
  withinUndoWindow?: boolean;
}

export type TransitionRefusal = 'withdrawn' | 'notAllowed' | 'wrongMethod' | 'wrongState' | 'locked' | 'commentRequired' | 'undoWindowPassed';

export type TransitionResult = { ok: true; to: ProgressStatus } | { ok: false; reason: TransitionRefusal };

interface Edge {
  from: ProgressStatus[];
  to: ProgressStatus;
  by: ActorRelation;
  methods: CompletionMethod[];
}

const EDGES: Record<ProgressAction, Edge> = {
  start: { from: ['not_started'], to: 'in_progress', by: 'owner', methods: ['self', 'approval', 'attendance'] },
  markDone: { from: ['in_progress'], to: 'approved', by: 'owner', methods: ['self'] },
  submit: { from: ['not_started', 'in_progress'], to: 'submitted', by: 'owner', methods: ['approval'] },
  resubmit: { from: ['returned'], to: 'submitted', by: 'owner', methods: ['approval'] },
  withdraw: { from: ['submitted'], to: 'in_progress', by: 'owner', methods: ['approval'] },
  approve: { from: ['submitted'], to: 'approved', by: 'reviewer', methods: ['approval'] },
  return: { from: ['submitted'], to: 'returned', by: 'reviewer', methods: ['approval'] },
  undoApproval: { from: ['approved'], to: 'submitted', by: 'reviewer', methods: ['approval'] },
  recordAttendance: { from: ['not_started', 'in_progress'], to: 'approved', by: 'reviewer', methods: ['attendance'] },
  // Attendance recorded by mistake is taken back by whoever records it; the history keeps both moves.
  correctAttendance: { from: ['approved'], to: 'not_started', by: 'reviewer', methods: ['attendance'] },
};

export function transition(current: ProgressStatus, action: ProgressAction, context: TransitionContext): TransitionResult {
  const edge = EDGES[action];
  if (context.memberWithdrawn) return { ok: false, reason: 'withdrawn' };
  // A reviewer is never the owner (progressRelation says owner first), so nobody approves their own work.
  if (context.relation !== edge.by) return { ok: false, reason: 'notAllowed' };
  if (!edge.methods.includes(context.method)) return { ok: false, reason: 'wrongMethod' };
  const waitingForNobody = action === 'resubmit' && current === 'submitted' && context.submissionPredatesMentor === true;
  if (!edge.from.includes(current) && !waitingForNobody) return { ok: false, reason: 'wrongState' };
  if ((action === 'start' || action === 'submit') && context.locked) return { ok: false, reason: 'locked' };
  // Only while the reviewer's approval is recent (the caller says whether it is, from the database's clock).
  if (action === 'undoApproval' && !context.withinUndoWindow) return { ok: false, reason: 'undoWindowPassed' };
  if (action === 'return' && !context.comment?.trim()) return { ok: false, reason: 'commentRequired' };
  return { ok: true, to: edge.to };
}

/** The actions a teacher can take on their own row now, for the module page's buttons. */
export function ownerActions(current: ProgressStatus, method: CompletionMethod, locked: boolean, submissionPredatesMentor = false): ProgressAction[] {
  return (['start', 'markDone', 'submit', 'resubmit', 'withdraw'] as const).filter(
    (action) =>
      // Starting means something only for a module the teacher marks done: handing in work starts the rest, and a workshop is attended.
      (action !== 'start' || method === 'self') &&
      transition(current, action, { method, relation: 'owner', memberWithdrawn: false, locked, submissionPredatesMentor }).ok,
  );
}
