// What the secondment process reads and writes outside itself: the cadre's record and history, the
// borrowing unit's secondments, and the history row each secondment keeps (active, returned, clawed back).
import type { Db } from '../prisma/client';
import type {
  CadreCategory,
  EligibilityFacts,
  FactsInput,
  PastSecondment,
  SecondmentActivities,
  SecondmentRecordInput,
  Unit,
} from '../workflows/secondment/contract';

export async function unitOf(db: Db, id: string): Promise<Unit | undefined> {
  const org = await db.organisation.findUnique({ where: { id } });
  if (!org) return undefined;
  return {
    id: org.id,
    kind: org.kind,
    name: org.name,
    ...(org.kind === 'VILLAGE' && org.parentId && { townId: org.parentId }),
    ...(org.kind === 'TOWN' && { townId: org.id }),
  };
}

/** The cadre's record and every other secondment of theirs; the borrowing unit and how many it holds now. */
export async function secondmentFacts(db: Db, input: FactsInput): Promise<EligibilityFacts> {
  const [record, person, rows, borrowingUnit, borrowingUnitActive] = await Promise.all([
    db.cadreRecord.findUnique({ where: { personId: input.personId } }),
    db.person.findUnique({ where: { id: input.personId } }),
    db.secondmentRecord.findMany({ where: { personId: input.personId, NOT: { id: input.workflowId } }, orderBy: { startedAt: 'asc' } }),
    unitOf(db, input.borrowingUnitId),
    db.secondmentRecord.count({ where: { countyId: input.countyId, borrowingUnitId: input.borrowingUnitId, status: 'ACTIVE', NOT: { id: input.workflowId } } }),
  ]);
  const history: PastSecondment[] = rows.map((r) => ({
    id: r.id,
    borrowingUnitId: r.borrowingUnitId,
    status: r.status as PastSecondment['status'],
    startedAt: r.startedAt.toISOString(),
    endsAt: r.endsAt.toISOString(),
    ...(r.returnedAt && { returnedAt: r.returnedAt.toISOString() }),
  }));
  const cadre =
    record && person
      ? { personId: person.id, name: person.name, unitId: record.unitId, category: record.category as CadreCategory, since: record.since.toISOString() }
      : undefined;
  return {
    ...(cadre && { cadre }),
    history,
    borrowingUnit: borrowingUnit ?? { id: input.borrowingUnitId, kind: 'UNKNOWN', name: input.borrowingUnitId },
    borrowingUnitActive,
  };
}

/** Writes the secondment's history row as it now stands (keyed by the process, so a retry writes the same row). */
export async function recordSecondment(db: Db, input: SecondmentRecordInput): Promise<void> {
  const row = {
    ...input,
    startedAt: new Date(input.startedAt),
    endsAt: new Date(input.endsAt),
    returnedAt: input.returnedAt ? new Date(input.returnedAt) : null,
    clawbackReason: input.clawbackReason ?? null,
    clawedBackBy: input.clawedBackBy ?? null,
  };
  await db.secondmentRecord.upsert({ where: { id: input.id }, create: row, update: row });
}

/** The secondment process's own activities (its descriptor hands them to the worker). */
export function secondmentActivities(db: Db): SecondmentActivities {
  return {
    secondmentFacts: (input: FactsInput) => secondmentFacts(db, input),
    recordSecondment: (input: SecondmentRecordInput) => recordSecondment(db, input),
  };
}
