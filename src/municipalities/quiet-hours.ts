/** A weekly quiet window in local time, e.g. Friday 14:00 to Saturday 20:00. Days: 0 = Sunday. */
export interface WeeklyQuietWindow {
  fromDay: number;
  fromTime: string;
  toDay: number;
  toTime: string;
}

export interface QuietHours {
  nightFrom: string;
  nightTo: string;
  weekly: WeeklyQuietWindow[];
}

export const DEFAULT_QUIET_HOURS: QuietHours = {
  nightFrom: '22:00',
  nightTo: '07:00',
  weekly: [{ fromDay: 5, fromTime: '14:00', toDay: 6, toTime: '20:00' }],
};
