import { DEFAULT_QUIET_HOURS } from '../municipalities/quiet-hours.js';
import { localTime, quietUntil, zonedInstant } from './quiet-time.js';

const TZ = 'Asia/Jerusalem';
const none = new Set<string>();

describe('quiet time', () => {
  it('lets a Wednesday morning through', () => {
    expect(quietUntil(new Date('2027-01-06T08:00:00Z'), DEFAULT_QUIET_HOURS, none, TZ)).toBeUndefined();
  });

  it('defers a reminder due at 23:00 local to 07:00 the next morning', () => {
    // 2027-01-06 23:00 in Jerusalem (UTC+2) is 21:00Z.
    expect(quietUntil(new Date('2027-01-06T21:00:00Z'), DEFAULT_QUIET_HOURS, none, TZ)?.toISOString()).toBe('2027-01-07T05:00:00.000Z');
  });

  it('defers Friday afternoon to Saturday 20:00 local', () => {
    // Friday 2027-01-08 15:00 local = 13:00Z; Saturday 20:00 local = 18:00Z.
    expect(quietUntil(new Date('2027-01-08T13:00:00Z'), DEFAULT_QUIET_HOURS, none, TZ)?.toISOString()).toBe('2027-01-09T18:00:00.000Z');
  });

  it('defers a holiday to the morning after it (midnight is in the night window)', () => {
    expect(quietUntil(new Date('2027-01-06T10:00:00Z'), DEFAULT_QUIET_HOURS, new Set(['2027-01-06']), TZ)?.toISOString()).toBe('2027-01-07T05:00:00.000Z');
  });

  it('counts the end of the Sabbath in summer time (UTC+3) by the local clock', () => {
    // Friday 2027-07-02 16:00 local (13:00Z) waits for Saturday 20:00 local = 17:00Z.
    expect(quietUntil(new Date('2027-07-02T13:00:00Z'), DEFAULT_QUIET_HOURS, none, TZ)?.toISOString()).toBe('2027-07-03T17:00:00.000Z');
  });

  it('keeps 07:00 local across the spring clock change', () => {
    // Israel moves to summer time on Friday 2027-03-26 at 02:00. A reminder due Thursday 23:00
    // (UTC+2, 21:00Z) waits for Friday 07:00 summer time, 04:00Z.
    expect(quietUntil(new Date('2027-03-25T21:00:00Z'), DEFAULT_QUIET_HOURS, none, TZ)?.toISOString()).toBe('2027-03-26T04:00:00.000Z');
    const l = localTime(zonedInstant(2027, 3, 26, 7 * 60, TZ), TZ);
    expect([l.hour, l.minute]).toEqual([7, 0]);
  });
});
