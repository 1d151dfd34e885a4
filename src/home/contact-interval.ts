/**
 * Days a mentor may go without meeting a mentee (an attended mentoring session) before the
 * mentee stands out on the mentor's home. The programme has no setting for it yet; README, "Homes".
 */
export const CONTACT_INTERVAL_DAYS = 30;

/** How the mentor's mentee table can be sorted (`?sort=`); each is one named statement. */
export const MENTEE_SORTS = ['name', 'status', 'contact'] as const;
export type MenteeSort = (typeof MENTEE_SORTS)[number];
