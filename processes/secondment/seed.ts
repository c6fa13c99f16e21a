// The secondment process's demo data: the cadres as the organisation data record them, and the past
// secondments some of them had (prisma/seed/data/cadres.ts), seeded in the demo county's transaction.
import { cadres, COUNTY_ID, monthsAgo, pastSecondments, type ProcessSeed } from '../../prisma/seed';

export const seedSecondments: ProcessSeed = async (tx, now) => {
  await tx.cadreRecord.createMany({ data: cadres.map((c) => ({ personId: c.personId, unitId: c.unitId, category: c.category, since: monthsAgo(now, c.sinceMonthsAgo) })) });
  await tx.secondmentRecord.createMany({
    data: pastSecondments.map((s) => ({
      id: s.id,
      countyId: COUNTY_ID,
      personId: s.personId,
      sourceUnitId: s.sourceUnitId,
      borrowingUnitId: s.borrowingUnitId,
      approved: true,
      status: 'RETURNED',
      startedAt: monthsAgo(now, s.startedMonthsAgo),
      endsAt: monthsAgo(now, s.returnedMonthsAgo),
      returnedAt: monthsAgo(now, s.returnedMonthsAgo),
    })),
  });
};
