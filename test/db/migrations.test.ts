// Offline migrations through Prisma's WebAssembly schema engine, on SQLite and on PostgreSQL: deploy,
// status, Prisma's bookkeeping, the clients on the migrated schema, and the files kept in sync.
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createPrismaClient, type Db } from '../../prisma/client';
import { databaseProvider, sqliteFilePath } from '../../prisma/database-url';
import { hasSeveralStatements } from '../../prisma/engine/schema-engine';
import { PRISMA_FILES, lockfileContent, migrateDeploy, migrateStatus, schemaChangeSinceMigrations, type DatabaseProvider } from '../../prisma/migrate';
import { checkPostgresSchema, derivePostgresSchema } from '../../scripts/tools/prisma-generate';
import { postgresAvailable, startPostgres, type TestPostgres } from '../support/postgres';

function migrationFolders(provider: DatabaseProvider): string[] {
  return readdirSync(PRISMA_FILES[provider].migrations, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

interface MigrationRow {
  id: string;
  checksum: string;
  migration_name: string;
  finished: unknown;
  rolled_back: unknown;
  applied_steps_count: unknown;
}

/** The same checks on each database; `url()` is the URL of a fresh, empty database. */
function migrationContract(provider: DatabaseProvider, url: () => string): void {
  let db: Db;

  afterAll(async () => {
    await db?.$disconnect();
  });

  it('status on the empty database: every migration pending', async () => {
    const status = await migrateStatus(url());
    expect(status).toMatchObject({ provider, hasMigrationsTable: false, upToDate: false });
    expect(status.pending).toEqual(migrationFolders(provider));
  });

  it('deploy on the empty database applies every migration, in order', async () => {
    const applied = await migrateDeploy(url());
    expect(applied).toEqual(migrationFolders(provider));
    expect(applied.length).toBeGreaterThanOrEqual(1);
  });

  it('a second deploy applies nothing', async () => {
    await expect(migrateDeploy(url())).resolves.toEqual([]);
  });

  it('status says the database is up to date', async () => {
    await expect(migrateStatus(url())).resolves.toEqual({
      provider,
      migrations: migrationFolders(provider),
      hasMigrationsTable: true,
      pending: [],
      unknown: [],
      failed: [],
      edited: [],
      upToDate: true,
    });
  });

  it('records the migrations in _prisma_migrations as Prisma does', async () => {
    db = createPrismaClient(url());
    const rows = await db.$queryRawUnsafe<MigrationRow[]>(
      `SELECT id, checksum, migration_name,
              CASE WHEN finished_at IS NULL THEN 0 ELSE 1 END AS finished,
              CASE WHEN rolled_back_at IS NULL THEN 0 ELSE 1 END AS rolled_back,
              applied_steps_count
         FROM _prisma_migrations ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(migrationFolders(provider));
    for (const row of rows) {
      const sql = readFileSync(path.join(PRISMA_FILES[provider].migrations, row.migration_name, 'migration.sql'));
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
      expect([Number(row.finished), Number(row.rolled_back), Number(row.applied_steps_count)]).toEqual([1, 0, 1]);
    }
  });

  it('the client writes and reads organisations, people, role assignments and process records', async () => {
    await db.organisation.create({ data: { id: 'c1', kind: 'COUNTY', name: '兴村县', countyId: 'c1' } });
    await db.organisation.create({ data: { id: 'c1.t1', kind: 'TOWN', name: '桥头镇', countyId: 'c1', parentId: 'c1' } });
    await db.person.create({ data: { id: 'p1', name: '张三' } });
    const role = await db.roleAssignment.create({ data: { personId: 'p1', role: 'DISPATCHER', orgId: 'c1.t1' } });
    expect(role.id).toEqual(expect.any(Number));
    await expect(db.roleAssignment.create({ data: { personId: 'p1', role: 'DISPATCHER', orgId: 'c1.t1' } })).rejects.toMatchObject({
      code: 'P2002',
    });

    const person = await db.person.findUniqueOrThrow({ where: { id: 'p1' }, include: { roles: { include: { org: { include: { parent: true } } } } } });
    expect(person.roles).toEqual([
      expect.objectContaining({ role: 'DISPATCHER', org: expect.objectContaining({ name: '桥头镇', parent: expect.objectContaining({ id: 'c1' }) }) }),
    ]);
    expect(await db.organisation.findUnique({ where: { id: 'c1' }, include: { children: true } })).toMatchObject({
      parentId: null,
      children: [{ id: 'c1.t1' }],
    });

    const startedAt = new Date('2026-03-01T08:30:00.123Z');
    await db.processRecord.create({
      data: {
        workflowId: 'wf-1',
        processType: 'taskDispatch',
        countyId: 'c1',
        townId: 'c1.t1',
        title: '春耕统计',
        step: 'DISPATCHED',
        status: 'OPEN',
        startedAt,
        updatedAt: startedAt,
        state: JSON.stringify({ a: 1 }),
      },
    });
    const record = await db.processRecord.update({ where: { workflowId: 'wf-1' }, data: { overdue: true, dueAt: startedAt } });
    expect(record).toMatchObject({ overdue: true, nextRoles: '', villageId: null, screeningCode: null });
    expect(record.startedAt.toISOString()).toBe('2026-03-01T08:30:00.123Z');
    expect(record.dueAt?.getTime()).toBe(startedAt.getTime());
    expect(await db.processRecord.count({ where: { overdue: true, countyId: 'c1' } })).toBe(1);

    const version = await db.catalogueVersion.create({
      data: {
        id: 'v1',
        countyId: 'c1',
        version: 1,
        status: 'DRAFT',
        createdBy: 'p1',
        items: { create: [{ screeningCode: 'A-1', name: '事项', kind: 'DUTY', legalBasis: '《法》', responsibleDepartment: '民政局' }] },
      },
      include: { items: true },
    });
    expect(version.createdAt).toBeInstanceOf(Date);
    expect(version.items[0]).toMatchObject({ subItems: '[]', retiredAt: null });
  });

  it('rolls back a failed interactive transaction and a failed batch', async () => {
    const before = await db.person.count();
    await expect(
      db.$transaction(async (tx) => {
        await tx.person.create({ data: { id: 'p-rolled-back', name: '回滚' } });
        expect(await tx.person.count()).toBe(before + 1);
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await expect(
      db.$transaction([db.person.create({ data: { id: 'p-batch', name: '批量' } }), db.person.create({ data: { id: 'p1', name: '重复' } })]),
    ).rejects.toMatchObject({ code: 'P2002' });
    expect(await db.person.count()).toBe(before);
    expect(await db.person.findMany({ where: { id: { in: ['p-rolled-back', 'p-batch'] } } })).toEqual([]);
  });

  it('the migrations describe the schema: no change is pending', async () => {
    await expect(schemaChangeSinceMigrations(provider, url())).resolves.toBeUndefined();
  });
}

describe('SQLite migrations', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cunwu-migrations-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // A folder that does not exist yet: deploy creates it and the file.
  migrationContract('sqlite', () => `file:${path.join(dir, 'not', 'yet', 'there.db')}`);
});

// PostgreSQL must be tested in CI: there, a missing server fails the block instead of skipping it.
const describePostgres = postgresAvailable() || process.env.CI ? describe : describe.skip;
if (describePostgres === describe.skip) {
  console.warn('PostgreSQL migration tests skipped: set TEST_POSTGRES_URL or install the PostgreSQL server (apt-get install postgresql)');
}

describePostgres('PostgreSQL migrations', () => {
  let pg: TestPostgres | undefined;
  beforeAll(async () => {
    pg = await startPostgres();
    if (!pg) throw new Error('No PostgreSQL for the tests: set TEST_POSTGRES_URL or install the PostgreSQL server (apt-get install postgresql)');
  });
  afterAll(async () => {
    await pg?.stop();
  });
  migrationContract('postgresql', () => {
    if (!pg) throw new Error('PostgreSQL did not start');
    return pg.url;
  });
});

describe('migration and schema files', () => {
  it('prisma/postgresql/schema.prisma is derived from prisma/schema.prisma (run `node scripts/tools/prisma-generate.js`)', () => {
    const { inSync, expected, actual } = checkPostgresSchema();
    expect(actual).toBe(expected);
    expect(inSync).toBe(true);
    expect(expected).toContain('provider = "postgresql"');
    expect(expected).toContain('output       = "../../generated/prisma/postgresql"');
  });

  it('derives by changing only the provider and the output, and refuses a schema it cannot derive', () => {
    const sqlite = readFileSync(PRISMA_FILES.sqlite.schema, 'utf8');
    const changed = derivePostgresSchema(sqlite)
      .split('\n')
      .filter((line, i) => line !== sqlite.split('\n')[i]);
    expect(changed).toEqual(['  output       = "../../generated/prisma/postgresql"', '  provider = "postgresql"']);
    expect(() => derivePostgresSchema(sqlite.replace('"sqlite"', '"mysql"'))).toThrow(/provider = "sqlite"/);
  });

  it('both providers have the same migrations, with Prisma lock files', () => {
    expect(migrationFolders('postgresql')).toEqual(migrationFolders('sqlite'));
    for (const provider of ['sqlite', 'postgresql'] as const) {
      expect(readFileSync(path.join(PRISMA_FILES[provider].migrations, 'migration_lock.toml'), 'utf8')).toBe(lockfileContent(provider));
      for (const name of migrationFolders(provider)) expect(name).toMatch(/^\d{14}_[a-z0-9_]+$/);
    }
  });

  it('reads database URLs: SQLite paths relative to the working directory, PostgreSQL, nothing else', () => {
    expect(sqliteFilePath('file:./data/x.db')).toBe(path.resolve('data/x.db'));
    expect(sqliteFilePath('file:data/x.db?connection_limit=1')).toBe(path.resolve('data/x.db'));
    expect(sqliteFilePath('file:/var/x.db')).toBe('/var/x.db');
    expect(sqliteFilePath('file:///var/x.db')).toBe('/var/x.db');
    expect(databaseProvider('postgres://u@h/db')).toBe('postgresql');
    expect(databaseProvider('postgresql://u@h/db')).toBe('postgresql');
    expect(() => createPrismaClient('mysql://u@h/db')).toThrow(/must start with file: .* or postgresql:\/\//);
  });

  it('tells multi-statement scripts from single statements (the SQLite shadow database bridge)', () => {
    expect(hasSeveralStatements('CREATE TABLE "a" (x TEXT);\n\n-- c\nCREATE INDEX "i" ON "a"("x");')).toBe(true);
    expect(hasSeveralStatements("INSERT INTO a VALUES ('x;y');  -- trailing; comment\n")).toBe(false);
    expect(hasSeveralStatements('SELECT 1;')).toBe(false);
  });
});
