import { addYears, isCalendarDate } from './calendar-date.js';

describe('calendar dates', () => {
  it('accepts real days only', () => {
    expect(isCalendarDate('2026-09-01')).toBe(true);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-30')).toBe(false);
    expect(isCalendarDate('2026-9-1')).toBe(false);
    expect(isCalendarDate('01/09/2026')).toBe(false);
    expect(isCalendarDate(undefined)).toBe(false);
    expect(isCalendarDate('1900-01-01')).toBe(false);
  });

  it('adds years, keeping the day or falling back to the month end', () => {
    expect(addYears('2026-09-01', 2)).toBe('2028-09-01');
    expect(addYears('2028-02-29', 2)).toBe('2030-02-28');
  });
});
