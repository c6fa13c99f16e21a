// A county's rule sets: versioned like the catalogue (draft → publish with an effective date → in force),
// every change kept with who and why. The API edits them; a process start pins the one in force.
// Each function is given the sections of the rules (the registry's `ruleSections()`) it checks and completes.
import type { Db } from '../prisma/client';
import type { NamedRule } from '../workflows/common/reasons';
import { effectiveFromHolds, ruleViolations, withDefaults, type RuleViolation } from '../workflows/rules/checks';
import type { PinnedRules, RuleSectionMap, RuleValues } from '../workflows/rules/definitions';
import type { ActingPerson } from './catalogue';

/** A change refused by the rule sets' own rules; `violations` names each rule outside its bounds. */
export class RuleSetError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'CONFLICT' | 'RULE_BROKEN',
    message: string,
    readonly violations: RuleViolation[] = [],
    /** The rule refused by name, when one is (`ruleSets.bounds`, `ruleSets.effectiveFrom`). */
    readonly named?: Partial<NamedRule>,
  ) {
    super(message);
  }
}

type Row = Awaited<ReturnType<Db['ruleSet']['findFirst']>> & object;

export function valuesOf(sections: RuleSectionMap, row: Row): RuleValues {
  return withDefaults(sections, JSON.parse(row.values) as Record<string, Record<string, unknown>>);
}

/** The published rule set in force at `at`: the latest effective one. */
export function ruleSetInForce(db: Db, countyId: string, at = new Date()) {
  return db.ruleSet.findFirst({
    where: { countyId, status: 'PUBLISHED', effectiveFrom: { lte: at } },
    orderBy: [{ effectiveFrom: 'desc' }, { version: 'desc' }],
  });
}

/**
 * What a process starting now runs under: the rule set in force, completed with defaults for rules
 * it predates; a county that never published one runs under the defaults (version 0).
 */
export async function rulesToPin(db: Db, sections: RuleSectionMap, countyId: string): Promise<PinnedRules> {
  const row = await ruleSetInForce(db, countyId);
  return row
    ? { ruleSetId: row.id, version: row.version, values: valuesOf(sections, row) }
    : { ruleSetId: `${countyId}-defaults`, version: 0, values: withDefaults(sections) };
}

async function nextVersion(db: Db, countyId: string): Promise<number> {
  const last = await db.ruleSet.findFirst({ where: { countyId }, orderBy: { version: 'desc' } });
  return (last?.version ?? 0) + 1;
}

function change(countyId: string, ruleSetId: string, action: string, by: ActingPerson, reason: string, changes: unknown = {}) {
  return { countyId, ruleSetId, action, personId: by.personId, role: by.role, reason, changes: JSON.stringify(changes) };
}

/** Opens a draft: a copy of the rules in force (or of the defaults). One draft at a time. */
export async function draftRuleSet(db: Db, sections: RuleSectionMap, countyId: string, by: ActingPerson, note: string) {
  return db.$transaction(async (tx) => {
    const open = await tx.ruleSet.findFirst({ where: { countyId, status: 'DRAFT' } });
    if (open) throw new RuleSetError('CONFLICT', `A draft is already open: ${open.id}.`);
    const source = await rulesToPin(tx as Db, sections, countyId);
    const version = await nextVersion(tx as Db, countyId);
    const draft = await tx.ruleSet.create({
      data: { id: `${countyId}-rules-v${version}`, countyId, version, status: 'DRAFT', values: JSON.stringify(source.values), createdBy: by.personId, note },
    });
    await tx.ruleSetChange.create({ data: change(countyId, draft.id, 'DRAFTED', by, note, { from: source.ruleSetId }) });
    return draft;
  });
}

async function requireDraft(db: Db, ruleSetId: string) {
  const row = await db.ruleSet.findUnique({ where: { id: ruleSetId } });
  if (!row) throw new RuleSetError('NOT_FOUND', `No rule set ${ruleSetId}.`);
  if (row.status !== 'DRAFT') throw new RuleSetError('CONFLICT', `Rule set ${ruleSetId} is published; only a draft can change.`);
  return row;
}

/** Changes rules of a draft. A value may stray outside its bounds here; the draft then cannot be published. */
export async function changeRules(
  db: Db,
  sections: RuleSectionMap,
  ruleSetId: string,
  values: Record<string, Record<string, unknown>>,
  by: ActingPerson,
  reason: string,
) {
  const row = await requireDraft(db, ruleSetId);
  const unknown = ruleViolations(sections, values).filter((v) => v.bound === 'no such rule');
  if (unknown.length) throw new RuleSetError('RULE_BROKEN', `No such rule: ${unknown.map((v) => v.rule).join(', ')}.`, unknown);
  const current = JSON.parse(row.values) as Record<string, Record<string, unknown>>;
  const diff: Record<string, { from: unknown; to: unknown }> = {};
  for (const [section, rules] of Object.entries(values)) {
    for (const [name, value] of Object.entries(rules)) {
      diff[`${section}.${name}`] = { from: current[section]?.[name], to: value };
      current[section] = { ...current[section], [name]: value };
    }
  }
  return db.$transaction(async (tx) => {
    const updated = await tx.ruleSet.update({ where: { id: ruleSetId }, data: { values: JSON.stringify(current) } });
    await tx.ruleSetChange.create({ data: change(row.countyId, ruleSetId, 'CHANGED', by, reason, diff) });
    return updated;
  });
}

/**
 * Publishes a draft, in force from `effectiveFrom` (from now when not given); refused, naming each rule and
 * bound, when any value is outside its bounds, and refused when it would take effect in the past.
 */
export async function publishRuleSet(db: Db, sections: RuleSectionMap, ruleSetId: string, effectiveFrom: Date | undefined, by: ActingPerson) {
  const row = await requireDraft(db, ruleSetId);
  const violations = ruleViolations(sections, JSON.parse(row.values) as Record<string, Record<string, unknown>>);
  if (violations.length) {
    const listed = violations.map((v) => `${v.rule} = ${JSON.stringify(v.value)} (must be ${v.bound})`).join('; ');
    throw new RuleSetError('RULE_BROKEN', `Outside the bounds: ${listed}.`, violations, { rule: 'ruleSets.bounds', zh: `规则取值超出允许范围：${listed}。` });
  }
  const publishedAt = new Date();
  const from = effectiveFrom ?? publishedAt;
  const backdated = effectiveFromHolds(from, publishedAt);
  if (!backdated.ok) throw new RuleSetError('RULE_BROKEN', backdated.detail, [], backdated);
  return db.$transaction(async (tx) => {
    const published = await tx.ruleSet.update({
      where: { id: ruleSetId },
      data: { status: 'PUBLISHED', effectiveFrom: from, publishedAt, publishedBy: by.personId },
    });
    await tx.ruleSetChange.create({ data: change(row.countyId, ruleSetId, 'PUBLISHED', by, `effective from ${from.toISOString()}`) });
    return published;
  });
}
