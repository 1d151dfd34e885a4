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

/** The stages in the order lists show them: what is happening now first. */
export const cohortStageOrderSql = (stage: string) => `array_position(ARRAY['running','upcoming','finished'], ${stage})`;
