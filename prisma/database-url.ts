// What a DATABASE_URL names: SQLite (`file:`, path relative to the working directory) or PostgreSQL.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type DatabaseProvider = 'sqlite' | 'postgresql';

/** The provider of a DATABASE_URL; throws a clear Error for anything but file: and postgres(ql)://. */
export function databaseProvider(databaseUrl: string): DatabaseProvider {
  if (databaseUrl.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return 'postgresql';
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(databaseUrl)?.[0] ?? '(no scheme)';
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL); got ${scheme}…`);
}

/**
 * The absolute path of the SQLite file of a `file:` URL: `file:./data/x.db` and `file:data/x.db` are
 * relative to the current working directory, `file:/abs/x.db` and `file:///abs/x.db` absolute.
 * Query parameters (`?connection_limit=1`) are ignored.
 */
export function sqliteFilePath(databaseUrl: string): string {
  if (!databaseUrl.startsWith('file:')) throw new Error(`Not a SQLite URL: ${databaseUrl}`);
  const withoutQuery = databaseUrl.replace(/\?.*$/, '');
  const file = withoutQuery.startsWith('file://') ? fileURLToPath(withoutQuery) : withoutQuery.slice('file:'.length);
  if (!file) throw new Error(`No file in SQLite URL: ${databaseUrl}`);
  return path.resolve(file);
}
