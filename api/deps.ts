// What the API's routes are built from: the database, Temporal, the token secret, the logger, the rules' sections.
import type { Client } from '@temporalio/client';
import type { Logger } from '../platform/logger';
import type { Db } from '../prisma/client';
import type { RuleSectionMap } from '../workflows/rules/definitions';
import type { TemporalBounds } from './bounded';

export interface AppDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  jwtSecret: string;
  logger: Logger;
  /** Deadlines of calls to Temporal (defaults in bounded.ts; tests shorten them). */
  bounds?: Partial<TemporalBounds>;
  /** The county's rules, section by section: the registry's `ruleSections()`, put here by `createApp`. */
  ruleSections: RuleSectionMap;
}
