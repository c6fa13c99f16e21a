// A process answered to its reader (docs/processes.md §0.9): who the actor is to it (api/access.ts),
// then the projection its descriptor declares for that kind of reader, from the whole view.
import type { Response } from 'express';
import type { Actor } from '../workflows/common/actor';
import { z } from 'zod';
import './openapi'; // zod's .openapi()
import { READER_KINDS, type Reader } from '../workflows/common/projection';
import type { NextActor, ProcessView } from '../workflows/common/view';
import { readerKindAt, readScope } from './access';
import type { AppDeps } from './deps';
import { projectionFor, type ProcessDescriptor, type ProcessRegistry } from './process-registry';

/** Names the kind of reader an answer was projected for (`staff`, `auditor`, `subject`, `public`). */
export const READER_KIND = 'X-Reader-Kind';

/** The headers of an answer that is a process as its reader sees it, for the document. */
export const projectedAnswerHeaders = z.object({
  [READER_KIND]: z.enum(READER_KINDS).openapi({
    description: 'The kind of reader the answer was projected for: which of the schemas the body is (docs/processes.md §0.9)',
  }),
});

/** The actor as a reader of `view`. */
async function readerOf(deps: Pick<AppDeps, 'db'>, d: ProcessDescriptor, actor: Actor, view: ProcessView, now = new Date()): Promise<Reader> {
  const scope = await readScope(deps.db, actor);
  const known = { personId: actor.personId, roles: actor.roles, now: now.toISOString() };
  const kind = readerKindAt(scope, actor, view, d.readers, () => d.projections.isSubject?.(view as never, known) ?? false);
  return { kind, ...known };
}

/** The actor is the subject of the process as the read model holds it (none there: not). */
export async function isSubjectOfStored(deps: Pick<AppDeps, 'db'>, d: ProcessDescriptor, actor: Actor, workflowId: string): Promise<boolean> {
  const isSubject = d.projections.isSubject;
  if (!isSubject) return false;
  const row = await deps.db.processRecord.findUnique({ where: { workflowId }, select: { processType: true, state: true } });
  if (row?.processType !== d.contract.processType) return false;
  return isSubject(JSON.parse(row.state) as never, { personId: actor.personId, roles: actor.roles, now: new Date().toISOString() });
}

/** A board's anonymous reader. */
export const anonymousReader = (now = new Date()): Reader => ({ kind: 'public', roles: [], now: now.toISOString() });

/** What `view` shows to `reader`. */
function projectFor(d: ProcessDescriptor, view: ProcessView, reader: Reader): unknown {
  return projectionFor(d, reader.kind).project(view, reader);
}

/** The view as the actor may see it, the kind of reader named in the answer's headers. */
export async function answerTo(deps: Pick<AppDeps, 'db'>, res: Response, d: ProcessDescriptor, actor: Actor, view: ProcessView): Promise<unknown> {
  const reader = await readerOf(deps, d, actor, view);
  res.setHeader(READER_KIND, reader.kind);
  return projectFor(d, view, reader);
}

/** What a list of one's next steps (the inbox) shows of each process: its title and next actions, as the actor's projection has them. */
export interface ShownHeading {
  title: string;
  nextActors: NextActor[];
}

/** The title and next actions of the processes `workflowIds` name, each as the actor may see it (by workflow id; processes the read model lacks are absent). */
export async function headingsFor(
  deps: Pick<AppDeps, 'db'>,
  registry: ProcessRegistry,
  actor: Actor,
  workflowIds: string[],
): Promise<Map<string, ShownHeading>> {
  const rows = await deps.db.processRecord.findMany({
    where: { workflowId: { in: workflowIds } },
    select: { workflowId: true, processType: true, state: true },
  });
  const shown = new Map<string, ShownHeading>();
  for (const row of rows.filter((r) => registry.has(r.processType))) {
    const d = registry.get(row.processType);
    const view = JSON.parse(row.state) as ProcessView;
    shown.set(row.workflowId, projectFor(d, view, await readerOf(deps, d, actor, view)) as ShownHeading);
  }
  return shown;
}
