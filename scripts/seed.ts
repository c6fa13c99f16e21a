// npm run db:seed: puts the demo county 兴村县 (xingcun) into the database at DATABASE_URL, once.
import { createPrismaClient } from '../prisma/client';
import { seedDemoCounty } from '../prisma/seed';
import { processRegistry } from '../processes';

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL ?? 'file:./data/cunwu.db';
  const db = createPrismaClient(url);
  try {
    const { seeded } = await seedDemoCounty(db, processRegistry);
    console.log(seeded ? `Seeded the demo county xingcun (兴村县) into ${url}.` : `The demo county xingcun (兴村县) is already in ${url}: nothing changed.`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
