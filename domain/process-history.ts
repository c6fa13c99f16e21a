// A process as it stood at any instant: its read model's revisions (activities/read-model.ts keeps
// each publication: the whole state first, then each change) replayed up to that instant.
import { applyPatch, type Operation } from 'fast-json-patch';
import type { Db } from '../prisma/client';
import type { ProcessView } from '../workflows/common/view';

type Change = { whole: ProcessView } | { patch: Operation[] };

/** The state of `workflowId` as the platform showed it at `at`; undefined before its first publication. */
export async function stateAt<V extends ProcessView = ProcessView>(db: Db, workflowId: string, at: Date): Promise<V | undefined> {
  const rows = await db.processRevision.findMany({ where: { workflowId, at: { lte: at } }, orderBy: { revision: 'asc' }, select: { change: true } });
  const changes = rows.map((r) => JSON.parse(r.change) as Change);
  let first = changes.length - 1;
  while (first >= 0 && !('whole' in changes[first])) first--;
  if (first < 0) return undefined;
  let state = (changes[first] as { whole: ProcessView }).whole;
  for (const change of changes.slice(first + 1)) state = 'whole' in change ? change.whole : applyPatch(state, change.patch, false, true).newDocument;
  return state as V;
}
