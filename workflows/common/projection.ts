// What each kind of reader sees of a process (docs/processes.md §0.9): a process declares, per kind,
// a projection of its whole view — a pure function and the zod schema of what it answers (its own
// OpenAPI component). The read model keeps the whole view; every read is projected from it, so
// recorded histories are untouched. Bundle-safe (zod and the kit's model only), though only the API
// and the boards call it.
import { z } from 'zod';
import type { ActedAs, RoleAssignment } from './actor';
import type { Role } from './roles';
import { ROLES } from './roles';
import { processViewSchema } from './view-schema';
import type { ProcessView, StepRecord } from './view';

/**
 * `staff`: the organisations that handle the process, within their county (the whole view, unless the
 * process seals something from them); `auditor`: the county's auditors (everything, read-only);
 * `subject`: the one a process is about (a village for its task or its bid, a cadre for a secondment):
 * their own part; `public`: everyone else who reads it (villagers, party members, a board's readers).
 */
export const READER_KINDS = ['staff', 'auditor', 'subject', 'public'] as const;
export type ReaderKind = (typeof READER_KINDS)[number];

/** Who reads: their kind for this process, who they are (none for a board's anonymous reader), and when (sealed parts open at a moment). */
export interface Reader {
  kind: ReaderKind;
  personId?: string;
  roles: readonly Pick<RoleAssignment, 'role' | 'orgId'>[];
  /** The moment of the read (ISO instant): what is sealed until a deadline opens from it. */
  now: string;
}

/** One reader kind's share of a process: what it answers, and the schema of that (an OpenAPI component of its own). */
export interface Projection<V extends ProcessView = ProcessView> {
  schema: z.ZodType;
  project: (view: V, reader: Reader) => unknown;
}

/** What a process declares of its readers; `staff` and `auditor` default to the whole view, `subject` to `public`. */
export interface Projections<V extends ProcessView = ProcessView> {
  /** Among the readers who are neither staff nor auditors, the process's subject (else the public). */
  isSubject?: (view: V, reader: Omit<Reader, 'kind'>) => boolean;
  staff?: Projection<V>;
  auditor?: Projection<V>;
  subject?: Projection<V>;
  public: Projection<V>;
}

/** The reader holds the role in the organisation. */
export const holds = (reader: Pick<Reader, 'roles'>, role: Role, orgId: string | undefined): boolean =>
  reader.roles.some((r) => r.role === role && r.orgId === orgId);

/** The reader holds any of the roles in the organisation. */
export const holdsAny = (reader: Pick<Reader, 'roles'>, roles: readonly Role[], orgId: string | undefined): boolean =>
  roles.some((role) => holds(reader, role, orgId));

/** A village's own staff (its task's subject): secretary, cadres, supervisors. Grid members are named by the process's staff list. */
export const VILLAGE_STAFF: readonly Role[] = ['VILLAGE_SECRETARY', 'VILLAGE_CADRE', 'SUPERVISOR'];

/** A recorded step as the public reads it: what, when, by which role of which organisation; no person, no input, no words that may name one. */
export const publicStepRecordSchema = z
  .object({
    seq: z.number().int(),
    at: z.string(),
    step: z.string(),
    actor: z.object({ role: z.enum(ROLES), orgId: z.string() }).optional(),
    rule: z.string().optional(),
  })
  .meta({ id: 'PublicStepRecord' });
export type PublicStepRecord = z.infer<typeof publicStepRecordSchema>;

export function publicRecord(record: readonly StepRecord[]): PublicStepRecord[] {
  return record.map((r) => ({
    seq: r.seq,
    at: r.at,
    step: r.step,
    ...(r.actor && { actor: { role: r.actor.role, orgId: r.actor.orgId } }),
    ...(r.rule && { rule: r.rule }),
  }));
}

/** A recorded step as a reader sees it: the person who took it may be left out. */
export type ShownStepRecord = Omit<StepRecord, 'actor'> & { actor?: Omit<ActedAs, 'personId' | 'name'> & Partial<Pick<ActedAs, 'personId' | 'name'>> };

/** What of an entry a reader sees: its input (the step's body), and who took it; the summary, which may tell either, goes with them. */
export interface EntryShown {
  input?: boolean;
  who?: boolean;
}

/** The record as `shown` says, entry by entry (whole by default). */
export function recordShowing(record: readonly StepRecord[], shown: (entry: StepRecord) => EntryShown): ShownStepRecord[] {
  return record.map((r) => {
    const { input = true, who = true } = shown(r);
    if (input && who) return r;
    const { data, actor, ...rest } = r;
    return {
      ...rest,
      summary: `${r.step} (${input ? 'who: withheld' : 'withheld'})`,
      ...(input && data !== undefined && { data }),
      ...(actor && { actor: who ? actor : { role: actor.role, orgId: actor.orgId } }),
    };
  });
}

/** The schema of a public view: every ProcessView field, the public record and the process's public details. */
export function publicViewSchema<T extends string, D extends z.ZodType>(processType: T, details: D) {
  return processViewSchema(processType, details).extend({ record: z.array(publicStepRecordSchema) });
}

/** A public view of `view` with its public details. */
export function publicView<D>(view: ProcessView, details: D) {
  return { ...view, record: publicRecord(view.record), details };
}
