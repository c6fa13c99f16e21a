// The current details an operator reads in the Temporal UI (markdown): what every process shows, then its own lines.
import type { NextActor, ProcessView } from './view';

const ZERO_WIDTH_SPACE = '&#8203;';

/**
 * Markdown the Temporal UI renders with no HTML, image, link or autolink in it. The UI runs no script
 * but shows images and links, so text people type (titles, reasons, objections) could otherwise
 * place a tracking pixel or a forged link before an operator. Our own summaries and details use
 * headings, lists and bold only.
 */
export function inertMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[[\]]/g, '\\$&')
    .replace(/:\/\//g, `:${ZERO_WIDTH_SPACE}//`)
    .replace(/\bwww\./gi, (www) => `${www.slice(0, 3)}${ZERO_WIDTH_SPACE}.`);
}

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
