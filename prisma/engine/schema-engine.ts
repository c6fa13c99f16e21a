// Prisma's schema engine as WebAssembly, driven directly through a driver adapter: migrations work
// offline, without the native schema-engine binary that the prisma 7 CLI insists on downloading.
//
// The engine is the CLI's own build (node_modules/prisma/build/schema_engine_bg.wasm); its
// wasm-bindgen glue, which the CLI does not ship, is schema_engine_bg.js beside this file. It is
// given an adapter factory for the URL (SharedSqlite for `file:`, PrismaPg for PostgreSQL), with the
// bridges that the 7.10 adapters need to serve the engine:
//  - PostgreSQL: the engine reads pg_catalog columns of type "char" (OID 18), which PrismaPg refuses
//    to deserialize: they are reported as text.
//  - PostgreSQL: PrismaPg's connectToShadowDb, given a connection string, replays into the real
//    database; here the shadow database is created, connected to and dropped by hand.
//  - SQLite: the shadow database replay sends whole multi-statement scripts through executeRaw, of
//    which libsql's execute runs the first statement only: they run through executeScript.
//  - Timers the engine sets and never clears are cleared when a session ends.
// (A missing `_prisma_migrations` table, which makes the engine's diagnostics fail with P1014, is
// dealt with by prisma/migrate.ts.) This rests on engine internals: every Prisma package is pinned.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import type {
  ErrorCapturingSqlMigrationAwareDriverAdapterFactory,
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from '@prisma/driver-adapter-utils';
import { Client } from 'pg';
import { databaseProvider, sqliteFilePath } from '../database-url';
import { SharedSqlite } from '../sqlite';

// ---- the engine's API, as far as this project uses it (schema_engine.d.ts of @prisma/schema-engine-wasm) ----

export interface SchemaFile {
  path: string;
  content: string;
}

export interface MigrationDirectory {
  path: string;
  migrationFile: { path: string; content: { tag: 'ok'; value: string } | { tag: 'error'; value: string } };
}

export interface MigrationList {
  baseDir: string;
  lockfile: { path: string; content: string | null };
  shadowDbInitScript: string;
  migrationDirectories: MigrationDirectory[];
}

export interface SchemaFilter {
  externalTables: string[];
  externalEnums: string[];
}

export type DiffTarget =
  { tag: 'empty' } | ({ tag: 'schemaDatamodel' } & { files: SchemaFile[] }) | ({ tag: 'migrations' } & MigrationList) | { tag: 'url'; url: string };

export type HistoryDiagnostic =
  | { diagnostic: 'databaseIsBehind'; unappliedMigrationNames: string[] }
  | { diagnostic: 'migrationsDirectoryIsBehind'; unpersistedMigrationNames: string[] }
  | {
      diagnostic: 'historiesDiverge';
      lastCommonMigrationName: string | null;
      unpersistedMigrationNames: string[];
      unappliedMigrationNames: string[];
    };

export interface DiagnoseMigrationHistoryOutput {
  editedMigrationNames: string[];
  failedMigrationNames: string[];
  hasMigrationsTable: boolean;
  history: HistoryDiagnostic | null;
}

export interface SchemaEngine {
  applyMigrations(input: { migrationsList: MigrationList; filters: SchemaFilter }): Promise<{ appliedMigrationNames: string[] }>;
  diagnoseMigrationHistory(input: {
    migrationsList: MigrationList;
    optInToShadowDatabase: boolean;
    filters: SchemaFilter;
  }): Promise<DiagnoseMigrationHistoryOutput>;
  diff(input: {
    from: DiffTarget;
    to: DiffTarget;
    script: boolean;
    exitCode: boolean | null;
    filters: SchemaFilter;
  }): Promise<{ exitCode: number; stdout: string | null }>;
  ensureConnectionValidity(input: { datasource: { tag: 'ConnectionString'; url: string } }): Promise<object>;
  version(): Promise<string>;
  free(): void;
}

interface Glue {
  SchemaEngine: { new: (options: { datamodels: [string, string][] | undefined }, log: (line: string) => void, adapter: object) => Promise<SchemaEngine> };
  version(): string;
  __wbg_set_wasm(exports: Record<string, unknown>): void;
  [name: string]: unknown;
}

/** The part of the WebAssembly global used here (tsconfig's lib has no DOM types, which declare it). */
interface WebAssemblyApi {
  Module: { new (bytes: Uint8Array): object; imports(module: object): { module: string; name: string; kind: string }[] };
  Instance: new (module: object, imports: Record<string, Record<string, unknown>>) => { exports: Record<string, unknown> };
  RuntimeError: new (message?: string) => Error;
}
const WebAssembly = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

export const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

// ---- loading ----

export const ENGINE_WASM = path.join(path.dirname(require.resolve('prisma/package.json')), 'build', 'schema_engine_bg.wasm');

