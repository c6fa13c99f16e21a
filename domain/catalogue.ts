// The county catalogue, negative list and certificate lists: queries and recorded changes.
import type { Db } from '../prisma/client';
import type { ItemKind, Screening } from '../workflows/itemAdmission/contract';

/** A change refused by the catalogue's own rules (a draft already open, a version already published…). */
export class CatalogueRuleError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'CONFLICT' | 'NEGATIVE_LIST',
    message: string,
  ) {
    super(message);
  }
}

export interface NewCatalogueItem {
  screeningCode: string;
  name: string;
  kind: ItemKind;
  legalBasis: string;
  responsibleDepartmentId?: string;
  responsibleDepartment: string;
  subItems: string[];
  admissionWorkflowId?: string;
}

export interface ActingPerson {
  personId: string;
  role: string;
}

/** The published version in force at `at`: the latest effective one. */
export async function versionInForce(db: Db, countyId: string, at = new Date()) {
  return db.catalogueVersion.findFirst({
    where: { countyId, status: 'PUBLISHED', effectiveFrom: { lte: at } },
    orderBy: [{ effectiveFrom: 'desc' }, { version: 'desc' }],
  });
}

/** The latest published version, in force or due to be: what a new version starts from. */
function latestPublished(db: Db, countyId: string) {
  return db.catalogueVersion.findFirst({ where: { countyId, status: 'PUBLISHED' }, orderBy: [{ effectiveFrom: 'desc' }, { version: 'desc' }] });
}

/** Versions a change must also reach so that a later publication does not undo it: the open draft, and any due later. */
const pendingVersions = (countyId: string) => ({ countyId, OR: [{ status: 'DRAFT' }, { effectiveFrom: { gt: new Date() } }] });

async function refuseNegativeListed(db: Db, countyId: string, code: string): Promise<void> {
  const negative = await db.negativeListItem.findUnique({ where: { countyId_code: { countyId, code } } });
  if (negative) throw new CatalogueRuleError('NEGATIVE_LIST', `${code} is on the negative list (${negative.name}).`);
}

/** Is a screening code in the catalogue in force, on the negative list, or unknown? */
export async function screenCode(db: Db, countyId: string, code: string, at = new Date()): Promise<Screening> {
  const negative = await db.negativeListItem.findUnique({ where: { countyId_code: { countyId, code } } });
  if (negative) return { result: 'NEGATIVE_LIST', matchedName: negative.name };
  const version = await versionInForce(db, countyId, at);
  const item = version ? await db.catalogueItem.findFirst({ where: { versionId: version.id, screeningCode: code, retiredAt: null } }) : null;
  if (item) return { result: 'IN_CATALOGUE', catalogueVersionId: version!.id, matchedName: item.name };
  return { result: 'UNKNOWN', catalogueVersionId: version?.id };
}

function toRow(versionId: string, item: NewCatalogueItem) {
  return { ...item, versionId, subItems: JSON.stringify(item.subItems) };
}

/** The live (not retired) items of a version, as rows for another version. */
async function liveItemsCopiedTo(db: Db, sourceVersionId: string | undefined, versionId: string) {
  if (!sourceVersionId) return [];
  const items = await db.catalogueItem.findMany({ where: { versionId: sourceVersionId, retiredAt: null } });
  return items.map(({ id: _id, retiredAt: _r, retiredBy: _b, retiredReason: _w, ...rest }) => ({ ...rest, versionId }));
}

async function nextVersionNumber(db: Db, countyId: string): Promise<number> {
  const last = await db.catalogueVersion.findFirst({ where: { countyId }, orderBy: { version: 'desc' } });
  return (last?.version ?? 0) + 1;
}

/** Opens next year's draft as a copy of the latest published version (its live items). */
export async function draftVersion(db: Db, countyId: string, by: ActingPerson, note: string) {
  return db.$transaction(async (tx) => {
    const open = await tx.catalogueVersion.findFirst({ where: { countyId, status: 'DRAFT' } });
    if (open) throw new CatalogueRuleError('CONFLICT', `A draft is already open: ${open.id}.`);
    const source = await latestPublished(tx as Db, countyId);
    const version = await nextVersionNumber(tx as Db, countyId);
    const draft = await tx.catalogueVersion.create({
      data: { id: `${countyId}-v${version}`, countyId, version, status: 'DRAFT', createdBy: by.personId, note },
    });
    await tx.catalogueItem.createMany({ data: await liveItemsCopiedTo(tx as Db, source?.id, draft.id) });
    await tx.catalogueChange.create({
      data: { countyId, versionId: draft.id, action: 'DRAFTED', personId: by.personId, role: by.role, reason: note },
    });
    return draft;
  });
}

