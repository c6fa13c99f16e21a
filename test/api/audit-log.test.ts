// What an auditor reads: the refusal log paged by cursor, filtered and exported as CSV, and the
// county's audit chain, which names the first link a change behind the API's back breaks.
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../domain/canonical-json';
import { startPlatform, type TestPlatform } from '../support/platform';
import { matterAt, TOWN_REVIEWER, VILLAGER } from '../majorMatterDecision/scenario';
import { AUDITOR, COUNTY, dispatchAt, dispatchContent, DONGSHAN, QIAOTOU, SECRETARY } from '../support/scenarios';

let platform: TestPlatform;
let dispatchId: string;
const refusedBodies: unknown[] = [];

beforeAll(async () => {
  platform = await startPlatform('sqlite');
  dispatchId = await dispatchAt(platform, 'REVISION');
  for (let i = 0; i < 5; i++) {
    const body = { requestId: `audit-refused-${i}`, townId: QIAOTOU, content: dispatchContent({ villageIds: [DONGSHAN] }) };
    refusedBodies.push(body);
    expect((await platform.api(SECRETARY, 'POST', '/dispatches', body)).status).toBe(403);
  }
  // A secretary may not read a town's dispatch: to them it is not there (404), and the refusal is logged all the same.
  expect((await platform.api(SECRETARY, 'POST', `/dispatches/${dispatchId}/review`, { decision: 'APPROVE' })).status).toBe(404);
}, 120_000);
afterAll(async () => {
  await platform?.stop();
});

const verify = async () => (await platform.api(AUDITOR, 'GET', `/audit/verify?countyId=${COUNTY}`)).body;

test('the refusal log pages by cursor, newest first, with every row once; filters narrow it', async () => {
  const seen: { requestId: string; at: string }[] = [];
  let url = `/audit/refusals?countyId=${COUNTY}&personId=${SECRETARY}&limit=2`;
  for (;;) {
    const page = await platform.api(AUDITOR, 'GET', url);
    expect(page.status).toBe(200);
    expect(page.body.items.length).toBeLessThanOrEqual(2);
    seen.push(...page.body.items);
    if (page.body.next === null) break;
    url = `/audit/refusals?countyId=${COUNTY}&personId=${SECRETARY}&limit=2&cursor=${page.body.next}`;
  }
  expect(seen).toHaveLength(6);
  expect(seen.map((r) => r.at)).toEqual([...seen.map((r) => r.at)].sort().reverse());

  const steps = await platform.api(AUDITOR, 'GET', `/audit/refusals?countyId=${COUNTY}&personId=${SECRETARY}&processType=taskDispatch&limit=500`);
  expect(steps.body.items).toHaveLength(6);
  const future = new Date(Date.now() + 60_000).toISOString();
  expect((await platform.api(AUDITOR, 'GET', `/audit/refusals?countyId=${COUNTY}&from=${future}`)).body).toEqual({ items: [], next: null });
  const upToOldest = await platform.api(AUDITOR, 'GET', `/audit/refusals?countyId=${COUNTY}&personId=${SECRETARY}&to=${encodeURIComponent(seen[5].at)}`);
  expect(upToOldest.body.items).toEqual([]);

  expect((await platform.api(AUDITOR, 'GET', `/audit/refusals?countyId=${COUNTY}&cursor=not-ours`)).status).toBe(400);
  expect((await platform.api(AUDITOR, 'GET', `/audit/refusals?countyId=${COUNTY}&from=${future}&to=${future}`)).body).toEqual({ items: [], next: null });
  expect((await platform.api(SECRETARY, 'GET', `/audit/refusals?countyId=${COUNTY}`)).status).toBe(403);
});

test('a refused start keeps the hash of the body it sent', async () => {
  const rows = await platform.db.refusedAttempt.findMany({ where: { personId: SECRETARY, action: 'POST /dispatches' }, orderBy: { id: 'asc' } });
  expect(rows.map((r) => r.bodyHash)).toEqual(refusedBodies.map((b) => createHash('sha256').update(canonicalJson(b)).digest('hex')));
});

