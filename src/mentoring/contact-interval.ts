/**
 * Days a mentor may go without meeting a mentee (an attended mentoring session) before the mentee
 * stands out, on the mentor's home and in the department's mentor load: each programme sets its
 * own (`programme.contact_interval_days`, 7 to 180); this is a new programme's, and every
 * programme's before the setting existed.
 */
export const CONTACT_INTERVAL_DAYS = 30;
export const CONTACT_INTERVAL_MIN_DAYS = 7;
export const CONTACT_INTERVAL_MAX_DAYS = 180;
