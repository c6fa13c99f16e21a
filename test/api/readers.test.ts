// Each reader sees what is theirs (docs/processes.md §0.9): for every registered process, the cases its
// fixtures name (test/support/reader-cases.ts) read by each kind of reader — staff, auditor, subject,
// public — through every GET that shows the process, each getting its projection and nothing more.
import { projectionSchemas } from '../../api/process-registry';
import { processRegistry } from '../../processes';
import { startPlatform, type TestPlatform } from '../support/platform';
import { publicProjectionOf, readAs, readerCases } from '../support/reader-cases';
import { AUDITOR, bidBody, biddingAt, DONGSHAN, secretary } from '../projectBidding/support';
import { DONGSHAN_CADRE_TO_CIVIL_AFFAIRS, secondmentAt } from '../secondment/scenarios';
import type { ReaderKind } from '../../workflows/common/projection';

let platform: TestPlatform;
beforeAll(async () => {
  platform = await startPlatform('sqlite');
});
afterAll(() => platform?.stop());

test('every process names its reader cases', () => {
  expect(processRegistry.all.filter((d) => !d.tests.readers).map((d) => d.contract.processType)).toEqual([]);
});

test("each projection has its own schema in the document: a process's read, start and steps answer any of them, X-Reader-Kind says which", async () => {
  const document = (await platform.api(undefined, 'GET', '/openapi.json')).body;
  const answered = (path: string, method: string, status: string) => document.paths[path][method].responses[status].content['application/json'].schema;
  // Which of them an answer is, its X-Reader-Kind header says.
  const kindHeader = (path: string, method: string, status: string) => document.paths[path][method].responses[status].headers?.['X-Reader-Kind']?.schema;
  for (const d of processRegistry.all) {
    const kinds = { type: 'string', enum: ['staff', 'auditor', 'subject', 'public'] };
    expect(kindHeader(`${d.http.base}/{id}`, 'get', '200')).toMatchObject(kinds);
    for (const action of Object.values(d.contract.actions)) expect(kindHeader(`${d.http.base}/{id}/${action.path}`, 'post', '200')).toMatchObject(kinds);
    for (const start of d.starts) expect(kindHeader(start.path, 'post', '201')).toMatchObject(kinds);
    const refs = projectionSchemas(d).map((schema) => ({ $ref: `#/components/schemas/${String(schema.meta()?.id)}` }));
    const expected = refs.length > 1 ? { anyOf: refs } : refs[0];
    expect([d.contract.processType, answered(`${d.http.base}/{id}`, 'get', '200')]).toEqual([d.contract.processType, expected]);
    for (const action of Object.values(d.contract.actions)) expect(answered(`${d.http.base}/{id}/${action.path}`, 'post', '200')).toEqual(expected);
    for (const start of d.starts) expect(answered(start.path, 'post', '201')).toEqual(expected);
  }
});

describe.each(processRegistry.all.filter((d) => d.tests.readers).map((d) => [d.contract.processType, d] as const))('%s', (_type, descriptor) => {
  test('each kind of reader reads its own projection, and nothing more', async () => {
    const findings: string[] = [];
    for (const c of readerCases(descriptor, platform)) {
      const id = await c.process();
      for (const kind of Object.keys(c.readers) as ReaderKind[]) findings.push(...(await readAs(platform, descriptor, c, id, kind)));
      findings.push(...(await publicProjectionOf(platform, descriptor, c, id)));
    }
    expect(findings).toEqual([]);
  });
});

test("the inbox shows each process as its reader's projection: a cadre's peers see who is to consent to a secondment, not whom it is about", async () => {
  // Dongshan's second cadre, borrowed by agriculture (the first may be on secondment already): the first is a peer.
  const parties = {
    ...DONGSHAN_CADRE_TO_CIVIL_AFFAIRS,
    cadre: 'p.qiaotou.dongshan.cadre2',
    borrowingUnitId: 'xingcun.dept.agriculture-rural',
    borrower: 'p.dept.agriculture-rural.dispatcher',
  };
  const id = await secondmentAt(platform, 'CONSENT', parties);
  const cadre = await platform.db.person.findUniqueOrThrow({ where: { id: parties.cadre } });
  const itemOf = async (person: string) =>
    JSON.stringify(((await platform.api(person, 'GET', '/me/inbox')).body as { workflowId: string }[]).filter((i) => i.workflowId === id));
  const peer = await itemOf('p.qiaotou.dongshan.cadre1');
  expect(peer).toContain('consent');
  expect(peer).not.toContain(cadre.name);
  expect(await itemOf(cadre.id)).toContain(cadre.name);
});

test("an auditor's timeline of a process shows its record as auditors read it: a bid stays sealed until its deadline", async () => {
  const id = await biddingAt(platform, 'BIDDING');
  const plan = '时间线里也密封的方案';
  expect((await platform.api(secretary(DONGSHAN), 'POST', `/biddings/${id}/bids`, bidBody(DONGSHAN, { plan }))).status).toBe(200);
  const timeline = await platform.api(AUDITOR, 'GET', `/processes/${id}/timeline`);
  expect(timeline.status).toBe(200);
  expect(timeline.body.entries.map((e: { step?: string }) => e.step)).toContain('BID');
  expect(JSON.stringify(timeline.body)).not.toContain(plan);
});

test('GET /processes lists every type at once, each type as its reader may list it', async () => {
  const all = await platform.api(AUDITOR, 'GET', '/processes?countyId=xingcun&limit=500');
  expect(all.status).toBe(200);
  const typesOf = (list: { processType: string }[]) => [...new Set(list.map((p) => p.processType))].sort();
  // The reader cases above opened processes of every registered type.
  expect(typesOf(all.body)).toEqual(processRegistry.all.map((d) => d.contract.processType).sort());

  const villager = 'p.qiaotou.dongshan.villager';
  const listed = await platform.api(villager, 'GET', '/processes?countyId=xingcun&limit=500');
  expect(listed.status).toBe(200);
  expect(typesOf(listed.body)).not.toContain('secondment');
  const unread: string[] = [];
  for (const p of listed.body as { processType: string; workflowId: string }[]) {
    const read = await platform.api(villager, 'GET', `${processRegistry.get(p.processType).http.base}/${p.workflowId}`);
    if (read.status !== 200) unread.push(`${p.workflowId}: ${read.status}`);
  }
  expect(unread).toEqual([]);

  const secondments = await platform.api(AUDITOR, 'GET', '/processes?countyId=xingcun&processType=secondment');
  expect(typesOf(secondments.body)).toEqual(['secondment']);
  expect((await platform.api(villager, 'GET', '/processes?countyId=xingcun&processType=secondment')).status).toBe(403);
});
