// The demo county seed on a fresh, migrated SQLite database: inserted once, complete, consistent.
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { createPrismaClient, type Db } from '../../prisma/client';
import { migrateDeploy } from '../../prisma/migrate';
import { processRegistry } from '../../processes';
import { CATALOGUE_VERSION_ID, COUNTY_ID, catalogueItems, certificateList, negativeList, organisations, people, seedDemoCounty } from '../../prisma/seed';
import { ROLES } from '../../workflows/common/roles';

const dirs: string[] = [];
const clients: Db[] = [];

async function freshDb(): Promise<Db> {
  const dir = mkdtempSync(join(tmpdir(), 'cunwu-seed-'));
  dirs.push(dir);
  const url = `file:${join(dir, 'seed.db')}`;
  await migrateDeploy(url);
  const db = createPrismaClient(url);
  clients.push(db);
  return db;
}

async function rowCounts(db: Db): Promise<Record<string, number>> {
  return {
    organisation: await db.organisation.count(),
    person: await db.person.count(),
    roleAssignment: await db.roleAssignment.count(),
    catalogueVersion: await db.catalogueVersion.count(),
    catalogueItem: await db.catalogueItem.count(),
    catalogueChange: await db.catalogueChange.count(),
    negativeListItem: await db.negativeListItem.count(),
    certificateListItem: await db.certificateListItem.count(),
  };
}

function duplicates(values: string[]): string[] {
  return values.filter((v, i) => values.indexOf(v) !== i);
}

