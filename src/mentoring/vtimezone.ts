/**
 * A VTIMEZONE component (RFC 5545 §3.6.5) for an IANA zone, built from the time-zone data Node
 * itself carries (ICU, updated with Node), so it needs no network and no copy of the tz database.
 *
 * Why not a package: `@touch4it/ical-timezones` (the one ical-generator's README names) ships
 * VTIMEZONEs generated from the 2018 tz data as yearly RRULEs; its Asia/Jerusalem says summer time
 * starts on the last Friday of March (`BYDAY=-1FR`), while Israel's rule is the Friday before the
 * last Sunday — they differ whenever 31 March is a Friday (2028, 2034...). Israel's rule, like many,
 * has no RRULE form, so this writes each change of the years asked for as its own onset instead:
 * exact for every year the feed holds, whatever the zone's rules.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at `instant`, in minutes (Asia/Jerusalem in summer: 180). */
export function zoneOffsetMinutes(timeZone: string, instant: number): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    offsetFormats.set(timeZone, format);
  }
  const name = format.formatToParts(instant).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const match = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
  if (!match) return 0;
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}

export interface ZoneChange {
  /** The first instant (ms) on the new offset. */
  at: number;
  offsetFrom: number;
  offsetTo: number;
}

/** Every change of offset from the start of `fromYear` to the end of `toYear` (UTC years). */
export function zoneChanges(timeZone: string, fromYear: number, toYear: number): ZoneChange[] {
  const changes: ZoneChange[] = [];
  const end = Date.UTC(toYear + 1, 0, 1);
  let t = Date.UTC(fromYear, 0, 1);
  let offset = zoneOffsetMinutes(timeZone, t);
  while (t < end) {
    const next = Math.min(t + DAY, end);
    const nextOffset = zoneOffsetMinutes(timeZone, next);
    if (nextOffset !== offset) {
      // Offsets change on a whole minute: search the minutes between t (old offset) and next (new).
      let lo = t / MINUTE;
      let hi = next / MINUTE;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (zoneOffsetMinutes(timeZone, mid * MINUTE) === offset) lo = mid;
        else hi = mid;
      }
      changes.push({ at: hi * MINUTE, offsetFrom: offset, offsetTo: nextOffset });
      offset = nextOffset;
    }
    t = next;
  }
  return changes;
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

/** A UTC instant shifted by `offset` minutes, as an iCal local DATE-TIME (no zone). */
function localStamp(instant: number, offset: number): string {
  return new Date(instant + offset * MINUTE).toISOString().replace(/[-:]/g, '').slice(0, 15);
}

/**
 * The VTIMEZONE of `timeZone` for the years `fromYear`..`toYear`: a first onset (the offset at the
 * start of the range, dated 1970 as is customary, so no time of the range falls before the first
 * onset), and one STANDARD or DAYLIGHT onset per change within it. DAYLIGHT is an
 * offset above the zone's lowest one in the range. Null for a name Node does not know.
 */
export function vtimezone(timeZone: string, fromYear: number, toYear: number): string | null {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    return null;
  }
  const start = Date.UTC(fromYear, 0, 1);
  const first = zoneOffsetMinutes(timeZone, start);
  const changes = zoneChanges(timeZone, fromYear, toYear);
  const standard = Math.min(first, ...changes.map((c) => c.offsetTo));
  const onsets = [{ at: Date.UTC(1970, 0, 1) - first * MINUTE, offsetFrom: first, offsetTo: first }, ...changes];
  const lines = ['BEGIN:VTIMEZONE', `TZID:${timeZone}`, `X-LIC-LOCATION:${timeZone}`];
  for (const o of onsets) {
    const kind = o.offsetTo > standard ? 'DAYLIGHT' : 'STANDARD';
    lines.push(
      `BEGIN:${kind}`,
      `DTSTART:${localStamp(o.at, o.offsetFrom)}`,
      `TZOFFSETFROM:${formatOffset(o.offsetFrom)}`,
      `TZOFFSETTO:${formatOffset(o.offsetTo)}`,
      `END:${kind}`,
    );
  }
  lines.push('END:VTIMEZONE');
  return lines.join('\r\n');
}
