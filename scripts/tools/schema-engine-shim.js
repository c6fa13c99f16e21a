#!/usr/bin/env node
// Stands in for Prisma's native schema-engine binary, which these installs never download:
// scripts/tools/prisma-generate.js points PRISMA_SCHEMA_ENGINE_BINARY here so that `prisma generate`
// (pure WebAssembly) does not try to fetch it. Anything that really needs the engine ends up here.
'use strict';

process.stderr.write(
  'The native Prisma schema engine is not installed here (offline install).\n' +
    'Use `npm run db:migrate`, `npm run db:status` or `npm run db:migrate:dev` (scripts/db.ts),\n' +
    "which drive Prisma's WebAssembly schema engine instead.\n",
);
process.exit(1);
