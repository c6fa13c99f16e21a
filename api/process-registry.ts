// The node side of a process (its descriptor) and the registry of descriptors: what the API, the
// worker, the platform and the tests derive from the processes instead of writing it per process.
// A descriptor lives with its process (processes/<process>/process.ts); the one list of them is
// processes/index.ts, handed to the API and the worker by their composition roots (main, start,
// the tests' platform). Nothing of the workflow bundle imports this file.
/* eslint-disable @typescript-eslint/no-explicit-any -- a registry holds descriptors of every start input and body */
import type { UpdateDefinition } from '@temporalio/common';
import type { Response } from 'express';
import type { z } from 'zod';
import type { Db, Prisma } from '../prisma/client';
import type { Actor } from '../workflows/common/actor';
import { pascal, type Action, type Contract, type SearchAttributeKey, type ViewOf } from '../workflows/common/contract';
import { READER_KINDS, type Projection, type Projections, type ReaderKind } from '../workflows/common/projection';
import type { RuleDefinition, RuleSectionMap } from '../workflows/rules/definitions';
import { PLATFORM_RULES } from '../workflows/rules/platform-section';
import type { ProcessPlace, ReadLevel } from './access';
import type { AppDeps } from './deps';
import type { HttpDeps } from './http';
import type { ProcessRef } from './refusals';
import { notFound, type Problem } from './problem';

/** What a start route's `begin` gives: the workflow's start input, its id, and who started it. */
export interface Begun<S> {
  start: S;
  workflowId: string;
  /** The organisation starting it: a repeated request id from another organisation is a conflict. */
  starterOrgId: string;
}

/** A process's own demo data, seeded with the demo county in its transaction (prisma/seed runs each). */
export type ProcessSeed = (tx: Prisma.TransactionClient, now: Date) => Promise<void>;

export interface StartContext<B> {
  deps: AppDeps;
  actor: Actor;
  body: B;
  res: Response;
  /** Names the county of the process being started (for the log of a refusal): call it before refusing. */
  inCounty: (countyId: string) => void;
}

/** A route that starts the process (`POST <path>`): its body, and how a request becomes a start (checks, parties, pinned rules). */
export interface StartRoute<S, V, B = any> {
  path: string;
  /** Defaults to `start<Process>`; a second start route names its own. */
  operationId?: string;
  summary: string;
  body: z.ZodType<B>;
  begin: (ctx: StartContext<B>) => Promise<Begun<S>>;
  /** The first answer: an Update the start awaits (e.g. the eligibility check), else the process's state. */
  firstCall?: UpdateDefinition<V, []>;
  /**
   * A start the process itself refused at once (e.g. an ineligible secondment): the refusal answered
   * instead of its state (and logged among refused attempts, naming the process that recorded the decision).
   */
  refusedAt?: (view: V) => Problem | undefined;
}

