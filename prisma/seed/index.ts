// Seeds the demo county 兴村县 (xingcun): organisations, people and roles, the catalogue in force,
// the county's rules (the defaults), the negative list and the certificate lists, then its
// working-day calendar (every year the chinese-days package covers). Idempotent: a database that
// already has the county is left as it is, but for calendar years it lacks.
import type { Db, Prisma } from '../client';
import { seedWorkingCalendars } from './calendar';
import { catalogueItems, catalogueVersion, certificateList, negativeList } from './data/catalogue';
import { COUNTY_ID, organisations } from './data/organisations';
import { people } from './data/people';
import { withDefaults } from '../../workflows/rules/checks';
import type { RuleSectionMap } from '../../workflows/rules/definitions';
import { PLATFORM_RULES } from '../../workflows/rules/platform-section';

export * from './data/catalogue';
export * from './data/organisations';
export * from './data/people';
export * from './data/cadres';
export * from './calendar';

/**
 * Seeds the demo county, and each process's own data when given the registry of processes (processes/index.ts:
 * its descriptors' `seed`, and the rules' sections whose defaults the county's rule set holds).
 */
export async function seedDemoCounty(
  db: Db,
  processes?: { seeds(): ((tx: Prisma.TransactionClient, now: Date) => Promise<void>)[]; ruleSections(): RuleSectionMap },
): Promise<{ seeded: boolean }> {
  const result = await db.$transaction(
    async (tx) => {
      // Checked inside the transaction, so a seed that fails half-way leaves nothing behind to skip on.
      if (await tx.organisation.findUnique({ where: { id: COUNTY_ID }, select: { id: true } })) {
        return { seeded: false };
      }
      // Parents come before children in `organisations`, so the tree's foreign keys hold row by row.
      await tx.organisation.createMany({
        data: organisations.map(({ id, kind, name, parentId, countyId }) => ({ id, kind, name, parentId, countyId })),
      });
      await tx.person.createMany({ data: people.map(({ id, name }) => ({ id, name })) });
      await tx.roleAssignment.createMany({
        data: people.flatMap((p) => p.roles.map(({ role, orgId }) => ({ personId: p.id, role, orgId }))),
      });
      await tx.catalogueVersion.create({ data: catalogueVersion });
      await tx.catalogueItem.createMany({
        data: catalogueItems.map(({ subItems, ...item }) => ({
          ...item,
          versionId: catalogueVersion.id,
          subItems: JSON.stringify(subItems),
        })),
      });
      await tx.catalogueChange.create({
        data: {
          at: catalogueVersion.publishedAt,
          countyId: COUNTY_ID,
          versionId: catalogueVersion.id,
          action: 'PUBLISHED',
          personId: catalogueVersion.publishedBy,
          role: 'ADMISSION_REVIEWER',
          reason: `初始版本，${catalogueItems.length}项，2026年1月1日起施行（演示数据）`,
        },
      });
      // The county's rules: the defaults of docs/processes.md, in force like the catalogue.
      // 兴村县 lets its county offices borrow township and village cadres, within their quotas (§5.2).
      const sections = processes?.ruleSections() ?? { platform: PLATFORM_RULES };
      const given = { secondment: { countyLevelMayBorrow: true } };
      const values = { ...given, ...withDefaults(sections, given) };
      const rules = { id: `${COUNTY_ID}-rules-v1`, countyId: COUNTY_ID, version: 1, status: 'PUBLISHED', values: JSON.stringify(values) };
      const by = { personId: catalogueVersion.publishedBy, at: catalogueVersion.publishedAt };
      await tx.ruleSet.create({
        data: {
          ...rules,
          effectiveFrom: catalogueVersion.effectiveFrom,
          publishedAt: by.at,
          publishedBy: by.personId,
          createdAt: by.at,
          createdBy: by.personId,
          note: '初始规则：docs/processes.md 默认值；县直单位可在名额内借调（演示数据）',
        },
      });
      await tx.ruleSetChange.create({
        data: {
          at: by.at,
          countyId: COUNTY_ID,
          ruleSetId: rules.id,
          action: 'PUBLISHED',
          personId: by.personId,
          role: 'ADMISSION_REVIEWER',
          reason: 'the defaults of docs/processes.md; county offices may borrow within their quotas',
        },
      });
      await tx.negativeListItem.createMany({ data: negativeList.map((n) => ({ ...n, countyId: COUNTY_ID })) });
      await tx.certificateListItem.createMany({ data: certificateList.map((c) => ({ ...c, countyId: COUNTY_ID })) });
      // What the processes read of their own (a secondment's cadres and their past secondments).
      for (const seed of processes?.seeds() ?? []) await seed(tx, new Date());
      return { seeded: true };
    },
    { timeout: 60_000 },
  );
  await seedWorkingCalendars(db, [COUNTY_ID]);
  return result;
}