afterAll(async () => {
  for (const db of clients) await db.$disconnect();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('seedDemoCounty', () => {
  let db: Db;

  beforeAll(async () => {
    db = await freshDb();
    await expect(seedDemoCounty(db, processRegistry)).resolves.toEqual({ seeded: true });
  });

  it('inserts once: a second run reports nothing seeded and changes nothing', async () => {
    const before = await rowCounts(db);
    await expect(seedDemoCounty(db, processRegistry)).resolves.toEqual({ seeded: false });
    expect(await rowCounts(db)).toEqual(before);
    expect(before).toEqual({
      organisation: organisations.length,
      person: people.length,
      roleAssignment: people.reduce((n, p) => n + p.roles.length, 0),
      catalogueVersion: 1,
      catalogueItem: catalogueItems.length,
      catalogueChange: 1,
      negativeListItem: negativeList.length,
      certificateListItem: certificateList.length,
    });
  });

  it('builds the county tree: towns, villages with two grids, departments, one station per town', async () => {
    const orgs = await db.organisation.findMany();
    const byId = new Map(orgs.map((o) => [o.id, o]));
    const ofKind = (kind: string) => orgs.filter((o) => o.kind === kind);

    expect(orgs.every((o) => o.countyId === COUNTY_ID)).toBe(true);
    expect(byId.get(COUNTY_ID)).toMatchObject({ kind: 'COUNTY', name: '兴村县', parentId: null });
    expect(byId.get('xingcun.coord-office')).toMatchObject({ kind: 'COORDINATION_OFFICE', parentId: COUNTY_ID });
    expect(ofKind('COUNTY')).toHaveLength(1);

    const towns = ofKind('TOWN');
    expect(towns.length).toBeGreaterThanOrEqual(3);
    for (const town of towns) {
      expect(town.parentId).toBe(COUNTY_ID);
      expect(town.id).toMatch(/^xingcun\.[a-z]+$/);
      const villages = orgs.filter((o) => o.parentId === town.id && o.kind === 'VILLAGE');
      expect(villages.length).toBeGreaterThanOrEqual(4);
      const stations = orgs.filter((o) => o.parentId === town.id && o.kind === 'STATION');
      expect(stations.map((s) => s.id)).toEqual([`${town.id}.station.law-enforcement`]);
    }
    expect(byId.get('xingcun.qiaotou')?.name).toBe('桥头镇');
    expect(byId.get('xingcun.qiaotou.dongshan')?.kind).toBe('VILLAGE');

    const villages = ofKind('VILLAGE');
    expect(villages.length).toBeGreaterThanOrEqual(12);
    for (const village of villages) {
      expect(byId.get(village.parentId ?? '')?.kind).toBe('TOWN');
      const grids = orgs.filter((o) => o.parentId === village.id);
      expect(grids.map((g) => [g.kind, g.id])).toEqual([
        ['GRID', `${village.id}.g1`],
        ['GRID', `${village.id}.g2`],
      ]);
    }

    const departments = ofKind('DEPARTMENT');
    expect(departments.length).toBeGreaterThanOrEqual(10);
    expect(departments.every((d) => d.parentId === COUNTY_ID && d.id.startsWith('xingcun.dept.'))).toBe(true);
    for (const slug of [
      'organisation',
      'civil-affairs',
      'agriculture-rural',
      'natural-resources',
      'ecology-environment',
      'emergency-management',
      'health',
      'human-resources',
      'market-supervision',
      'public-security',
      'statistics',
    ]) {
      expect(byId.get(`xingcun.dept.${slug}`)?.kind).toBe('DEPARTMENT');
    }
  });

  it('gives every glossary role a holder, and only glossary roles', async () => {
    const held = await db.roleAssignment.findMany({ distinct: ['role'], select: { role: true } });
    expect(held.map((r) => r.role).sort()).toEqual([...ROLES].sort());
  });

  it('staffs every village, town and county body as the processes need', async () => {
    const holders = async (role: string, orgId: string) => db.roleAssignment.count({ where: { role, orgId } });
    for (const village of await db.organisation.findMany({ where: { kind: 'VILLAGE' } })) {
      expect({ village: village.id, secretaries: await holders('VILLAGE_SECRETARY', village.id) }).toEqual({
        village: village.id,
        secretaries: 1,
      });
      expect(await holders('VILLAGE_CADRE', village.id)).toBe(2);
      for (const role of ['SUPERVISOR', 'PARTY_MEMBER', 'VILLAGER']) {
        expect(await holders(role, village.id)).toBeGreaterThanOrEqual(1);
      }
    }
    for (const grid of await db.organisation.findMany({ where: { kind: 'GRID' } })) {
      expect(await holders('GRID_MEMBER', grid.id)).toBe(1);
    }
    for (const town of await db.organisation.findMany({ where: { kind: 'TOWN' } })) {
      expect(await holders('DISPATCHER', town.id)).toBeGreaterThanOrEqual(1);
      expect(await holders('TOWN_REVIEWER', town.id)).toBeGreaterThanOrEqual(1);
    }
    const departmentDispatchers = await db.roleAssignment.count({
      where: { role: 'DISPATCHER', org: { kind: 'DEPARTMENT' } },
    });
    expect(departmentDispatchers).toBeGreaterThanOrEqual(2);
    expect(await holders('ADMISSION_REVIEWER', 'xingcun.coord-office')).toBe(2);
    expect(await db.roleAssignment.count({ where: { role: 'PANEL_MEMBER' } })).toBe(4); // panel4 is also a villager of Dongshan (a conflicted scorer)
    expect(await holders('ORG_DEPARTMENT', 'xingcun.dept.organisation')).toBeGreaterThanOrEqual(1);
    expect(await db.person.findUnique({ where: { id: 'p.qiaotou.dongshan.secretary' }, include: { roles: true } })).toMatchObject({
      roles: [{ role: 'VILLAGE_SECRETARY', orgId: 'xingcun.qiaotou.dongshan' }],
    });
  });

  it('publishes one catalogue version in force from 2026-01-01, with no draft', async () => {
    const versions = await db.catalogueVersion.findMany({ where: { countyId: COUNTY_ID } });
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ id: CATALOGUE_VERSION_ID, version: 1, status: 'PUBLISHED' });
    expect(versions[0].effectiveFrom?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(versions[0].publishedBy).toBeTruthy();
  });

  it('fills the catalogue with concrete items, each with basis, a seeded department and sub-items', async () => {
    const items = await db.catalogueItem.findMany({ where: { versionId: CATALOGUE_VERSION_ID } });
    expect(items.length).toBeGreaterThanOrEqual(60);
    expect(items.filter((i) => i.kind === 'DUTY').length).toBeGreaterThanOrEqual(15);
    expect(items.filter((i) => i.kind === 'ASSIST').length).toBeGreaterThanOrEqual(30);
    expect(duplicates(items.map((i) => i.screeningCode))).toEqual([]);

    const departments = new Map((await db.organisation.findMany({ where: { kind: 'DEPARTMENT' } })).map((d) => [d.id, d.name]));
    for (const i of items) {
      expect(i.screeningCode).toMatch(i.kind === 'DUTY' ? /^XC-DUTY-\d{3}$/ : /^XC-ASSIST-\d{3}$/);
      expect(i.name).toMatch(/\p{Script=Han}/u);
      expect(i.legalBasis).toMatch(/《.+》/);
      expect({ code: i.screeningCode, department: departments.get(i.responsibleDepartmentId ?? '') }).toEqual({
        code: i.screeningCode,
        department: i.responsibleDepartment,
      });
      const subItems: unknown = JSON.parse(i.subItems);
      expect(Array.isArray(subItems) && subItems.length >= 1 && subItems.length <= 3).toBe(true);
      expect((subItems as unknown[]).every((s) => typeof s === 'string' && s.length > 0)).toBe(true);
    }

    expect(items.find((i) => i.screeningCode === 'XC-ASSIST-001')).toMatchObject({
      name: '老年人优待证办理',
      kind: 'ASSIST',
      responsibleDepartmentId: 'xingcun.dept.civil-affairs',
    });
  });

  it('keeps a negative list that includes industrial waste clean-up as XC-NEG-01', async () => {
    const negatives = await db.negativeListItem.findMany({ where: { countyId: COUNTY_ID }, orderBy: { code: 'asc' } });
    expect(negatives.length).toBeGreaterThanOrEqual(10);
    expect(duplicates(negatives.map((n) => n.code))).toEqual([]);
    expect(negatives.every((n) => /^XC-NEG-\d{2}$/.test(n.code) && n.basis.length > 0)).toBe(true);
    expect(negatives[0].code).toBe('XC-NEG-01');
    expect(negatives[0].name).toContain('工业');
    expect(negatives[0].name).toContain('废弃物');

    // No negative item shares a code with the catalogue: screening can tell them apart by code alone.
    const codes = new Set(catalogueItems.map((i) => i.screeningCode));
    expect(negatives.filter((n) => codes.has(n.code))).toEqual([]);
  });

  it('keeps certificate lists: what a village may issue, and who issues the rest', async () => {
    const certs = await db.certificateListItem.findMany({ where: { countyId: COUNTY_ID } });
    expect(duplicates(certs.map((c) => c.code))).toEqual([]);
    const allowed = certs.filter((c) => c.listType === 'ALLOWED');
    const refused = certs.filter((c) => c.listType === 'REFUSED');
    expect(allowed.length).toBeGreaterThanOrEqual(8);
    expect(refused.length).toBeGreaterThanOrEqual(8);
    expect(allowed.length + refused.length).toBe(certs.length);
    expect(allowed.every((c) => /^XC-CERT-A\d{2}$/.test(c.code) && c.basis.length > 0)).toBe(true);
    expect(refused.every((c) => /^XC-CERT-R\d{2}$/.test(c.code) && (c.issuingBody ?? '').length > 0)).toBe(true);
  });
});

describe('seedDemoCounty, interrupted', () => {
  it('leaves nothing behind when any insert fails, so a later run seeds in full', async () => {
    const db = await freshDb();
    // A person already holding a seeded id makes the people insert fail after the organisations went in.
    await db.person.create({ data: { id: 'p.county.operator', name: '占位' } });
    await expect(seedDemoCounty(db, processRegistry)).rejects.toThrow();
    expect(await db.organisation.count()).toBe(0);

    await db.person.delete({ where: { id: 'p.county.operator' } });
    await expect(seedDemoCounty(db, processRegistry)).resolves.toEqual({ seeded: true });
    expect(await db.person.count()).toBe(people.length);
  });
});
