// The county's rules: read by anyone of the county, kept by the coordination office (ADMISSION_REVIEWER
// of the county's coordination office, like the catalogue), versioned, every change kept with who and why.
import { z } from 'zod';
import { changeRules, draftRuleSet, publishRuleSet, ruleSetInForce, RuleSetError, rulesToPin, valuesOf } from '../../domain/rule-sets';
import type { Db } from '../../prisma/client';
import type { Actor } from '../../workflows/common/actor';
import { describeBound, ruleViolations } from '../../workflows/rules/checks';
import type { RuleDefinition, RuleSectionMap } from '../../workflows/rules/definitions';
import type { AppDeps } from '../deps';
import { requireCounty } from '../auth';
import { route, type HttpDeps } from '../http';
import { notFound, Problem, ruleExtras } from '../problem';
import { requireCatalogueKeeper } from './catalogue';

const tag = 'rules';
const countyParams = z.object({ countyId: z.string().min(1) });
const ruleSetParams = z.object({ ruleSetId: z.string().min(1) });

const ruleValue = z.union([
  z.number(),
  z.string(),
  z.boolean(),
  z.array(z.string()),
  z.record(z.string(), z.number()).openapi({ description: 'QUOTAS: organisation id → whole number' }),
]);
const values = z
  .record(z.string(), z.record(z.string(), ruleValue))
  .openapi('RuleValues', { description: 'Section → rule → value, e.g. {"dispatch":{"reviewPeriod":3}}' });
const violation = z.object({ rule: z.string(), value: z.unknown(), bound: z.string() }).openapi('RuleViolation');

const definition = z
  .object({
    section: z.string(),
    rule: z.string(),
    unit: z.enum(['WORKING_DAYS', 'CALENDAR_DURATION', 'COUNT', 'RATIO', 'FLAG', 'CHOICE', 'LIST', 'QUOTAS']),
    default: ruleValue,
    min: z.union([z.number(), z.string()]).optional(),
    max: z.union([z.number(), z.string()]).optional(),
    options: z.array(z.string()).optional(),
    maxItems: z.number().int().optional(),
    bound: z.string(),
    meaning: z.string(),
    period: z.string().optional().openapi({ description: 'The per-instance period (tests and demos only) that may shorten this rule' }),
  })
  .openapi('RuleDefinition');

const ruleSet = z
  .object({
    id: z.string(),
    countyId: z.string(),
    version: z.number().int(),
    status: z.enum(['DRAFT', 'PUBLISHED', 'DEFAULTS']),
    effectiveFrom: z.string().nullable(),
    publishedAt: z.string().nullable(),
    note: z.string(),
    values,
    violations: z.array(violation).openapi({ description: 'Rules outside their bounds: a draft with any cannot be published' }),
  })
  .openapi('RuleSet');

const change = z
  .object({
    at: z.string(),
    ruleSetId: z.string(),
    action: z.enum(['DRAFTED', 'CHANGED', 'PUBLISHED']),
    personId: z.string(),
    role: z.string(),
    reason: z.string(),
    changes: z.record(z.string(), z.unknown()),
  })
  .openapi('RuleSetChange');

type Row = Awaited<ReturnType<typeof ruleSetInForce>> & object;
const iso = (d: Date | null) => d?.toISOString() ?? null;

function ruleSetOut(sections: RuleSectionMap, row: Row) {
  const raw = JSON.parse(row.values) as Record<string, Record<string, unknown>>;
  return {
    id: row.id,
    countyId: row.countyId,
    version: row.version,
    status: row.status as 'DRAFT' | 'PUBLISHED',
    effectiveFrom: iso(row.effectiveFrom),
    publishedAt: iso(row.publishedAt),
    note: row.note,
    values: row.status === 'DRAFT' ? raw : valuesOf(sections, row),
    violations: ruleViolations(sections, raw),
  };
}

function definitions(sections: RuleSectionMap) {
  return Object.entries(sections).flatMap(([section, rules]) =>
    Object.entries(rules as Record<string, RuleDefinition>).map(([rule, d]) => ({
      section,
      rule,
      ...d,
      default: d.default as z.infer<typeof ruleValue>,
      options: 'options' in d ? [...d.options] : undefined,
      bound: describeBound(d),
    })),
  );
}

async function ruleSetRule<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof RuleSetError)) throw error;
    const status = { NOT_FOUND: 404, CONFLICT: 409, RULE_BROKEN: 422 }[error.code];
    const extras = { ...(error.violations.length && { violations: error.violations }), ...ruleExtras(error.message, error.named) };
    throw new Problem(status, error.code, error.message, extras);
  }
}

async function loadRuleSet(db: Db, actor: Actor, ruleSetId: string) {
  const row = await db.ruleSet.findUnique({ where: { id: ruleSetId } });
  if (!row) throw notFound(`Rule set ${ruleSetId}`);
  requireCounty(actor, row.countyId);
  return row;
}

