// The audit log (审计留痕, docs/processes.md §0): every recorded step and every refused attempt is
// appended to its county's chain, each link hashing the one before, so that a row changed or removed
// behind the API's back shows when the chain is verified. What it proves and what it does not: README.
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { Db, Prisma } from '../prisma/client';
import type { StepRecord } from '../workflows/common/view';

const GENESIS = '0'.repeat(64);
const VERIFY_PAGE = 1000;

type Tx = Prisma.TransactionClient;

export type AuditLink = { kind: 'STEP'; workflowId: string; processType: string; entry: StepRecord } | { kind: 'REFUSAL'; refusal: RefusalRow };

export interface RefusalRow {
  id: number;
  at: Date;
  requestId: string;
  countyId: string;
  personId: string;
  roles: string;
  processType: string | null;
  workflowId: string | null;
  action: string;
  reasonCode: string;
  detail: string;
  httpStatus: number;
  bodyHash: string | null;
}

/** What a link records, as canonical JSON: what verification compares with the rows it stands for. */
function payloadOf(link: AuditLink): string {
  if (link.kind === 'STEP') return canonicalJson({ workflowId: link.workflowId, processType: link.processType, entry: link.entry });
  return canonicalJson({ ...link.refusal, at: link.refusal.at.toISOString() });
}

function hashOf(prevHash: string, seq: number, kind: string, payload: string): string {
  return createHash('sha256').update(`${prevHash}\n${seq}\n${kind}\n${payload}`).digest('hex');
}

/** Appends links to the county's chain, in the caller's transaction; the head's row lock orders concurrent appends. */
export async function appendToChain(tx: Tx, countyId: string, links: AuditLink[]): Promise<void> {
  if (links.length === 0) return;
  // The head as it was, its seq moved past the new links (its hash is the last link's until updated below).
  const head = await tx.auditChainHead.upsert({
    where: { countyId },
    create: { countyId, seq: links.length, hash: GENESIS },
    update: { seq: { increment: links.length } },
  });
  let { hash } = head;
  let seq = head.seq - links.length;
  const rows = links.map((link) => {
    const payload = payloadOf(link);
    const prevHash = hash;
    seq += 1;
    hash = hashOf(prevHash, seq, link.kind, payload);
    return {
      countyId,
      seq,
      at: link.kind === 'STEP' ? new Date(link.entry.at) : link.refusal.at,
      kind: link.kind,
      workflowId: link.kind === 'STEP' ? link.workflowId : link.refusal.workflowId,
      entrySeq: link.kind === 'STEP' ? link.entry.seq : null,
      refusalId: link.kind === 'REFUSAL' ? link.refusal.id : null,
      payload,
      prevHash,
      hash,
    };
  });
  await tx.auditEntry.createMany({ data: rows });
  await tx.auditChainHead.update({ where: { countyId }, data: { hash } });
}

/** The record entries of a process not yet on the chain: those after the last one chained. */
export async function unchainedSteps(tx: Tx, workflowId: string, record: StepRecord[]): Promise<StepRecord[]> {
  const chained = await tx.auditEntry.aggregate({ where: { workflowId, kind: 'STEP' }, _max: { entrySeq: true } });
  const last = chained._max.entrySeq ?? 0;
  return record.filter((entry) => entry.seq > last);
}

export interface ChainVerdict {
  countyId: string;
  /** Links checked, in order. */
  checked: number;
  headHash: string;
  intact: boolean;
  /** The first link that does not hold, and why. */
  firstBroken?: { seq: number; kind: string; workflowId: string | null; reason: string };
}

type EntryRow = Awaited<ReturnType<Db['auditEntry']['findMany']>>[number];

/**
 * Walks the county's chain from its first link: each link must hash its predecessor and its own
 * payload, the head must name the last link, and each payload must still match the row it stands for
 * (the refused attempt, the step in the process's read model).
 */
export async function verifyChain(db: Db, countyId: string): Promise<ChainVerdict> {
  const head = await db.auditChainHead.findUnique({ where: { countyId } });
  let prevHash = GENESIS;
  let checked = 0;
  const broken = (row: Pick<EntryRow, 'seq' | 'kind' | 'workflowId'>, reason: string): ChainVerdict => ({
    countyId,
    checked,
    headHash: head?.hash ?? GENESIS,
    intact: false,
    firstBroken: { seq: row.seq, kind: row.kind, workflowId: row.workflowId, reason },
  });
  for (let after = 0; ;) {
    const rows = await db.auditEntry.findMany({ where: { countyId, seq: { gt: after } }, orderBy: { seq: 'asc' }, take: VERIFY_PAGE });
    if (rows.length === 0) break;
    const sources = await sourcesOf(db, rows);
    for (const row of rows) {
      const reason = linkFault(row, checked + 1, prevHash) ?? sources(row);
      if (reason) return broken(row, reason);
      prevHash = row.hash;
      checked += 1;
    }
    after = rows[rows.length - 1].seq;
  }
  if ((head?.seq ?? 0) !== checked || (head?.hash ?? GENESIS) !== prevHash) {
    return broken({ seq: checked + 1, kind: 'HEAD', workflowId: null }, `the chain's head names link ${head?.seq ?? 0}, but ${checked} links hold`);
  }
  return { countyId, checked, headHash: prevHash, intact: true };
}

function linkFault(row: EntryRow, expectedSeq: number, prevHash: string): string | undefined {
  if (row.seq !== expectedSeq) return `link ${expectedSeq} is missing`;
  if (row.prevHash !== prevHash) return 'it does not name the hash of the link before it';
  if (row.hash !== hashOf(row.prevHash, row.seq, row.kind, row.payload)) return 'its hash does not match its content';
  return undefined;
}

/** For a page of links, a check of each against the row it stands for. */
async function sourcesOf(db: Db, rows: EntryRow[]): Promise<(row: EntryRow) => string | undefined> {
  const refusalIds = rows.flatMap((r) => (r.refusalId === null ? [] : [r.refusalId]));
  const workflowIds = [...new Set(rows.flatMap((r) => (r.kind === 'STEP' && r.workflowId ? [r.workflowId] : [])))];
  const [refusals, processes] = await Promise.all([
    db.refusedAttempt.findMany({ where: { id: { in: refusalIds } } }),
    db.processRecord.findMany({ where: { workflowId: { in: workflowIds } }, select: { workflowId: true, processType: true, state: true } }),
  ]);
  const refusalById = new Map(refusals.map((r) => [r.id, r]));
  const processById = new Map(
    processes.map((p) => [p.workflowId, { processType: p.processType, record: (JSON.parse(p.state) as { record: StepRecord[] }).record }]),
  );
  return (row) => {
    if (row.kind === 'REFUSAL') {
      const refusal = refusalById.get(row.refusalId!);
      if (!refusal) return `refused attempt ${row.refusalId} is gone`;
      return payloadOf({ kind: 'REFUSAL', refusal }) === row.payload ? undefined : `refused attempt ${row.refusalId} was changed`;
    }
    const process = processById.get(row.workflowId!);
    const entry = process?.record.find((e) => e.seq === row.entrySeq);
    if (!process || !entry) return `step ${row.entrySeq} of ${row.workflowId} is gone from its record`;
    return payloadOf({ kind: 'STEP', workflowId: row.workflowId!, processType: process.processType, entry }) === row.payload
      ? undefined
      : `step ${row.entrySeq} of ${row.workflowId} was changed`;
  };
}
