// The reader cases a process's projections imply (docs/processes.md §0.9): for each of its fixtures'
// processes, each kind of reader reads every GET that shows it (the process, the list) and gets its
// kind's projection — its schema; for the public no person id or name of the people table (but what the
// county's disclosure rules publish), and what the fixture says each kind must and must not read
// (evidence, bid content, scores, objectors). A process's fixtures are the module its descriptor
// names in `tests.readers`.
import path from 'node:path';
import { projectionFor, type ProcessDescriptor } from '../../api/process-registry';
import { anonymousReader, READER_KIND } from '../../api/readers';
import type { ReaderKind } from '../../workflows/common/projection';
import type { TestPlatform } from './platform';

/** A process, and who reads it as each kind; what each must read and must not. */
export interface ReaderCase {
  name: string;
  process: () => Promise<string>;
  /** A seeded person per kind of reader (a kind absent: nobody reads the process so). */
  readers: Partial<Record<ReaderKind, string>>;
  shows?: Partial<Record<ReaderKind, string[]>>;
  hides?: Partial<Record<ReaderKind, string[]>>;
  /** People the county's disclosure rules publish at this point (a panel on the proposed winner's notice): the public may read their names. */
  published?: string[];
}

const root = path.join(__dirname, '..', '..');

/** The reader cases the descriptor names (`tests.readers`), for `platform`. */
export function readerCases(descriptor: ProcessDescriptor, platform: TestPlatform): ReaderCase[] {
  const module = descriptor.tests.readers;
  if (!module) throw new Error(`${descriptor.contract.processType} names no reader cases (tests.readers).`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(path.join(root, module)) as { readers: (platform: TestPlatform) => ReaderCase[] }).readers(platform);
}

/** The people's ids and names the public may not read. */
async function people(platform: TestPlatform, published: string[]): Promise<string[]> {
  const all = await platform.db.person.findMany({ select: { id: true, name: true } });
  return all.filter((p) => !published.includes(p.id)).flatMap((p) => [p.id, p.name]);
}

/** What goes wrong when `kind` reads the case's process through every GET that shows it: one line per finding, none when all is well. */
export async function readAs(platform: TestPlatform, descriptor: ProcessDescriptor, c: ReaderCase, id: string, kind: ReaderKind): Promise<string[]> {
  const person = c.readers[kind]!;
  const findings: string[] = [];
  const say = (what: string) => findings.push(`${c.name} · ${kind} (${person}): ${what}`);
  const county = id && (await platform.db.processRecord.findUnique({ where: { workflowId: id } }))?.countyId;
  const read = await platform.api(person, 'GET', `${descriptor.http.base}/${id}`);
  if (read.status !== 200) return [...findings, `${c.name} · ${kind}: GET answered ${read.status}`];
  if (read.headers.get(READER_KIND) !== kind) say(`read as ${read.headers.get(READER_KIND)}`);
  const parsed = projectionFor(descriptor, kind).schema.safeParse(read.body);
  if (!parsed.success) say(`not its projection's schema: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const list = await platform.api(person, 'GET', `${descriptor.http.base}?countyId=${county}&limit=500`);
  const row = list.status === 200 ? (list.body as { workflowId: string }[]).find((r) => r.workflowId === id) : undefined;
  const texts = { read: JSON.stringify(read.body), ...(row && { list: JSON.stringify(row) }) };
  const forbidden = [...(c.hides?.[kind] ?? []), ...(kind === 'public' ? await people(platform, c.published ?? []) : [])];
  for (const [where, text] of Object.entries(texts)) {
    for (const word of forbidden) if (text.includes(word)) say(`${where} shows ${word}`);
  }
  for (const word of c.shows?.[kind] ?? []) if (!texts.read.includes(word)) say(`read lacks ${word}`);
  return findings;
}

/**
 * The process's public projection of its stored state, as a board's anonymous reader would get it (for
 * every process, even one no public reader may GET): its schema, no person, nothing the case hides from the public.
 */
export async function publicProjectionOf(platform: TestPlatform, descriptor: ProcessDescriptor, c: ReaderCase, id: string): Promise<string[]> {
  const row = await platform.db.processRecord.findUniqueOrThrow({ where: { workflowId: id } });
  const projection = projectionFor(descriptor, 'public');
  const projected = projection.project(JSON.parse(row.state) as never, anonymousReader());
  const findings: string[] = [];
  const parsed = projection.schema.safeParse(projected);
  if (!parsed.success)
    findings.push(`${c.name} · public projection: not its schema: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const text = JSON.stringify(projected);
  for (const word of [...(c.hides?.public ?? []), ...(await people(platform, c.published ?? []))]) {
    if (text.includes(word)) findings.push(`${c.name} · public projection shows ${word}`);
  }
  return findings;
}
