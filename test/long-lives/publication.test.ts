// A slim publication: the whole state first, then each change as a patch applied to the stored state;
// a change whose base the read model lacks is refused (the workflow then sends the whole state), and
// an older publication arriving late changes nothing.
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { compare } from 'fast-json-patch';
import { publishProcess } from '../../activities/read-model';
import { createPrismaClient, type Db } from '../../prisma/client';
import { migrateDeploy } from '../../prisma/migrate';
import { READ_MODEL_BEHIND, type ProcessView } from '../../workflows/common/view';

let db: Db;
const dir = mkdtempSync(join(tmpdir(), 'cunwu-publication-'));
const workflowId = 'dispatch-xingcun.qiaotou-publication--xingcun.qiaotou.dongshan';

beforeAll(async () => {
  const url = `file:${join(dir, 'publication.db')}`;
  await migrateDeploy(url);
  db = createPrismaClient(url);
});
afterAll(async () => {
  await db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

function view(revision: number, reports: number): ProcessView<{ reports: string[] }> {
  return {
    processType: 'villageTask',
    workflowId,
    title: '秸秆禁烧巡查',
    countyId: 'xingcun',
    townId: 'xingcun.qiaotou',
    villageId: 'xingcun.qiaotou.dongshan',
    step: 'IN_PROGRESS',
    status: 'RUNNING',
    nextActors: [{ role: 'VILLAGE_SECRETARY', orgId: 'xingcun.qiaotou.dongshan', action: 'report' }],
    overdue: false,
    startedAt: '2026-11-23T00:00:00.000Z',
    updatedAt: `2026-11-23T00:00:${String(revision).padStart(2, '0')}.000Z`,
    record: Array.from({ length: reports }, (_, i) => ({ seq: i + 1, at: '2026-11-23T00:00:00.000Z', step: 'REPORT', summary: `week ${i + 1}` })),
    revision,
    details: { reports: Array.from({ length: reports }, (_, i) => `week ${i + 1}`) },
  };
}

const stored = async () => JSON.parse((await db.processRecord.findUniqueOrThrow({ where: { workflowId } })).state) as ProcessView;
const change = (from: ProcessView, to: ProcessView) => ({ workflowId, revision: to.revision!, base: from.revision!, patch: compare(from, to) });

test('each change is applied to the stored state; the read model holds the whole view', async () => {
  await publishProcess(db, { workflowId, revision: 1, view: view(1, 0) });
  for (let r = 2; r <= 5; r++) await publishProcess(db, change(view(r - 1, r - 2), view(r, r - 1)));
  expect(await stored()).toEqual(view(5, 4));
  // The patch of one report carries that report, not the whole history of reports.
  expect(JSON.stringify(change(view(5, 4), view(6, 5)).patch).length).toBeLessThan(400);
});

test('a change whose base the read model lacks is refused as READ_MODEL_BEHIND; the whole state then lands', async () => {
  await expect(publishProcess(db, change(view(7, 6), view(8, 7)))).rejects.toMatchObject({ type: READ_MODEL_BEHIND, nonRetryable: true });
  expect((await stored()).revision).toBe(5);
  await publishProcess(db, { workflowId, revision: 8, view: view(8, 7) });
  expect(await stored()).toEqual(view(8, 7));
});

test('an older publication arriving late (a retried activity) changes nothing', async () => {
  await publishProcess(db, change(view(4, 3), view(5, 4)));
  await publishProcess(db, { workflowId, revision: 3, view: view(3, 2) });
  expect(await stored()).toEqual(view(8, 7));
});
