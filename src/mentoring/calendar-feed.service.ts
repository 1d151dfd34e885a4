import { Injectable } from '@nestjs/common';
import ical, { type ICalDateTimeValue, ICalEventStatus } from 'ical-generator';
import { MentoringService } from './mentoring.service.js';
import { vtimezone } from './vtimezone.js';

/**
 * An instant as a wall-clock time of `timeZone`, in the shape of a Temporal.PlainDateTime that
 * ical-generator formats as `DTSTART;TZID=<zone>:<local time>`. (Given a plain Date it would print
 * the server's local clock under the zone's name; Temporal is not in Node 20 and luxon is not ours
 * to depend on.)
 */
export function wallClock(instant: Date, timeZone: string): ICalDateTimeValue {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' })
      .formatToParts(instant)
      .map((p) => [p.type, Number(p.value)]),
  ) as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number>;
  const fields = { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
  const plain: Record<string, unknown> = { ...fields, toPlainDate: () => ({ year: fields.year, month: fields.month, day: fields.day }) };
  const zoned: Record<string, unknown> = {
    ...fields,
    timeZoneId: timeZone,
    toPlainDateTime: () => plain,
    withTimeZone: () => zoned,
    toInstant: () => ({ epochMilliseconds: instant.getTime() }),
  };
  plain.toZonedDateTime = () => zoned;
  return plain as unknown as ICalDateTimeValue;
}

/** The calendar years (on `timeZone`'s clock) the feed's timed events fall in, this year included. */
function yearsOf(instants: Date[], timeZone: string): { from: number; to: number } {
  const year = (d: Date) => Number(new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric' }).format(d));
  const years = [new Date(), ...instants].map(year);
  return { from: Math.min(...years), to: Math.max(...years) };
}

/**
 * A person's private iCal feed: their sessions and their cohorts' workshop events (cancelled ones as
 * STATUS:CANCELLED, so calendar apps drop them) and their modules' due dates, in the municipality's
 * time zone. Timed events are wall-clock times with their zone (`DTSTART;TZID=Asia/Jerusalem:…`),
 * and the feed carries that zone's VTIMEZONE (vtimezone.ts) with every change of offset in the
 * years its events fall in, so a calendar app shows the city's time on both sides of a
 * daylight-saving change. UIDs are the records' ids (stable across fetches); SEQUENCE is the
 * session's or the event's `sequence`, raised by every change.
 * Never a note of any kind: the statement does not read them.
 */
@Injectable()
export class CalendarFeedService {
  constructor(private readonly mentoring: MentoringService) {}

  async render(token: string): Promise<string> {
    const owner = await this.mentoring.feedOwner(token);
    const events = await this.mentoring.feedEvents(owner);
    const timeZone = events[0]?.timeZone ?? 'Asia/Jerusalem';
    const { from, to } = yearsOf(
      events.flatMap((e) => (e.startsAt && e.endsAt ? [e.startsAt, e.endsAt] : [])),
      timeZone,
    );
    const calendar = ical({
      name: 'Teacher Accelerator',
      prodId: { company: 'teacher-accelerator', product: 'mentoring' },
      timezone: { name: timeZone, generator: (zone) => vtimezone(zone, from, to) },
    });
    for (const e of events) {
      if ((e.kind === 'session' || e.kind === 'workshop') && e.startsAt && e.endsAt) {
        calendar.createEvent({
          id: `${e.uid}@teacher-accelerator`,
          start: wallClock(e.startsAt, e.timeZone),
          end: wallClock(e.endsAt, e.timeZone),
          timezone: e.timeZone,
          summary: e.title,
          location: e.place ?? undefined,
          url: e.onlineUrl ?? undefined,
          sequence: e.sequence,
          status: e.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
        });
      } else if (e.day) {
        const [y, m, d] = e.day.split('-').map(Number);
        // A due date, or a workshop whose time is not known (made from attendance recorded before events existed).
        calendar.createEvent({
          id: `${e.uid}@teacher-accelerator`,
          start: new Date(Date.UTC(y, m - 1, d)),
          allDay: true,
          summary: e.title,
          location: e.place ?? undefined,
          sequence: e.sequence,
          ...(e.kind === 'workshop' ? { status: e.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED } : {}),
        });
      }
    }
    return calendar.toString();
  }
}
