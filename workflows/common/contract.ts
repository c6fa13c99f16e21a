// A process's contract: what it declares once, bundle-safe (zod, @temporalio/workflow|common and the
// kit model only), read by its workflow, by the API that serves it and by the tests that prove it.
// The workflow type, the steps, one zod schema per message (types are inferred from them), each
// action: its Update (named as in recorded histories: never renamed), REST path, summary, the steps
// it may be taken at (`at`) and who may take it (`by`). The kit derives the Update and query
// definitions from it, and checks `at`, then `by`, then the process's own rule at every step.
/* eslint-disable @typescript-eslint/no-explicit-any -- an action's body and details are `any` where actions of every body stand together (a contract's record of them, the kit's step): function parameters make them invariant otherwise */
import type { defineSearchAttributeKey, UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineUpdate, type QueryDefinition } from '@temporalio/workflow';
import { z } from 'zod';
import { findRole, type Actor } from './actor';
import { atStep, holds } from './guards';
import { allowed, refused, type RuleResult } from './reasons';
import type { RuleSectionMap } from '../rules/definitions';
import type { Role } from './roles';
import { processViewSchema } from './view-schema';
import { STATE_QUERY, type ProcessView, type StepAnswer } from './view';
import type { StepOptions } from './workflow-support';

/** A typed search attribute key (the SDK does not export its type by name). */
export type SearchAttributeKey = ReturnType<typeof defineSearchAttributeKey>;

/** Who may take an action: a role in an organisation, or one person (named for the refusal). */
export type Party = { role: Role; org: string } | { person: string; name: string };

/** An action as a contract declares it. */
export interface ActionSpec<D, B, S extends string> {
  /** The REST path below the process (`/secondments/{id}/<path>`). */
  path: string;
  /** One line for the OpenAPI document and the README. */
  summary: string;
  /** The action in a refusal's words, e.g. 'Review of a secondment'. */
  doing: string;
  /** The body's schema (the Update's second argument); absent for an action without one. */
  body?: z.ZodType<B>;
  /** The steps at which it may be taken. */
  at: readonly S[];
  /** Who may take it, from the details (and the body, e.g. which party consents; the view for its place): any one of them. */
  by: (details: D, body: B, view: ProcessView<D>) => Party[];
}

/** An action of a contract: its spec, its name (the Update's) and its Update definition. */
export interface Action<D = any, B = any, S extends string = string> extends ActionSpec<D, B, S> {
  /** The Update's name, as in recorded histories. */
  name: string;
  /** What the runtime really answers: a step answer, never the view. */
  update: UpdateDefinition<StepAnswer, [Actor, B]>;
}

/** The contract of one process. */
export interface Contract<
  T extends string = string,
  S extends string = string,
  DS extends z.ZodType = z.ZodType,
  A extends Record<string, Action> = Record<string, Action>,
  K extends Record<string, SearchAttributeKey> = Record<string, SearchAttributeKey>,
> {
  /** The workflow type: ProcessView.processType and the start of its workflow ids. */
  processType: T;
  /** Its name in OpenAPI components (`<Name>View`) and operation ids (`start<Name>`, `<name><Path>`). */
  name: string;
  steps: readonly S[];
  /** The details' schema (the process's own part of its view). */
  details: DS;
  /** The whole view's schema, an OpenAPI component `<Name>View`. */
  view: ReturnType<typeof processViewSchema<T, DS>>;
  /** The state query, answered with the view. */
  query: QueryDefinition<ProcessView<z.infer<DS>>>;
  actions: A;
  /** Search attributes of its own, besides the kit's (registered by the platform from the registry). */
  searchAttributes: K;
  /**
   * The sections of the county's rules it owns (`{ secondment: SECONDMENT_RULES }`): gathered by the
   * registry for the rule-set API, checks, defaults and pinning; its deadlines read their periods here.
   */
  rules: RuleSectionMap;
}

type ActionMaker<D, S extends string> = <B>(body: z.ZodType<B> | undefined, spec: Omit<ActionSpec<D, B, S>, 'body'>) => ActionSpec<D, B, S>;

/** `Secondment` for `secondment`, `ReturnConfirmation` for `return-confirmation`. */
export const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1).replace(/[- ](\w)/g, (_m, c: string) => c.toUpperCase());

/**
 * Declares a process's contract. `actions` receives a maker that ties each action's body to its type:
 * `(action) => ({ review: action(decision, { path: 'review', at: ['REVIEW'], by: (d) => [...], ... }) })`;
 * the keys are the Update names.
 */
export function defineContract<
  T extends string,
  const S extends readonly string[],
  DS extends z.ZodType,
  A extends Record<string, ActionSpec<z.infer<DS>, any, S[number]>>,
  K extends Record<string, SearchAttributeKey> = Record<never, SearchAttributeKey>,