export function ruleRoutes(http: HttpDeps, { db, ruleSections: sections }: AppDeps): void {
  const out = (row: Row) => ruleSetOut(sections, row);
  route(
    http,
    {
      method: 'get',
      path: '/rules/definitions',
      operationId: 'listRuleDefinitions',
      summary: 'Every rule a county sets: unit, default, bounds and meaning, by process section',
      tag,
      response: z.array(definition),
    },
    () => definitions(sections),
  );

  route(
    http,
    {
      method: 'get',
      path: '/counties/{countyId}/rules',
      operationId: 'getRulesInForce',
      summary: 'The rules in force: what a process starting now pins for its whole life',
      tag,
      params: countyParams,
      response: ruleSet,
    },
    async ({ actor, params }) => {
      requireCounty(actor, params.countyId);
      const row = await ruleSetInForce(db, params.countyId);
      if (row) return out(row);
      const pinned = await rulesToPin(db, sections, params.countyId);
      return {
        id: pinned.ruleSetId,
        countyId: params.countyId,
        version: 0,
        status: 'DEFAULTS' as const,
        effectiveFrom: null,
        publishedAt: null,
        note: 'No rule set published: the defaults apply',
        values: pinned.values,
        violations: [],
      };
    },
  );

  route(
    http,
    {
      method: 'get',
      path: '/counties/{countyId}/rule-sets',
      operationId: 'listRuleSets',
      summary: 'Every rule set of the county, newest first',
      tag,
      params: countyParams,
      response: z.array(ruleSet),
    },
    async ({ actor, params }) => {
      requireCounty(actor, params.countyId);
      const rows = await db.ruleSet.findMany({ where: { countyId: params.countyId }, orderBy: { version: 'desc' } });
      return rows.map(out);
    },
  );

  route(
    http,
    {
      method: 'post',
      path: '/counties/{countyId}/rule-sets',
      operationId: 'draftRuleSet',
      summary: 'Draft a new rule set: a copy of the rules in force (coordination office)',
      tag,
      params: countyParams,
      body: z.object({ note: z.string().min(2) }),
      response: ruleSet,
      status: 201,
      refusals: [404, 409],
    },
    async ({ actor, params, body }) => {
      requireCounty(actor, params.countyId);
      const by = await requireCatalogueKeeper(db, actor, params.countyId);
      return out(await ruleSetRule(() => draftRuleSet(db, sections, params.countyId, by, body.note)));
    },
  );

  route(
    http,
    {
      method: 'get',
      path: '/counties/{countyId}/rule-sets/changes',
      operationId: 'listRuleChanges',
      summary: 'Every recorded change to the rules (drafted, changed, published), newest first, with who and why',
      tag,
      params: countyParams,
      query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
      response: z.array(change),
    },
    async ({ actor, params, query }) => {
      requireCounty(actor, params.countyId);
      const rows = await db.ruleSetChange.findMany({ where: { countyId: params.countyId }, orderBy: { id: 'desc' }, take: query.limit });
      return rows.map((r) => ({
        at: r.at.toISOString(),
        ruleSetId: r.ruleSetId,
        action: r.action as 'DRAFTED',
        personId: r.personId,
        role: r.role,
        reason: r.reason,
        changes: JSON.parse(r.changes) as unknown,
      }));
    },
  );

  route(
    http,
    {
      method: 'get',
      path: '/rule-sets/{ruleSetId}',
      operationId: 'getRuleSet',
      summary: 'A rule set, with any rule outside its bounds',
      tag,
      params: ruleSetParams,
      response: ruleSet,
      refusals: [404],
    },
    async ({ actor, params }) => out(await loadRuleSet(db, actor, params.ruleSetId)),
  );

  route(
    http,
    {
      method: 'post',
      path: '/rule-sets/{ruleSetId}/changes',
      operationId: 'changeRules',
      summary: 'Change rules of a draft, with the reason (an unknown rule is 422; a value outside its bounds is kept but blocks publishing)',
      tag,
      params: ruleSetParams,
      body: z.object({ values, reason: z.string().min(2) }),
      response: ruleSet,
      refusals: [404, 409, 422],
    },
    async ({ actor, params, body }) => {
      const row = await loadRuleSet(db, actor, params.ruleSetId);
      const by = await requireCatalogueKeeper(db, actor, row.countyId);
      return out(await ruleSetRule(() => changeRules(db, sections, row.id, body.values, by, body.reason)));
    },
  );

  route(
    http,
    {
      method: 'post',
      path: '/rule-sets/{ruleSetId}/publish',
      operationId: 'publishRuleSet',
      summary:
        'Publish a draft, in force from its effective date (from now when none is given); 422 RULE_BROKEN names each rule outside its bounds (`violations`: rule, value, bound; rule `ruleSets.bounds`), and refuses an effective date in the past (rule `ruleSets.effectiveFrom`: a correction is a new version from now on)',
      tag,
      params: ruleSetParams,
      body: z.object({ effectiveFrom: z.iso.datetime({ offset: true }).optional() }),
      response: ruleSet,
      refusals: [404, 409, 422],
    },
    async ({ actor, params, body }) => {
      const row = await loadRuleSet(db, actor, params.ruleSetId);
      const by = await requireCatalogueKeeper(db, actor, row.countyId);
      return out(
        await ruleSetRule(() => publishRuleSet(db, sections, row.id, body.effectiveFrom === undefined ? undefined : new Date(body.effectiveFrom), by)),
      );
    },
  );
}
