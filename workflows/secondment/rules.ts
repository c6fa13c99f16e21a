// Rules of the secondment process (docs/processes.md §5): pure functions, called by the validators and by
// the eligibility step. Eligibility lists every failure with a reason the requester can read.
import type { Actor } from '../common/actor';
import { mayTake } from '../common/contract';
import { allowed, firstRefusal, refused, ruleBroken, type RuleId, type RuleResult } from '../common/reasons';
import { reasonGiven } from '../common/guards';
import { beijingDayOf } from '../common/durations';
import { durationMs } from '../rules/checks';
import type { RuleValues } from '../rules/definitions';
import type {
  Clawback,
  Consent,
  Decision,
  EligibilityFacts,
  EligibilityFailure,
  ExtensionRequest,
  PastSecondment,
  Registration,
  SecondmentDetails,
  SecondmentRequest,
  SecondmentView,
  SecondmentWithdrawal,
} from './contract';
import { secondmentContract } from './contract';

export { sourceRole } from './contract';
const { actions } = secondmentContract;

export type SecondmentRules = RuleValues['secondment'];

/** A failure of eligibility: its code, the rule it failed (`secondment.<rule>`), the reason in English and Chinese. */
const failure = (code: EligibilityFailure['code'], rule: keyof SecondmentRules | 'cadreRecord' | 'oneAtATime' | 'ownUnit', reason: string, zh: string) => ({
  code,
  rule: `secondment.${rule}` satisfies RuleId,
  reason,
  zh,
});

/** Organisations at county level or below: they borrow only when the county's rules allow it. */
function atCountyLevelOrBelow(kind: string): boolean {
  return ['COUNTY', 'DEPARTMENT', 'COORDINATION_OFFICE', 'TOWN', 'STATION', 'VILLAGE', 'GRID'].includes(kind);
}

function categoryLabel(category: string): string {
  if (category === 'PROBATIONARY_LEADER') return 'a newly promoted leader in probation (试用期新提任领导)';
  if (category === 'LEADERSHIP_MEMBER') return 'a member of a county or township leadership (领导班子成员)';
  if (category === 'SELECTED_GRADUATE') return 'a selected graduate (选调生)';
  return 'a new recruit (新录用人员)';
}

/** `iso` plus `months` calendar months (the last day of a shorter month when the day does not exist). */
export function addMonths(iso: string, months: number): string {
  const d = new Date(iso);
  const target = new Date(
    Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()),
  );
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return target.toISOString();
}

/** The end of `months` of term from `from`: calendar months, or months of `monthLasts` each (tests and demos). */
export function termEnd(from: string, months: number, monthLasts?: string): string {
  if (monthLasts === undefined) return addMonths(from, months);
  return new Date(Date.parse(from) + months * durationMs(monthLasts)!).toISOString();
}

/** When the term starts: the beginning of the day asked for (00:00 Beijing), or the registration when it comes later. */
export function termStart(requestedStart: string, registeredAt: string): string {
  const begins = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(requestedStart) ? `${requestedStart}T00:00:00+08:00` : requestedStart);
  return begins > Date.parse(registeredAt) ? new Date(begins).toISOString() : registeredAt;
}

/** The rule of a category's years (selected graduates, new recruits); none for a category banned outright. */
function yearsRule(category: string): 'selectedGraduateYears' | 'newRecruitYears' | undefined {
  return category === 'SELECTED_GRADUATE' ? 'selectedGraduateYears' : category === 'NEW_RECRUIT' ? 'newRecruitYears' : undefined;
}