test('the CSV export holds the same rows as the pages, with a header', async () => {
  const response = await fetch(`${platform.baseUrl}/audit/refusals.csv?countyId=${COUNTY}&personId=${SECRETARY}`, {
    headers: { authorization: `Bearer ${await platform.tokenFor(AUDITOR)}` },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  const lines = (await response.text())
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\n');
  expect(lines[0]).toBe(
    'at,requestId,personId,roles,processType,workflowId,action,reasonCode,ruleId,ruleSetId,ruleSetVersion,detail,reasonZh,httpStatus,bodyHash,businessRequestId',
  );
  const json = (await platform.api(AUDITOR, 'GET', `/audit/refusals?countyId=${COUNTY}&personId=${SECRETARY}`)).body.items as { requestId: string }[];
  expect(json.length).toBeGreaterThanOrEqual(6);
  expect(lines).toHaveLength(json.length + 1);
  expect(lines.slice(1).map((l) => l.split(',')[1])).toEqual(json.map((r) => r.requestId));
});

describe('the audit chain', () => {
  test('holds every step recorded and every refusal', async () => {
    const verdict = await verify();
    const steps = JSON.parse((await platform.db.processRecord.findUniqueOrThrow({ where: { workflowId: dispatchId } })).state).record.length as number;
    expect(verdict).toMatchObject({ countyId: COUNTY, intact: true });
    expect(verdict.checked).toBe(
      (await platform.db.refusedAttempt.count({ where: { countyId: COUNTY } })) + (await platform.db.auditEntry.count({ where: { kind: 'STEP' } })),
    );
    expect(await platform.db.auditEntry.count({ where: { workflowId: dispatchId, kind: 'STEP' } })).toBe(steps);
    expect(steps).toBeGreaterThanOrEqual(2);
  });

  test('names a refused attempt changed behind the API, and holds again once it is put back', async () => {
    const row = await platform.db.refusedAttempt.findFirstOrThrow({ where: { personId: SECRETARY }, orderBy: { id: 'asc' } });
    await platform.db.refusedAttempt.update({ where: { id: row.id }, data: { detail: '已核实，无异常' } });
    const verdict = await verify();
    expect(verdict.intact).toBe(false);
    expect(verdict.firstBroken).toMatchObject({ kind: 'REFUSAL', reason: `refused attempt ${row.id} was changed` });
    await platform.db.refusedAttempt.update({ where: { id: row.id }, data: { detail: row.detail } });
    expect((await verify()).intact).toBe(true);
  });

  test("names a step rewritten in a process's record, and a link whose own content was changed", async () => {
    const record = await platform.db.processRecord.findUniqueOrThrow({ where: { workflowId: dispatchId } });
    const state = JSON.parse(record.state) as { record: { seq: number; summary: string }[] };
    state.record[1].summary = '审核通过';
    await platform.db.processRecord.update({ where: { workflowId: dispatchId }, data: { state: JSON.stringify(state) } });
    expect((await verify()).firstBroken).toMatchObject({ kind: 'STEP', workflowId: dispatchId, reason: `step 2 of ${dispatchId} was changed` });
    await platform.db.processRecord.update({ where: { workflowId: dispatchId }, data: { state: record.state } });

    const link = await platform.db.auditEntry.findFirstOrThrow({ where: { workflowId: dispatchId, entrySeq: 1 } });
    await platform.db.auditEntry.update({ where: { id: link.id }, data: { payload: link.payload.replace(dispatchId, `${dispatchId}x`) } });
    expect((await verify()).firstBroken).toMatchObject({ seq: link.seq, reason: 'its hash does not match its content' });
    await platform.db.auditEntry.update({ where: { id: link.id }, data: { payload: link.payload } });

    const last = await platform.db.auditEntry.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    await platform.db.auditEntry.delete({ where: { id: last.id } });
    expect((await verify()).firstBroken).toMatchObject({ kind: 'HEAD' });
  });
});

test("reads on the record: an auditor's every read, staff reads of a process with personal data; not the public's, nor staff reads of one without", async () => {
  const matter = await matterAt(platform, 'RESOLUTION_DISCLOSURE');
  const read = async (person: string, path: string) => expect((await platform.api(person, 'GET', path)).status).toBe(200);
  await read(AUDITOR, `/major-matters/${matter}`);
  await read(AUDITOR, `/processes/${matter}/timeline`);
  await read(TOWN_REVIEWER, `/major-matters/${matter}`);
  await read(VILLAGER, `/major-matters/${matter}`);
  // A dispatch names no one but its staff: its staff reads are not logged; an auditor's are.
  await read('p.qiaotou.reviewer', `/dispatches/${dispatchId}`);

  const logged = async (workflowId: string) =>
    (await platform.api(AUDITOR, 'GET', `/audit/reads?countyId=${COUNTY}&workflowId=${workflowId}`)).body.items.map(
      (r: { personId: string; readerKind: string; what: string }) => `${r.personId} ${r.readerKind} ${r.what}`,
    );
  expect(await logged(matter)).toEqual([`${TOWN_REVIEWER} staff state`, `${AUDITOR} auditor timeline`, `${AUDITOR} auditor state`]);
  expect((await logged(dispatchId)).filter((read: string) => read.startsWith('p.qiaotou.reviewer'))).toEqual([]);
  expect((await platform.api(SECRETARY, 'GET', `/audit/reads?countyId=${COUNTY}`)).status).toBe(403);
});
