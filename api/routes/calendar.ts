// The county's working-day calendar: read by anyone of the county, a year loaded (or amended) by
// the county's OPERATOR each autumn from the State Council's notice.
import { z } from 'zod';
import { calendarSummary, calendarVersion, calendarYear, CalendarRuleError, loadCalendarYear, pendingCalendarDueDates } from '../../domain/calendar';
import { findOrganisation } from '../../domain/organisation';
import type { Db } from '../../prisma/client';
import type { AppDeps } from '../deps';
import { requireCounty, requireRole } from '../auth';
import { route, type HttpDeps } from '../http';
import { notFound, Problem } from '../problem';
import { boundsOf, isUnconfirmed, notConfirmed, withinDeadline } from '../bounded';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { REVISE_DUE_DATES, reviseDueDatesWorkflowId, type CalendarChange } from '../../workflows/common/calendar-changes';

const countyParams = z.object({ countyId: z.string().min(1) });
const yearParams = countyParams.extend({ year: z.coerce.number().int().min(2000).max(2100) });
const date = z.iso.date().openapi({ description: 'A day in Beijing, YYYY-MM-DD', example: '2027-10-01' });

const holidayRange = z
  .object({
    name: z.string().min(1).max(100),
    from: date,
    to: date.optional().openapi({ description: 'Last day off, inclusive; leave out for a one-day holiday' }),
  })
  .strict()
  .openapi('HolidayRange');
const makeUpWorkday = z
  .object({ date, name: z.string().min(1).max(100) })
  .strict()
  .openapi('MakeUpWorkday');

const calendarYearLoad = z
  .object({
    source: z.string().min(2).max(300).openapi({ description: 'The notice the days come from', example: '国务院办公厅关于2027年部分节假日安排的通知' }),
    reason: z.string().min(2).max(1000),
    holidays: z.array(holidayRange).max(100).openapi({ description: 'Every day off, as the notice states it, weekend days of a holiday included' }),
    makeUpWorkdays: z.array(makeUpWorkday).max(50).default([]).openapi({ description: 'Saturdays and Sundays worked (调休上班)' }),
    amend: z.boolean().default(false).openapi({ description: 'Replace a year already loaded with other days' }),
  })
  .strict()
  .openapi('CalendarYearLoad');

const yearOut = z
  .object({
    countyId: z.string(),
    year: z.number().int(),
    source: z.string(),
    loadedAt: z.string(),
    loadedBy: z.string(),
    holidays: z.array(z.object({ name: z.string(), from: z.string(), to: z.string() })),
    makeUpWorkdays: z.array(z.object({ date: z.string(), name: z.string() })),
  })
  .openapi('CalendarYear');

const loadOut = yearOut
  .extend({
    changed: z.boolean().openapi({ description: 'false when the same year was already loaded (a retried request)' }),
    calendarVersion: z.number().int().openapi({ description: "The county calendar's version now (its latest change)" }),
    dueDatesRevision: z.string().openapi({
      description:
        'The Temporal workflow that tells every running process with a due date counted on an older version to count it again; its result lists them',
    }),
  })
  .openapi('CalendarYearLoaded');

const dueDate = z.object({
  period: z.string(),
  from: z.string().openapi({ description: 'When the period started' }),
  at: z.string(),
  calendarVersion: z.number().int(),
  plainWeekdays: z.boolean().optional().openapi({ description: 'Counted with plain weekdays: the calendar lacked a year it needed' }),
});

const pendingDueDates = z
  .object({
    calendarVersion: z.number().int(),
    processes: z.array(
      z.object({
        workflowId: z.string(),
        processType: z.string(),
        title: z.string(),
        behind: z.boolean().openapi({ description: 'A due date of it was counted on an older version, or with plain weekdays' }),
        dueDates: z.array(dueDate),
      }),
    ),
  })
  .openapi('PendingCalendarDueDates');

const summary = z
  .object({
    countyId: z.string(),
    lastCoveredDay: z.string().nullable().openapi({ description: 'The last day the loaded years cover without a gap from today' }),
    degradedFrom: z.string().nullable(),
    degraded: z.boolean().openapi({ description: 'Within 60 days of the last covered day, or past it: load the next year' }),
    years: z.array(
      z.object({
        year: z.number().int(),
        source: z.string(),
        loadedAt: z.string(),
        loadedBy: z.string(),
        holidays: z.number().int(),
        makeUpWorkdays: z.number().int(),
      }),
    ),
  })
  .openapi('WorkingCalendar');

const change = z
  .object({
    at: z.string(),
    countyId: z.string(),
    year: z.number().int(),
    action: z.enum(['SEEDED', 'LOADED', 'AMENDED']),
    personId: z.string(),
    role: z.string(),
    source: z.string(),
    reason: z.string(),
    holidays: z.number().int(),
    makeUpWorkdays: z.number().int(),
  })
  .openapi('CalendarChange');

async function requireCountyExists(db: Db, countyId: string) {
  const county = await findOrganisation(db, countyId);
  if (!county || county.kind !== 'COUNTY') throw notFound(`County ${countyId}`);
}

