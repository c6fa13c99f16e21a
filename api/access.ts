// Who may read what (docs/processes.md §0.2: actors act only for their own organisation).
// County-level staff (departments, the coordination office, the county's own roles) read their
// county's processes; a town's staff (and its station's) read their town's dispatches and tasks
// and the county's admissions, on which towns are consulted; a village's staff read its tasks;
// its party members and villagers read what is public to the village: the tasks put on it.
// Decided from the process id and the organisation table alone, before Temporal is asked; a process
// the actor may not read answers as a missing one, so no refusal tells whether a process exists.
import type { Response } from 'express';
import type { Db, Prisma } from '../prisma/client';
import type { Actor } from '../workflows/common/actor';
import type { ReaderKind } from '../workflows/common/projection';
import type { AppDeps } from './deps';
import { concealed, forbidden } from './problem';

/** Where a process sits, as its id says. */
export interface ProcessPlace {
  processType: string;
  workflowId: string;
  countyId: string;
  townId?: string;
  villageId?: string;
}

/** The places an actor reads, from the organisations of their role assignments. */
export interface ReadScope {
  counties: Set<string>;
  towns: Set<string>;
  /** Counties of those towns (towns are consulted on every admission of their county). */
  townCounties: Set<string>;
  /** Villages the actor belongs to: as staff (secretary, cadre, grid member, supervisor), party member or villager. */
  villages: Set<string>;
  /** Towns of those villages (a town's posts for bidding are read by the people of its villages). */
  villageTowns: Set<string>;
}

const COUNTY_KINDS = ['COUNTY', 'DEPARTMENT', 'COORDINATION_OFFICE'];

/**
 * Who reads a process, by level of its place: `county` (the county's own staff: always), `town` (the
 * staff of its town), `village` (the people of its village), `countyTowns` (every town of its county:
 * towns are consulted on admissions), `villageTowns` (the people of every village of its town: a
 * town's posts for bidding).
 */
export type ReadLevel = 'county' | 'town' | 'village' | 'countyTowns' | 'villageTowns';

export async function readScope(db: Db, actor: Actor): Promise<ReadScope> {
  const orgs = await db.organisation.findMany({ where: { id: { in: [...new Set(actor.roles.map((r) => r.orgId))] } } });
  const scope: ReadScope = { counties: new Set(), towns: new Set(), townCounties: new Set(), villages: new Set(), villageTowns: new Set() };
  for (const assignment of actor.roles) {
    const org = orgs.find((o) => o.id === assignment.orgId);
    if (!org || org.countyId !== assignment.countyId) continue;
    if (COUNTY_KINDS.includes(org.kind)) scope.counties.add(org.countyId);
    else if (org.kind === 'TOWN' || (org.kind === 'STATION' && org.parentId)) {
      scope.towns.add(org.kind === 'TOWN' ? org.id : org.parentId!);
      scope.townCounties.add(org.countyId);
    } else if (org.kind === 'GRID' && org.parentId) scope.villages.add(org.parentId);
    else if (org.kind === 'VILLAGE') scope.villages.add(org.id);
  }
  if (scope.villages.size) {
    const villages = await db.organisation.findMany({ where: { id: { in: [...scope.villages] } }, select: { parentId: true } });
    for (const v of villages) if (v.parentId) scope.villageTowns.add(v.parentId);
  }
  return scope;
}

/** The actor's scope reaches the process's place at one of the levels that read it. */
export function mayReadAt(scope: ReadScope, place: Omit<ProcessPlace, 'processType' | 'workflowId'>, readers: readonly ReadLevel[]): boolean {
  const at = (level: ReadLevel) => readers.includes(level);
  if (scope.counties.has(place.countyId)) return true;
  if (at('countyTowns') && scope.townCounties.has(place.countyId)) return true;
  if (at('town') && place.townId && scope.towns.has(place.townId)) return true;
  if (at('villageTowns') && place.townId && scope.villageTowns.has(place.townId)) return true;
  return at('village') && !!place.villageId && scope.villages.has(place.villageId);
}

/**
 * What kind of reader of a process at `place` the actor is (docs/processes.md §0.9): an auditor of its
 * county; its staff (the county's, or the levels of towns that read it); else its subject, as the
 * process says (`isSubject`), or the public.
 */
