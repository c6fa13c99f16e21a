// Another process that holds the write lock of a SQLite file: `tsx sqlite-lock-holder.ts <file> <ms>`
// prints "held" once it has the lock, and releases it after <ms>.
import { createPrismaClient } from '../../prisma/client';

async function main(): Promise<void> {
  const [file, ms] = process.argv.slice(2);
  const db = createPrismaClient(`file:${file}`);
  await db.$transaction(async (tx) => {
    await tx.refusedAttempt.create({
      data: {
        requestId: 'lock-holder',
        countyId: 'xingcun',
        personId: 'p.test',
        roles: '',
        action: 'HOLD',
        reasonCode: 'TEST',
        detail: 'holds the lock',
        httpStatus: 409,
      },
    });
    process.stdout.write('held\n');
    await new Promise((resolve) => setTimeout(resolve, Number(ms)));
  });
  await db.$disconnect();
}

void main();
