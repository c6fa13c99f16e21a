// The official calendars the `chinese-days` package carries (every year it covers, from its own
// data, not a hard-coded range): the seed of every county's working-day calendar.
import { holidayRanges, type HolidayRange, type MakeUpWorkday, type OfficialDay } from '../../../domain/calendar-rules';
import packageData from 'chinese-days/dist/chinese-days.json';
import { version as packageVersion } from 'chinese-days/package.json';

export interface CalendarYearData {
  year: number;
  source: string;
  holidays: Required<HolidayRange>[];
  makeUpWorkdays: MakeUpWorkday[];
}

export const CALENDAR_PACKAGE_SOURCE = `chinese-days ${packageVersion} (国务院办公厅部分节假日安排的通知)`;

/** "National Day,国庆节,3" → 国庆节 */
const chineseName = (entry: string) => entry.split(',')[1] ?? entry;

export function packageCalendarYears(): CalendarYearData[] {
  const byYear = new Map<number, OfficialDay[]>();
  const add = (entries: Record<string, string>, kind: OfficialDay['kind']) => {
    for (const [date, entry] of Object.entries(entries)) {
      const year = Number(date.slice(0, 4));
      byYear.set(year, [...(byYear.get(year) ?? []), { date, kind, name: chineseName(entry) }]);
    }
  };
  add(packageData.holidays, 'HOLIDAY');
  add(packageData.workdays, 'MAKE_UP_WORKDAY');
  return [...byYear.entries()]
    .sort(([a], [b]) => a - b)
    .map(([year, days]) => ({
      year,
      source: CALENDAR_PACKAGE_SOURCE,
      holidays: holidayRanges(days),
      makeUpWorkdays: days.filter((d) => d.kind === 'MAKE_UP_WORKDAY').sort((a, b) => a.date.localeCompare(b.date)).map(({ date, name }) => ({ date, name })),
    }));
}
