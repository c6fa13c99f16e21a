// Generates the two Prisma clients, SQLite and PostgreSQL, from the one schema, with nothing but
// node_modules: run by `npm install` (scripts/postinstall.js), or by hand with
// `node scripts/tools/prisma-generate.js`.
//
// prisma/schema.prisma (SQLite) is the source of truth; prisma/postgresql/schema.prisma is derived
// from it here (only the datasource provider and the client output differ) and committed too, so
// that the PostgreSQL migrations have a schema file of their own. `prisma generate` runs on
// WebAssembly, but the CLI first tries to download the native schema engine unless
// PRISMA_SCHEMA_ENGINE_BINARY names a file that exists: it names schema-engine-shim.js beside this
// file (migrations go through scripts/db.ts instead). CHECKPOINT_DISABLE stops the update check.
'use strict';

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const SQLITE_SCHEMA = path.join(ROOT, 'prisma', 'schema.prisma');
const POSTGRES_SCHEMA = path.join(ROOT, 'prisma', 'postgresql', 'schema.prisma');
const ENGINE_SHIM = path.join(__dirname, 'schema-engine-shim.js');

const SQLITE_OUTPUT = '../generated/prisma/sqlite';
const POSTGRES_OUTPUT = '../../generated/prisma/postgresql';

/** Replaces exactly one match of `pattern` in `text`, or throws naming `what`. */
function replaceOnce(text, pattern, replacement, what) {
  const matches = text.match(new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`)) || [];
  if (matches.length !== 1) {
    throw new Error(`prisma/schema.prisma: expected exactly one ${what}, found ${matches.length}`);
  }
  return text.replace(pattern, replacement);
}

/** The PostgreSQL schema for the text of the SQLite schema: same models, other provider and client output. */
function derivePostgresSchema(sqliteSchema) {
  let text = replaceOnce(sqliteSchema, /(datasource\s+\w+\s*\{[^}]*?\bprovider\s*=\s*)"sqlite"/, '$1"postgresql"', 'datasource with provider = "sqlite"');
  text = replaceOnce(
    text,
    /(generator\s+\w+\s*\{[^}]*?\boutput\s*=\s*)"\.\.\/generated\/prisma\/sqlite"/,
    `$1"${POSTGRES_OUTPUT}"`,
    `generator with output = "${SQLITE_OUTPUT}"`,
  );
  return text;
}

/** Whether prisma/postgresql/schema.prisma is what prisma/schema.prisma derives (for a test). */
function checkPostgresSchema() {
  const expected = derivePostgresSchema(fs.readFileSync(SQLITE_SCHEMA, 'utf8'));
  const actual = fs.existsSync(POSTGRES_SCHEMA) ? fs.readFileSync(POSTGRES_SCHEMA, 'utf8') : null;
  return { inSync: actual === expected, expected, actual, path: POSTGRES_SCHEMA };
}

/** Writes prisma/postgresql/schema.prisma if it is missing or out of date; returns whether it wrote. */
function writePostgresSchema() {
  const { inSync, expected } = checkPostgresSchema();
  if (inSync) return false;
  fs.mkdirSync(path.dirname(POSTGRES_SCHEMA), { recursive: true });
  fs.writeFileSync(POSTGRES_SCHEMA, expected);
  return true;
}

/** Environment for the prisma CLI: no update check, no engine download. */
function prismaEnv() {
  const env = { ...process.env, CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' };
  const given = process.env.PRISMA_SCHEMA_ENGINE_BINARY;
  if (!given || !fs.existsSync(given)) env.PRISMA_SCHEMA_ENGINE_BINARY = ENGINE_SHIM;
  return env;
}

function prismaCli() {
  return path.join(path.dirname(require.resolve('prisma/package.json', { paths: [ROOT] })), 'build', 'index.js');
}

/**
 * Derives the PostgreSQL schema, then runs `prisma generate` for both schemas. Quiet when it works
 * (one line); on failure prints the CLI's output and throws, so `npm install` fails.
 */
function generatePrismaClients() {
  const started = Date.now();
  writePostgresSchema();
  const cli = prismaCli();
  for (const schema of [SQLITE_SCHEMA, POSTGRES_SCHEMA]) {
    const result = spawnSync(process.execPath, [cli, 'generate', '--schema', schema], {
      cwd: ROOT,
      env: prismaEnv(),
      encoding: 'utf8',
      timeout: 300_000,
    });
    if (result.status !== 0) {
      process.stderr.write(`${result.stdout || ''}${result.stderr || ''}`);
      const why = result.error ? result.error.message : result.signal ? `signal ${result.signal}` : `exit code ${result.status}`;
      throw new Error(`prisma generate failed for ${path.relative(ROOT, schema)} (${why})`);
    }
  }
  console.log(`Prisma clients generated (sqlite, postgresql) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

module.exports = {
  generatePrismaClients,
  derivePostgresSchema,
  checkPostgresSchema,
  writePostgresSchema,
  prismaEnv,
  SQLITE_SCHEMA,
  POSTGRES_SCHEMA,
  ENGINE_SHIM,
};

if (require.main === module) {
  try {
    generatePrismaClients();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