async function requireDraft(db: Db, versionId: string) {
  const version = await db.catalogueVersion.findUnique({ where: { id: versionId } });
  if (!version) throw new CatalogueRuleError('NOT_FOUND', `No catalogue version ${versionId}.`);
  if (version.status !== 'DRAFT') throw new CatalogueRuleError('CONFLICT', `Version ${versionId} is published; only a draft can change.`);
  return version;
}

export async function addItemToDraft(db: Db, versionId: string, item: NewCatalogueItem, by: ActingPerson, reason: string) {
  const version = await requireDraft(db, versionId);
  await refuseNegativeListed(db, version.countyId, item.screeningCode);
  const existing = await db.catalogueItem.findUnique({ where: { versionId_screeningCode: { versionId, screeningCode: item.screeningCode } } });
  if (existing) throw new CatalogueRuleError('CONFLICT', `${item.screeningCode} is already in ${versionId}.`);
  return db.$transaction(async (tx) => {
    const created = await tx.catalogueItem.create({ data: toRow(versionId, item) });
    await tx.catalogueChange.create({
      data: { countyId: version.countyId, versionId, itemCode: item.screeningCode, action: 'ITEM_ADDED', personId: by.personId, role: by.role, reason },
    });
    return created;
  });
}

export async function publishVersion(db: Db, versionId: string, effectiveFrom: Date, by: ActingPerson) {
  const version = await requireDraft(db, versionId);
  return db.$transaction(async (tx) => {
    const published = await tx.catalogueVersion.update({
      where: { id: versionId },
      data: { status: 'PUBLISHED', effectiveFrom, publishedAt: new Date(), publishedBy: by.personId },
    });
    await tx.catalogueChange.create({
      data: {
        countyId: version.countyId,
        versionId,
        action: 'PUBLISHED',
        personId: by.personId,
        role: by.role,
        reason: `effective from ${effectiveFrom.toISOString()}`,
      },
    });
    return published;
  });
}

export async function retireItem(db: Db, itemId: number, reason: string, by: ActingPerson) {
  const item = await db.catalogueItem.findUnique({ where: { id: itemId }, include: { version: true } });
  if (!item) throw new CatalogueRuleError('NOT_FOUND', `No catalogue item ${itemId}.`);
  if (item.retiredAt) throw new CatalogueRuleError('CONFLICT', `Item ${item.screeningCode} was already retired.`);
  return db.$transaction(async (tx) => {
    const retirement = { retiredAt: new Date(), retiredBy: by.personId, retiredReason: reason };
    const retired = await tx.catalogueItem.update({ where: { id: itemId }, data: retirement });
    await tx.catalogueItem.updateMany({
      where: { screeningCode: item.screeningCode, retiredAt: null, version: pendingVersions(item.version.countyId) },
      data: retirement,
    });
    await tx.catalogueChange.create({
      data: {
        countyId: item.version.countyId,
        versionId: item.versionId,
        itemCode: item.screeningCode,
        action: 'RETIRED',
        personId: by.personId,
        role: by.role,
        reason,
      },
    });
    return retired;
  });
}

/** Publishes at once a new version: the one in force plus `item` (admission with immediate effect); the open draft gets it too. */
export async function publishWithItem(db: Db, countyId: string, item: NewCatalogueItem, by: ActingPerson, reason: string) {
  const screening = await screenCode(db, countyId, item.screeningCode);
  if (screening.result === 'NEGATIVE_LIST')
    throw new CatalogueRuleError('NEGATIVE_LIST', `${item.screeningCode} is on the negative list (${screening.matchedName}).`);
  if (screening.result === 'IN_CATALOGUE') throw new CatalogueRuleError('CONFLICT', `${item.screeningCode} is already in the catalogue in force.`);
  const draft = await db.catalogueVersion.findFirst({
    where: { countyId, status: 'DRAFT' },
    include: { items: { where: { screeningCode: item.screeningCode } } },
  });
  const version = await nextVersionNumber(db, countyId);
  const id = `${countyId}-v${version}`;
  return db.$transaction(async (tx) => {
    await tx.catalogueVersion.create({
      data: {
        id,
        countyId,
        version,
        status: 'PUBLISHED',
        effectiveFrom: new Date(),
        publishedAt: new Date(),
        publishedBy: by.personId,
        createdBy: by.personId,
        note: reason,
      },
    });
    await tx.catalogueItem.createMany({ data: [...(await liveItemsCopiedTo(tx as Db, screening.catalogueVersionId, id)), toRow(id, item)] });
    if (draft && draft.items.length === 0) await tx.catalogueItem.create({ data: toRow(draft.id, item) });
    await tx.catalogueChange.create({
      data: { countyId, versionId: id, itemCode: item.screeningCode, action: 'ADMITTED', personId: by.personId, role: by.role, reason },
    });
    return id;
  });
}