function categoryFailure(facts: EligibilityFacts, rules: SecondmentRules, startsAt: string): EligibilityFailure[] {
  const cadre = facts.cadre!;
  if (!rules.bannedCategories.includes(cadre.category)) return [];
  const rule = yearsRule(cadre.category);
  const label = categoryLabel(cadre.category);
  if (rule === undefined)
    return [
      failure(
        'BANNED_CATEGORY',
        'bannedCategories',
        `${cadre.name} is ${label}: the county's rules do not allow seconding them.`,
        `${cadre.name} 属于不得借调的人员类别（${cadre.category}）。`,
      ),
    ];
  const years = rules[rule];
  const until = addMonths(cadre.since, years * 12);
  if (Date.parse(until) <= Date.parse(startsAt)) return [];
  return [
    failure(
      'BANNED_CATEGORY',
      rule,
      `${cadre.name} is ${label} since ${beijingDayOf(cadre.since)}: not before ${years} years, on ${beijingDayOf(until)}; the term would start ${beijingDayOf(startsAt)}.`,
      `${cadre.name} 自 ${beijingDayOf(cadre.since)} 起属于 ${cadre.category}，满 ${years} 年（${beijingDayOf(until)}）前不得借调；借调拟于 ${beijingDayOf(startsAt)} 开始。`,
    ),
  ];
}

/** The moment a past secondment ended: its return, or its end date while not marked returned. */
function endedAt(past: PastSecondment): string {
  return past.returnedAt ?? past.endsAt;
}

/** The day a cool-down after `returnedAt` ends: a second term may start on it, not before. */
export function coolDownEnds(returnedAt: string, coolDownMonths: number): string {
  return addMonths(returnedAt, coolDownMonths);
}

function historyFailures(facts: EligibilityFacts, rules: SecondmentRules, startsAt: string): EligibilityFailure[] {
  const name = facts.cadre?.name ?? 'The cadre';
  const active = facts.history.filter((h) => h.status === 'ACTIVE');
  if (active.length) {
    const units = active.map((h) => h.borrowingUnitId).join(', ');
    return [failure('ALREADY_SECONDED', 'oneAtATime', `${name} is already on secondment to ${units}.`, `${name} 已借调至 ${units}，同一时间只能借调一处。`)];
  }
  const last = [...facts.history].sort((a, b) => Date.parse(endedAt(b)) - Date.parse(endedAt(a)))[0];
  if (!last) return [];
  const until = coolDownEnds(endedAt(last), rules.coolDownMonths);
  if (Date.parse(until) <= Date.parse(startsAt)) return [];
  return [
    failure(
      'COOL_DOWN',
      'coolDownMonths',
      `${name} returned from ${last.borrowingUnitId} on ${beijingDayOf(endedAt(last))}: no second secondment within ${rules.coolDownMonths} months, so no term before ${beijingDayOf(until)}; this one would start ${beijingDayOf(startsAt)}.`,
      `${name} 于 ${beijingDayOf(endedAt(last))} 从 ${last.borrowingUnitId} 归位：${rules.coolDownMonths} 个月内不得再次借调，${beijingDayOf(until)} 前不得开始新的借调；本次拟于 ${beijingDayOf(startsAt)} 开始。`,
    ),
  ];
}

function termFailures(request: SecondmentRequest, rules: SecondmentRules): EligibilityFailure[] {
  const failures: EligibilityFailure[] = [];
  if (request.months > rules.maxTermMonths)
    failures.push(
      failure(
        'TERM_TOO_LONG',
        'maxTermMonths',
        `${request.months} months asked: a term is at most ${rules.maxTermMonths} months.`,
        `申请借调 ${request.months} 个月：每次最长 ${rules.maxTermMonths} 个月。`,
      ),
    );
  if (request.months > rules.cumulativeCapMonths)
    failures.push(
      failure(
        'OVER_CAP',
        'cumulativeCapMonths',
        `${request.months} months asked: one secondment lasts at most ${rules.cumulativeCapMonths} months in all.`,
        `申请借调 ${request.months} 个月：一次借调累计最长 ${rules.cumulativeCapMonths} 个月。`,
      ),
    );
  return failures;
}

/** The cadres a borrowing unit may hold at once: its own quota, else the default. */
export function quotaOf(rules: SecondmentRules, unitId: string): number {
  return Object.hasOwn(rules.quotas, unitId) ? rules.quotas[unitId] : rules.defaultQuota;
}

