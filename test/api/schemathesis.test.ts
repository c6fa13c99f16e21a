// The OpenAPI document is exact: schemathesis (PyPI, pinned, in .tools/venv) runs every check
// against a real platform whose processes stand at every step, with a token that may act in all of
// them, and must find no failure. Bounded: a few examples per operation, and a time budget.
// SCHEMATHESIS_ARGS adds options for a look at one area, e.g. "--include-path-regex village-tasks --report har".
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { signToken } from '../../api/auth';
import { enrol } from '../support/personas';
import { DATABASES, startPlatform, TEST_JWT_SECRET, type TestPlatform } from '../support/platform';
import { admissionAt, COUNTY, DONGSHAN, dispatchAt, QIAOTOU, villageTaskAt } from '../support/scenarios';
import { matterAt } from '../majorMatterDecision/scenario';
import { biddingAt } from '../projectBidding/support';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { schemathesisCli } = require('../../scripts/tools/schemathesis') as { schemathesisCli: () => string | undefined };

/** One person holding every role the processes ask for, in the organisations where the seeded processes stand. */
const everyRole = {
  sub: 'p.test.schemathesis',
  name: '契约测试',
  roles: [
    { role: 'DISPATCHER', orgId: QIAOTOU },
    { role: 'DISPATCHER', orgId: 'xingcun.dept.civil-affairs' },
    { role: 'TOWN_REVIEWER', orgId: QIAOTOU },
    { role: 'ADMISSION_REVIEWER', orgId: 'xingcun.coord-office' },
    { role: 'VILLAGE_SECRETARY', orgId: DONGSHAN },
    // A major matter's objections and acceptance.
    { role: 'VILLAGER', orgId: DONGSHAN },
    { role: 'SUPERVISOR', orgId: DONGSHAN },
    { role: 'AUDITOR', orgId: 'xingcun.dept.audit' },
  ].map((r) => ({ ...r, countyId: COUNTY })),
} as const;

const toml = (value: unknown) => JSON.stringify(value);

