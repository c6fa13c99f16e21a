// npm run db:seed-calendar [-- --county ID]: gives every county (or one) the calendar years the
// chinese-days package covers and the county has not loaded; years already loaded are left alone.
import { parseArgs } from 'node:util';
import { createPrismaClient } from '../prisma/client';
import { seedWorkingCalendars } from '../prisma/seed';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { county: { type: 'string', multiple: true } } });
  const db = createPrismaClient(process.env.DATABASE_URL ?? 'file:./data/cunwu.db');
  try {
    const seeded = await seedWorkingCalendars(db, values.county);
    console.log(
      seeded.length
        ? seeded.map((s) => `${s.countyId}: seeded ${s.years.join(', ')}`).join('\n')
        : 'Every county already has every year the chinese-days package covers.',
    );
  } finally {
    await db.$disconnect();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
