/** How the mentor's mentee table can be sorted (`?sort=`); each is one named statement. */
export const MENTEE_SORTS = ['name', 'status', 'contact'] as const;
export type MenteeSort = (typeof MENTEE_SORTS)[number];
