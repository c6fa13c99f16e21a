// Database migrations offline, for SQLite and PostgreSQL, through Prisma's WebAssembly schema engine
// (prisma/migrate.ts), in Prisma's own migration format:
//
//   tsx scripts/db.ts deploy [--url URL]   apply pending migrations       (npm run db:migrate)
//   tsx scripts/db.ts status [--url URL]   compare database and folder    (npm run db:status; exit 1 unless up to date)
//   tsx scripts/db.ts dev --name NAME      new migration for both providers from prisma/schema.prisma
//                                          (npm run db:migrate:dev -- --name NAME)
//
// The database is --url, else DATABASE_URL, else file:./data/cunwu.db. `dev` touches no database of
// yours: it diffs the migrations against the schema on a temporary SQLite file and on a temporary
// PostgreSQL database (on TEST_POSTGRES_URL's server, else a throw-away local cluster), writes
// prisma/migrations/<timestamp>_<name>/ and prisma/postgresql/migrations/<timestamp>_<name>/, and
// regenerates the clients. Apply the new migration with `npm run db:migrate`.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { PRISMA_FILES, lockfileContent, migrateDeploy, migrateStatus, schemaChangeSinceMigrations, type DatabaseProvider } from '../prisma/migrate';
import { generatePrismaClients, writePostgresSchema } from './tools/prisma-generate';

const USAGE = 'usage: tsx scripts/db.ts deploy|status [--url URL] | dev --name NAME';

/** The URL with any password hidden, for messages. */
function shown(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

async function deploy(url: string): Promise<void> {
  const applied = await migrateDeploy(url);
  console.log(
    applied.length
      ? `Applied ${applied.length} migration(s) to ${shown(url)}:\n${applied.map((n) => `  ${n}`).join('\n')}`
      : `No pending migrations: ${shown(url)} is up to date.`,
  );
}

async function status(url: string): Promise<boolean> {
  const s = await migrateStatus(url);
  const list = (title: string, names: string[]) => (names.length ? [`${title}:`, ...names.map((n) => `  ${n}`)] : []);
  const lines = [
    `${s.migrations.length} migration(s) in ${path.relative(process.cwd(), PRISMA_FILES[s.provider].migrations) || '.'} (${s.provider}), database ${shown(url)}`,
    ...(s.hasMigrationsTable ? [] : ['The database has no migration history yet (no _prisma_migrations table).']),
    ...list('Not yet applied', s.pending),
    ...list('Applied to the database but missing from the migrations folder', s.unknown),
    ...list('Failed (resolve before deploying)', s.failed),
    ...list('Edited after they were applied', s.edited),
    s.upToDate ? 'Database schema is up to date!' : 'The database is not up to date: run `npm run db:migrate`.',
  ];
  console.log(lines.join('\n'));
  return s.upToDate;
}

/** A migration name as `prisma migrate dev` makes it: lower case, words joined by underscores. */
function migrationSlug(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 200);
  if (!slug) throw new Error(`--name ${JSON.stringify(name)} has no letters or digits to name a migration`);
  return slug;
}

/** UTC yyyyMMddHHmmss, after every existing migration. */
function nextTimestamp(existing: string[]): string {
  const stamp = (d: Date) => d.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  let time = new Date();
  const last = existing
    .map((n) => n.slice(0, 14))
    .sort()
    .pop();
  while (last && stamp(time) <= last) time = new Date(time.getTime() + 1000);
  return stamp(time);
}

function migrationNames(provider: DatabaseProvider): string[] {
  try {
    return readdirSync(PRISMA_FILES[provider].migrations, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
  } catch {
    return [];
  }
}

async function dev(name: string | undefined): Promise<void> {
  if (writePostgresSchema()) console.log('Updated prisma/postgresql/schema.prisma from prisma/schema.prisma.');

  const changes: Partial<Record<DatabaseProvider, string>> = {};
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'cunwu-migrate-dev-'));
  try {
    changes.sqlite = await schemaChangeSinceMigrations('sqlite', `file:${path.join(tmp, 'dev.db')}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  // Lazily: test/support is not in the production image, and only `dev` needs a PostgreSQL server.
  const { startPostgres } = await import('../test/support/postgres');
  const pg = await startPostgres();
  if (!pg) {
    throw new Error(
      'dev needs a PostgreSQL server to diff the PostgreSQL migrations: set TEST_POSTGRES_URL to one ' +
        '(a superuser URL; a temporary database is created there) or install the server binaries (apt-get install postgresql)',
    );
  }
  try {
    changes.postgresql = await schemaChangeSinceMigrations('postgresql', pg.url);
  } finally {
    await pg.stop();
  }

  if (!changes.sqlite && !changes.postgresql) {
    console.log('No schema change since the last migration: nothing to create.');
    return;
  }
  if (!name) throw new Error(`The schema changed: name the new migration with --name (${USAGE})`);
  const folder = `${nextTimestamp([...migrationNames('sqlite'), ...migrationNames('postgresql')])}_${migrationSlug(name)}`;
  for (const provider of ['sqlite', 'postgresql'] as const) {
    const dir = PRISMA_FILES[provider].migrations;
    mkdirSync(path.join(dir, folder), { recursive: true });
    writeFileSync(path.join(dir, folder, 'migration.sql'), changes[provider] ?? '-- This is an empty migration.\n');
    writeFileSync(path.join(dir, 'migration_lock.toml'), lockfileContent(provider));
    console.log(`Created ${path.relative(process.cwd(), path.join(dir, folder, 'migration.sql'))}`);
  }
  generatePrismaClients();
  console.log('Apply it with `npm run db:migrate`.');
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { url: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command, ...extra] = positionals;
  if (values.help || !command || extra.length) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const url = values.url ?? process.env.DATABASE_URL ?? 'file:./data/cunwu.db';
  switch (command) {
    case 'deploy':
      await deploy(url);
      return 0;
    case 'status':
      return (await status(url)) ? 0 : 1;
    case 'dev':
      await dev(values.name);
      return 0;
    default:
      console.error(`unknown command ${command}\n${USAGE}`);
      return 2;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
