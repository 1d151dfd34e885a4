import { ownerActions, type ProgressAction, type ProgressStatus, transition, type TransitionContext } from './progress-state.js';

const owner = (method: TransitionContext['method'], extra: Partial<TransitionContext> = {}): TransitionContext => ({
  method,
  relation: 'owner',
  memberWithdrawn: false,
  locked: false,
  ...extra,
});
const reviewer = (method: TransitionContext['method'], extra: Partial<TransitionContext> = {}): TransitionContext => ({
  method,
  relation: 'reviewer',
  memberWithdrawn: false,
  locked: false,
  ...extra,
});

describe('module progress state machine', () => {
  it('lets a teacher start a module and mark a self-completed one done', () => {
    expect(transition('not_started', 'start', owner('self'))).toEqual({ ok: true, to: 'in_progress' });
    expect(transition('in_progress', 'markDone', owner('self'))).toEqual({ ok: true, to: 'approved' });
  });

  it('runs submit, return with a comment, resubmit and approve for an approval module', () => {
    expect(transition('in_progress', 'submit', owner('approval'))).toEqual({ ok: true, to: 'submitted' });
    expect(transition('submitted', 'return', reviewer('approval', { comment: 'Add an example' }))).toEqual({ ok: true, to: 'returned' });
    expect(transition('returned', 'resubmit', owner('approval'))).toEqual({ ok: true, to: 'submitted' });
    expect(transition('submitted', 'approve', reviewer('approval'))).toEqual({ ok: true, to: 'approved' });
  });

  it('approves an attendance module when a reviewer records attendance, started or not', () => {
    expect(transition('not_started', 'recordAttendance', reviewer('attendance'))).toEqual({ ok: true, to: 'approved' });
    expect(transition('in_progress', 'recordAttendance', reviewer('attendance'))).toEqual({ ok: true, to: 'approved' });
    expect(transition('approved', 'recordAttendance', reviewer('attendance'))).toEqual({ ok: false, reason: 'wrongState' });
  });

  it('refuses to skip states', () => {
    expect(transition('not_started', 'markDone', owner('self'))).toEqual({ ok: false, reason: 'wrongState' });
    expect(transition('in_progress', 'approve', reviewer('approval'))).toEqual({ ok: false, reason: 'wrongState' });
    expect(transition('approved', 'start', owner('self'))).toEqual({ ok: false, reason: 'wrongState' });
    expect(transition('returned', 'approve', reviewer('approval'))).toEqual({ ok: false, reason: 'wrongState' });
    expect(transition('submitted', 'submit', owner('approval'))).toEqual({ ok: false, reason: 'wrongState' });
  });

  it('refuses the completion path the module does not use', () => {
    expect(transition('in_progress', 'markDone', owner('approval'))).toEqual({ ok: false, reason: 'wrongMethod' });
    expect(transition('in_progress', 'submit', owner('self'))).toEqual({ ok: false, reason: 'wrongMethod' });
    expect(transition('in_progress', 'markDone', owner('attendance'))).toEqual({ ok: false, reason: 'wrongMethod' });
    expect(transition('in_progress', 'recordAttendance', reviewer('self'))).toEqual({ ok: false, reason: 'wrongMethod' });
  });

  it('never lets the owner approve or return their own work, nor a reviewer act for the teacher', () => {
    expect(transition('submitted', 'approve', owner('approval'))).toEqual({ ok: false, reason: 'notAllowed' });
    expect(transition('submitted', 'return', owner('approval', { comment: 'x' }))).toEqual({ ok: false, reason: 'notAllowed' });
    expect(transition('not_started', 'recordAttendance', owner('attendance'))).toEqual({ ok: false, reason: 'notAllowed' });
    expect(transition('not_started', 'start', reviewer('self'))).toEqual({ ok: false, reason: 'notAllowed' });
    expect(transition('submitted', 'approve', { ...reviewer('approval'), relation: 'other' })).toEqual({ ok: false, reason: 'notAllowed' });
  });

  it('requires a comment to return work', () => {
    expect(transition('submitted', 'return', reviewer('approval'))).toEqual({ ok: false, reason: 'commentRequired' });
    expect(transition('submitted', 'return', reviewer('approval', { comment: '   ' }))).toEqual({ ok: false, reason: 'commentRequired' });
  });

  it('refuses to start a locked module, or to hand in work for one', () => {
    expect(transition('not_started', 'start', owner('self', { locked: true }))).toEqual({ ok: false, reason: 'locked' });
    expect(transition('not_started', 'submit', owner('approval', { locked: true }))).toEqual({ ok: false, reason: 'locked' });
  });

  it('starts an approval module by handing in work: no separate start', () => {
    expect(transition('not_started', 'submit', owner('approval'))).toEqual({ ok: true, to: 'submitted' });
  });

  it('lets the teacher withdraw work before it is reviewed, and only then', () => {
    expect(transition('submitted', 'withdraw', owner('approval'))).toEqual({ ok: true, to: 'in_progress' });
    expect(transition('approved', 'withdraw', owner('approval'))).toEqual({ ok: false, reason: 'wrongState' });
    expect(transition('returned', 'withdraw', owner('approval'))).toEqual({ ok: false, reason: 'wrongState' });
    expect(transition('submitted', 'withdraw', reviewer('approval'))).toEqual({ ok: false, reason: 'notAllowed' });
  });

  it('lets the reviewer undo an approval only within the window', () => {
    expect(transition('approved', 'undoApproval', reviewer('approval', { withinUndoWindow: true }))).toEqual({ ok: true, to: 'submitted' });
    expect(transition('approved', 'undoApproval', reviewer('approval', { withinUndoWindow: false }))).toEqual({ ok: false, reason: 'undoWindowPassed' });
    expect(transition('returned', 'undoApproval', reviewer('approval', { withinUndoWindow: true }))).toEqual({ ok: false, reason: 'wrongState' });
    expect(transition('approved', 'undoApproval', owner('approval', { withinUndoWindow: true }))).toEqual({ ok: false, reason: 'notAllowed' });
  });

  it('moves nothing of a withdrawn member, whoever asks', () => {
    const actions: [ProgressStatus, ProgressAction, TransitionContext][] = [
      ['not_started', 'start', owner('self', { memberWithdrawn: true })],
      ['submitted', 'approve', reviewer('approval', { memberWithdrawn: true })],
      ['not_started', 'recordAttendance', reviewer('attendance', { memberWithdrawn: true })],
    ];
    for (const [from, action, context] of actions) expect(transition(from, action, context)).toEqual({ ok: false, reason: 'withdrawn' });
  });

  it('lets the teacher hand in again work waiting for a review that will not come, since their mentor changed after they handed it in', () => {
    expect(transition('submitted', 'resubmit', owner('approval', { submissionPredatesMentor: true }))).toEqual({ ok: true, to: 'submitted' });
    expect(transition('submitted', 'resubmit', owner('approval'))).toEqual({ ok: false, reason: 'wrongState' });
    expect(transition('approved', 'resubmit', owner('approval', { submissionPredatesMentor: true }))).toEqual({ ok: false, reason: 'wrongState' });
    expect(transition('submitted', 'resubmit', reviewer('approval', { submissionPredatesMentor: true }))).toEqual({ ok: false, reason: 'notAllowed' });
    expect(ownerActions('submitted', 'approval', false, true)).toEqual(['resubmit', 'withdraw']);
    expect(ownerActions('submitted', 'approval', false)).toEqual(['withdraw']);
  });

  it('offers the teacher exactly the actions that are valid now', () => {
    expect(ownerActions('not_started', 'approval', false)).toEqual(['submit']);
    expect(ownerActions('not_started', 'approval', true)).toEqual([]);
    expect(ownerActions('not_started', 'self', false)).toEqual(['start']);
    expect(ownerActions('not_started', 'attendance', false)).toEqual([]);
    expect(ownerActions('in_progress', 'self', false)).toEqual(['markDone']);
    expect(ownerActions('in_progress', 'approval', false)).toEqual(['submit']);
    expect(ownerActions('in_progress', 'attendance', false)).toEqual([]);
    expect(ownerActions('returned', 'approval', false)).toEqual(['resubmit']);
    expect(ownerActions('approved', 'self', false)).toEqual([]);
  });
});
