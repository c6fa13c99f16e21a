// The authorisation matrix: every role, in the process's own organisation and in a foreign one,
// against every step (start, read, each Update) of every process. Only the allowed pairs succeed;
// every refusal is a 403 problem (a 404 to one who may not even read the process), on the audit log with its request id. The cases of a process in the
// registry are generated (test/support/access-cases.ts): each action's expected actors from its `by`,
// its read's from its readers; those of the others are written here.
import { randomUUID } from 'node:crypto';
import { Semaphore } from 'async-mutex';
import { processRegistry } from '../../processes';
import type { Actor as RuleActor } from '../../workflows/common/actor';
import { accessCases } from '../support/access-cases';
import { isRefusal, personasOf, type Persona } from '../support/personas';
import { startPlatform, type TestPlatform } from '../support/platform';
import { AUDITOR, COUNTY, DONGSHAN, dispatchContent, QIAOTOU } from '../support/scenarios';

/** An actor: a seeded person, or (foreign county) role assignments in organisations of another county. */
type Actor = { person: string } | { claims: { role: string; orgId: string } };

const FOREIGN_COUNTY = 'laocun';
const foreign = (role: string, org: string): Actor => ({ claims: { role, orgId: `${FOREIGN_COUNTY}.${org}` } });

/** Every role, own (the processes below stand in Qiaotou, Dongshan, civil affairs, the coordination office) and foreign. */
const ACTORS: Record<string, Actor> = {
  'town dispatcher': { person: 'p.qiaotou.dispatcher' },
  'town dispatcher (other town)': { person: 'p.xikou.dispatcher' },
  'department dispatcher': { person: 'p.dept.civil-affairs.dispatcher' },
  'department dispatcher (other department)': { person: 'p.dept.ecology-environment.dispatcher' },
  'department dispatcher (other county)': foreign('DISPATCHER', 'dept.civil-affairs'),
  'town reviewer': { person: 'p.qiaotou.reviewer' },
  'town reviewer (other town)': { person: 'p.xikou.reviewer' },
  'admission reviewer': { person: 'p.coord-office.reviewer1' },
  'admission reviewer (other county)': foreign('ADMISSION_REVIEWER', 'coord-office'),
  secretary: { person: 'p.qiaotou.dongshan.secretary' },
  'secretary (other village)': { person: 'p.xikou.jinxi.secretary' },
  cadre: { person: 'p.qiaotou.dongshan.cadre1' },
  'cadre (other village)': { person: 'p.xikou.jinxi.cadre1' },
  'grid member': { person: 'p.qiaotou.dongshan.grid1' },
  'grid member (other village)': { person: 'p.xikou.jinxi.grid1' },
  supervisor: { person: 'p.qiaotou.dongshan.supervisor' },
  'supervisor (other village)': { person: 'p.xikou.jinxi.supervisor' },
  'party member': { person: 'p.qiaotou.dongshan.party-member' },
  'party member (other village)': { person: 'p.xikou.jinxi.party-member' },
  villager: { person: 'p.qiaotou.dongshan.villager' },
  'villager (other village)': { person: 'p.xikou.jinxi.villager' },
  'panel member': { person: 'p.county.panel1' },
  'panel member (other county)': foreign('PANEL_MEMBER', 'county'),
  'organisation department': { person: 'p.dept.organisation.reviewer' },
  'organisation department (other county)': foreign('ORG_DEPARTMENT', 'dept.organisation'),
  approver: { person: 'p.county.approver' },
  'approver (other county)': foreign('APPROVER', 'county'),
  inspector: { person: 'p.dept.discipline-inspection.inspector' },
  'inspector (other county)': foreign('INSPECTOR', 'dept.discipline-inspection'),
  auditor: { person: 'p.dept.audit.auditor' },
  'auditor (other county)': foreign('AUDITOR', 'dept.audit'),
  operator: { person: 'p.county.operator' },
  'operator (other county)': foreign('OPERATOR', 'county'),
};
type ActorName = keyof typeof ACTORS;

