// `npm run token -- --person <id>`: mints a bearer token for a person and their role assignments.
import { parseArgs } from 'node:util';
import { signToken, tokenLifetime } from '../api/auth';
import { loadConfig } from '../platform/config';
import { createPrismaClient } from '../prisma/client';
import { tokenClaimsFor } from '../domain/identity';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { person: { type: 'string' }, expires: { type: 'string', default: '12h' } } });
  if (!values.person) throw new Error('Usage: npm run token -- --person <person id> [--expires 12h] (at most 7d)');
  tokenLifetime(values.expires);
  const config = loadConfig();
  const db = createPrismaClient(config.DATABASE_URL);
  try {
    const claims = await tokenClaimsFor(db, values.person);
    if (!claims) throw new Error(`No person ${values.person}. Seeded people: see README (e.g. p.coord-office.reviewer1).`);
    process.stdout.write(`${signToken(claims, config.JWT_SECRET, values.expires)}\n`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
