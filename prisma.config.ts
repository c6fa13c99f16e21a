// For the stock Prisma CLI on a machine that can reach Prisma's engine downloads
// (`npx prisma migrate deploy`): the schema and migrations that match DATABASE_URL.
// Offline, the platform uses `npm run db:migrate` on the same files instead.
import { defineConfig } from 'prisma/config';

const url = process.env.DATABASE_URL ?? 'file:./data/cunwu.db';
const folder = /^postgres(ql)?:\/\//.test(url) ? 'prisma/postgresql' : 'prisma';

export default defineConfig({
  schema: `${folder}/schema.prisma`,
  migrations: { path: `${folder}/migrations` },
  datasource: { url },
});