export function readerKindAt(
  scope: ReadScope,
  actor: Actor,
  place: Omit<ProcessPlace, 'processType' | 'workflowId'>,
  readers: readonly ReadLevel[],
  isSubject: () => boolean,
): ReaderKind {
  const at = (level: ReadLevel) => readers.includes(level);
  if (scope.counties.has(place.countyId) && actor.roles.some((r) => r.role === 'AUDITOR' && r.countyId === place.countyId)) return 'auditor';
  if (scope.counties.has(place.countyId)) return 'staff';
  if (at('countyTowns') && scope.townCounties.has(place.countyId)) return 'staff';
  if (at('town') && place.townId && scope.towns.has(place.townId)) return 'staff';
  return isSubject() ? 'subject' : 'public';
}

/** The actor's roles reach the process's place at one of the levels that read it, or the process is about them. */
export async function mayReadProcess(
  deps: Pick<AppDeps, 'db'>,
  actor: Actor,
  place: Omit<ProcessPlace, 'processType' | 'workflowId'>,
  readers: readonly ReadLevel[],
  isSubject: () => Promise<boolean>,
): Promise<boolean> {
  return mayReadAt(await readScope(deps.db, actor), place, readers) || (await isSubject());
}

/**
 * Refuses a read the actor's roles do not allow at the process's place, before anything asks Temporal, as
 * if the process did not exist (a 404; the refusal is logged); `isSubject` (from the read model) lets the
 * one a process is about read it too (a cadre their secondment).
 */
export async function requireReaderAt(
  deps: Pick<AppDeps, 'db'>,
  actor: Actor,
  res: Response,
  place: ProcessPlace,
  readers: readonly ReadLevel[],
  isSubject: () => Promise<boolean> = () => Promise.resolve(false),
): Promise<void> {
  res.locals.process = { processType: place.processType, countyId: place.countyId, workflowId: place.workflowId };
  if (!(await mayReadProcess(deps, actor, place, readers, isSubject))) {
    const refusal = forbidden(`Your roles do not let you read ${place.processType} processes of ${place.villageId ?? place.townId ?? place.countyId}.`);
    throw concealed(refusal, `Process ${place.workflowId}`);
  }
}

/** The rows of the read model of `countyId` that `scope` reads of a process read at `readers`: a Prisma filter, or undefined when none. */
export function readableWhere(scope: ReadScope, readers: readonly ReadLevel[], countyId: string): Prisma.ProcessRecordWhereInput | undefined {
  const at = (level: ReadLevel) => readers.includes(level);
  if (scope.counties.has(countyId)) return {};
  if (at('countyTowns') && scope.townCounties.has(countyId)) return {};
  const towns = [...(at('town') ? scope.towns : []), ...(at('villageTowns') ? scope.villageTowns : [])];
  const villages = at('village') ? [...scope.villages] : [];
  const readable = [...(towns.length ? [{ townId: { in: towns } }] : []), ...(villages.length ? [{ villageId: { in: villages } }] : [])];
  return readable.length ? { OR: readable } : undefined;
}

/** The rows of the read model an actor may list of a process read at `readers`: a Prisma filter, or a 403 when the actor reads none of them. */
export async function readableRowsAt(
  deps: Pick<AppDeps, 'db'>,
  actor: Actor,
  processType: string,
  readers: readonly ReadLevel[],
  countyId: string,
): Promise<Prisma.ProcessRecordWhereInput> {
  const readable = readableWhere(await readScope(deps.db, actor), readers, countyId);
  if (!readable) throw forbidden(`Your roles do not let you list ${processType} processes of ${countyId}.`);
  return readable;
}

/** A village's or town's weekly lists: read by the county's staff, the town's, and (a village's) the village's people. */
export async function requirePlaceReader(
  deps: Pick<AppDeps, 'db'>,
  actor: Actor,
  place: { countyId: string; townId: string; villageId?: string },
): Promise<void> {
  const scope = await readScope(deps.db, actor);
  const allowed = scope.counties.has(place.countyId) || scope.towns.has(place.townId) || (place.villageId !== undefined && scope.villages.has(place.villageId));
  if (!allowed) throw forbidden(`Your roles do not let you read the lists of ${place.villageId ?? place.townId}.`);
}
