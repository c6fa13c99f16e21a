// Idempotency records (StepRequest) kept for the county rule `platform.stepRequestRetention`, then pruned
// by the daily scheduled job (platform/schedules.ts, workflows/platform/prune-step-requests.ts).
import type { Db } from '../prisma/client';
import { durationMs } from '../workflows/rules/checks';
import { PLATFORM_RULES } from '../workflows/rules/platform-section';
import { rulesToPin } from './rule-sets';

/**
 * The moment before which idempotency records may go: `now` less the longest retention any county's
 * rules in force ask for (a record names no county, so it is kept as long as the strictest county
 * wants). Pure. A retention that is not a duration keeps everything (no cutoff).
 */
export function pruneCutoff(now: Date, retentions: readonly string[]): Date | undefined {
  const lengths = retentions.map(durationMs);
  if (!lengths.length || lengths.some((ms) => ms === undefined)) return undefined;
  return new Date(now.getTime() - Math.max(...(lengths as number[])));
}

export interface PruneResult {
  /** Each county's retention in force, as its rules say it. */
  retentions: Record<string, string>;
  cutoff?: string;
  deleted: number;
}

/** Deletes the idempotency records older than the retention the counties' rules in force ask for. */
export async function pruneStepRequests(db: Db, now = new Date()): Promise<PruneResult> {
  const counties = await db.organisation.findMany({ where: { kind: 'COUNTY' }, select: { id: true } });
  const retentions: Record<string, string> = {};
  for (const { id } of counties) retentions[id] = (await rulesToPin(db, { platform: PLATFORM_RULES }, id)).values.platform.stepRequestRetention;
  const cutoff = pruneCutoff(now, Object.values(retentions));
  if (!cutoff) return { retentions, deleted: 0 };
  const { count } = await db.stepRequest.deleteMany({ where: { createdAt: { lt: cutoff } } });
  return { retentions, cutoff: cutoff.toISOString(), deleted: count };
}
