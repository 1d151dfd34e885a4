import type { QuietHours } from '../municipalities/quiet-hours.js';

/** A wall-clock reading in a time zone. `weekday`: 0 = Sunday. */
interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function localTime(at: Date, timeZone: string): LocalTime {
  const parts = Object.fromEntries(formatterFor(timeZone).formatToParts(at).map((p) => [p.type, p.value]));
  const year = Number(parts.year);
  const month = Number(parts.month);
  const day = Number(parts.day);
  return { year, month, day, hour: Number(parts.hour), minute: Number(parts.minute), weekday: new Date(Date.UTC(year, month - 1, day)).getUTCDay() };
}

/** The local calendar day as YYYY-MM-DD. */
export function localDay(at: Date, timeZone: string): string {
  const l = localTime(at, timeZone);
  return `${l.year}-${String(l.month).padStart(2, '0')}-${String(l.day).padStart(2, '0')}`;
}

/**
 * The instant a wall clock in `timeZone` reads the given day (`dayOffset` days after y-m-d) and
 * time. Daylight saving is taken from the zone's own rules: the offset is found by reading the
 * clock back, twice, so a reading near a change lands on the right side of it. A time the clock
 * skips (spring forward) maps to the first instant after the gap.
 */
export function zonedInstant(year: number, month: number, day: number, minutes: number, timeZone: string, dayOffset = 0): Date {
  const wanted = Date.UTC(year, month - 1, day + dayOffset, 0, minutes);
  let guess = wanted;
  for (let i = 0; i < 3; i++) {
    const l = localTime(new Date(guess), timeZone);
    const shown = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute);
    if (shown === wanted) return new Date(guess);
    guess += wanted - shown;
  }
  return new Date(guess);
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

const WEEK = 7 * 1440;

/**
 * When sending may resume: `undefined` when `at` is outside every quiet window, else the first
 * instant after the quiet time that holds `at` (and any quiet time that follows it directly: a
 * holiday that ends at midnight in the night window waits for the morning). Quiet time is the
 * nightly window, the weekly windows (Friday afternoon to Saturday evening) and the city's
 * holidays (whole local days), all on the municipality's wall clock.
 */
export function quietUntil(at: Date, quiet: QuietHours, holidays: ReadonlySet<string>, timeZone: string): Date | undefined {
  let t = at;
  for (let step = 0; step < 60; step++) {
    const l = localTime(t, timeZone);
    const minute = l.hour * 60 + l.minute;
    const dayKey = `${l.year}-${String(l.month).padStart(2, '0')}-${String(l.day).padStart(2, '0')}`;
    let next: Date | undefined;
    if (holidays.has(dayKey)) {
      next = zonedInstant(l.year, l.month, l.day, 0, timeZone, 1);
    } else {
      const nightFrom = toMinutes(quiet.nightFrom);
      const nightTo = toMinutes(quiet.nightTo);
      const inNight = nightFrom > nightTo ? minute >= nightFrom || minute < nightTo : minute >= nightFrom && minute < nightTo;
      if (inNight) {
        next = zonedInstant(l.year, l.month, l.day, nightTo, timeZone, minute >= nightTo ? 1 : 0);
      } else {
        const now = l.weekday * 1440 + minute;
        for (const w of quiet.weekly) {
          const from = w.fromDay * 1440 + toMinutes(w.fromTime);
          const to = w.toDay * 1440 + toMinutes(w.toTime);
          const inside = from <= to ? now >= from && now < to : now >= from || now < to;
          if (inside) {
            const ahead = (((to - now) % WEEK) + WEEK) % WEEK;
            const endDays = Math.floor((minute + ahead) / 1440);
            next = zonedInstant(l.year, l.month, l.day, toMinutes(w.toTime), timeZone, endDays);
            break;
          }
        }
      }
    }
    if (!next) return t.getTime() === at.getTime() ? undefined : t;
    t = next;
  }
  return t;
}
