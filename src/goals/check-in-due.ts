/**
 * When a goal's next check-in is due, as SQL: one definition for the goals pages, the home page
 * and the "goal check-in due" reminder. Over the goal row `g` and its owner's city row `omu`
 * (left-joined: a person may have none); `GOAL_LAST_CHECK_IN` joins the latest check-in as `last`.
 */
export const GOAL_LAST_CHECK_IN = `LEFT JOIN LATERAL (SELECT ci.checked_on, ci.rating FROM goal_check_in ci WHERE ci.goal_id = g.id ORDER BY ci.checked_on DESC, ci.created_at DESC LIMIT 1) last ON true`;

/** The day the next check-in is due: the last one (else the day the goal was set) plus its rhythm. */
export const GOAL_CHECK_IN_DUE_ON = `(coalesce(last.checked_on, (g.created_at AT TIME ZONE coalesce(omu.time_zone, 'Asia/Jerusalem'))::date) + g.check_in_every_days)`;
