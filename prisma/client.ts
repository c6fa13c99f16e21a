// The database client for a DATABASE_URL: SQLite (file:) or PostgreSQL, through driver adapters (no Rust engine).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as PostgresClient } from '../generated/prisma/postgresql/client';
import { PrismaClient, Prisma } from '../generated/prisma/sqlite/client';
import { databaseProvider, sqliteFilePath } from './database-url';
import { SharedSqlite, SQLITE_BUSY_TIMEOUT_MS } from './sqlite';

/** The client of either database: the PostgreSQL client has the same models and API as the SQLite one. */
export type Db = PrismaClient;
export type { Prisma };

/**
 * A client for `file:` URLs (SQLite; a relative path is resolved against the working directory and
 * its folder created; shared safely with other processes, see sqlite.ts) or `postgres://` /
 * `postgresql://` URLs (PostgreSQL); throws for anything else.
 */
export function createPrismaClient(databaseUrl: string): Db {
  if (databaseProvider(databaseUrl) === 'sqlite') {
    const file = sqliteFilePath(databaseUrl);
    mkdirSync(path.dirname(file), { recursive: true });
    // One process runs one query or transaction on SQLite at a time, and a transaction may first wait
    // out another process's write: a transaction waits for its turn as long as for the lock, twice over.
    const wait = 2 * SQLITE_BUSY_TIMEOUT_MS;
    return new PrismaClient({ adapter: new SharedSqlite(file), transactionOptions: { maxWait: wait, timeout: wait } });
  }
  return new PostgresClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) }) as unknown as Db;
}