>(
  spec: {
    processType: T;
    steps: S;
    details: DS;
    searchAttributes?: K;
    /** The sections of the county's rules it owns, by name (two contracts may share one, the same object). */
    rules?: RuleSectionMap;
    /** The OpenAPI components' prefix (`<name>View`); `<ProcessType>` by default. */ name?: string;
  },
  actions: (action: ActionMaker<z.infer<DS>, S[number]>) => A,
): Contract<T, S[number], DS, { [N in keyof A & string]: A[N] extends ActionSpec<any, infer B, any> ? Action<z.infer<DS>, B, S[number]> : never }, K> {
  const declared = actions((body, action) => ({ ...action, body }));
  const name = spec.name ?? pascal(spec.processType);
  const view = processViewSchema(spec.processType, spec.details).meta({ id: `${name}View` });
  return {
    processType: spec.processType,
    name,
    steps: spec.steps,
    details: spec.details,
    view,
    query: defineQuery<ProcessView<z.infer<DS>>>(STATE_QUERY),
    actions: Object.fromEntries(Object.entries(declared).map(([name, action]) => [name, { ...action, name, update: defineUpdate(name) }])) as never,
    searchAttributes: spec.searchAttributes ?? ({} as K),
    rules: spec.rules ?? {},
  };
}

export type ViewOf<C extends Contract> = ProcessView<z.infer<C['details']>>;
export type DetailsOf<C extends Contract> = z.infer<C['details']>;
export type BodyOf<A extends Action> = A extends Action<any, infer B> ? B : never;

/**
 * The actor is one of `parties`. Else: WRONG_ORGANISATION when they hold one of the roles elsewhere,
 * NOT_AUTHORISED otherwise (with the words of `holds` when one party is named).
 */
export function mayAct(parties: Party[], actor: Actor, doing: string): RuleResult {
  if (parties.some((p) => ('person' in p ? p.person === actor.personId : findRole(actor, p.role, p.org) !== undefined))) return allowed;
  const roles = parties.filter((p): p is Extract<Party, { role: Role }> => 'role' in p);
  const elsewhere = roles.map((p) => holds(actor, p.role, p.org, doing)).find((r) => !r.ok && r.code === 'WRONG_ORGANISATION');
  if (elsewhere) return elsewhere;
  const [first] = parties;
  if (!first) return refused('NOT_AUTHORISED', `${doing}: nobody may do it now.`, { rule: 'process.by', zh: '此事项现在无人可办理。' });
  if (parties.length === 1)
    return 'person' in first
      ? refused('NOT_AUTHORISED', `${doing}: only ${first.name} may do it.`, { rule: 'process.by', zh: `此事项只能由 ${first.name} 本人办理。` })
      : holds(actor, first.role, first.org, doing);
  const who = parties.map((p) => ('person' in p ? p.name : `${p.role} in ${p.org}`)).join(' or ');
  return refused('NOT_AUTHORISED', `${doing} needs ${who}; ${actor.name} is none of them.`, {
    rule: 'process.by',
    zh: `此事项须由 ${who.replaceAll(' or ', ' 或 ')} 办理；${actor.name} 都不是。`,
  });
}

/** The kit's check of a step: at one of its steps (`at`), by one who may (`by`), then the process's own rule. */
export function mayTake<D, B>(action: Action<D, B>, view: ProcessView<D>, actor: Actor, body: B, own?: () => RuleResult): RuleResult {
  const at = atStep(view, [...action.at], action.doing);
  if (!at.ok) return at;
  const by = mayAct(action.by(view.details, body, view), actor, action.doing);
  if (!by.ok) return by;
  return own ? own() : allowed;
}

/** The action's whole rule for a view: `at`, `by`, then `own` (what the workflow registers as the Update's validator). */
export function ruleOf<D, B>(action: Action<D, B>, view: ProcessView<D>, own?: (actor: Actor, body: B) => RuleResult): (actor: Actor, body: B) => RuleResult {
  return (actor, body) => mayTake(action, view, actor, body, own && (() => own(actor, body)));
}

type UpdateStep = <A extends [Actor, ...unknown[]]>(
  update: UpdateDefinition<any, A>,
  rule: (...args: NoInfer<A>) => RuleResult,
  act: (...args: NoInfer<A>) => Promise<void> | void,
  options?: StepOptions,
) => void;

/** A process's `step`: an action of its contract (checked `at`, `by`, then `rule`), or a bare Update with its whole rule. */
export interface Steps<D> {
  <B>(
    action: Action<D, B>,
    rule: ((actor: Actor, body: NoInfer<B>) => RuleResult) | undefined,
    act: (actor: Actor, body: NoInfer<B>) => Promise<void> | void,
    options?: StepOptions,
  ): void;
  <A extends [Actor, ...unknown[]]>(
    update: UpdateDefinition<any, A>,
    rule: (...args: NoInfer<A>) => RuleResult,
    act: (...args: NoInfer<A>) => Promise<void> | void,
    options?: StepOptions,
  ): void;
}

function isAction<D>(value: UpdateDefinition<any, [Actor, unknown]> | Action<D>): value is Action<D> {
  return 'update' in value && 'at' in value;
}

/** The kit's `step`, taking a contract's actions as well as bare Updates. */
export function stepsOf<D>(view: ProcessView<D>, step: UpdateStep): Steps<D> {
  return ((
    update: UpdateDefinition<any, [Actor, unknown]> | Action<D>,
    rule: ((actor: Actor, body: unknown) => RuleResult) | undefined,
    act: (actor: Actor, body: unknown) => Promise<void> | void,
    options?: StepOptions,
  ) => (isAction(update) ? step(update.update, ruleOf(update, view, rule), act, options) : step(update, rule!, act, options))) as Steps<D>;
}

/** The kit's activity proxies (`process.activities`) with a process's own activities besides the platform's. */
export type WithOwn<P, Own> = { [K in keyof P]: P[K] & Own };
