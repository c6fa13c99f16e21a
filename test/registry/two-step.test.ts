// The registry proven by a process that exists only here (test/registry/two-step): registered with one
// line (test/registry/registry.ts), it gets its routes, its OpenAPI paths, its access cases, its
// reader cases and its replay from the registry, on a platform of its own (its bundle, worker and app).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { workflowsEntry } from '../../worker/workflows-entry';
import { accessCases } from '../support/access-cases';
import { personasOf, runAccessCases, type Persona } from '../support/personas';
import { startPlatform, type TestPlatform } from '../support/platform';
import { readAs, readerCases } from '../support/reader-cases';
import { historiesOf, replay } from '../support/replay';
import type { ReaderKind } from '../../workflows/common/projection';
import { testRegistry } from './registry';
import { DONGSHAN, openNote, SECRETARY } from './two-step/access';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { findTemporalCli } = require('../../scripts/tools/temporal-cli') as { findTemporalCli: () => string | undefined };

const SUPERVISOR = 'p.qiaotou.dongshan.supervisor';
const PERSONAS: Record<string, Persona> = {
  secretary: { person: SECRETARY },
  supervisor: { person: SUPERVISOR },
  'supervisor (other village)': { person: 'p.xikou.jinxi.supervisor' },
  villager: { person: 'p.qiaotou.dongshan.villager' },
  'villager (other village)': { person: 'p.xikou.jinxi.villager' },
  'town reviewer': { person: 'p.qiaotou.reviewer' },
  'town reviewer (other town)': { person: 'p.xikou.reviewer' },
  auditor: { person: 'p.dept.audit.auditor' },
  'supervisor (other county)': { claims: { role: 'SUPERVISOR', orgId: 'laocun.qiaotou.dongshan', countyId: 'laocun' } },
};

let platform: TestPlatform;
let bundle: string;

beforeAll(async () => {
  const code = await bundleWorkflowCode({
    ...workflowsEntry(testRegistry),
    logger: { info() {}, warn() {}, error: console.error, debug() {}, trace() {}, log() {} },
  });
  bundle = path.join(process.env.TEST_TMP!, 'two-step-bundle.js');
  writeFileSync(bundle, code.code);
  platform = await startPlatform('sqlite', { processes: testRegistry, workflowBundle: bundle });
}, 180_000);
afterAll(async () => {
  await platform?.stop();
});

test('opened and closed through the routes the registry made', async () => {
  const opened = await platform.api(SECRETARY, 'POST', '/two-steps', openNote());
  expect(opened.status).toBe(201);
  expect(opened.body).toMatchObject({
    processType: 'twoStep',
    step: 'OPEN',
    status: 'RUNNING',
    villageId: DONGSHAN,
    nextActors: [{ role: 'SUPERVISOR', orgId: DONGSHAN }],
  });
  const id: string = opened.body.workflowId;

  expect((await platform.api(SECRETARY, 'POST', `/two-steps/${id}/close`, { text: '已办结' })).body.code).toBe('NOT_AUTHORISED');
  expect((await platform.api(SUPERVISOR, 'POST', `/two-steps/${id}/close`, { text: ' ' })).body.code).toBe('MISSING_REASON');
  expect((await platform.api(SUPERVISOR, 'POST', `/two-steps/${id}/close`, {})).status).toBe(400);
  // Its own county rule, pinned at its start: closing words of at most `twoStep.maxNoteLength` characters.
  expect((await platform.api(SUPERVISOR, 'POST', `/two-steps/${id}/close`, { text: '办'.repeat(101) })).body).toMatchObject({
    code: 'RULE_BROKEN',
    rule: 'twoStep.maxNoteLength',
  });
  const closed = await platform.api(SUPERVISOR, 'POST', `/two-steps/${id}/close`, { text: '已办结' });
  expect(closed.status).toBe(200);
  expect(closed.body).toMatchObject({ step: 'CLOSED', status: 'COMPLETED', details: { closed: { text: '已办结', personId: SUPERVISOR } } });
  const again = await platform.api(SUPERVISOR, 'POST', `/two-steps/${id}/close`, { text: '再次' });
  expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'PROCESS_CLOSED' });

  expect((await platform.api('p.qiaotou.dongshan.villager', 'GET', `/two-steps/${id}`)).body).toMatchObject({ step: 'CLOSED' });
  expect((await platform.api('p.xikou.jinxi.villager', 'GET', `/two-steps/${id}`)).status).toBe(404);
  const listed = await platform.api('p.qiaotou.reviewer', 'GET', '/two-steps?countyId=xingcun');
  expect(listed.body).toEqual([expect.objectContaining({ workflowId: id, processType: 'twoStep', step: 'CLOSED' })]);
  expect((await platform.api('p.xikou.reviewer', 'GET', '/two-steps?countyId=xingcun')).body).toEqual([]);
  expect((await platform.api('p.dept.civil-affairs.dispatcher', 'GET', '/two-steps?countyId=xingcun')).body).toHaveLength(1);
  expect((await platform.api(SECRETARY, 'GET', '/two-steps/nothing-of-this-shape')).status).toBe(404);
  expect((await platform.api(SECRETARY, 'GET', '/two-steps/twoStep-xingcun.nowhere--n-12345678')).status).toBe(404);

  // Its history, recorded, replays with its bundle (and so does every history its descriptor names).
  const json = execFileSync(findTemporalCli()!, ['workflow', 'show', '--workflow-id', id, '--address', process.env.TEST_TEMPORAL_ADDRESS!, '--output', 'json']);
  const recorded = path.join(
    process.env.RECORD_HISTORIES === '1' ? path.join(__dirname, 'two-step', 'histories') : process.env.TEST_TMP!,
    `two-step@${id}.json`,
  );
  mkdirSync(path.dirname(recorded), { recursive: true });
  writeFileSync(recorded, json);
  const files = [recorded, ...historiesOf(testRegistry.get('twoStep')).filter((f) => f !== recorded)];
  const output = replay(files, bundle);
  for (const file of files) expect(output).toContain(`replayed ${file}`);
});

