// What taskDispatch needs from the outside: screening against the lists and open tasks, village staff, notices.
import type { Db } from '../prisma/client';
import type { DispatchScreening, StaffMember } from '../workflows/taskDispatch/contract';
import { screenCode } from '../domain/catalogue';

export interface DispatchScreeningInput {
  countyId: string;
  code?: string;
  villageIds: string[];
  /** The dispatch being screened: neither it nor its own village tasks are duplicates of it. */
  dispatchWorkflowId: string;
}

/**
 * Screens a dispatch. Duplicates are found by claims: the dispatch first claims (code, village) for each
 * of its villages, then looks for the other open claims on them — written before being read, so two
 * dispatches screened at the same moment cannot both miss each other, as a read-then-write could.
 * Claims are keyed by dispatch and village, so a retried activity writes the same rows again.
 */
export async function screenDispatch(db: Db, input: DispatchScreeningInput): Promise<Omit<DispatchScreening, 'unclear'>> {
  await claimVillages(db, input);
  if (!input.code) return { catalogue: 'NO_CODE', duplicates: [] };
  const [screening, open, claimed] = await Promise.all([screenCode(db, input.countyId, input.code), openWithCode(db, input), openClaims(db, input)]);
  const seen = new Set<string>();
  const duplicates = [
    ...open.flatMap((r) => r.villages.filter((v) => input.villageIds.includes(v.villageId)).map((v) => ({ villageId: v.villageId, workflowId: r.workflowId }))),
    ...claimed,
  ].filter((d) => {
    const dispatchOf = d.workflowId.split('--')[0];
    const key = `${d.villageId}|${dispatchOf}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { catalogue: screening.result, catalogueVersionId: screening.catalogueVersionId, matchedName: screening.matchedName, duplicates };
}

/** One claim per dispatch and village, for the code it now carries (a revision may change or drop it). */
async function claimVillages(db: Db, input: DispatchScreeningInput): Promise<void> {
  if (!input.code) {
    await db.dispatchClaim.deleteMany({ where: { workflowId: input.dispatchWorkflowId } });
    return;
  }
  const claim = { countyId: input.countyId, screeningCode: input.code };
  // One transaction, one commit, for all the villages.
  await db.$transaction(
    input.villageIds.map((villageId) =>
      db.dispatchClaim.upsert({
        where: { workflowId_villageId: { workflowId: input.dispatchWorkflowId, villageId } },
        create: { workflowId: input.dispatchWorkflowId, villageId, ...claim },
        update: claim,
      }),
    ),
  );
}

/** The villages among `villageIds` that dispatch `workflowId` claims for `code`: what a duplicate report must match. */
export async function claimedVillages(db: Db, input: { countyId: string; workflowId: string; code: string; villageIds: string[] }): Promise<string[]> {
  const claims = await db.dispatchClaim.findMany({
    where: { countyId: input.countyId, workflowId: input.workflowId, screeningCode: input.code, villageId: { in: input.villageIds } },
    select: { villageId: true },
    orderBy: { villageId: 'asc' },
  });
  return claims.map((c) => c.villageId);
}

/**
 * Other dispatches' claims on the same code and villages that are still open: a claim lapses once the
 * read model shows its dispatch closed (rejected, withdrawn, completed) or its task in that village closed.
 */
async function openClaims(db: Db, input: DispatchScreeningInput): Promise<{ villageId: string; workflowId: string }[]> {
  const claims = await db.dispatchClaim.findMany({
    where: { countyId: input.countyId, screeningCode: input.code, villageId: { in: input.villageIds }, NOT: { workflowId: input.dispatchWorkflowId } },
    orderBy: { claimedAt: 'asc' },
  });
  if (!claims.length) return [];
  const ids = claims.flatMap((c) => [c.workflowId, `${c.workflowId}--${c.villageId}`]);
  const closed = await db.processRecord.findMany({ where: { workflowId: { in: ids }, status: { not: 'RUNNING' } }, select: { workflowId: true } });
  const ended = new Set(closed.map((r) => r.workflowId));
  return claims
    .filter((c) => !ended.has(c.workflowId) && !ended.has(`${c.workflowId}--${c.villageId}`))
    .map((c) => ({ villageId: c.villageId, workflowId: c.workflowId }));
}

/** Open work with the same code for the same villages, as the read model shows it (also what predates claims). */
function openWithCode(db: Db, input: DispatchScreeningInput) {
  return db.processRecord.findMany({
    where: {
      countyId: input.countyId,
      status: 'RUNNING',
      screeningCode: input.code,
      villages: { some: { villageId: { in: input.villageIds } } },
      OR: [{ processType: 'villageTask' }, { processType: 'taskDispatch', step: { not: 'IN_VILLAGES' } }],
      NOT: [{ workflowId: input.dispatchWorkflowId }, { workflowId: { startsWith: `${input.dispatchWorkflowId}--` } }],
    },
    include: { villages: true },
    orderBy: { startedAt: 'asc' },
  });
}

/** The cadres of a village and the grid members of its grids: who a task may be assigned to. */
export async function villageStaff(db: Db, villageId: string): Promise<StaffMember[]> {
  const rows = await db.roleAssignment.findMany({
    where: {
      OR: [
        { role: 'VILLAGE_CADRE', orgId: villageId },
        { role: 'GRID_MEMBER', org: { parentId: villageId } },
      ],
    },
    include: { person: true },
    orderBy: { personId: 'asc' },
  });
  return rows.map((r) => ({ personId: r.personId, name: r.person.name, role: r.role as StaffMember['role'], orgId: r.orgId }));
}