function borrowerFailures(facts: EligibilityFacts, rules: SecondmentRules): EligibilityFailure[] {
  const unit = facts.borrowingUnit;
  const failures: EligibilityFailure[] = [];
  if (facts.cadre?.unitId === unit.id)
    failures.push(
      failure(
        'OWN_UNIT',
        'ownUnit',
        `${facts.cadre.name} already serves in ${unit.name}: that is no secondment.`,
        `${facts.cadre.name} 本就在 ${unit.name} 工作，不属于借调。`,
      ),
    );
  if (atCountyLevelOrBelow(unit.kind) && !rules.countyLevelMayBorrow) {
    failures.push(
      failure(
        'COUNTY_LEVEL_BORROWER',
        'countyLevelMayBorrow',
        `${unit.name} is a unit at county level or below: the county's rules do not let such units borrow cadres.`,
        `${unit.name} 是县级及以下单位：县里规则不允许此类单位借调干部。`,
      ),
    );
  }
  const quota = quotaOf(rules, unit.id);
  if (facts.borrowingUnitActive >= quota)
    failures.push(
      failure(
        'OVER_QUOTA',
        Object.hasOwn(rules.quotas, unit.id) ? 'quotas' : 'defaultQuota',
        `${unit.name} already holds ${facts.borrowingUnitActive} seconded cadre(s); its quota is ${quota}.`,
        `${unit.name} 已借调 ${facts.borrowingUnitActive} 名干部，名额为 ${quota} 名。`,
      ),
    );
  return failures;
}

/**
 * Every reason the request cannot go ahead (empty when eligible): category, history, term, borrower. The
 * period rules (category years, cool-down) are measured to `startsAt`, the day the term would start.
 */
export function eligibilityFailures(facts: EligibilityFacts, request: SecondmentRequest, rules: SecondmentRules, startsAt: string): EligibilityFailure[] {
  const record: EligibilityFailure[] = facts.cadre
    ? categoryFailure(facts, rules, startsAt)
    : [
        failure(
          'NO_CADRE_RECORD',
          'cadreRecord',
          `${request.personId} has no cadre record in the organisation data: eligibility cannot be shown.`,
          `${request.personId} 在组织数据中没有干部档案，无法认定借调资格。`,
        ),
      ];
  return [...record, ...historyFailures(facts, rules, startsAt), ...termFailures(request, rules), ...borrowerFailures(facts, rules)];
}

/** The failures as one refusal: the first one's rule, every reason in both languages (allowed when there are none). */
export function ineligible(failures: Pick<EligibilityFailure, 'rule' | 'reason' | 'zh'>[]): RuleResult {
  const [first] = failures;
  return first
    ? ruleBroken(first.rule as RuleId, `Ineligible: ${failures.map((f) => f.reason).join(' ')}`, `不符合借调条件：${failures.map((f) => f.zh).join('')}`)
    : allowed;
}

// Each action's own rule, checked by the kit after its steps (`at`) and its actors (`by`); `may…`
// is the whole check, as the Update's validator makes it.

export function consentRule(view: SecondmentView, consent: Consent): RuleResult {
  const given = view.details.consents.some((c) => c.party === consent.party);
  return firstRefusal(
    given ? refused('ALREADY_DONE', `The ${consent.party === 'CADRE' ? 'cadre' : 'source unit'} has already answered.`) : allowed,
    consent.consent ? allowed : reasonGiven(consent.comment, 'Refusing consent'),
  );
}

export function mayConsent(view: SecondmentView, actor: Actor, consent: Consent): RuleResult {
  return mayTake(actions.consent, view, actor, consent, () => consentRule(view, consent));
}

/** Both the source unit and the cadre consented. */
export function bothConsented(details: Pick<SecondmentDetails, 'consents'>): boolean {
  return ['SOURCE_UNIT', 'CADRE'].every((party) => details.consents.some((c) => c.party === party && c.consent));
}

