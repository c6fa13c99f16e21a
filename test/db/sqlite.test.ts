// SQLite shared by several connections (in production: the API's and the worker's processes).
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { PrismaClient } from '../../generated/prisma/sqlite/client';
import { createPrismaClient, type Db } from '../../prisma/client';
import { migrateDeploy } from '../../prisma/migrate';
import { SharedSqlite } from '../../prisma/sqlite';

const refusal = (requestId: string) => ({
  requestId,
  countyId: 'xingcun',
  personId: 'p.test',
  roles: '',
  action: 'TEST',
  reasonCode: 'TEST',
  detail: 'test',
  httpStatus: 409,
});

describe('SQLite shared by several connections', () => {
  let file: string;
  const clients: Db[] = [];
  const client = (db: Db) => (clients.push(db), db);

  beforeAll(async () => {
    file = path.join(process.env.TEST_TMP!, `${randomUUID()}.db`);
    await migrateDeploy(`file:${file}`);
  });
  afterAll(async () => {
    await Promise.all(clients.map((db) => db.$disconnect()));
  });

  /** Another process takes the write lock and keeps it for `ms`: resolves once it has it, with its end. */
  async function holdWriteLock(ms: number): Promise<{ released: Promise<unknown> }> {
    const holder = spawn(
      path.resolve(__dirname, '../../node_modules/.bin/tsx'),
      [path.resolve(__dirname, '../support/sqlite-lock-holder.ts'), file, String(ms)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const released = new Promise((resolve) => holder.once('exit', resolve));
    await new Promise<void>((resolve) => holder.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('held') && resolve()));
    return { released };
  }

  test('is in WAL mode, with a busy timeout on every connection', async () => {
    const db = client(createPrismaClient(`file:${file}`));
    expect(await db.$queryRawUnsafe('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    await db.$transaction(async (tx) => tx.refusedAttempt.create({ data: refusal(randomUUID()) })); // the next query opens a new connection
    expect(await db.$queryRawUnsafe('PRAGMA busy_timeout')).toEqual([{ timeout: 5000 }]);
  });

  test('writes commit with synchronous=NORMAL, in a transaction or alone (no fsync per commit in WAL)', async () => {
    const db = client(createPrismaClient(`file:${file}`));
    const synchronous = async () => (await db.$queryRawUnsafe<{ synchronous: number }[]>('PRAGMA synchronous'))[0].synchronous;
    const inTransaction = await db.$transaction(async (tx) => {
      await tx.refusedAttempt.create({ data: refusal(randomUUID()) });
      return (await tx.$queryRawUnsafe<{ synchronous: number }[]>('PRAGMA synchronous'))[0].synchronous;
    });
    expect(inTransaction).toBe(1);
    await db.refusedAttempt.create({ data: refusal(randomUUID()) }); // on the new connection opened after the transaction
    expect(await synchronous()).toBe(1);
  });

  test('a write waits for another connection to finish writing, and a read does not wait at all', async () => {
    const db = client(createPrismaClient(`file:${file}`));
    const held = await holdWriteLock(1_000);
    const readStarted = Date.now();
    await db.refusedAttempt.count();
    expect(Date.now() - readStarted).toBeLessThan(300);
    await db.refusedAttempt.create({ data: refusal('waited-single') });
    await db.$transaction(async (tx) => {
      const count = await tx.refusedAttempt.count();
      await tx.refusedAttempt.create({ data: refusal(`waited-tx-${count}`) });
    });
    await held.released;
    expect(await db.refusedAttempt.count({ where: { requestId: { startsWith: 'waited-' } } })).toBe(2);
  });

  test('a connection that gave up on a lock (SQLITE_BUSY) keeps no lock and commits once the lock is free', async () => {
    const impatient = client(new PrismaClient({ adapter: new SharedSqlite(file, 50) }));
    await impatient.refusedAttempt.count();
    const held = await holdWriteLock(1_500);
    await expect(impatient.refusedAttempt.create({ data: refusal('too-early') })).rejects.toMatchObject({ code: 'P1008' });
    await expect(impatient.$transaction(async (tx) => tx.refusedAttempt.create({ data: refusal('too-early-tx') }))).rejects.toThrow();
    await held.released;
    await impatient.$transaction(async (tx) => tx.refusedAttempt.create({ data: refusal('after-busy-tx') }));
    await impatient.refusedAttempt.create({ data: refusal('after-busy') });
    await (
      await holdWriteLock(0)
    ).released; // another process can still write: nothing kept a lock
    expect(
      (await impatient.refusedAttempt.findMany({ where: { requestId: { in: ['too-early', 'too-early-tx', 'after-busy-tx', 'after-busy'] } } }))
        .map((r) => r.requestId)
        .sort(),
    ).toEqual(['after-busy', 'after-busy-tx']);
  });
});
