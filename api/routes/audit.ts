// What auditors read: the log of refused attempts (paged, filtered, exported as CSV) and the
// verification of the county's audit chain (domain/audit-chain.ts).
import { once } from 'node:events';
import { stringify } from 'csv-stringify';
import { z } from 'zod';
import { verifyChain } from '../../domain/audit-chain';
import { hashOfJson } from '../../domain/canonical-json';
import type { Prisma } from '../../prisma/client';
import type { AppDeps } from '../deps';
import { hasAnyRole, requireAnyRole } from '../auth';
import { route, type HttpDeps } from '../http';
import { idBefore, pageFrom, pageOf, pageQuery } from '../paging';
import { concealed, forbidden, notFound } from '../problem';
import { presentRefusal, refusedAttemptSchema, type RefusalRow } from '../refusals';
import { logRead, presentRead, readLogSchema, type ProcessRead } from '../read-log';
import { projectionFor, type ProcessRegistry } from '../process-registry';
import { processTimeline, timelineSchema, type Timeline } from '../timeline';
import { renderTimeline } from '../pages/timeline-page';
import type { Actor } from '../../workflows/common/actor';
import type { Response } from 'express';
import type { ProcessView } from '../../workflows/common/view';

const AUDIT_ROLES = ['AUDITOR', 'INSPECTOR', 'OPERATOR'] as const;
const EXPORT_PAGE = 1000;

/** A CSV row: the log's columns as they are kept, one cell each. */
const CSV_COLUMNS = [
  'at',
  'requestId',
  'personId',
  'roles',
  'processType',
  'workflowId',
  'action',
  'reasonCode',
  'ruleId',
  'ruleSetId',
  'ruleSetVersion',
  'detail',
  'reasonZh',
  'httpStatus',
  'bodyHash',
  'businessRequestId',
] as const;
const csvRow = (row: RefusalRow) => ({ ...row, at: row.at.toISOString() });

const instant = z.iso.datetime({ offset: true });
const refusalFilters = z.object({
  countyId: z.string().min(1),
  workflowId: z.string().optional(),
  personId: z.string().optional(),
  processType: z.string().optional(),
  from: instant.optional().openapi({ description: 'Refused at or after this instant' }),
  to: instant.optional().openapi({ description: 'Refused before this instant' }),
});
type RefusalFilters = z.infer<typeof refusalFilters>;

function whereOf(filters: RefusalFilters): Prisma.RefusedAttemptWhereInput {
  const { countyId, workflowId, personId, processType, from, to } = filters;
  return { countyId, workflowId, personId, processType, at: { gte: from ? new Date(from) : undefined, lt: to ? new Date(to) : undefined } };
}

const archiveSchema = z
  .object({
    workflowId: z.string(),
    archivedAt: z.string(),
    sha256: z.string().openapi({ description: 'SHA-256 of the document as canonical JSON (RFC 8785), kept when it was archived' }),
    intact: z.boolean().openapi({ description: 'The document still hashes to sha256' }),
    document: z
      .object({
        workflowId: z.string(),
        processType: z.string(),
        countyId: z.string(),
        state: z.unknown().openapi({ description: 'Its final state, the record of every step included' }),
        refusals: z.array(z.unknown()),
        ruleSet: z.unknown().openapi({ description: 'The rule set it pinned: id, version and every value' }),
        runs: z
          .array(z.object({ runId: z.string(), status: z.string(), startedAt: z.string(), closedAt: z.string().nullable(), history: z.unknown() }))
          .openapi({ description: "Every run's raw event history, as Temporal's proto JSON (what a replay reads)" }),
        historiesExpired: z.string().optional(),
      })
      .passthrough(),
  })
  .openapi('ProcessArchive');

