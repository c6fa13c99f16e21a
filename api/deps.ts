// What the API's routes are built from: the database, Temporal, the token secret, the logger.
import type { Client } from '@temporalio/client';
import type { Logger } from '../platform/logger';
import type { Db } from '../prisma/client';
import type { TemporalBounds } from './bounded';

export interface AppDeps {
  db: Db;
  temporal: Client;
  taskQueue: string;
  jwtSecret: string;
  logger: Logger;
  /** Deadlines of calls to Temporal (defaults in bounded.ts; tests shorten them). */
  bounds?: Partial<TemporalBounds>;
}
