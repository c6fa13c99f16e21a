// The authorisation cases a process's declarations imply: for each of its actions, every persona
// against a process at one of the action's steps, expected allowed exactly when the action's `by`
// names them (api/process-registry.ts, workflows/common/contract.ts); for its read, expected allowed
// when its readers reach its place, or the reader is its subject (a cadre, their secondment). A process's fixtures (the module its descriptor names in
// `tests.access`) say how to bring it to each action and what body to send; its starts list their
// allowed personas, since a start's check is in its `begin`.
import path from 'node:path';
import { mayReadAt, readScope } from '../../api/access';
import type { ProcessDescriptor, ProcessRegistry } from '../../api/process-registry';
import type { Actor } from '../../workflows/common/actor';
import { mayAct } from '../../workflows/common/contract';
import type { ProcessView } from '../../workflows/common/view';
import type { TestPlatform } from './platform';

/** How to bring a process to an action, and what to send. */
export interface ActionFixture {
  /** The case's name (the action's summary when absent). */
  name?: string;
  process: () => Promise<string>;
  body?: () => unknown;
  /** False when a success leaves the process where it was (the next persona may act on the same one). */
  moves?: boolean;
}

export interface AccessFixtures {
  starts: { name: string; path: string; body: () => unknown; allowed: string[] }[];
  /** A process any reader reads. */
  read: { name: string; process: () => Promise<string> };
  /** At least one fixture per action of the contract. */
  actions: Record<string, ActionFixture[]>;
}

/** One generated case: a call, and who is expected to succeed (persona names), from the process it is made on. */
export interface AccessCase {
  name: string;
  method: 'GET' | 'POST';
  url: (id: string) => string;
  body?: () => unknown;
  process?: () => Promise<string>;
  /** A success moves the process on: each further allowed persona needs a process of its own. */
  moves: boolean;
  expected: (id: string) => Promise<string[]>;
}

const root = path.join(__dirname, '..', '..');

/** The fixtures the descriptor names (`tests.access`), for `platform`. */
export function accessFixtures(descriptor: ProcessDescriptor, platform: TestPlatform): AccessFixtures {
  const module = descriptor.tests.access;
  if (!module) throw new Error(`${descriptor.contract.processType} names no access fixtures (tests.access).`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require(path.join(root, module)) as { access: (platform: TestPlatform) => AccessFixtures }).access(platform);
}

/** The state of a process as the read model holds it (after its first publication). */
async function stateOf(platform: TestPlatform, workflowId: string): Promise<ProcessView> {
  for (let tries = 0; tries < 100; tries++) {
    const row = await platform.db.processRecord.findUnique({ where: { workflowId } });
    if (row) return JSON.parse(row.state) as ProcessView;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${workflowId} has no state in the read model`);
}

/** Every case of `processType`: its starts, its read, each of its actions; `personas` by name. */
export function accessCases(registry: ProcessRegistry, processType: string, platform: TestPlatform, personas: Record<string, Actor>): AccessCase[] {
  const descriptor = registry.get(processType);
  const fixtures = accessFixtures(descriptor, platform);
  const names = Object.keys(personas);
  const base = descriptor.http.base;
  const starts: AccessCase[] = fixtures.starts.map((start) => ({
    name: start.name,
    method: 'POST',
    url: () => start.path,
    body: start.body,
    moves: false,
    expected: () => Promise.resolve(start.allowed),
  }));
  const read: AccessCase = {
    name: fixtures.read.name,
    method: 'GET',
    url: (id) => `${base}/${id}`,
    process: fixtures.read.process,
    moves: false,
    async expected(id) {
      const place = await registry.place(platform.db, processType, id);
      const view = await stateOf(platform, id);
      const isSubject = (actor: Actor) => descriptor.projections.isSubject?.(view as never, { ...actor, now: new Date().toISOString() }) ?? false;
      const allowed = await Promise.all(
        names.map(async (name) => mayReadAt(await readScope(platform.db, personas[name]), place, descriptor.readers) || isSubject(personas[name])),
      );
      return names.filter((_n, i) => allowed[i]);
    },
  };
  const actions = Object.values(descriptor.contract.actions).flatMap((action) => {
    const cases = fixtures.actions[action.name];
    if (!cases?.length) throw new Error(`${processType}: no access fixture for the action ${action.name}.`);
    return cases.map((fixture): AccessCase => ({
      name: fixture.name ?? action.summary,
      method: 'POST',
      url: (id) => `${base}/${id}/${action.path}`,
      body: fixture.body,
      process: fixture.process,
      moves: fixture.moves ?? true,
      async expected(id) {
        const view = await stateOf(platform, id);
        if (!action.at.includes(view.step))
          throw new Error(`${processType}: the fixture of ${action.name} is at ${view.step}, not at ${action.at.join(' or ')}.`);
        const parties = action.by(view.details, fixture.body?.(), view);
        return names.filter((name) => mayAct(parties, personas[name], action.doing).ok);
      },
    }));
  });
  return [...starts, read, ...actions];
}
