/**
 * Early warning (issue 14 §7): from each teacher's pace so far, when they will finish the required
 * modules, and who is projected past the cohort's end while there is still time to help. The rules,
 * as README's "Early warning" table states them:
 *
 * | rule            | fires when                                                                               |
 * |-----------------|------------------------------------------------------------------------------------------|
 * | projected_late  | ≥ 60 days in, ≥ 1 required module approved, some left, and today + (left × days so far ÷ approved) is after the cohort's last day |
 * | no_pace         | ≥ 60 days in, no required module approved yet, some left                                  |
 *
 * "Days so far" count from the later of the cohort's first day and the teacher's joining. Before
 * 60 days a pace says little, so nothing is projected; a teacher with nothing left is not flagged.
 */
export const PACE_MIN_DAYS = 60;
export const EARLY_WARNING_RULES = ['projected_late', 'no_pace'] as const;
export type EarlyWarningRule = (typeof EARLY_WARNING_RULES)[number];

export interface PaceFigures {
  requiredApproved: number;
  modulesRequired: number;
  /** Days from the later of the cohort's start and the teacher's joining, to today. */
  daysSoFar: number;
  /** Days from today to the cohort's last day (negative once it has passed). */
  daysLeft: number;
}

export interface Projection {
  rule: EarlyWarningRule | null;
  /** Days from today until the required modules are done at this pace; null when there is no pace. */
  daysToFinish: number | null;
  /** Required modules approved per 30 days so far, to one decimal. */
  pacePer30: number | null;
}

export function project(f: PaceFigures): Projection {
  const left = f.modulesRequired - f.requiredApproved;
  if (f.daysSoFar < PACE_MIN_DAYS || left <= 0) return { rule: null, daysToFinish: null, pacePer30: f.daysSoFar > 0 ? pace(f) : null };
  if (f.requiredApproved === 0) return { rule: 'no_pace', daysToFinish: null, pacePer30: 0 };
  const daysToFinish = Math.ceil((left * f.daysSoFar) / f.requiredApproved);
  return { rule: daysToFinish > f.daysLeft ? 'projected_late' : null, daysToFinish, pacePer30: pace(f) };
}

function pace(f: PaceFigures): number {
  return Math.round((300 * f.requiredApproved) / f.daysSoFar) / 10;
}
