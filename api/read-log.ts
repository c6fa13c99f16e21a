// Reads that are themselves on the record (docs/processes.md §0.9): every read of a process by an
// auditor, and its staff's reads of a process that carries personal data: who read whose record, when.
import { z } from 'zod';
import type { Db } from '../prisma/client';
import './openapi'; // zod's .openapi()
import type { Actor } from '../workflows/common/actor';
import type { ReaderKind } from '../workflows/common/projection';

export interface ProcessRead {
  countyId: string;
  processType: string;
  workflowId: string;
  readerKind: ReaderKind;
  /** What was read: `state` (the process as its reader sees it), its `timeline` or its `archive`. */
  what: 'state' | 'timeline' | 'archive';
}

/** Whether a read is logged: an auditor's always; staff's of a process that carries personal data. */
export const isLoggedRead = (readerKind: ReaderKind, personalData: boolean | undefined) =>
  readerKind === 'auditor' || (readerKind === 'staff' && personalData === true);

export async function logRead(db: Db, actor: Actor, read: ProcessRead): Promise<void> {
  await db.readLog.create({
    data: { ...read, requestId: actor.requestId, personId: actor.personId, roles: actor.roles.map((r) => `${r.role}@${r.orgId}`).join(',') },
  });
}

export type ReadRow = Awaited<ReturnType<Db['readLog']['findMany']>>[number];

export const readLogSchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    requestId: z.string(),
    personId: z.string(),
    roles: z.string().openapi({ description: 'The reader\'s role assignments, "ROLE@org" comma-separated' }),
    readerKind: z.string(),
    processType: z.string(),
    workflowId: z.string(),
    what: z.string(),
  })
  .openapi('ProcessReadLogged');

export const presentRead = ({ countyId: _county, at, ...row }: ReadRow): z.infer<typeof readLogSchema> => ({ ...row, at: at.toISOString() });
