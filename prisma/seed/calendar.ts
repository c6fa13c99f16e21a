// Seeds every county's working-day calendar with the years the `chinese-days` package covers and
// the county has not loaded yet. Idempotent, and it never touches a year already loaded (an
// operator's load or amendment stands). Run on every start, after `npm run db:migrate` in production
// (`npm run db:seed-calendar`), and by the demo seed.
import { officialYear } from '../../domain/calendar-rules';
import type { Db } from '../client';
import { packageCalendarYears } from './data/calendar';

/** Who the seed's changes are recorded as. */
export const CALENDAR_SEED_KEEPER = { personId: 'system', role: 'SEED' };

export async function seedWorkingCalendars(db: Db, countyIds?: string[]): Promise<{ countyId: string; years: number[] }[]> {
  const counties = countyIds ?? (await db.organisation.findMany({ where: { kind: 'COUNTY' }, select: { id: true }, orderBy: { id: 'asc' } })).map((c) => c.id);
  const packageYears = packageCalendarYears().map((y) => {
    const checked = officialYear(y.year, y.holidays, y.makeUpWorkdays);
    if ('problems' in checked) throw new Error(`chinese-days' calendar of ${y.year} breaks the rules: ${checked.problems.map((p) => p.detail).join(' ')}`);
    return { ...y, days: checked.days };
  });
  const seeded: { countyId: string; years: number[] }[] = [];
  for (const countyId of counties) {
    const years = await db.$transaction(
      async (tx) => {
        const loaded = new Set((await tx.calendarYear.findMany({ where: { countyId }, select: { year: true } })).map((y) => y.year));
        const missing = packageYears.filter((y) => !loaded.has(y.year));
        if (!missing.length) return [];
        const at = new Date();
        await tx.calendarYear.createMany({
          data: missing.map((y) => ({ countyId, year: y.year, source: y.source, loadedAt: at, loadedBy: CALENDAR_SEED_KEEPER.personId })),
        });
        await tx.calendarDay.createMany({ data: missing.flatMap((y) => y.days.map((d) => ({ countyId, year: y.year, ...d }))) });
        await tx.calendarChange.createMany({
          data: missing.map((y) => ({
            at,
            countyId,
            year: y.year,
            action: 'SEEDED',
            ...CALENDAR_SEED_KEEPER,
            source: y.source,
            reason: 'Seeded from the chinese-days package',
            holidays: y.days.filter((d) => d.kind === 'HOLIDAY').length,
            makeUpWorkdays: y.days.filter((d) => d.kind === 'MAKE_UP_WORKDAY').length,
          })),
        });
        return missing.map((y) => y.year);
      },
      { timeout: 60_000 },
    );
    if (years.length) seeded.push({ countyId, years });
  }
  return seeded;
}
