import { localDay, localTime, zonedInstant } from '../../src/reminders/quiet-time.js';

/** The test city's time zone (the factories' cities are in it). */
export const CITY_TZ = 'Asia/Jerusalem';

/** Days from the city's today to the next day with one of the given weekdays (0 = Sunday), today included. */
export function daysTo(weekdays: number[]): number {
  const today = localTime(new Date(), CITY_TZ);
  for (let d = 0; d < 7; d++) if (weekdays.includes((today.weekday + d) % 7)) return d;
  throw new Error('unreachable');
}

/** The instant the city's clock reads hh:mm, `offset` days from its today. */
export function cityTime(offset: number, hh: number, mm = 0): Date {
  const today = localTime(new Date(), CITY_TZ);
  return zonedInstant(today.year, today.month, today.day, hh * 60 + mm, CITY_TZ, offset);
}

/** The city's calendar day `offset` days from its today, as YYYY-MM-DD. */
export function cityDay(offset: number): string {
  return localDay(cityTime(offset, 12), CITY_TZ);
}

/** Days from the city's today to the first of next month. */
export function daysToNextMonth(): number {
  const today = localTime(new Date(), CITY_TZ);
  const daysInMonth = new Date(Date.UTC(today.year, today.month, 0)).getUTCDate();
  return daysInMonth - today.day + 1;
}

/** A working day (Sunday to Thursday) from today, so that 10:00 on it is outside quiet hours. */
export const WORKDAY = daysTo([0, 1, 2, 3]);