interface Step {
  name: string;
  method: 'GET' | 'POST';
  /** A process at the step (absent for starts). */
  process?: () => Promise<string>;
  url: (id: string) => string;
  body?: () => unknown;
  allowed: ActorName[];
  /** Generated cases: who is allowed, from the process made for the step. */
  expected?: (id: string) => Promise<string[]>;
  /** A success moves the process on: each further allowed actor needs a process of its own. */
  moves?: boolean;
}

function steps(platform: TestPlatform, actors: Record<string, RuleActor>): Step[] {
  return [
    // every process in the registry (itemAdmission, majorMatterDecision, projectBidding, secondment, taskDispatch, villageTask): generated from its declarations
    ...processRegistry.all.flatMap((d) =>
      accessCases(processRegistry, d.contract.processType, platform, actors).map((c): Step => ({
        name: c.name,
        method: c.method,
        process: c.process,
        url: c.url,
        body: c.body,
        allowed: [],
        expected: c.expected,
        moves: c.moves,
      })),
    ),
  ];
}

/** An id of the same form that no process has (a quarter's evaluation ends in its quarter: another year). */
const missingLike = (id: string) => (/-\d{4}-Q[1-4]$/.test(id) ? id.replace(/-\d{4}-(Q[1-4])$/, '-1900-$1') : `${id}0`);

