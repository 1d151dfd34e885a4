/**
 * Where a cohort stands by its dates, in its city's calendar: upcoming before its first day,
 * running from its first day to its last (both included), finished after that. Every figure that
 * counts "running" cohorts, and every teacher status, goes by this one rule (README, "Status rules").
 */
export const COHORT_STAGES = ['upcoming', 'running', 'finished'] as const;
export type CohortStage = (typeof COHORT_STAGES)[number];

/** Today in the city of the municipality row `municipality` (an alias in the statement). */
export const cityTodaySql = (municipality: string) => `(now() AT TIME ZONE ${municipality}.time_zone)::date`;

/** The stage of the cohort row `cohort` of the municipality row `municipality`, as SQL. */
export const cohortStageSql = (cohort: string, municipality: string) =>
  `CASE WHEN ${cityTodaySql(municipality)} < ${cohort}.starts_on THEN 'upcoming'
        WHEN ${cityTodaySql(municipality)} > ${cohort}.ends_on THEN 'finished'
        ELSE 'running' END`;

/**
 * "The cohort is running", as a WHERE condition: the same rule as `cohortStageSql(...) = 'running'`,
 * written as a range so that the planner estimates how many cohorts pass (it cannot see through the
 * CASE, guessed one row, and joined the statuses of 200,000 teachers by nested loops: over two
 * minutes for the network's figures, 8 s as a range; measured with bench/dashboards-scale.mjs).
 */
export const cohortRunningSql = (cohort: string, municipality: string) => `${cityTodaySql(municipality)} BETWEEN ${cohort}.starts_on AND ${cohort}.ends_on`;

/** The stages in the order lists show them: what is happening now first. */
export const cohortStageOrderSql = (stage: string) => `array_position(ARRAY['running','upcoming','finished'], ${stage})`;
