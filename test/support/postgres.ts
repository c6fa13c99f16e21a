// A throw-away PostgreSQL database for tests (and for `scripts/db.ts dev`, which diffs the PostgreSQL
// migrations on it): a fresh database on the server at TEST_POSTGRES_URL, or else a whole cluster
// started from Debian's server binaries (/usr/lib/postgresql/<version>/bin) in a temporary folder.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';

const run = promisify(execFile);

export interface TestPostgres {
  /** postgresql:// URL of a fresh, empty database that belongs to this handle alone. */
  url: string;
  /** Drops the database (or stops the cluster and deletes its folder). */
  stop(): Promise<void>;
}

/** Whether startPostgres can give a database: TEST_POSTGRES_URL is set, or server binaries are installed. */
export function postgresAvailable(): boolean {
  return Boolean(process.env.TEST_POSTGRES_URL) || serverBinaries() !== undefined;
}

/** A fresh PostgreSQL database, or `undefined` when there is neither TEST_POSTGRES_URL nor a server to start. */
export async function startPostgres(): Promise<TestPostgres | undefined> {
  if (process.env.TEST_POSTGRES_URL) return freshDatabaseOn(process.env.TEST_POSTGRES_URL);
  const bin = serverBinaries();
  return bin ? startCluster(bin) : undefined;
}

async function freshDatabaseOn(serverUrl: string): Promise<TestPostgres> {
  const name = `cunwu_test_${randomBytes(6).toString('hex')}`;
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    stop: () => withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined),
  };
}

async function withClient<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** The bin folder of the newest PostgreSQL server installed, if any. */
function serverBinaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'initdb')) && existsSync(path.join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0], 'bin') : undefined;
}

/**
 * initdb refuses to run as root: as root, the cluster belongs to the `postgres` user (Debian's
 * package creates it), or to `nobody`, and its commands run through runuser (or su).
 */
async function clusterUser(): Promise<{ uid: number; gid: number; wrap(cmd: string, args: string[]): [string, string[]] } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    const ids = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]).catch(() => undefined);
    if (!ids) continue;
    const [uid, gid] = ids.map((r) => Number(r.stdout.trim()));
    const runuser = ['/usr/sbin/runuser', '/sbin/runuser', '/usr/bin/runuser'].find((p) => existsSync(p));
    return {
      uid,
      gid,
      wrap: (cmd, args) =>
        runuser
          ? [runuser, ['-u', name, '--', cmd, ...args]]
          : ['su', [name, '-s', '/bin/sh', '-c', [cmd, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ')]],
    };
  }
  throw new Error('Running as root, and neither a postgres nor a nobody user exists to own a test cluster');
}

async function startCluster(bin: string): Promise<TestPostgres> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cunwu-pg-'));
  const data = path.join(dir, 'data');
  const user = await clusterUser();
  if (user) chownSync(dir, user.uid, user.gid);
  const exec = (tool: string, args: string[]) => {
    const [cmd, argv] = user ? user.wrap(path.join(bin, tool), args) : [path.join(bin, tool), args];
    return run(cmd, argv, { cwd: dir, timeout: 60_000 });
  };
  let started = false;
  const stop = async () => {
    if (started) await exec('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
    started = false;
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await exec('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
    const port = await freePort();
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
    await exec('pg_ctl', ['-D', data, '-l', path.join(dir, 'postgres.log'), '-o', options, '-w', '-t', '60', 'start']);
    started = true;
    const server = `postgresql://postgres@127.0.0.1:${port}/postgres`;
    const db = await freshDatabaseOn(server);
    return { url: db.url, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A free loopback port, for servers the tests start. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