test("its own section of the county's rules, declared in its folder only: listed, checked, seeded and pinned like any", async () => {
  const definitions = (await platform.api(SECRETARY, 'GET', '/rules/definitions')).body as { section: string; rule: string; default: unknown }[];
  expect(definitions.filter((d) => d.section === 'twoStep')).toEqual([expect.objectContaining({ rule: 'maxNoteLength', default: 100, unit: 'COUNT' })]);
  const inForce = (await platform.api(SECRETARY, 'GET', '/counties/xingcun/rules')).body;
  expect(inForce.values.twoStep).toEqual({ maxNoteLength: 100 });
  expect(inForce.violations).toEqual([]);
});

test("its OpenAPI paths, named from the registry, beside the platform's", async () => {
  const document = (await platform.api(undefined, 'GET', '/openapi.json')).body;
  const operations = (p: string) =>
    Object.fromEntries(Object.entries(document.paths[p] ?? {}).map(([method, op]) => [method, (op as { operationId?: string }).operationId]));
  expect(operations('/two-steps')).toEqual({ post: 'startTwoStep', get: 'listTwoSteps' });
  expect(operations('/two-steps/{id}')).toEqual({ get: 'getTwoStep' });
  expect(operations('/two-steps/{id}/close')).toEqual({ post: 'twoStepClose' });
  expect(document.paths['/two-steps/{id}/close'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/TwoStepClose' });
  expect(Object.keys(document.components.schemas)).toEqual(
    expect.arrayContaining(['TwoStepView', 'TwoStepDetails', 'TwoStepClose', 'TwoStepStart', 'SecondmentView']),
  );
  expect(operations('/secondments/{id}/consent')).toEqual({ post: 'secondmentConsent' });
});

test('its reader cases: each kind of reader reads its projection, with its own schema in the document', async () => {
  const descriptor = testRegistry.get('twoStep');
  const findings: string[] = [];
  for (const c of readerCases(descriptor, platform)) {
    const id = await c.process();
    for (const kind of Object.keys(c.readers) as ReaderKind[]) findings.push(...(await readAs(platform, descriptor, c, id, kind)));
  }
  expect(findings).toEqual([]);
  const document = (await platform.api(undefined, 'GET', '/openapi.json')).body;
  expect(document.paths['/two-steps/{id}'].get.responses['200'].content['application/json'].schema).toEqual({
    anyOf: [{ $ref: '#/components/schemas/TwoStepView' }, { $ref: '#/components/schemas/TwoStepPublicView' }],
  });
});

test('its access cases, expected from its `by` and its readers', async () => {
  const personas = await personasOf(platform, PERSONAS);
  const cases = accessCases(testRegistry, 'twoStep', platform, personas.actors);
  expect(cases.map((c) => c.name)).toEqual(['open a note', 'read a note', "The village's supervisor closes the note"]);
  const { expected, actual } = await runAccessCases(platform, cases, personas);
  expect(actual).toEqual(expected);
  expect(expected.filter((line) => line.endsWith('allowed'))).toEqual([
    "The village's supervisor closes the note · supervisor: allowed",
    'open a note · secretary: allowed',
    'read a note · auditor: allowed',
    'read a note · secretary: allowed',
    'read a note · supervisor: allowed',
    'read a note · town reviewer: allowed',
    'read a note · villager: allowed',
  ]);
}, 120_000);
