// The read model only moves forward: a publication carries the process's revision, and an older one
// (a retried activity overtaken by a newer publication) never overwrites a newer.
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { projectProcess } from '../../activities/read-model';
import { createPrismaClient, type Db } from '../../prisma/client';
import { migrateDeploy } from '../../prisma/migrate';
import type { ProcessView } from '../../workflows/common/view';

let db: Db;
const dir = mkdtempSync(join(tmpdir(), 'cunwu-projection-'));

beforeAll(async () => {
  const url = `file:${join(dir, 'projection.db')}`;
  await migrateDeploy(url);
  db = createPrismaClient(url);
});
afterAll(async () => {
  await db.$disconnect();
  rmSync(dir, { recursive: true, force: true });
});

function view(revision: number, step: string, role: 'TOWN_REVIEWER' | 'VILLAGE_SECRETARY'): ProcessView {
  return {
    processType: 'taskDispatch',
    workflowId: 'dispatch-xingcun.qiaotou-projection',
    title: '测试',
    countyId: 'xingcun',
    townId: 'xingcun.qiaotou',
    villageIds: ['xingcun.qiaotou.dongshan'],
    step,
    status: 'RUNNING',
    nextActors: [{ role, orgId: 'xingcun.qiaotou', action: step }],
    overdue: false,
    startedAt: '2026-11-23T00:00:00.000Z',
    updatedAt: `2026-11-23T00:00:0${revision}.000Z`,
    record: [],
    revision,
    details: {},
  };
}

test('a newer publication replaces an older; an older one arriving late changes nothing, inbox included', async () => {
  await projectProcess(db, view(1, 'REVIEW', 'TOWN_REVIEWER'));
  await projectProcess(db, view(2, 'IN_VILLAGES', 'VILLAGE_SECRETARY'));
  await projectProcess(db, view(1, 'REVIEW', 'TOWN_REVIEWER'));
  const row = await db.processRecord.findUniqueOrThrow({ where: { workflowId: 'dispatch-xingcun.qiaotou-projection' } });
  expect({ step: row.step, revision: row.revision }).toEqual({ step: 'IN_VILLAGES', revision: 2 });
  const open = await db.inboxItem.findMany({ where: { workflowId: row.workflowId, closedAt: null } });
  expect(open.map((i) => i.role)).toEqual(['VILLAGE_SECRETARY']);
  // The same revision again (a retried activity) is taken once.
  await projectProcess(db, view(2, 'IN_VILLAGES', 'VILLAGE_SECRETARY'));
  expect(await db.inboxItem.count({ where: { workflowId: row.workflowId } })).toBe(2);
});
