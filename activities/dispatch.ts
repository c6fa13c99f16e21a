// What taskDispatch needs from the outside: screening against the lists and open tasks, village staff, notices.
import type { Db } from '../prisma/client';
import type { DispatchScreening, StaffMember } from '../workflows/taskDispatch/messages';
import { screenCode } from './catalogue/store';

export interface DispatchScreeningInput {
  countyId: string;
  code?: string;
  villageIds: string[];
  /** The dispatch being screened: neither it nor its own village tasks are duplicates of it. */
  dispatchWorkflowId: string;
}

export async function screenDispatch(db: Db, input: DispatchScreeningInput): Promise<Omit<DispatchScreening, 'unclear'>> {
  if (!input.code) return { catalogue: 'NO_CODE', duplicates: [] };
  const [screening, open] = await Promise.all([screenCode(db, input.countyId, input.code), openWithCode(db, input)]);
  return {
    catalogue: screening.result,
    catalogueVersionId: screening.catalogueVersionId,
    matchedName: screening.matchedName,
    duplicates: open.flatMap((r) => r.villages.filter((v) => input.villageIds.includes(v.villageId)).map((v) => ({ villageId: v.villageId, workflowId: r.workflowId }))),
  };
}

/** Open work with the same code for the same villages: village tasks, and dispatches not yet sent to villages. */
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
