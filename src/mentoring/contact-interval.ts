/**
 * Days a mentor may go without meeting a mentee (an attended mentoring session) before the mentee
 * stands out: on the mentor's home and in the department's mentor load. The programme has no
 * setting for it yet; README, "Homes".
 */
export const CONTACT_INTERVAL_DAYS = 30;