function run(command: string, args: string[], timeoutMs: number): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    // In the run's temporary folder: schemathesis keeps a cache in its working directory.
    const child = spawn(command, args, { cwd: process.env.TEST_TMP, env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGTERM'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

const cli = schemathesisCli();
// Skipped only off CI, where Python or PyPI may be missing; in CI its absence fails the run.
const describeIfCli = cli || process.env.CI ? describe : describe.skip;
if (!cli) console.warn('schemathesis is not installed (.tools/venv): run npm install with Python 3 and PyPI reachable.');

describeIfCli.each(DATABASES.slice(0, 1))('schemathesis on %s', (database) => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startPlatform(database);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  test('finds no failure of any check, stateful phase included', async () => {
    expect(cli).toBeDefined();
    const [admissionInReview, admissionToWithdraw, admissionConsulting, admissionToDecide] = await Promise.all([
      admissionAt(platform, 'REVIEW'),
      admissionAt(platform, 'REVIEW'),
      admissionAt(platform, 'CONSULTATION'),
      admissionAt(platform, 'DECISION'),
    ]);
    const [dispatchInReview, dispatchToWithdraw, dispatchToRevise, dispatchToDecide] = await Promise.all([
      dispatchAt(platform, 'REVIEW'),
      dispatchAt(platform, 'REVIEW'),
      dispatchAt(platform, 'REVISION'),
      dispatchAt(platform, 'COLLECTIVE_DECISION'),
    ]);
    const [toReceive, toAssign, toReport, toComplete, toAccept] = await Promise.all([
      villageTaskAt(platform, 'RECEIVE'),
      villageTaskAt(platform, 'ASSIGN'),
      villageTaskAt(platform, 'IN_PROGRESS'),
      villageTaskAt(platform, 'IN_PROGRESS'),
      villageTaskAt(platform, 'ACCEPTANCE'),
    ]);
    // One after the other: a loaded machine confirms a few steps at once more surely than many.
    const matters: string[] = [];
    for (const step of [
      'PROPOSE',
      'DELIBERATE',
      'REVIEW',
      'RESOLVE',
      'RESOLUTION_DISCLOSURE',
      'RESOLUTION_DISCLOSURE',
      'IMPLEMENTATION',
      'ACCEPTANCE',
    ] as const)
      matters.push(await matterAt(platform, step));
    const [matterToPropose, matterToDeliberate, matterToReview, matterToResolve, matterDisclosed, matterToOrder, matterInProgress, matterToAccept] = matters;
    const [biddingOpen, biddingWithoutBids, biddingEvaluating, biddingOnNotice, biddingImplementing, biddingToReoffer] = await Promise.all(
      (['BIDDING', 'NO_BID', 'EVALUATION', 'OBJECTED', 'IMPLEMENTATION', 'REOFFER'] as const).map((step) => biddingAt(platform, step)),
    );
    const draft = await platform.api('p.coord-office.reviewer1', 'POST', `/counties/${COUNTY}/catalogue/versions`, { note: '明年版本草案' });
    const item = await platform.db.catalogueItem.findFirstOrThrow({ where: { retiredAt: null, version: { status: 'PUBLISHED' } } });

    // Each operation on a real id at the step it acts on; lists and lookups on the demo county.
    const at: Record<string, Record<string, string | number>> = {
      'POST /admissions/{id}/review': { 'path.id': admissionInReview },
      'POST /admissions/{id}/withdraw': { 'path.id': admissionToWithdraw },
      'POST /admissions/{id}/consultation-responses': { 'path.id': admissionConsulting },
      'POST /admissions/{id}/decision': { 'path.id': admissionToDecide },
      'GET /admissions/{id}': { 'path.id': admissionConsulting },
      'POST /dispatches/{id}/review': { 'path.id': dispatchInReview },
      'POST /dispatches/{id}/withdraw': { 'path.id': dispatchToWithdraw },
      'POST /dispatches/{id}/revise': { 'path.id': dispatchToRevise },
      'POST /dispatches/{id}/collective-decision': { 'path.id': dispatchToDecide },
      'GET /dispatches/{id}': { 'path.id': dispatchInReview },
      'POST /village-tasks/{id}/receive': { 'path.id': toReceive },
      'POST /village-tasks/{id}/assign': { 'path.id': toAssign },
      'POST /village-tasks/{id}/progress-reports': { 'path.id': toReport },
      'POST /village-tasks/{id}/complete': { 'path.id': toComplete },
      'POST /village-tasks/{id}/acceptance': { 'path.id': toAccept },
      'GET /village-tasks/{id}': { 'path.id': toReport },
      'GET /catalogue/versions/{versionId}': { 'path.versionId': draft.body.id },
      'POST /catalogue/versions/{versionId}/items': { 'path.versionId': draft.body.id },
      'POST /catalogue/versions/{versionId}/publish': { 'path.versionId': draft.body.id },
      'POST /catalogue/items/{itemId}/retire': { 'path.itemId': item.id },
      'GET /villages/{villageId}/deployment-list': { 'path.villageId': DONGSHAN },
      'POST /major-matters/{id}/proposal': { 'path.id': matterToPropose },
      'POST /major-matters/{id}/joint-meeting': { 'path.id': matterToDeliberate },
      'POST /major-matters/{id}/party-members-meeting': { 'path.id': matterToReview },
      'POST /major-matters/{id}/resolution-meeting': { 'path.id': matterToResolve },
      'POST /major-matters/{id}/objections': { 'path.id': matterDisclosed },
      'POST /major-matters/{id}/objection-answers': { 'path.id': matterDisclosed },
      'POST /major-matters/{id}/town-orders': { 'path.id': matterToOrder },
      'POST /major-matters/{id}/progress': { 'path.id': matterInProgress },
      'POST /major-matters/{id}/acceptance': { 'path.id': matterToAccept },
      'POST /major-matters/{id}/concerns': { 'path.id': matterToDeliberate },
      'POST /major-matters/{id}/concern-answers': { 'path.id': matterToDeliberate },
      'GET /major-matters/{id}': { 'path.id': matterDisclosed },
      'GET /villages/{villageId}/board': { 'path.villageId': DONGSHAN },
      'GET /villages/{villageId}/board.json': { 'path.villageId': DONGSHAN },
      'GET /towns/{townId}/weekly-report': { 'path.townId': QIAOTOU },
      'GET /biddings/{id}': { 'path.id': biddingOnNotice },
      'POST /biddings/{id}/bids': { 'path.id': biddingOpen },
      'POST /biddings/{id}/bid-revision': { 'path.id': biddingOpen },
      'POST /biddings/{id}/conflicts': { 'path.id': biddingOpen },
      'POST /biddings/{id}/no-bid-choice': { 'path.id': biddingWithoutBids },
      'POST /biddings/{id}/scores': { 'path.id': biddingEvaluating },
      'POST /biddings/{id}/objections': { 'path.id': biddingOnNotice },
      'POST /biddings/{id}/objection-answers': { 'path.id': biddingOnNotice },
      'POST /biddings/{id}/milestone-reports': { 'path.id': biddingImplementing },
      'POST /biddings/{id}/milestone-acceptances': { 'path.id': biddingImplementing },
      'POST /biddings/{id}/withdraw': { 'path.id': biddingImplementing },
      'POST /biddings/{id}/failure': { 'path.id': biddingImplementing },
      'POST /biddings/{id}/reoffer': { 'path.id': biddingToReoffer },
      'GET /towns/{townId}/board': { 'path.townId': QIAOTOU },
      'GET /towns/{townId}/board.json': { 'path.townId': QIAOTOU },
    };
    const config = [
      'generation.max-examples = 8',
      // 422 is this API's documented answer to a well-formed request that breaks a rule (README).
      '[checks.positive_data_acceptance]',
      'expected-statuses = ["2xx", "401", "403", "404", "409", "422"]',
      '[parameters]',
      `"path.countyId" = ${toml(COUNTY)}`,
      `"query.countyId" = ${toml(COUNTY)}`,
      ...Object.entries(at).flatMap(([operation, parameters]) => {
        return ['[[operations]]', `include-name = ${toml(operation)}`, ...Object.entries(parameters).map(([k, v]) => `parameters.${toml(k)} = ${toml(v)}`)];
      }),
    ].join('\n');
    const configFile = path.join(process.env.TEST_TMP!, 'schemathesis.toml');
    writeFileSync(configFile, config);
    await enrol(platform.db, everyRole as never);
    const token = signToken(everyRole as never, TEST_JWT_SECRET, '1h');

    const started = Date.now();
    const { code, output } = await run(
      cli!,
      [
        '--no-color',
        '--config-file',
        configFile,
        'run',
        `${platform.baseUrl}/openapi.json`,
        '--checks',
        'all',
        '--header',
        `Authorization: Bearer ${token}`,
        '--seed',
        '42',
        '--max-time',
        '240',
        '--workers',
        '1',
        '--request-timeout',
        '20',
        '--suppress-health-check',
        'too_slow',
        ...(process.env.SCHEMATHESIS_ARGS?.split(' ').filter(Boolean) ?? []),
      ],
      420_000,
    );
    writeFileSync(path.join(os.tmpdir(), 'cunwu-schemathesis.log'), output); // the whole report, for a failing run
    console.log(`schemathesis: exit ${code} after ${Math.round((Date.now() - started) / 1000)} s\n${output.split('\n').slice(-40).join('\n')}`);
    expect({ code, failures: code === 0 ? '' : output }).toEqual({ code: 0, failures: '' });
  }, 600_000);
});
