// The working-day calendar kept by the county, on a real database: seeded from chinese-days, a
// year loaded by the county's operator through the API (validated, logged), the activities that
// compute deadlines from it, and its part of /healthz.
import { weeklyDueAt, workingDeadline } from '../../activities/calendar';
import { calendarHealth } from '../../domain/calendar';
import { seedWorkingCalendars } from '../../prisma/seed';
import { TEST_2027 } from '../support/calendar-2027';
import { DATABASES, startPlatform, type TestPlatform } from '../support/platform';

const COUNTY = 'xingcun';
const OPERATOR = 'p.county.operator';
const SECRETARY = 'p.qiaotou.dongshan.secretary';
const YEARS_2004_TO_2026 = Array.from({ length: 23 }, (_, i) => 2004 + i);
const load2027 = { source: '国务院办公厅关于2027年部分节假日安排的通知（测试数据）', reason: '每年秋季导入次年日历', ...TEST_2027 };

describe.each(DATABASES)('the county’s working-day calendar on %s', (database) => {
  let platform: TestPlatform;
  /** A count's date (and why it fell back to plain weekdays); the calendar version it was counted on has its own test. */
  const dated = ({ calendarVersion: _version, ...found }: Awaited<ReturnType<typeof workingDeadline>>) => found;
  const deadline = async (fromIso: string, workingDays: number, countyId = COUNTY) =>
    dated(await workingDeadline(platform.db, { countyId, fromIso, workingDays }));
  const weekly = async (fromIso: string, weekday: 'FRIDAY' | 'MONDAY' = 'FRIDAY') =>
    dated(await weeklyDueAt(platform.db, { countyId: COUNTY, fromIso, weekday }));
  const post = (person: string | undefined, body: unknown, year = 2027, county = COUNTY) =>
    platform.api(person, 'POST', `/counties/${county}/calendar/years/${year}`, body);

  beforeAll(async () => {
    platform = await startPlatform(database);
  });

  afterAll(async () => {
    await platform?.stop();
  });

  test('the demo county is seeded with every year chinese-days covers (2004–2026), readable by anyone of the county', async () => {
    const res = await platform.api(SECRETARY, 'GET', `/counties/${COUNTY}/calendar`);
    expect(res.status).toBe(200);
    expect(res.body.years.map((y: { year: number }) => y.year)).toEqual(YEARS_2004_TO_2026);
    expect(res.body.years[22]).toMatchObject({ year: 2026, loadedBy: 'system', holidays: 33, makeUpWorkdays: 6 });
    const year = await platform.api(SECRETARY, 'GET', `/counties/${COUNTY}/calendar/years/2026`);
    expect(year.body.holidays).toContainEqual({ name: '国庆节', from: '2026-10-01', to: '2026-10-07' });
    expect(year.body.makeUpWorkdays).toContainEqual({ date: '2026-10-10', name: '国庆节' });
    const changes = await platform.api(SECRETARY, 'GET', `/counties/${COUNTY}/calendar/changes?year=2026`);
    expect(changes.body).toEqual([expect.objectContaining({ action: 'SEEDED', personId: 'system', role: 'SEED', year: 2026, holidays: 33 })]);
    expect((await platform.api(SECRETARY, 'GET', `/counties/${COUNTY}/calendar/years/2027`)).status).toBe(404);
  });

  test('any county gets the package years through the seed script path, once', async () => {
    await platform.db.organisation.create({ data: { id: 'other', kind: 'COUNTY', name: '他县', countyId: 'other' } });
    expect(await seedWorkingCalendars(platform.db)).toEqual([{ countyId: 'other', years: YEARS_2004_TO_2026 }]);
    expect(await seedWorkingCalendars(platform.db)).toEqual([]);
    expect(await platform.db.calendarYear.count({ where: { countyId: 'other' } })).toBe(23);
  });

  test('the healthz window: degraded from 60 days before the last covered day, with the day it runs out', async () => {
    const xingcun = async (now: string) => (await calendarHealth(platform.db, new Date(now))).counties.find((c) => c.countyId === COUNTY);
    // 2026-10-31T15:59Z is still 31 October in Beijing; a minute later it is 1 November, 60 days before 31 December.
    expect(await xingcun('2026-10-31T15:59:00Z')).toEqual({ countyId: COUNTY, lastCoveredDay: '2026-12-31', degradedFrom: '2026-11-01', degraded: false });
    expect(await xingcun('2026-10-31T16:00:00Z')).toEqual({ countyId: COUNTY, lastCoveredDay: '2026-12-31', degradedFrom: '2026-11-01', degraded: true });
    expect(await xingcun('2027-02-01T00:00:00Z')).toMatchObject({ lastCoveredDay: '2026-12-31', degraded: true });
    expect(await calendarHealth(platform.db, new Date('2026-06-01T00:00:00Z'))).toMatchObject({ status: 'ok' });
    expect(await calendarHealth(platform.db, new Date('2026-12-01T00:00:00Z'))).toMatchObject({ status: 'degraded' });
  });

  test('a 2027 deadline before 2027 is loaded: plain weekdays, and the reason names the year', async () => {
    const plain = await deadline('2026-12-30T02:00:00Z', 3);
    expect(plain.at).toBe('2027-01-04T16:00:00.000Z');
    expect(plain.plainWeekdays?.reason).toMatch(/calendar of 2027 is not loaded for county xingcun/);
    const report = await weekly('2027-09-27T02:00:00Z');
    expect(report).toMatchObject({ at: '2027-10-01T16:00:00.000Z', plainWeekdays: { reason: expect.stringMatching(/2027/) } });
    // A county with no calendar at all says so too.
    expect((await deadline('2026-03-06T02:00:00Z', 2, 'nowhere')).plainWeekdays?.reason).toMatch(/2026 is not loaded for county nowhere/);
  });

  test("the county's operators are notified of a deadline counted with plain weekdays, once", async () => {
    await deadline('2026-12-29T02:00:00Z', 4);
    const notices = (await platform.api(OPERATOR, 'GET', '/me/notifications')).body.filter((n: { kind: string }) => n.kind.startsWith('CALENDAR_NOT_LOADED'));
    expect(notices).toEqual([
      expect.objectContaining({
        orgId: COUNTY,
        kind: 'CALENDAR_NOT_LOADED@2027',
        message: expect.stringMatching(/2027 is not loaded.*POST \/counties\/xingcun\/calendar\/years\/2027/),
      }),
    ]);
  });

  describe('loading a year', () => {
    test('refuses without a token, outside the county, and for anyone but its operator', async () => {
      const noToken = await post(undefined, load2027);
      expect(noToken.status).toBe(401);
      const secretary = await post(SECRETARY, load2027);
      expect(secretary).toMatchObject({ status: 403, contentType: expect.stringContaining('application/problem+json'), body: { code: 'NOT_AUTHORISED' } });
      expect((await post('p.coord-office.reviewer1', load2027)).status).toBe(403);
      expect((await post(OPERATOR, load2027, 2027, 'other')).status).toBe(403);
    });

    test('refuses malformed input with 400', async () => {
      for (const body of [
        { ...load2027, holidays: [{ name: '元旦', from: '2027-1-1' }] },
        { ...load2027, source: '' },
        { ...load2027, extra: true },
        { ...load2027, makeUpWorkdays: [{ date: '2027-10-09' }] },
      ]) {
        const res = await post(OPERATOR, body);
        expect({ status: res.status, code: res.body.code }).toEqual({ status: 400, code: 'INVALID_REQUEST' });
      }
      // A year in the path that no calendar can hold names nothing: 404, like every path parameter.
      expect((await post(OPERATOR, load2027, 1999)).status).toBe(404);
    });

    test('refuses a year that breaks the rules with 422, naming every problem, and records the refusal', async () => {
      const res = await post(OPERATOR, {
        ...load2027,
        holidays: [...TEST_2027.holidays, { name: '元旦', from: '2026-12-31' }, { name: '中秋节', from: '2027-10-07' }],
        makeUpWorkdays: [
          { date: '2027-10-02', name: '国庆节' },
          { date: '2027-10-08', name: '国庆节' },
        ],
      });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('RULE_BROKEN');
      expect(res.body.problems.map((p: { code: string }) => p.code).sort()).toEqual([
        'DUPLICATE_HOLIDAY',
        'HOLIDAY_AND_MAKE_UP_DAY',
        'MAKE_UP_DAY_NOT_WEEKEND',
        'OUTSIDE_YEAR',
      ]);
      expect(await platform.db.calendarYear.count({ where: { countyId: COUNTY, year: 2027 } })).toBe(0);
      const refusals = await platform.api(OPERATOR, 'GET', `/audit/refusals?countyId=${COUNTY}&personId=${OPERATOR}`);
      expect(refusals.body.items).toContainEqual(expect.objectContaining({ reasonCode: 'RULE_BROKEN', httpStatus: 422 }));
    });

    test('loads 2027 once: 201, then the same load again answers 200 and changes nothing', async () => {
      const first = await post(OPERATOR, load2027);
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ countyId: COUNTY, year: 2027, loadedBy: OPERATOR, changed: true, source: load2027.source });
      expect(first.body.holidays).toContainEqual({ name: '国庆节', from: '2027-10-01', to: '2027-10-07' });
      const again = await post(OPERATOR, load2027);
      expect(again).toMatchObject({ status: 200, body: { changed: false, loadedAt: first.body.loadedAt } });
      const changes = await platform.api(SECRETARY, 'GET', `/counties/${COUNTY}/calendar/changes?year=2027`);
      expect(changes.body).toEqual([
        expect.objectContaining({ action: 'LOADED', personId: OPERATOR, role: 'OPERATOR', reason: load2027.reason, holidays: 26, makeUpWorkdays: 4 }),
      ]);
    });

    test('a different load of a loaded year is a conflict (409) unless it amends, with a reason, and is logged', async () => {
      const corrected = { ...load2027, makeUpWorkdays: [...TEST_2027.makeUpWorkdays, { date: '2027-01-09', name: '元旦' }] };
      const conflict = await post(OPERATOR, corrected);
      expect(conflict).toMatchObject({ status: 409, body: { code: 'CONFLICT' } });
      const amended = await post(OPERATOR, { ...corrected, amend: true, reason: '通知更正：1月9日补班' });
      expect(amended).toMatchObject({ status: 201, body: { changed: true } });
      expect(amended.body.makeUpWorkdays).toContainEqual({ date: '2027-01-09', name: '元旦' });
      const changes = await platform.api(SECRETARY, 'GET', `/counties/${COUNTY}/calendar/changes?year=2027`);
      expect(changes.body.map((c: { action: string; reason: string }) => [c.action, c.reason])).toEqual([
        ['AMENDED', '通知更正：1月9日补班'],
        ['LOADED', load2027.reason],
      ]);
      // Back to the notice as first loaded, for the tests below.
      expect((await post(OPERATOR, { ...load2027, amend: true, reason: '撤回更正' })).status).toBe(201);
    });

    test('two loads of a new year at once: one loads it, the other finds it loaded', async () => {
      const load2030 = { source: '测试', reason: '并发导入', holidays: [{ name: '元旦', from: '2030-01-01' }] };
      const answers = await Promise.all([post(OPERATOR, load2030, 2030), post(OPERATOR, load2030, 2030)]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 201]);
      expect(await platform.db.calendarChange.count({ where: { countyId: COUNTY, year: 2030 } })).toBe(1);
    });

    test('is in the OpenAPI document with its refusals', async () => {
      const doc = (await platform.api(undefined, 'GET', '/openapi.json')).body;
      const load = doc.paths['/counties/{countyId}/calendar/years/{year}'].post;
      expect(Object.keys(load.responses)).toEqual(expect.arrayContaining(['201', '400', '401', '403', '404', '409', '422']));
      expect(doc.components.schemas.CalendarYearLoad).toBeDefined();
      expect(doc.paths['/healthz'].get.responses['200']).toBeDefined();
    });
  });

  test('the same 2027 date after 2027 is loaded: its holidays count, no reason', async () => {
    expect(await deadline('2026-12-30T02:00:00Z', 3)).toEqual({ at: '2027-01-05T16:00:00.000Z' });
    // National Day 2027 (1–7 October) is skipped; Saturday 9 October is worked.
    expect(await deadline('2027-09-30T02:00:00Z', 2)).toEqual({ at: '2027-10-09T16:00:00.000Z' });
  });

  test('a Friday holiday moves the weekly report to the last working day before it', async () => {
    expect(await weekly('2027-09-27T02:00:00Z')).toEqual({ at: '2027-09-30T16:00:00.000Z' });
    expect(await weekly('2027-09-30T16:00:00Z')).toEqual({ at: '2027-10-08T16:00:00.000Z' });
  });

  test('a make-up working Saturday counts: for deadlines and as the moved report day', async () => {
    // Spring Festival 2026: 15–23 February off, Saturday 14 February worked.
    expect(await weekly('2026-02-14T01:00:00Z')).toEqual({ at: '2026-02-14T16:00:00.000Z' });
    expect(await deadline('2026-02-13T02:00:00Z', 1)).toEqual({ at: '2026-02-14T16:00:00.000Z' });
    expect(await deadline('2026-10-09T02:00:00Z', 1)).toEqual({ at: '2026-10-10T16:00:00.000Z' });
  });

  test('a whole holiday week: working days skip it, weekly reports move before it or on to the next week', async () => {
    expect(await deadline('2026-09-30T02:00:00Z', 1)).toEqual({ at: '2026-10-08T16:00:00.000Z' });
    expect(await weekly('2026-10-01T02:00:00Z')).toEqual({ at: '2026-10-09T16:00:00.000Z' });
    expect(await weekly('2026-10-02T02:00:00Z', 'MONDAY')).toEqual({ at: '2026-10-12T16:00:00.000Z' });
  });

  test('bad input to an activity fails without retrying', async () => {
    await expect(deadline('not a date', 1)).rejects.toMatchObject({ type: 'INVALID_INPUT', nonRetryable: true });
    await expect(deadline('2026-03-06T02:00:00Z', -2)).rejects.toMatchObject({ type: 'INVALID_INPUT' });
    await expect(deadline('2026-03-06T02:00:00Z', undefined as unknown as number)).rejects.toMatchObject({ type: 'INVALID_INPUT', nonRetryable: true });
    await expect(deadline('2026-03-06T02:00:00Z', 100_000)).rejects.toMatchObject({ type: 'INVALID_INPUT', nonRetryable: true });
    await expect(weeklyDueAt(platform.db, { countyId: COUNTY, fromIso: '2026-03-06T02:00:00Z', weekday: 'FRYDAY' as 'FRIDAY' })).rejects.toMatchObject({
      type: 'INVALID_INPUT',
    });
  });

  test('/healthz answers 200 with the calendar as its own field, and loading 2027 moved the day it runs out', async () => {
    const res = await platform.api(undefined, 'GET', '/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', temporal: true, database: true });
    expect(res.body.calendar).toEqual(await calendarHealth(platform.db, new Date()));
    expect((await calendarHealth(platform.db, new Date('2026-12-01T00:00:00Z'))).counties.find((c) => c.countyId === COUNTY)).toEqual({
      countyId: COUNTY,
      lastCoveredDay: '2027-12-31',
      degradedFrom: '2027-11-01',
      degraded: false,
    });
  });
});
