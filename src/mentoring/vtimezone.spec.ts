import { vtimezone, zoneChanges, zoneOffsetMinutes } from './vtimezone.js';

describe('VTIMEZONE from the runtime time-zone data', () => {
  it("finds Israel's changes: the Friday before the last Sunday of March at 02:00, the last Sunday of October at 02:00", () => {
    const changes = zoneChanges('Asia/Jerusalem', 2027, 2028).map((c) => ({ at: new Date(c.at).toISOString(), from: c.offsetFrom, to: c.offsetTo }));
    expect(changes).toEqual([
      { at: '2027-03-26T00:00:00.000Z', from: 120, to: 180 },
      { at: '2027-10-30T23:00:00.000Z', from: 180, to: 120 },
      // 31 March 2028 is a Friday, yet summer time begins on the 24th: no yearly RRULE says that.
      { at: '2028-03-24T00:00:00.000Z', from: 120, to: 180 },
      { at: '2028-10-28T23:00:00.000Z', from: 180, to: 120 },
    ]);
  });

  it('writes each change as a STANDARD or DAYLIGHT onset in local time, with a first onset for the start of the range', () => {
    const text = vtimezone('Asia/Jerusalem', 2027, 2027)!;
    expect(text.split('\r\n')).toEqual([
      'BEGIN:VTIMEZONE',
      'TZID:Asia/Jerusalem',
      'X-LIC-LOCATION:Asia/Jerusalem',
      'BEGIN:STANDARD',
      'DTSTART:19700101T000000',
      'TZOFFSETFROM:+0200',
      'TZOFFSETTO:+0200',
      'END:STANDARD',
      'BEGIN:DAYLIGHT',
      'DTSTART:20270326T020000',
      'TZOFFSETFROM:+0200',
      'TZOFFSETTO:+0300',
      'END:DAYLIGHT',
      'BEGIN:STANDARD',
      'DTSTART:20271031T020000',
      'TZOFFSETFROM:+0300',
      'TZOFFSETTO:+0200',
      'END:STANDARD',
      'END:VTIMEZONE',
    ]);
  });

  it('gives a zone without daylight-saving one onset, negative and half-hour offsets included, and null for an unknown zone', () => {
    expect(vtimezone('Asia/Tokyo', 2027, 2027)).toContain('TZOFFSETTO:+0900');
    expect(vtimezone('Asia/Tokyo', 2027, 2027)).not.toContain('DAYLIGHT');
    expect(zoneOffsetMinutes('America/St_Johns', Date.UTC(2027, 0, 15))).toBe(-210);
    expect(vtimezone('America/St_Johns', 2027, 2027)).toContain('TZOFFSETTO:-0330');
    expect(vtimezone('Nowhere/Atlantis', 2027, 2027)).toBeNull();
  });
});