/** Starts (once per version) the revision of the county's pending due dates after a change of its calendar; answers its workflow id. */
async function startRevision(deps: AppDeps, change: CalendarChange): Promise<string> {
  const workflowId = reviseDueDatesWorkflowId(change);
  const bounds = boundsOf(deps);
  try {
    await withinDeadline(deps.temporal, bounds.stepMs, () =>
      deps.temporal.workflow.start(REVISE_DUE_DATES, { taskQueue: deps.taskQueue, workflowId, args: [change], workflowIdReusePolicy: 'REJECT_DUPLICATE' }),
    );
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return workflowId;
    // The year is loaded; the same load again starts the revision (its version is the same).
    if (isUnconfirmed(error)) throw notConfirmed(error, `The revision of ${change.countyId}'s due dates`, bounds);
    throw error;
  }
  return workflowId;
}

export function calendarRoutes(http: HttpDeps, deps: AppDeps): void {
  const { db } = deps;
  const tag = 'calendar';
  route(
    http,
    {
      method: 'get',
      path: '/counties/{countyId}/calendar',
      operationId: 'getCalendar',
      summary: 'The working-day calendar: the years loaded, and until when it covers',
      tag,
      params: countyParams,
      response: summary,
      refusals: [404],
    },
    async ({ actor, params }) => {
      requireCounty(actor, params.countyId);
      await requireCountyExists(db, params.countyId);
      return calendarSummary(db, params.countyId, new Date());
    },
  );

  route(
    http,
    {
      method: 'get',
      path: '/counties/{countyId}/calendar/changes',
      operationId: 'listCalendarChanges',
      summary: 'Every load of a calendar year (seeded, loaded, amended), newest first, with who, when, the source and why',
      tag,
      params: countyParams,
      query: z.object({ year: z.coerce.number().int().min(2000).max(2100).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
      response: z.array(change),
    },
    async ({ actor, params, query }) => {
      requireCounty(actor, params.countyId);
      const rows = await db.calendarChange.findMany({ where: { countyId: params.countyId, year: query.year }, orderBy: { id: 'desc' }, take: query.limit });
      return rows.map(({ id: _id, at, action, ...rest }) => ({ ...rest, action: action as z.infer<typeof change>['action'], at: at.toISOString() }));
    },
  );

  route(
    http,
    {
      method: 'get',
      path: '/counties/{countyId}/calendar/years/{year}',
      operationId: 'getCalendarYear',
      summary: "A loaded year's holidays and make-up working days",
      tag,
      params: yearParams,
      response: yearOut,
      refusals: [404],
    },
    async ({ actor, params }) => {
      requireCounty(actor, params.countyId);
      const year = await calendarYear(db, params.countyId, params.year);
      if (!year) throw notFound(`The calendar of ${params.year} for ${params.countyId}`);
      return year;
    },
  );

  route(
    http,
    {
      method: 'get',
      path: '/counties/{countyId}/calendar/pending-due-dates',
      operationId: 'listPendingCalendarDueDates',
      summary:
        "The county's running processes with due dates pending on its calendar (the county's OPERATOR): what a change of the calendar moves, and which were counted on an older version",
      tag,
      params: countyParams,
      query: z.object({
        behind: z
          .enum(['true', 'false'])
          .transform((v) => v === 'true')
          .optional()
          .openapi({ description: 'true: only processes with a due date counted on an older version or with plain weekdays' }),
        limit: z.coerce.number().int().min(1).max(500).default(100),
      }),
      response: pendingDueDates,
      refusals: [404],
    },
    async ({ actor, params, query }) => {
      requireCounty(actor, params.countyId);
      await requireCountyExists(db, params.countyId);
      requireRole(actor, 'OPERATOR', params.countyId);
      const version = await calendarVersion(db, params.countyId);
      const isBehind = (d: { calendarVersion: number; plainWeekdays?: boolean }) => d.calendarVersion < version || d.plainWeekdays === true;
      const processes = (await pendingCalendarDueDates(db, params.countyId))
        .map((p) => ({ ...p, behind: p.dueDates.some(isBehind) }))
        .filter((p) => !query.behind || p.behind)
        .slice(0, query.limit);
      return { calendarVersion: version, processes };
    },
  );

  route(
    http,
    {
      method: 'post',
      path: '/counties/{countyId}/calendar/years/{year}',
      operationId: 'loadCalendarYear',
      summary: "Load a year's official holidays and make-up working days (the county's OPERATOR); the same load again changes nothing",
      tag,
      params: yearParams,
      body: calendarYearLoad,
      response: loadOut,
      status: 201,
      refusals: [404, 409, 422],
    },
    async ({ actor, params, body, res }) => {
      requireCounty(actor, params.countyId);
      await requireCountyExists(db, params.countyId);
      requireRole(actor, 'OPERATOR', params.countyId);
      try {
        const { changed, year, version } = await loadCalendarYear(db, params.countyId, params.year, body, { personId: actor.personId, role: 'OPERATOR' });
        if (!changed) res.locals.status = 200;
        const dueDatesRevision = await startRevision(deps, { countyId: params.countyId, calendarVersion: version });
        return { ...year, changed, calendarVersion: version, dueDatesRevision };
      } catch (error) {
        if (!(error instanceof CalendarRuleError)) throw error;
        if (error.code === 'CONFLICT') throw new Problem(409, 'CONFLICT', error.message);
        throw new Problem(422, 'RULE_BROKEN', error.message, { problems: error.problems });
      }
    },
  );
}
