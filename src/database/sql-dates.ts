/**
 * SQL for a calendar day (a `date` column) as noon UTC in ISO form, so formatting it in any Israeli
 * time zone shows the same day. NULL stays NULL.
 */
export const dayAsNoonUtc = (column: string) => `to_char(${column}, 'YYYY-MM-DD') || 'T12:00:00Z'`;