describe('authorisation matrix (SQLite)', () => {
  let platform: TestPlatform;
  let tokens: Map<string, string>;
  let actors: Record<string, RuleActor>;
  beforeAll(async () => {
    platform = await startPlatform('sqlite');
    const personas = Object.fromEntries(
      Object.entries(ACTORS).map(([name, actor]): [string, Persona] => [
        name,
        'person' in actor ? actor : { claims: { ...actor.claims, countyId: FOREIGN_COUNTY } },
      ]),
    );
    ({ tokens, actors } = await personasOf(platform, personas));
  });
  afterAll(async () => {
    await platform?.stop();
  });

  async function call(actor: ActorName, step: Step, id: string) {
    const requestId = `matrix-${randomUUID()}`;
    const body = step.body?.();
    const response = await fetch(`${platform.baseUrl}${step.url(id)}`, {
      method: step.method,
      headers: { authorization: `Bearer ${tokens.get(actor)}`, 'content-type': 'application/json', 'x-request-id': requestId },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = await response.text();
    return { actor, step: step.name, requestId, status: response.status, code: (JSON.parse(answer) as { code?: string }).code, answer };
  }

  test('only the allowed pairs succeed; every refusal is a 403 (404 to a non-reader) and on the audit log', async () => {
    const outcomes: Awaited<ReturnType<typeof call>>[] = [];
    const all = steps(platform, actors);
    // Processes for every step, built in parallel; a step's allowed actors after the refused ones.
    // A few at a time: on a loaded machine, dozens of processes started at once miss the step bound.
    const building = new Semaphore(4);
    const build = (step: Step) => building.runExclusive(() => step.process!());
    // Steps called a few at a time too: each refusal of a step is a workflow task for the worker.
    const calling = new Semaphore(6);
    const processes = await Promise.all(all.map(async (step) => (step.process ? [await build(step)] : [''])));
    // Generated cases: who is allowed, from the process made for the step.
    for (const [i, step] of all.entries()) if (step.expected) step.allowed = await step.expected(processes[i][0]);
    await Promise.all(
      all.map((step, i) =>
        calling.runExclusive(async () => {
          const refused = Object.keys(ACTORS).filter((a) => !step.allowed.includes(a));
          for (const actor of refused) outcomes.push(await call(actor, step, processes[i][0]));
          for (const [n, actor] of step.allowed.entries()) {
            const id = n > 0 && step.moves ? await build(step) : processes[i][0];
            outcomes.push(await call(actor, step, id));
          }
        }),
      ),
    );

    const succeeded = (o: (typeof outcomes)[number]) => o.status >= 200 && o.status < 300;
    const table = (list: typeof outcomes) => list.map((o) => `${o.step} · ${o.actor}: ${o.status} ${o.code ?? ''}`).sort();
    const expected = all
      .flatMap((step) => Object.keys(ACTORS).map((actor) => `${step.name} · ${actor}: ${step.allowed.includes(actor) ? 'allowed' : 'refused'}`))
      .sort();
    const actual = outcomes.map((o) => `${o.step} · ${o.actor}: ${succeeded(o) ? 'allowed' : isRefusal(o) ? 'refused' : `${o.status} ${o.code}`}`).sort();
    expect(actual).toEqual(expected);
    expect(table(outcomes.filter((o) => !succeeded(o) && !isRefusal(o)))).toEqual([]);

    const refusals = outcomes.filter((o) => !succeeded(o));
    const logged = new Set<string>();
    for (const actor of Object.keys(ACTORS)) {
      const personId = (JSON.parse(Buffer.from(tokens.get(actor)!.split('.')[1], 'base64url').toString()) as { sub: string }).sub;
      const log = await platform.api(AUDITOR, 'GET', `/audit/refusals?countyId=${COUNTY}&personId=${encodeURIComponent(personId)}&limit=500`);
      expect(log.status).toBe(200);
      for (const row of log.body.items as { requestId: string; reasonCode: string; httpStatus: number }[]) {
        expect(row).toMatchObject({ reasonCode: expect.stringMatching(/NOT_AUTHORISED|WRONG_ORGANISATION/) });
        expect([403, 404]).toContain(row.httpStatus);
        logged.add(row.requestId);
      }
    }
    expect(refusals.filter((r) => !logged.has(r.requestId)).map((r) => `${r.step} · ${r.actor}`)).toEqual([]);
    console.log(`authorisation matrix: ${outcomes.length} calls, ${refusals.length} refusals, all logged`);

    // To one who may not read a process it is not there: every step answers as it does for an id no process has.
    const stranger: ActorName = 'villager (other village)';
    const unlike: string[] = [];
    for (const [i, step] of all.entries()) {
      if (!step.process || step.allowed.includes(stranger)) continue;
      const [hidden, missing] = await Promise.all(
        [processes[i][0], missingLike(processes[i][0])].map(async (id) => (await call(stranger, step, id)).answer.replaceAll(id, '<id>')),
      );
      if (hidden !== missing) unlike.push(`${step.name}: ${hidden} ≠ ${missing}`);
    }
    expect(unlike).toEqual([]);
  }, 300_000);

  test('a dispatch to the same village and code as an open one is flagged DUPLICATE at the top level of the answer', async () => {
    const first = await platform.api('p.qiaotou.dispatcher', 'POST', '/dispatches', {
      requestId: `dup-${randomUUID().slice(0, 8)}`,
      townId: QIAOTOU,
      content: dispatchContent({ screeningCode: 'XC-ASSIST-002' }),
    });
    const second = await platform.api('p.qiaotou.dispatcher', 'POST', '/dispatches', {
      requestId: `dup-${randomUUID().slice(0, 8)}`,
      townId: QIAOTOU,
      content: dispatchContent({ screeningCode: 'XC-ASSIST-002' }),
    });
    expect(second.status).toBe(201);
    expect(second.body.screeningFlags).toContain('DUPLICATE');
    expect(second.body.details.screening.duplicates).toEqual(expect.arrayContaining([expect.objectContaining({ villageId: DONGSHAN })]));
    const read = await platform.api('p.qiaotou.reviewer', 'GET', `/dispatches/${second.body.workflowId}`);
    expect(read.body.screeningFlags).toContain('DUPLICATE');
    expect(first.body.workflowId).not.toBe(second.body.workflowId);
  });
});
