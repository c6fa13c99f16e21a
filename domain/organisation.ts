import type { Db } from '../prisma/client';

export async function townsOfCounty(db: Db, countyId: string): Promise<string[]> {
  const towns = await db.organisation.findMany({ where: { countyId, kind: 'TOWN' }, orderBy: { id: 'asc' } });
  return towns.map((t) => t.id);
}

export async function findOrganisation(db: Db, id: string) {
  return db.organisation.findUnique({ where: { id } });
}

export async function coordinationOfficeOf(db: Db, countyId: string): Promise<string | undefined> {
  const office = await db.organisation.findFirst({ where: { countyId, kind: 'COORDINATION_OFFICE' } });
  return office?.id;
}
