// The database client for a DATABASE_URL: SQLite (file:) or PostgreSQL, through driver adapters (no Rust engine).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PrismaLibSql } from '@prisma/adapter-libsql';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as PostgresClient } from '../generated/prisma/postgresql/client';
import { PrismaClient } from '../generated/prisma/sqlite/client';

export type Db = PrismaClient;

export function createPrismaClient(databaseUrl: string): Db {
  if (databaseUrl.startsWith('file:')) {
    const file = path.resolve(databaseUrl.slice('file:'.length));
    mkdirSync(path.dirname(file), { recursive: true });
    return new PrismaClient({ adapter: new PrismaLibSql({ url: `file:${file}` }) });
  }
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) {
    return new PostgresClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) }) as unknown as Db;
  }
  throw new Error(`DATABASE_URL must start with file: or postgresql:// (got ${databaseUrl.split(':')[0]}:…)`);
}
