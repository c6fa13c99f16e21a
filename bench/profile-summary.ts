// Where a process's CPU time went, from the V8 CPU profiles `node --cpu-prof` writes (one per
// thread: the worker's main thread runs activities, the API and the SDK; a second one the workflows).
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  parent?: ProfileNode;
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const ROOT = path.resolve(__dirname, '..');

/** What part of the system a frame belongs to: a package, Node itself, the workflow bundle, or our own folders. */
function categoryOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  if (url.includes('workflow-bundle')) return 'workflow bundle (SDK + our workflows)';
  const inModules = url.lastIndexOf('node_modules/');
  if (inModules >= 0) {
    const parts = url.slice(inModules + 'node_modules/'.length).split('/');
    return parts[0].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0];
  }
  if (url.startsWith('node:')) return 'node (core)';
  const file = url.replace(/^file:\/\//, '');
  if (file.startsWith(ROOT)) return `ours: ${path.relative(ROOT, file).split('/')[0]}/`;
  return url;
}

export interface ProfileSummary {
  file: string;
  windowMs: number;
  busyMs: number;
  categories: { name: string; ms: number }[];
  functions: { name: string; ms: number }[];
  /** Time inside (self and callees) our own functions, and inside the SQLite driver's statements. */
  inclusive: { name: string; ms: number }[];
}

const frameName = (f: ProfileNode['callFrame']) => `${f.functionName || '(anonymous)'} ${f.url ? `${path.basename(f.url)}:${f.lineNumber + 1}` : ''}`.trim();
const watched = (f: ProfileNode['callFrame']) =>
  categoryOf(f).startsWith('ours:') || (f.url.includes('@libsql/client') && /^(commit|execute|executeStmt|batch)$/.test(f.functionName));

/** Self time by category and by function, over the samples between `fromMicros` and `toMicros` (the process's monotonic clock). */
export function summariseProfile(file: string, fromMicros?: number, toMicros?: number): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) byId.get(c)!.parent = n;
  const inclusive = new Map<string, number>();
  const categories = new Map<string, number>();
  const functions = new Map<string, number>();
  let t = profile.startTime;
  const from = fromMicros !== undefined && fromMicros > profile.startTime ? fromMicros : profile.startTime;
  const to = toMicros !== undefined && toMicros < profile.endTime ? toMicros : profile.endTime;
  for (let i = 0; i < profile.samples.length; i++) {
    const delta = profile.timeDeltas[i];
    t += delta;
    if (t < from || t > to) continue;
    const node = byId.get(profile.samples[i])!;
    const category = categoryOf(node.callFrame);
    categories.set(category, (categories.get(category) ?? 0) + delta);
    const name = frameName(node.callFrame);
    functions.set(name, (functions.get(name) ?? 0) + delta);
    const seen = new Set<string>();
    for (let up: ProfileNode | undefined = node; up; up = up.parent) {
      const key = frameName(up.callFrame);
      if (category === '(idle)' || seen.has(key) || !watched(up.callFrame)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + delta);
    }
  }
  const ms = (m: Map<string, number>) => [...m].map(([name, us]) => ({ name, ms: us / 1000 })).sort((a, b) => b.ms - a.ms);
  const all = ms(categories);
  return {
    file,
    windowMs: (to - from) / 1000,
    busyMs: all.filter((c) => c.name !== '(idle)').reduce((s, c) => s + c.ms, 0),
    categories: all,
    functions: ms(functions).filter((f) => !f.name.startsWith('(idle)')),
    inclusive: ms(inclusive),
  };
}

export function printProfile(summary: ProfileSummary, perStep: number): void {
  console.log(
    `\n${path.basename(summary.file)}: window ${summary.windowMs.toFixed(0)} ms, busy ${summary.busyMs.toFixed(0)} ms (${(summary.busyMs / perStep).toFixed(1)} ms per measured operation)`,
  );
  for (const c of summary.categories.filter((c) => c.name !== '(idle)').slice(0, 14))
    console.log(`  ${c.ms.toFixed(0).padStart(7)} ms  ${((100 * c.ms) / summary.busyMs).toFixed(1).padStart(5)}%  ${c.name}`);
  console.log('  top functions (self time):');
  for (const f of summary.functions.slice(0, 15)) console.log(`  ${f.ms.toFixed(0).padStart(7)} ms  ${f.name}`);
  if (summary.inclusive.length) console.log('  inside our code and SQLite statements (inclusive; async continuations count where they resume):');
  for (const f of summary.inclusive.slice(0, 15)) console.log(`  ${f.ms.toFixed(0).padStart(7)} ms  ${f.name}`);
}
