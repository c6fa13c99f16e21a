// Types of prisma-generate.js (plain CommonJS, run by npm's postinstall before any TypeScript tooling).

/** Derives prisma/postgresql/schema.prisma and runs `prisma generate` for both schemas, offline; throws on failure. */
export function generatePrismaClients(): void;
/** The PostgreSQL schema text for the text of the SQLite schema (provider and client output changed). */
export function derivePostgresSchema(sqliteSchema: string): string;
/** Whether prisma/postgresql/schema.prisma is what prisma/schema.prisma derives. */
export function checkPostgresSchema(): { inSync: boolean; expected: string; actual: string | null; path: string };
/** Writes prisma/postgresql/schema.prisma when missing or out of date; returns whether it wrote. */
export function writePostgresSchema(): boolean;
/** process.env plus CHECKPOINT_DISABLE and PRISMA_SCHEMA_ENGINE_BINARY, for running the prisma CLI offline. */
export function prismaEnv(): NodeJS.ProcessEnv;
export const SQLITE_SCHEMA: string;
export const POSTGRES_SCHEMA: string;
export const ENGINE_SHIM: string;
