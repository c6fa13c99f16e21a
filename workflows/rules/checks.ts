// Pure checks of the county's rules: values against their bounds, defaults for missing values,
// and what a test or demo may shorten for one process instance. Each is given the sections it reads
// (the registry's `ruleSections()`, or a process's own `contract.rules`): no list of them lives here.
import { allowed, ruleBroken, type RuleResult } from '../common/reasons';
import type { PeriodName, RuleDefinition, RuleSectionMap, RuleValues, SectionName, Weekday } from './definitions';

/** A period a step is given: working days of the official calendar, a calendar duration, or every week on a weekday. */
export type Period = { workingDays: number } | { duration: string } | { weeklyOn: Weekday };

export type PeriodOverrides = Partial<Record<PeriodName, Period>>;

export const SECOND_MS = 1000;
const UNIT_MS: Record<string, number> = { s: SECOND_MS, m: 60 * SECOND_MS, h: 3600 * SECOND_MS, d: 86_400 * SECOND_MS };
export const DAY_MS = UNIT_MS.d;

/** Milliseconds of a duration written `<whole number><s|m|h|d>` (e.g. 30s, 2h, 1d); undefined for anything else, zero included. */
export function durationMs(text: string): number | undefined {
  const match = /^([1-9]\d{0,8})([smhd])$/.exec(text);
  return match ? Number(match[1]) * UNIT_MS[match[2]] : undefined;
}

/** The bound a rule keeps, in words (API answers and documentation). */
export function describeBound(rule: RuleDefinition): string {
  switch (rule.unit) {
    case 'WORKING_DAYS':
      return `a whole number of working days from ${rule.min} to ${rule.max}`;
    case 'COUNT':
      return `a whole number from ${rule.min} to ${rule.max}`;
    case 'RATIO':
      return `a ratio from ${rule.min} to ${rule.max}`;
    case 'CALENDAR_DURATION':
      return `a duration from ${rule.min} to ${rule.max}`;
    case 'FLAG':
      return 'true or false';
    case 'CHOICE':
      return `one of ${rule.options.join(', ')}`;
    case 'LIST':
      return `at most ${rule.maxItems} of ${rule.options.join(', ')}`;
    case 'QUOTAS':
      return `at most ${rule.maxItems} organisation ids, each with a whole number from ${rule.min} to ${rule.max}`;
  }
}

function within(rule: RuleDefinition, value: unknown): boolean {
  switch (rule.unit) {
    case 'WORKING_DAYS':
    case 'COUNT':
      return Number.isInteger(value) && (value as number) >= rule.min && (value as number) <= rule.max;
    case 'RATIO':
      return typeof value === 'number' && value >= rule.min && value <= rule.max;
    case 'CALENDAR_DURATION':
      return typeof value === 'string' && (durationMs(value) ?? 0) >= durationMs(rule.min)! && (durationMs(value) ?? 0) <= durationMs(rule.max)!;
    case 'FLAG':
      return typeof value === 'boolean';
    case 'CHOICE':
      return rule.options.includes(value as string);
    case 'LIST':
      return Array.isArray(value) && value.length <= rule.maxItems && value.every((v) => rule.options.includes(v as string));
    case 'QUOTAS':
      return isQuotas(value, rule);
  }
}

/** Quotas per organisation: a plain object of organisation ids, each with a whole number within the bounds. */
function isQuotas(value: unknown, rule: { min: number; max: number; maxItems: number }): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return (
    entries.length <= rule.maxItems &&
    entries.every(([org, n]) => /^[a-z0-9][a-z0-9.-]{0,99}$/.test(org) && Number.isInteger(n) && n >= rule.min && n <= rule.max)
  );
}

export interface RuleViolation {
  /** `section.rule`, e.g. `dispatch.reviewPeriod`. */
  rule: string;
  value: unknown;
  bound: string;
}

/** Every value outside its rule's bounds, and every value for a rule that does not exist in `sections`. */
export function ruleViolations(sections: RuleSectionMap, values: Record<string, Record<string, unknown>>): RuleViolation[] {
  const found: RuleViolation[] = [];
  for (const [section, rules] of Object.entries(values)) {
    for (const [name, value] of Object.entries(rules)) {
      const rule = Object.hasOwn(sections, section) && Object.hasOwn(sections[section], name) ? sections[section][name] : undefined;
      if (!rule) found.push({ rule: `${section}.${name}`, value, bound: 'no such rule' });
      else if (!within(rule, value)) found.push({ rule: `${section}.${name}`, value, bound: describeBound(rule) });
    }
  }
  return found;
}

