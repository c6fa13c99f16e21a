// Days as the platform counts them: Beijing days (UTC+8), whatever the hour the tests run at
// (from 16:00 UTC, Beijing is already on the next day).
import { beijingDay } from '../../domain/calendar-rules';

const DAY_MS = 86_400_000;

/** The Beijing day `offset` days from today (negative: before), YYYY-MM-DD. */
export const beijingToday = (offset = 0) => beijingDay(new Date(Date.now() + offset * DAY_MS).toISOString());