/** The node side of a process: how the API serves it, who reads it, where it sits, what the worker runs for it, where its histories are. */
export interface ProcessDescriptor<C extends Contract = Contract, S = any> {
  contract: C;
  /** The module that exports its workflow function under the contract's `processType` (an absolute path: `require.resolve`). */
  workflowModule: string;
  http: {
    /** The collection's path, e.g. `/secondments`: list, read and one POST per action below it. */
    base: string;
    /** The OpenAPI tag, also the plural of the operation ids (`listSecondments`). */
    tag: string;
    /** What the tag's operations are about, in the document's list of tags. */
    tagDescription: string;
    /** What an id of this process looks like: a path that cannot name one is a 404. */
    id: z.ZodType<string>;
    listSummary: string;
    readSummary: string;
    /** Filters of its list beyond the county, town, village, step, status and overdue (e.g. `screeningCode`). */
    listFilters?: Record<string, z.ZodType>;
  };
  /**
   * What each kind of reader sees of it (workflows/common/projection.ts): every read, start and step
   * answers the reader's projection of the whole view, each with its own OpenAPI schema.
   */
  projections: Projections<ViewOf<C>>;
  starts: StartRoute<S, ViewOf<C>>[];
  /** The static summary an operator sees in the Temporal UI. */
  staticSummary: (start: S) => string;
  /** Who started a process (a repeated request id from another organisation is a conflict). */
  startedBy: (view: ViewOf<C>) => string;
  /** Routes of its own beyond start, list, read and the actions (reports, boards), each through `route()`. */
  routes?: (http: HttpDeps, deps: AppDeps) => void;
  /** Checks of an action's body against the database before the workflow sees it (what a validator cannot), by its Update's name. */
  checks?: Partial<Record<keyof C['actions'] & string, (deps: AppDeps, body: any, process: ProcessRef) => Promise<void>>>;
  /** Which levels of its place read it (the county's staff always do). */
  readers: readonly ReadLevel[];
  /** It carries personal data (names, identities, circumstances): its staff's reads are logged, as auditors' always are (api/read-log.ts). */
  personalData?: boolean;
  /** Where a workflow id puts the process (county, town, village), or undefined when no process can have that id. */
  place: (db: Db, workflowId: string) => Promise<Omit<ProcessPlace, 'processType' | 'workflowId'> | undefined>;
  /** Its own demo data, seeded with the demo county (in its transaction). */
  seed?: ProcessSeed;
  /** Its own activities, beside the platform's. */
  activities?(db: Db): Record<string, (input: never) => Promise<unknown>>;
  /**
   * Its tests' fixtures, from the project's root: its recorded histories for the replay test (a folder,
   * and which files of it), and the module whose `access(platform)` brings it to each action for the
   * generated authorisation cases (test/support/access-cases.ts), and the module whose `readers(platform)`
   * gives the processes each kind of reader reads for the generated reader cases (test/support/reader-cases.ts).
   */
  tests: { histories: { dir: string; match?: RegExp }; access?: string; readers?: string };
  /** Its line in the README's table of processes. */
  readme: { name: string; what: string };
}

/** The projection a kind of reader gets of the process: its own, or the default (the whole view for staff and auditors, the public one for a subject). */
export function projectionFor(d: ProcessDescriptor, kind: ReaderKind): Projection {
  const whole: Projection = { schema: d.contract.view, project: (view) => view };
  const { projections: p } = d;
  const declared = { staff: p.staff ?? whole, auditor: p.auditor ?? whole, subject: p.subject ?? p.public, public: p.public };
  return declared[kind] as Projection;
}

/** The schemas of what its readers get, each once (the responses of its reads, starts and steps). */
export function projectionSchemas(d: ProcessDescriptor): z.ZodType[] {
  return [...new Set(READER_KINDS.map((kind) => projectionFor(d, kind).schema))];
}

/** Declares a process's descriptor; `S` is its workflow's start input. */
export function defineProcess<S>() {
  return <C extends Contract>(contract: C, descriptor: Omit<ProcessDescriptor<C, S>, 'contract'>): ProcessDescriptor<C, S> => ({ contract, ...descriptor });
}

/**
 * A registry operation's stable id: `start<Process>`, `list<Tag>`, `get<Process>`, `<process><Update>`
 * (startSecondment, listSecondments, getSecondment, secondmentRequestExtension; listMajorMatters).
 */
export const operationIds = (d: ProcessDescriptor) => {
  const one = pascal(d.contract.processType);
  return {
    start: `start${one}`,
    list: `list${pascal(d.http.tag)}`,
    get: `get${one}`,
    action: (update: string) => `${d.contract.processType}${pascal(update)}`,
  };
};

