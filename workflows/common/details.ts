// The current details an operator reads in the Temporal UI (markdown): what every process shows, then its own lines.
import type { NextActor, ProcessView } from './view';

/** Who acts next, where, on what, by when. */
export function nextActorsLine(actors: NextActor[]): string {
  if (actors.length === 0) return '—';
  return actors.map((a) => `${a.role} @ ${a.orgId} (${a.action}${a.dueAt ? `, due ${a.dueAt}` : ''})`).join('; ');
}

/** A process's details: heading, step and status, its own `lines`, the rules it runs under, who acts next. */
export function processDetails(view: ProcessView, heading: string, lines: string[]): string {
  const ending = view.outcome ? ` — ${view.outcome.reason}` : '';
  return [
    `## ${heading}`,
    `- **Step**: ${view.step} · **Status**: ${view.status}${ending}${view.overdue ? ' · **OVERDUE**' : ''}`,
    ...lines,
    `- **Rules**: ${view.rules ? `${view.rules.ruleSetId} (version ${view.rules.version})` : 'defaults (started before rules were pinned)'}`,
    `- **Next**: ${nextActorsLine(view.nextActors)}`,
  ].join('\n');
}