let glue: Glue | undefined;

/** Instantiates the WebAssembly engine once per process (per module registry under Jest). */
function loadEngine(): Glue {
  if (glue) return glue;
  const gluePath = require.resolve('./schema_engine_bg.js');
  delete require.cache[gluePath]; // a fresh copy of the glue's state for each instance (after a panic)
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded afresh each time (its require.cache entry is dropped above)
  const g = require(gluePath) as Glue;
  const module = new WebAssembly.Module(readFileSync(ENGINE_WASM));
  const missing = WebAssembly.Module.imports(module)
    .filter((i) => i.module !== './schema_engine_bg.js' || typeof g[i.name] !== 'function')
    .map((i) => `${i.module}:${i.name}`);
  if (missing.length) {
    throw new Error(
      `${ENGINE_WASM} does not match prisma/engine/schema_engine_bg.js (missing ${missing.slice(0, 3).join(', ')}…): ` +
        'the prisma package was upgraded without the glue of its schema engine',
    );
  }
  const globals = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { set_message(message: string): void } };
  globals.PRISMA_WASM_PANIC_REGISTRY ??= { set_message: (message: string) => (lastPanic = message) };
  // The engine sets timers (e.g. the 10 s timeout of PostgreSQL's migration lock) that it never
  // clears: they are recorded so that a session can clear them when it ends, else they would hold a
  // finished process (or Jest) open for up to 10 s.
  const imports: Record<string, unknown> = { ...g };
  for (const name of Object.keys(g).filter((n) => n.startsWith('__wbg_setTimeout_'))) {
    const setTimer = g[name] as (callback: () => void, ms: number) => NodeJS.Timeout;
    imports[name] = (callback: () => void, ms: number) => {
      const timer = setTimer(() => {
        engineTimers.delete(timer);
        callback();
      }, ms);
      engineTimers.add(timer);
      return timer;
    };
  }
  const instance = new WebAssembly.Instance(module, { './schema_engine_bg.js': imports });
  g.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  glue = g;
  return g;
}

let lastPanic: string | undefined;
const engineTimers = new Set<NodeJS.Timeout>();

/** The git hash of the engine build (d1b3f377… for prisma 7.10.1). */
export function engineVersion(): string {
  return loadEngine().version();
}

// ---- adapter factories with the bridges ----

type Loose = Record<string, unknown>;

/**
 * SQLite: scripts of several statements sent through executeRaw (the shadow database replay does)
 * run through executeScript instead: libsql's execute would run the first statement alone.
 */
function bridgeSqlite(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = adapter.executeRaw.bind(adapter);
  adapter.executeRaw = async (query: SqlQuery) => {
    if (query.args.length === 0 && hasSeveralStatements(query.sql)) {
      await adapter.executeScript(query.sql);
      return 0;
    }
    return executeRaw(query);
  };
  return adapter;
}

/** Whether SQL text holds more than one statement (comments, strings and quoted names skipped). */
export function hasSeveralStatements(sql: string): boolean {
  const code = sql.replace(/--[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^']|'')*'|"(?:[^"]|"")*"|`(?:[^`]|``)*`|\[[^\]]*\]/g, ' ');
  return /;\s*[^\s;]/.test(code);
}

/** PostgreSQL: columns of type "char" (OID 18) are reported as text (OID 25), which PrismaPg reads. */
function bridgePgQueryable<T extends object>(queryable: T): T {
  const target = queryable as unknown as Loose;
  const performIO = (target.performIO as (q: SqlQuery) => Promise<{ fields: { dataTypeID: number }[] }>).bind(queryable);
  target.performIO = async (query: SqlQuery) => {
    const result = await performIO(query);
    for (const field of result.fields ?? []) if (field.dataTypeID === 18) field.dataTypeID = 25;
    return result;
  };
  return queryable;
}