export interface ProcessRegistry {
  readonly all: readonly ProcessDescriptor[];
  /** The workflow bundle's entry: a module exporting every registered workflow, written by `writeWorkflowsEntry`. */
  workflowsEntry(): string;
  get(processType: string): ProcessDescriptor;
  has(processType: string): boolean;
  /** The place a process id names, or a 404: no process can have it. */
  place(db: Db, processType: string, workflowId: string): Promise<ProcessPlace>;
  /** Every process's own activities. */
  activities(db: Db): Record<string, (input: never) => Promise<unknown>>;
  /** The processes' OpenAPI tags, declared in the document after the platform's. */
  tags(): { name: string; description: string }[];
  /** Every process's own demo data (the demo county's seed runs them). */
  seeds(): ProcessSeed[];
  /**
   * The county's rules, section by section: the platform's (`platform`) and every section a contract
   * declares (`contract.rules`), what the rule-set API, its checks, defaults and pinning are given.
   */
  ruleSections(): RuleSectionMap;
  /** Every process's own search attributes (the kit's are registered beside them). */
  searchAttributes(): SearchAttributeKey[];
  /** Each process's actions, for the generated access cases. */
  actions(processType: string): Action[];
  /** The README's table of the registered processes. */
  readmeTable(): string;
}

export function createProcessRegistry(descriptors: readonly ProcessDescriptor[]): ProcessRegistry {
  const byType = new Map(descriptors.map((d) => [d.contract.processType, d]));
  if (byType.size !== descriptors.length) throw new Error('Two processes in the registry have the same type.');
  const get = (processType: string) => {
    const found = byType.get(processType);
    if (!found) throw new Error(`No process ${processType} in the registry.`);
    return found;
  };
  const sections = ruleSectionsOf(descriptors);
  return {
    all: descriptors,
    workflowsEntry: () => descriptors.map((d) => `export { ${d.contract.processType} } from ${JSON.stringify(d.workflowModule)};\n`).join(''),
    get,
    has: (processType) => byType.has(processType),
    async place(db, processType, workflowId) {
      const place = await get(processType).place(db, workflowId);
      if (!place) throw notFound(`Process ${workflowId}`);
      return { processType, workflowId, ...place };
    },
    activities: (db) => Object.assign({}, ...descriptors.map((d) => d.activities?.(db) ?? {})) as Record<string, (input: never) => Promise<unknown>>,
    tags: () => descriptors.map((d) => ({ name: d.http.tag, description: d.http.tagDescription })),
    seeds: () => descriptors.flatMap((d) => (d.seed ? [d.seed] : [])),
    ruleSections: () => sections,
    searchAttributes: () => descriptors.flatMap((d) => Object.values(d.contract.searchAttributes)),
    actions: (processType) => Object.values(get(processType).contract.actions),
    readmeTable: () => readmeTable(descriptors),
  };
}

/**
 * The platform's section and each contract's, by name in alphabetical order (whatever the registry's order):
 * two contracts may declare one section, the same object, never two by one name.
 */
function ruleSectionsOf(descriptors: readonly ProcessDescriptor[]): RuleSectionMap {
  const sections: Record<string, Readonly<Record<string, RuleDefinition>>> = { platform: PLATFORM_RULES };
  for (const d of descriptors) {
    for (const [name, section] of Object.entries(d.contract.rules)) {
      if (Object.hasOwn(sections, name) && sections[name] !== section) {
        throw new Error(`Two rule sections are named ${name} (${d.contract.processType}'s and another's).`);
      }
      sections[name] = section;
    }
  }
  return Object.fromEntries(Object.entries(sections).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Markdown: one row per process: what it does, its workflow type, its REST paths and actions, who reads it. */
function readmeTable(descriptors: readonly ProcessDescriptor[]): string {
  const rows = descriptors.map((d) => {
    const actions = Object.values(d.contract.actions)
      .map((a) => `\`${a.path}\``)
      .join(', ');
    const starts = d.starts.map((s) => `\`POST ${s.path}\``).join(', ');
    const attributes =
      Object.values(d.contract.searchAttributes)
        .map((k) => `\`${k.name}\``)
        .join(', ') || '—';
    return `| ${d.readme.name} | \`${d.contract.processType}\` | ${d.readme.what} | ${starts ? `${starts}; ` : ''}\`${d.http.base}/{id}\`: ${actions} | ${d.readers.join(', ')} | ${attributes} |`;
  });
  return ['| process | type | what it does | REST | read by | own search attributes |', '| --- | --- | --- | --- | --- | --- |', ...rows].join('\n');
}
