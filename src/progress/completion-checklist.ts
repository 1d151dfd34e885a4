import type { CompletionRule, TeacherCompletion, TeacherStanding } from './completion-status.repository.js';

/** One completion rule as the teacher reads it: `{{t messageKey vars=vars}}`, and why it cannot be met yet. */
export interface ChecklistItem {
  rule: CompletionRule;
  met: boolean;
  messageKey: string;
  vars: { done: number; needed: number };
  /** Set when the app does not record what the rule counts yet, so nobody can meet it here for now. */
  noteKey: string | null;
}

type Figures = Pick<
  TeacherCompletion,
  | 'requiredApproved'
  | 'modulesRequired'
  | 'sessionsAttended'
  | 'sessionsRecorded'
  | 'minSessions'
  | 'reflections'
  | 'reflectionsRecorded'
  | 'minReflections'
  | 'attendancePct'
  | 'minAttendancePct'
  | 'unmetRules'
>;

/**
 * The programme's completion rules with the teacher's own figures, in a fixed order: each rule the
 * programme sets (a minimum of 0 sets none), met or not. Whether a rule is met is the status
 * statement's word (`unmetRules`), never worked out again here.
 */
export function completionChecklist(figures: Figures): ChecklistItem[] {
  const item = (rule: CompletionRule, done: number, needed: number, notRecorded = false, messageRule: string = rule): ChecklistItem => ({
    rule,
    met: !figures.unmetRules.includes(rule),
    messageKey: `progress.completion.rules.${messageRule}`,
    vars: { done, needed },
    noteKey: notRecorded ? `progress.completion.notRecorded.${rule}` : null,
  });
  const items: ChecklistItem[] = [];
  if (figures.modulesRequired > 0) items.push(item('required_modules', figures.requiredApproved, figures.modulesRequired));
  if (figures.minSessions > 0) items.push(item('mentoring_sessions', figures.sessionsAttended, figures.minSessions, !figures.sessionsRecorded));
  if (figures.minReflections > 0) items.push(item('reflections', figures.reflections, figures.minReflections, !figures.reflectionsRecorded));
  if (figures.minAttendancePct > 0) {
    const none = figures.attendancePct === null;
    items.push(
      item('workshop_attendance', figures.attendancePct ?? 0, figures.minAttendancePct, false, none ? 'workshop_attendance_none' : 'workshop_attendance'),
    );
  }
  return items;
}

/**
 * Where the teacher stands in a cohort as their pages show it: the status and its reasons, and,
 * until they have completed, each completion rule with their figures (which one is unmet, and why
 * it cannot be met yet when the app does not record what it counts).
 */
export function standingView(standing: TeacherStanding) {
  const active = standing.status !== 'withdrawn' && standing.status !== 'completed';
  return {
    ...standing,
    completed: standing.status === 'completed',
    notStartedYet: standing.status === 'not_started',
    reasonKeys: standing.reasons.map((r) => `cohortReports.reasons.${r}`),
    checklist: active ? completionChecklist(standing) : [],
  };
}
