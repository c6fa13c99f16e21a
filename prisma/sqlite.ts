// SQLite shared by separate processes (API, worker, scripts) on one file, through @prisma/adapter-libsql.
// - WAL: readers never block the writer, nor the writer readers (a property of the file, kept once set).
// - A busy timeout on every connection the client opens: a write waits for another process's write
//   instead of failing at once with SQLITE_BUSY.
// - Transactions take the write lock when they begin (BEGIN IMMEDIATE). The adapter begins them
//   DEFERRED: one that has read and then writes after another process's commit fails with
//   SQLITE_BUSY at once, without waiting (its snapshot is stale).
// - Writes commit with synchronous=NORMAL (WAL): a commit survives the process crashing and is
//   fsynced at the next checkpoint, instead of each commit fsyncing the WAL (≈ 20 ms under load) while
//   it blocks the event loop (libsql is synchronous) of the process that also serves the API and the
//   worker. Set before each transaction and each write outside one: libsql hands its connection to a
//   transaction and opens a new one (with the default, FULL) after it.
// - No connection keeps a lock after a failure. libsql leaves a statement that failed SQLITE_BUSY in
//   progress on its connection (tursodatabase/libsql-js#228): it holds the read lock and makes the next
//   COMMIT there fail, and the adapter never rolls back a failed COMMIT of the connection a transaction
//   took over (prisma/prisma#30028), whose lock then lasts until the process exits. So a connection
//   that saw SQLITE_BUSY is replaced, and a failed COMMIT is rolled back.
import { PrismaLibSql } from '@prisma/adapter-libsql';

type LibSqlConfig = Parameters<PrismaLibSql['createClient']>[0];
type LibSqlClient = ReturnType<PrismaLibSql['createClient']>;
type LibSqlTransaction = Awaited<ReturnType<LibSqlClient['transaction']>>;

/** How long a statement waits for another connection's write lock before it fails with SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 5_000;

/** The adapter factory for a SQLite file that several processes use at once (also for migrations). */
export class SharedSqlite extends PrismaLibSql {
  constructor(file: string, busyTimeoutMs = SQLITE_BUSY_TIMEOUT_MS) {
    super({ url: `file:${file}`, timeout: busyTimeoutMs });
  }

  override createClient(config: LibSqlConfig): LibSqlClient {
    return guarded(super.createClient(config));
  }

  override async connect() {
    const adapter = await super.connect();
    await adapter.executeScript('PRAGMA journal_mode = WAL');
    return adapter;
  }
}

export function isSqliteBusy(error: unknown): boolean {
  const { code, rawCode } = (error ?? {}) as { code?: unknown; rawCode?: unknown };
  return (typeof rawCode === 'number' && (rawCode & 0xff) === 5) || (typeof code === 'string' && code.startsWith('SQLITE_BUSY'));
}

const SYNCHRONOUS_NORMAL = 'PRAGMA synchronous = NORMAL';

function isWrite(statement: unknown): boolean {
  const sql = typeof statement === 'string' ? statement : (statement as { sql?: unknown } | undefined)?.sql;
  return typeof sql === 'string' && /^\s*(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(sql);
}

function guarded(client: LibSqlClient): LibSqlClient {
  const replaceConnectionIfBusy = async (error: unknown): Promise<never> => {
    if (isSqliteBusy(error)) {
      try {
        // eslint-disable-next-line @typescript-eslint/await-thenable -- typed void, but @libsql/client's reconnect() is async: its failure arrives as a rejection
        await client.reconnect();
      } catch {
        // a connection that cannot be replaced now is replaced on the next failure
      }
    }
    throw error;
  };
  return new Proxy(client, {
    get(target, property) {
      if (property === 'execute') {
        return (...args: Parameters<LibSqlClient['execute']>) => {
          if (isWrite(args[0])) void target.execute(SYNCHRONOUS_NORMAL).catch(() => undefined);
          return target.execute(...args).catch(replaceConnectionIfBusy);
        };
      }
      if (property === 'transaction') {
        return () => {
          // Both run at once on the connection the transaction takes (libsql runs a statement synchronously).
          void target.execute(SYNCHRONOUS_NORMAL).catch(() => undefined);
          return target.transaction('write').then(rollingBackFailedCommit, replaceConnectionIfBusy);
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function rollingBackFailedCommit(transaction: LibSqlTransaction): LibSqlTransaction {
  return new Proxy(transaction, {
    get(target, property) {
      if (property === 'commit') {
        return () =>
          target.commit().catch(async (error: unknown) => {
            await target.rollback().catch(() => undefined);
            throw error;
          });
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