/** A complete rule set of `sections`: `values` where given, the default elsewhere (a rule set older than a section gets its defaults). */
export function withDefaults(sections: RuleSectionMap, values: Partial<Record<string, Record<string, unknown>>> = {}): RuleValues {
  return Object.fromEntries(
    Object.entries(sections).map(([section, rules]) => [
      section,
      Object.fromEntries(Object.entries(rules).map(([name, rule]) => [name, values[section]?.[name] ?? rule.default])),
    ]),
  ) as RuleValues;
}

/** Every period the rules of `sections` name. */
export function periodNames(sections: RuleSectionMap): PeriodName[] {
  return Object.values(sections).flatMap((rules) => Object.values(rules).flatMap((rule) => (rule.period ? [rule.period] : []))) as PeriodName[];
}

/** The rule of `sections` a per-instance period shortens. */
export function ruleOfPeriod(sections: RuleSectionMap, name: PeriodName): { section: SectionName; rule: string; definition: RuleDefinition } {
  for (const [section, rules] of Object.entries(sections)) {
    for (const [rule, definition] of Object.entries(rules)) {
      if (definition.period === name) return { section: section as SectionName, rule, definition };
    }
  }
  throw new Error(`No rule for the period ${name}`);
}

/** The period a pinned rule gives, shortened by the instance's own period where one was accepted. */
export function periodOf(sections: RuleSectionMap, values: RuleValues, name: PeriodName, overrides?: PeriodOverrides): Period {
  const override = overrides?.[name];
  if (override) return override;
  const { section, rule, definition } = ruleOfPeriod(sections, name);
  const value = (values[section] as Record<string, unknown>)[rule];
  if (definition.unit === 'WORKING_DAYS') return { workingDays: value as number };
  if (definition.unit === 'CHOICE') return { weeklyOn: value as Weekday };
  return { duration: value as string };
}

/** The shortest a period can last: what a per-instance period is compared with. */
export function shortestMs(period: Period): number | undefined {
  if ('workingDays' in period) return Number.isInteger(period.workingDays) && period.workingDays > 0 ? period.workingDays * DAY_MS : undefined;
  if ('weeklyOn' in period) return 7 * DAY_MS;
  return durationMs(period.duration);
}

export function describePeriod(period: Period): string {
  if ('workingDays' in period) return `${period.workingDays} working days`;
  if ('weeklyOn' in period) return `every ${period.weeklyOn}`;
  return period.duration;
}

/**
 * Why per-instance periods and bounds are refused for a process pinned to `values`: none at all in
 * production; elsewhere each may only shorten its rule, never below one second, and a bound
 * (rework rounds) may only be lowered within the rule's own bounds.
 */
export function overrideRefusals(
  sections: RuleSectionMap,
  values: RuleValues,
  request: { periods?: PeriodOverrides; maxReworkRounds?: number },
  production: boolean,
): string[] {
  const periods = Object.entries(request.periods ?? {}) as [PeriodName, Period][];
  if (production && (periods.length > 0 || request.maxReworkRounds !== undefined)) {
    return ["Per-instance periods and bounds are for tests and demos: in production the county's rules apply."];
  }
  const refusals: string[] = [];
  for (const [name, period] of periods) {
    const pinned = periodOf(sections, values, name);
    const ms = shortestMs(period);
    if (ms === undefined) refusals.push(`periods.${name}: ${describePeriod(period)} is not a period of at least one second.`);
    else if (ms > shortestMs(pinned)!)
      refusals.push(`periods.${name}: ${describePeriod(period)} would lengthen the county's rule (${describePeriod(pinned)}); a period may only be shortened.`);
  }
  const rounds = request.maxReworkRounds;
  const bound = sections.dispatch.maxReworkRounds as { min: number };
  if (rounds !== undefined && !(Number.isInteger(rounds) && rounds >= bound.min && rounds <= values.dispatch.maxReworkRounds)) {
    refusals.push(`maxReworkRounds: ${rounds} must be a whole number from ${bound.min} to the county's rule (${values.dispatch.maxReworkRounds}).`);
  }
  return refusals;
}

/**
 * A rule set takes effect from its publication on, never before: processes already started ran under
 * the rules then in force, so a correction of a rule in force is a new version from now on.
 */
export function effectiveFromHolds(effectiveFrom: Date, publishedAt: Date): RuleResult {
  return effectiveFrom.getTime() >= publishedAt.getTime()
    ? allowed
    : ruleBroken(
        'ruleSets.effectiveFrom',
        `A rule set cannot take effect in the past (${effectiveFrom.toISOString()}, before its publication at ${publishedAt.toISOString()}): a correction is a new version from now on.`,
        `规则集不能追溯生效（${effectiveFrom.toISOString()} 早于发布时间 ${publishedAt.toISOString()}）：更正现行规则须发布自即日起生效的新版本。`,
      );
}
