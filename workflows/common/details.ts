// The current details an operator reads in the Temporal UI (markdown): what every process shows, then its own lines.
import type { NextActor, ProcessView } from './view';

const ZERO_WIDTH_SPACE = '&#8203;';
const BEIJING_OFFSET_MS = 8 * 3600 * 1000;
const ISO_INSTANT = /\b(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?Z\b/g;

/** Every UTC instant in the text (`2027-01-10T09:00:00.000Z`) as Beijing time (`2027-01-10 17:00 +08:00`), the time the county works in. */
export function inBeijingTime(text: string): string {
  return text.replace(ISO_INSTANT, (instant) => {
    const shifted = new Date(Date.parse(instant) + BEIJING_OFFSET_MS).toISOString();
    return `${shifted.slice(0, 10)} ${shifted.slice(11, 16)} +08:00`;
  });
}

/**
 * Text for the Temporal UI (markdown): instants in Beijing time, and no HTML, image, link or
 * autolink. The UI runs no script but shows images and links, so text people type (titles, reasons,
 * objections) could otherwise place a tracking pixel or a forged link before an operator. Our own
 * summaries and details use headings, lists and bold only.
 */
export function forOperators(text: string): string {
  return inBeijingTime(text)
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

/** A process's details: heading, step and status, its own `lines`, the rules it runs under, who acts next, where the API has its whole life. */
export function processDetails(view: ProcessView, heading: string, lines: string[]): string {
  const ending = view.outcome ? ` — ${view.outcome.reason}` : '';
  return [
    `## ${heading}`,
    `- **Step**: ${view.step} · **Status**: ${view.status}${ending}${view.overdue ? ' · **OVERDUE**' : ''}`,
    ...lines,
    `- **Rules**: ${view.rules ? `${view.rules.ruleSetId} (version ${view.rules.version})` : 'defaults (started before rules were pinned)'}`,
    `- **Next**: ${nextActorsLine(view.nextActors)}`,
    `- **API**: its whole life GET /processes/${view.workflowId}/timeline (a page to print: …/timeline.html)`,
  ].join('\n');
}
