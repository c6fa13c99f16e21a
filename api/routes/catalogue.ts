import { z } from 'zod';
import { addItemToDraft, CatalogueRuleError, draftVersion, publishVersion, retireItem, screenCode, versionInForce } from '../../domain/catalogue';
import { coordinationOfficeOf, findOrganisation } from '../../domain/organisation';
import type { Db } from '../../prisma/client';
import type { Actor } from '../../workflows/common/actor';
import type { AppDeps } from '../deps';
import { requireCounty, requireRole } from '../auth';
import { route, type HttpDeps } from '../http';
import { notFound, Problem } from '../problem';

const countyParams = z.object({ countyId: z.string().min(1) });
const versionParams = z.object({ versionId: z.string().min(1) });

const item = z
  .object({
    id: z.number().int(),
    screeningCode: z.string(),
    name: z.string(),
    kind: z.enum(['DUTY', 'ASSIST']),
    legalBasis: z.string(),
    responsibleDepartmentId: z.string().nullable(),
    responsibleDepartment: z.string(),
    subItems: z.array(z.string()),
    retiredAt: z.string().nullable(),
    retiredReason: z.string().nullable(),
  })
  .openapi('CatalogueItem');

const version = z
  .object({
    id: z.string(),
    countyId: z.string(),
    version: z.number().int(),
    status: z.enum(['DRAFT', 'PUBLISHED']),
    effectiveFrom: z.string().nullable(),
    publishedAt: z.string().nullable(),
    note: z.string(),
  })
  .openapi('CatalogueVersion');

const versionWithItems = version.extend({ items: z.array(item) }).openapi('CatalogueVersionWithItems');

const newItem = z
  .object({
    screeningCode: z.string().regex(/^[A-Z0-9-]{3,40}$/, 'upper-case letters, digits and dashes'),
    name: z.string().min(2).max(200),
    kind: z.enum(['DUTY', 'ASSIST']),
    legalBasis: z.string().min(2),
    responsibleDepartmentId: z.string().optional(),
    responsibleDepartment: z.string().min(2),
    subItems: z.array(z.string().min(1)).max(50).default([]),
    reason: z.string().min(2),
  })
  .openapi('NewCatalogueItem');

const change = z
  .object({
    at: z.string(),
    countyId: z.string(),
    versionId: z.string(),
    itemCode: z.string().nullable(),
    action: z.string(),
    personId: z.string(),
    role: z.string(),
    reason: z.string(),
  })
  .openapi('CatalogueChange');

const screening = z
  .object({
    code: z.string(),
    villageId: z.string().optional(),
    result: z.enum(['IN_CATALOGUE', 'NEGATIVE_LIST', 'UNKNOWN']),
    catalogueVersionId: z.string().optional(),
    matchedName: z.string().optional(),
  })
  .openapi('Screening');

const listEntry = z.object({ code: z.string(), name: z.string(), basis: z.string() });
const certificate = listEntry.extend({ listType: z.enum(['ALLOWED', 'REFUSED']), issuingBody: z.string().nullable() }).openapi('CertificateListItem');

type VersionRow = Awaited<ReturnType<typeof versionInForce>> & object;
type ItemRow = Awaited<ReturnType<Db['catalogueItem']['findMany']>>[number];

const iso = (d: Date | null) => d?.toISOString() ?? null;

function versionOut(v: VersionRow) {
  return {
    id: v.id,
    countyId: v.countyId,
    version: v.version,
    status: v.status as 'DRAFT' | 'PUBLISHED',
    effectiveFrom: iso(v.effectiveFrom),
    publishedAt: iso(v.publishedAt),
    note: v.note,
  };
}

function itemOut(i: ItemRow) {
  return {
    id: i.id,
    screeningCode: i.screeningCode,
    name: i.name,
    kind: i.kind as 'DUTY' | 'ASSIST',
    legalBasis: i.legalBasis,
    responsibleDepartmentId: i.responsibleDepartmentId,
    responsibleDepartment: i.responsibleDepartment,
    subItems: JSON.parse(i.subItems) as string[],
    retiredAt: iso(i.retiredAt),
    retiredReason: i.retiredReason,
  };
}