function bridgePg(adapter: SqlDriverAdapter): SqlDriverAdapter {
  bridgePgQueryable(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (...args: Parameters<SqlDriverAdapter['startTransaction']>): Promise<Transaction> =>
    bridgePgQueryable(await startTransaction(...args));
  return adapter;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

/** Every connection the engine opened, so that a session can close what the engine leaves open. */
interface Tracked {
  factory: SqlMigrationAwareDriverAdapterFactory;
  closeAll(): Promise<void>;
}

function track(
  provider: 'sqlite' | 'postgres',
  connect: () => Promise<SqlDriverAdapter>,
  connectToShadowDb: () => Promise<SqlDriverAdapter>,
  adapterName: string,
): Tracked {
  const open = new Set<SqlDriverAdapter>();
  const remember = (adapter: SqlDriverAdapter) => {
    const dispose = adapter.dispose.bind(adapter);
    let disposed: Promise<void> | undefined;
    adapter.dispose = () => {
      open.delete(adapter);
      return (disposed ??= dispose());
    };
    open.add(adapter);
    return adapter;
  };
  return {
    factory: {
      provider,
      adapterName,
      connect: async () => remember(await connect()),
      connectToShadowDb: async () => remember(await connectToShadowDb()),
    },
    closeAll: async () => {
      for (const adapter of [...open].reverse()) await adapter.dispose().catch(() => undefined);
    },
  };
}

function adapterFactoryFor(databaseUrl: string): Tracked {
  if (databaseProvider(databaseUrl) === 'sqlite') {
    const main = new SharedSqlite(sqliteFilePath(databaseUrl));
    return track(
      'sqlite',
      async () => bridgeSqlite(await main.connect()),
      async () => bridgeSqlite(await main.connectToShadowDb()),
      main.adapterName,
    );
  }
  const main = new PrismaPg({ connectionString: databaseUrl });
  return track(
    'postgres',
    async () => bridgePg(await main.connect()),
    async () => {
      const name = `prisma_migrate_shadow_db_${randomBytes(8).toString('hex')}`;
      const admin = new Client({ connectionString: databaseUrl });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE "${name}"`);
        const shadow = await new PrismaPg({ connectionString: withDatabase(databaseUrl, name) }).connect();
        const dispose = shadow.dispose.bind(shadow);
        shadow.dispose = async () => {
          try {
            await dispose(); // closes the shadow pool before the database can be dropped
            await admin.query(`DROP DATABASE IF EXISTS "${name}"`);
          } finally {
            await admin.end();
          }
        };
        return bridgePg(shadow);
      } catch (error) {
        await admin.query(`DROP DATABASE IF EXISTS "${name}"`).catch(() => undefined);
        await admin.end();
        throw error;
      }
    },
    main.adapterName,
  );
}

// ---- sessions ----

let queue: Promise<unknown> = Promise.resolve();

/** Turns the engine's errors into Errors with a readable message (and `code`, e.g. P3005, when it has one). */
function engineError(error: unknown, factory: ErrorCapturingSqlMigrationAwareDriverAdapterFactory, log: string[]): Error {
  if (error instanceof WebAssembly.RuntimeError) {
    glue = undefined; // no call is safe after a panic: the next session instantiates the engine anew
    return new Error(`Prisma schema engine panicked: ${lastPanic ?? error.message}\n${log.slice(-5).join('\n')}`);
  }
  if (!(error instanceof Error)) return new Error(String(error));
  const id = /GenericJs[^0-9]*(\d+)/.exec(error.message)?.[1];
  const original = id === undefined ? undefined : factory.errorRegistry.consumeError(Number(id))?.error;
  if (original instanceof Error) return original;
  const code = (error as { code?: unknown }).code;
  const message = error.message
    .split('\n')
    .filter((line) => !/^\s+(at |\d+: |with )/.test(line))
    .join('\n')
    .trim();
  const result = new Error(typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message, { cause: error });
  if (typeof code === 'string') (result as Error & { code?: string }).code = code;
  return result;
}

/**
 * Runs `use` with a schema engine connected to `databaseUrl` (one session at a time per process),
 * then frees the engine and closes every connection it opened.
 */
export async function withSchemaEngine<T>(databaseUrl: string, schemaFiles: SchemaFile[] | undefined, use: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  const run = async () => {
    const g = loadEngine();
    const { bindMigrationAwareSqlAdapterFactory } = driverAdapterUtils();
    const tracked = adapterFactoryFor(databaseUrl);
    const bound = bindMigrationAwareSqlAdapterFactory(tracked.factory);
    const log: string[] = [];
    const debug = /schema-?engine|prisma:\*/i.test(process.env.DEBUG ?? '');
    const onLog = (line: string) => {
      log.push(line);
      if (log.length > 50) log.shift();
      if (debug) process.stderr.write(`[schema-engine] ${line}\n`);
    };
    let engine: SchemaEngine | undefined;
    try {
      const datamodels = schemaFiles?.map((f): [string, string] => [f.path, f.content]);
      engine = await g.SchemaEngine.new({ datamodels }, onLog, bound);
      return await use(engine);
    } catch (error) {
      throw engineError(error, bound, log);
    } finally {
      try {
        engine?.free();
      } catch {
        // a panicked engine cannot be freed; it goes with its instance
      }
      await tracked.closeAll();
      for (const timer of engineTimers) clearTimeout(timer);
      engineTimers.clear();
    }
  };
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result;
}

/** @prisma/driver-adapter-utils as the adapters themselves load it (it is their pinned dependency). */
function driverAdapterUtils(): typeof import('@prisma/driver-adapter-utils') {
  const from = path.dirname(require.resolve('@prisma/adapter-pg'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- resolved from the adapter's own dependencies, not ours
  return require(require.resolve('@prisma/driver-adapter-utils', { paths: [from] })) as typeof import('@prisma/driver-adapter-utils');
}
