// The database client for a DATABASE_URL: SQLite (file:) or PostgreSQL, through driver adapters (no Rust engine).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PrismaLibSql } from '@prisma/adapter-libsql';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as PostgresClient } from '../generated/prisma/postgresql/client';
import { PrismaClient, Prisma } from '../generated/prisma/sqlite/client';
import { databaseProvider, sqliteFilePath } from './database-url';

/** The client of either database: the PostgreSQL client has the same models and API as the SQLite one. */
export type Db = PrismaClient;
export type { Prisma };

/**
 * A client for `file:` URLs (SQLite; a relative path is resolved against the working directory and
 * its folder created) or `postgres://` / `postgresql://` URLs (PostgreSQL); throws for anything else.
 */
export function createPrismaClient(databaseUrl: string): Db {
  if (databaseProvider(databaseUrl) === 'sqlite') {
    const file = sqliteFilePath(databaseUrl);
    mkdirSync(path.dirname(file), { recursive: true });
    return new PrismaClient({ adapter: new PrismaLibSql({ url: `file:${file}` }) });
  }
  return new PostgresClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) }) as unknown as Db;
}