async function withItems(db: Db, v: VersionRow) {
  const items = await db.catalogueItem.findMany({ where: { versionId: v.id }, orderBy: { screeningCode: 'asc' } });
  return { ...versionOut(v), items: items.map(itemOut) };
}

/** Catalogue and rule changes are made in the county's coordination office, by its ADMISSION_REVIEWERs. */
export async function requireCatalogueKeeper(db: Db, actor: Actor, countyId: string) {
  const office = await coordinationOfficeOf(db, countyId);
  if (!office) throw notFound(`County ${countyId}`);
  requireRole(actor, 'ADMISSION_REVIEWER', office);
  return { personId: actor.personId, role: 'ADMISSION_REVIEWER' };
}

async function catalogueRule<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof CatalogueRuleError)) throw error;
    const status = { NOT_FOUND: 404, CONFLICT: 409, NEGATIVE_LIST: 422 }[error.code];
    throw new Problem(status, error.code, error.message);
  }
}

async function loadVersion(db: Db, actor: Actor, versionId: string) {
  const v = await db.catalogueVersion.findUnique({ where: { id: versionId } });
  if (!v) throw notFound(`Catalogue version ${versionId}`);
  requireCounty(actor, v.countyId);
  return v;
}

export function catalogueRoutes(http: HttpDeps, { db }: AppDeps): void {
  const tag = 'catalogue';
  route(
    http,
    {
      method: 'get',
      path: '/counties/{countyId}/catalogue',
      operationId: 'getCatalogue',
      summary: 'The catalogue in force, with its items',
      tag,
      params: countyParams,
      response: versionWithItems,
      refusals: [404],
    },
    async ({ actor, params }) => {
      requireCounty(actor, params.countyId);
      const v = await versionInForce(db, params.countyId);
      if (!v) throw notFound(`A catalogue in force for ${params.countyId}`);
      return withItems(db, v);
    },
  );

  route(
    http,
    {
      method: 'get',
      path: '/counties/{countyId}/catalogue/changes',
      operationId: 'listCatalogueChanges',
      summary: 'Every recorded change to the catalogue (drafted, item added, published, retired, admitted), newest first, with who and why',
      tag,
      params: countyParams,
      query: z.object({ itemCode: z.string().optional(), limit: z.coerce.number().int().min(1).max(500).default(100) }),
      response: z.array(change),
    },
    async ({ actor, params, query }) => {
      requireCounty(actor, params.countyId);
      const rows = await db.catalogueChange.findMany({
        where: { countyId: params.countyId, itemCode: query.itemCode },
        orderBy: { id: 'desc' },
        take: query.limit,
      });
      return rows.map(({ id: _id, at, ...rest }) => ({ ...rest, at: at.toISOString() }));
    },
  );

  route(
    http,
    {
      method: 'get',
      path: '/counties/{countyId}/catalogue/versions',
      operationId: 'listCatalogueVersions',
      summary: 'Every catalogue version, newest first',
      tag,
      params: countyParams,
      response: z.array(version),
    },
    async ({ actor, params }) => {
      requireCounty(actor, params.countyId);
      const versions = await db.catalogueVersion.findMany({ where: { countyId: params.countyId }, orderBy: { version: 'desc' } });
      return versions.map(versionOut);
    },
  );

  route(
    http,
    {
      method: 'post',
      path: '/counties/{countyId}/catalogue/versions',
      operationId: 'draftCatalogueVersion',
      summary: "Draft next year's version (a copy of the one in force)",
      tag,
      params: countyParams,
      body: z.object({ note: z.string().min(2) }),
      response: version,
      status: 201,
      refusals: [404, 409],
    },
    async ({ actor, params, body }) => {
      requireCounty(actor, params.countyId);
      const by = await requireCatalogueKeeper(db, actor, params.countyId);
      return versionOut(await catalogueRule(() => draftVersion(db, params.countyId, by, body.note)));
    },
  );

  route(
    http,
    {
      method: 'get',
      path: '/catalogue/versions/{versionId}',
      operationId: 'getCatalogueVersion',
      summary: 'A catalogue version with its items',
      tag,
      params: versionParams,
      response: versionWithItems,
      refusals: [404],
    },
    async ({ actor, params }) => withItems(db, await loadVersion(db, actor, params.versionId)),
  );

  route(
    http,
    {
      method: 'post',
      path: '/catalogue/versions/{versionId}/items',
      operationId: 'addCatalogueItem',
      summary: 'Add an item to a draft',
      tag,
      params: versionParams,
      body: newItem,
      response: item,
      status: 201,
      refusals: [404, 409, 422],
    },
    async ({ actor, params, body }) => {
      const v = await loadVersion(db, actor, params.versionId);
      const by = await requireCatalogueKeeper(db, actor, v.countyId);
      const { reason, ...fields } = body;
      return itemOut(await catalogueRule(() => addItemToDraft(db, v.id, fields, by, reason)));
    },
  );

  route(
    http,
    {
      method: 'post',
      path: '/catalogue/versions/{versionId}/publish',
      operationId: 'publishCatalogueVersion',
      summary: 'Publish a draft with its effective date',
      tag,
      params: versionParams,
      body: z.object({ effectiveFrom: z.iso.datetime({ offset: true }) }),
      response: version,
      refusals: [404, 409],
    },
    async ({ actor, params, body }) => {
      const v = await loadVersion(db, actor, params.versionId);
      const by = await requireCatalogueKeeper(db, actor, v.countyId);
      return versionOut(await catalogueRule(() => publishVersion(db, v.id, new Date(body.effectiveFrom), by)));
    },
  );

  route(
    http,
    {
      method: 'post',
      path: '/catalogue/items/{itemId}/retire',
      operationId: 'retireCatalogueItem',
      summary: 'Retire an item whose basis lapsed',
      tag,
      params: z.object({ itemId: z.coerce.number().int().positive().max(2_147_483_647) }),
      body: z.object({ reason: z.string().min(2) }),
      response: item,
      refusals: [404, 409],
    },
    async ({ actor, params, body }) => {
      const found = await db.catalogueItem.findUnique({ where: { id: params.itemId }, include: { version: true } });
      if (!found) throw notFound(`Catalogue item ${params.itemId}`);
      requireCounty(actor, found.version.countyId);
      const by = await requireCatalogueKeeper(db, actor, found.version.countyId);
      return itemOut(await catalogueRule(() => retireItem(db, params.itemId, body.reason, by)));
    },
  );

  route(
    http,
    {
      method: 'get',
      path: '/counties/{countyId}/screening',
      operationId: 'screenCode',
      summary: 'Screen a code for the county, or for one of its villages: in the catalogue in force, on the negative list, or unknown',
      tag,
      params: countyParams,
      query: z.object({ code: z.string().min(1), villageId: z.string().min(1).optional() }),
      response: screening,
      refusals: [404],
    },
    async ({ actor, params, query }) => {
      requireCounty(actor, params.countyId);
      const village = query.villageId && (await findOrganisation(db, query.villageId));
      if (query.villageId && (!village || village.kind !== 'VILLAGE' || village.countyId !== params.countyId))
        throw notFound(`Village ${query.villageId} of ${params.countyId}`);
      return { code: query.code, villageId: query.villageId, ...(await screenCode(db, params.countyId, query.code)) };
    },
  );

  route(
    http,
    {
      method: 'get',
      path: '/counties/{countyId}/negative-list',
      operationId: 'getNegativeList',
      summary: 'Work no one may push down to a village',
      tag,
      params: countyParams,
      response: z.array(listEntry),
    },
    async ({ actor, params }) => {
      requireCounty(actor, params.countyId);
      const rows = await db.negativeListItem.findMany({ where: { countyId: params.countyId }, orderBy: { code: 'asc' } });
      return rows.map(({ code, name, basis }) => ({ code, name, basis }));
    },
  );

  route(
    http,
    {
      method: 'get',
      path: '/counties/{countyId}/certificates',
      operationId: 'listCertificates',
      summary: 'Certificates a village may and may not issue',
      tag,
      params: countyParams,
      response: z.array(certificate),
    },
    async ({ actor, params }) => {
      requireCounty(actor, params.countyId);
      const rows = await db.certificateListItem.findMany({ where: { countyId: params.countyId }, orderBy: { code: 'asc' } });
      return rows.map(({ code, name, basis, listType, issuingBody }) => ({ code, name, basis, listType: listType as 'ALLOWED' | 'REFUSED', issuingBody }));
    },
  );
}