/** A rejection says why. */
export function decisionReasoned(decision: Decision): RuleResult {
  return decision.decision === 'REJECT' ? reasonGiven(decision.comment, 'Rejecting a secondment') : allowed;
}

export function mayReview(view: SecondmentView, actor: Actor, decision: Decision): RuleResult {
  return mayTake(actions.review, view, actor, decision, () => decisionReasoned(decision));
}

export function mayApprove(view: SecondmentView, actor: Actor, decision: Decision): RuleResult {
  return mayTake(actions.approve, view, actor, decision, () => decisionReasoned(decision));
}

export function registrationRule(registration: Registration): RuleResult {
  return reasonGiven(registration.registrationRef, 'A registration');
}

export function mayRegister(view: SecondmentView, actor: Actor, registration: Registration): RuleResult {
  return mayTake(actions.register, view, actor, registration, () => registrationRule(registration));
}

/** Months the secondment would last with `more`: the approved term, a pending extension and `more`. */
export function monthsWith(details: Pick<SecondmentDetails, 'monthsApproved' | 'extensions'>, more: number): number {
  return details.monthsApproved + details.extensions.filter((e) => e.status === 'PENDING').reduce((sum, e) => sum + e.months, 0) + more;
}

export function extensionRule(view: SecondmentView, extension: ExtensionRequest, rules: SecondmentRules): RuleResult {
  const total = monthsWith(view.details, extension.months);
  return firstRefusal(
    reasonGiven(extension.reason, 'An extension'),
    total > rules.cumulativeCapMonths
      ? ruleBroken(
          'secondment.cumulativeCapMonths',
          `With ${extension.months} more month(s) the secondment would last ${total} months in all: the cap is ${rules.cumulativeCapMonths} months.`,
          `再延长 ${extension.months} 个月，借调累计将达 ${total} 个月，超过上限 ${rules.cumulativeCapMonths} 个月。`,
        )
      : allowed,
  );
}

export function mayRequestExtension(view: SecondmentView, actor: Actor, extension: ExtensionRequest, rules: SecondmentRules): RuleResult {
  return mayTake(actions.requestExtension, view, actor, extension, () => extensionRule(view, extension, rules));
}

/** An extension is asked in time when the lead time, counted from now, ends no later than the term. */
export function extensionInTime(leadTimeEndsAt: string, endsAt: string): RuleResult {
  return Date.parse(leadTimeEndsAt) <= Date.parse(endsAt)
    ? allowed
    : ruleBroken(
        'secondment.extensionLeadTime',
        `An extension must be asked before the lead time: the term ends ${endsAt}, the lead time from now ends ${leadTimeEndsAt}.`,
        `延期须在提前期之前申请：借调期满于 ${endsAt}，自今日起算的提前期至 ${leadTimeEndsAt} 才满。`,
      );
}

/** Confirms the cadre is back: the source unit, or the organisation department once escalated (its `by`). */
export function mayConfirmReturn(view: SecondmentView, actor: Actor): RuleResult {
  return mayTake(actions.confirmReturn, view, actor, {});
}

/** A withdrawal of the request states its reason (docs/processes.md §5); the contract's `at` keeps it before the term starts. */
export function withdrawalRule(withdrawal: SecondmentWithdrawal): RuleResult {
  return reasonGiven(withdrawal.reason, 'A withdrawal');
}

export function mayWithdraw(view: SecondmentView, actor: Actor, withdrawal: SecondmentWithdrawal): RuleResult {
  return mayTake(actions.withdraw, view, actor, withdrawal, () => withdrawalRule(withdrawal));
}

export function clawbackRule(clawback: Clawback): RuleResult {
  return reasonGiven(clawback.reason, 'A clawback');
}

export function mayClawBack(view: SecondmentView, actor: Actor, clawback: Clawback): RuleResult {
  return mayTake(actions.clawback, view, actor, clawback, () => clawbackRule(clawback));
}