const chainVerdict = z
  .object({
    countyId: z.string(),
    checked: z.number().int().openapi({ description: 'Links checked, from the first' }),
    headHash: z.string(),
    intact: z.boolean(),
    firstBroken: z
      .object({ seq: z.number().int(), kind: z.string(), workflowId: z.string().nullable(), reason: z.string() })
      .optional()
      .openapi({ description: 'The first link that does not hold, and why' }),
  })
  .openapi('AuditChainVerdict');

export function auditRoutes(http: HttpDeps, deps: AppDeps, processes: ProcessRegistry): void {
  route(
    http,
    {
      method: 'get',
      path: '/audit/reads',
      operationId: 'listLoggedReads',
      summary: "Reads on the record: every auditor's read of a process, and staff reads of processes that carry personal data; newest first, a page at a time",
      tag: 'audit',
      query: z.object({ countyId: z.string().min(1), workflowId: z.string().optional(), personId: z.string().optional() }).extend(pageQuery),
      response: pageOf(readLogSchema, 'ProcessReadLoggedPage'),
    },
    async ({ actor, query: { limit, cursor, ...where } }) => {
      requireAnyRole(actor, [...AUDIT_ROLES], where.countyId);
      const before = idBefore(cursor);
      const rows = await deps.db.readLog.findMany({ where: { ...where, id: before ? { lt: before } : undefined }, orderBy: { id: 'desc' }, take: limit + 1 });
      return pageFrom(rows, limit, presentRead);
    },
  );

  route(
    http,
    {
      method: 'get',
      path: '/audit/refusals',
      operationId: 'listRefusals',
      summary: 'Refused steps (authorisation or rule), newest first, a page at a time',
      tag: 'audit',
      query: refusalFilters.extend(pageQuery),
      response: pageOf(refusedAttemptSchema, 'RefusedAttemptPage'),
    },
    async ({ actor, query: { limit, cursor, ...filters } }) => {
      requireAnyRole(actor, [...AUDIT_ROLES], filters.countyId);
      const before = idBefore(cursor);
      const rows = await deps.db.refusedAttempt.findMany({
        where: { ...whereOf(filters), id: before ? { lt: before } : undefined },
        orderBy: { id: 'desc' },
        take: limit + 1,
      });
      return pageFrom(rows, limit, presentRefusal);
    },
  );

  route(
    http,
    {
      method: 'get',
      path: '/audit/refusals.csv',
      operationId: 'exportRefusals',
      summary: 'Refused steps with the same filters, every one, as CSV (UTF-8, a header row), newest first',
      tag: 'audit',
      query: refusalFilters,
      response: z.string(),
      mediaType: 'text/csv',
    },
    async ({ actor, query, res }) => {
      requireAnyRole(actor, [...AUDIT_ROLES], query.countyId);
      const where = whereOf(query);
      const first = await deps.db.refusedAttempt.findMany({ where, orderBy: { id: 'desc' }, take: EXPORT_PAGE });
      res.status(200).type('text/csv; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="refusals-${query.countyId}.csv"`);
      const csv = stringify({ header: true, columns: [...CSV_COLUMNS], bom: true });
      csv.pipe(res);
      for (let rows = first; rows.length > 0;) {
        for (const row of rows) if (!csv.write(csvRow(row))) await once(csv, 'drain');
        if (rows.length < EXPORT_PAGE) break;
        rows = await deps.db.refusedAttempt.findMany({ where: { ...where, id: { lt: rows[rows.length - 1].id } }, orderBy: { id: 'desc' }, take: EXPORT_PAGE });
      }
      csv.end();
    },
  );

  route(
    http,
    {
      method: 'get',
      path: '/audit/verify',
      operationId: 'verifyAuditChain',
      summary: "Recomputes the county's audit chain (every recorded step and refused attempt) and names the first link that does not hold",
      tag: 'audit',
      query: z.object({ countyId: z.string().min(1) }),
      response: chainVerdict,
    },
    async ({ actor, query }) => {
      requireAnyRole(actor, [...AUDIT_ROLES], query.countyId);
      return verifyChain(deps.db, query.countyId);
    },
  );

  /** A read only the county's audit roles make, logged; to anyone else what they read is not there (a 404 saying `missing`, logged). */
  async function readForAudit(actor: Actor, res: Response, read: Omit<ProcessRead, 'readerKind'>, missing: string): Promise<void> {
    res.locals.process = { countyId: read.countyId, processType: read.processType, workflowId: read.workflowId };
    if (!hasAnyRole(actor, [...AUDIT_ROLES], read.countyId)) {
      throw concealed(forbidden(`A process's ${read.what} is read by the county's ${AUDIT_ROLES.join(', ')}.`), missing);
    }
    await logRead(deps.db, actor, { ...read, readerKind: 'auditor' });
  }

  /** A process's timeline as its county's auditors read it. */
  async function timelineFor(actor: Actor, workflowId: string, res: Response): Promise<Timeline> {
    const row = await deps.db.processRecord.findUnique({ where: { workflowId }, select: { countyId: true, processType: true } });
    if (!row) throw notFound(`Process ${workflowId}`);
    await readForAudit(actor, res, { ...row, workflowId, what: 'timeline' }, `Process ${workflowId}`);
    // The record as the county's auditors read it (everything but what is sealed from everyone).
    const auditor = { kind: 'auditor' as const, personId: actor.personId, roles: actor.roles, now: new Date().toISOString() };
    const recordOf = (view: ProcessView) =>
      processes.has(row.processType) ? (projectionFor(processes.get(row.processType), 'auditor').project(view, auditor) as ProcessView).record : view.record;
    return processTimeline(deps, workflowId, recordOf);
  }

  const timelineParams = z.object({ workflowId: z.string().min(1).max(200) });
  route(
    http,
    {
      method: 'get',
      path: '/processes/{workflowId}/timeline',
      operationId: 'getProcessTimeline',
      summary:
        "A process's whole life in order, across all its runs: every recorded step and every refused attempt (refused starts of its request id included), the process that started it and those it started",
      tag: 'audit',
      params: timelineParams,
      response: timelineSchema,
      refusals: [503],
    },
    ({ actor, params, res }) => timelineFor(actor, params.workflowId, res),
  );

  route(
    http,
    {
      method: 'get',
      path: '/processes/{workflowId}/archive',
      operationId: 'getProcessArchive',
      summary:
        "A closed process as archived beyond Temporal's retention: its final state, refused attempts, the raw event history of every run and the rule set it pinned, with the document's SHA-256 recomputed",
      tag: 'audit',
      params: timelineParams,
      response: archiveSchema,
    },
    async ({ actor, params, res }) => {
      const archive = await deps.db.processArchive.findUnique({ where: { workflowId: params.workflowId } });
      if (!archive) throw notFound(`The archive of ${params.workflowId} (a process is archived within minutes of closing)`);
      const { countyId, processType } = archive;
      await readForAudit(actor, res, { countyId, processType, workflowId: params.workflowId, what: 'archive' }, `The archive of ${params.workflowId}`);
      const document = JSON.parse(archive.document) as unknown;
      res.setHeader('Content-Disposition', `attachment; filename="${params.workflowId}.archive.json"`);
      return {
        workflowId: params.workflowId,
        archivedAt: archive.archivedAt.toISOString(),
        sha256: archive.sha256,
        intact: hashOfJson(document) === archive.sha256,
        document,
      };
    },
  );

  route(
    http,
    {
      method: 'get',
      path: '/processes/{workflowId}/timeline.html',
      operationId: 'getProcessTimelinePage',
      summary: 'The same timeline as a page to print (全过程记录): in Chinese, Beijing time',
      tag: 'audit',
      params: timelineParams,
      response: z.string(),
      mediaType: 'text/html',
      refusals: [503],
    },
    async ({ actor, params, res }) => {
      const page = renderTimeline(await timelineFor(actor, params.workflowId, res));
      res.status(200).type('text/html; charset=utf-8').send(page);
    },
  );
}
