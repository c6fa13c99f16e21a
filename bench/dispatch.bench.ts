// Benchmark: a town's week of dispatches through the REST API, on a real dev server and SQLite.
// Targets (2-core CI machine): below. Run with `npm run bench`; exits 1 when a target is missed.
import globalSetup from '../test/support/global-setup';
import globalTeardown from '../test/support/global-teardown';
import { eventually, startPlatform } from '../test/support/platform';

const DISPATCHES = Number(process.env.BENCH_DISPATCHES ?? 40);
const VILLAGES = ['dongshan', 'nantang', 'xixi', 'beiling'];
const TARGETS = {
  /** Every dispatch submitted at once is screened and waiting for review. */
  allScreenedMs: 30_000,
  /** Every dispatch approved at once (each starting its village tasks), as the last caller sees it. */
  approvalBurstMs: 15_000,
  /** One step (an Update through the API) as a cadre sees it, one after another. */
  stepP95Ms: 500,
  /** API, worker and its workflow cache together, in one process. */
  rssMb: 1_024,
};

const village = (slug: string) => `xingcun.qiaotou.${slug}`;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function timed<T>(samples: number[], call: () => Promise<T>): Promise<T> {
  const began = performance.now();
  const result = await call();
  samples.push(performance.now() - began);
  return result;
}

async function main(): Promise<void> {
  await globalSetup();
  const platform = await startPlatform('sqlite');
  try {
    const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const began = performance.now();
    const started = await Promise.all(
      Array.from({ length: DISPATCHES }, (_, i) =>
        platform.api('p.qiaotou.dispatcher', 'POST', '/dispatches', {
          requestId: `bench-${Date.now()}-${i}`,
          townId: 'xingcun.qiaotou',
          content: {
            title: `老年人优待证集中办理 第${i + 1}批`,
            screeningCode: 'XC-ASSIST-001',
            villageIds: VILLAGES.map(village),
            requirements: '为本村60周岁以上老年人集中办理优待证',
            deliverables: ['办理名册'],
            acceptanceCriteria: '应办尽办',
            deadline,
            supportingOrgIds: [],
            majorMatter: false,
          },
        }),
      ),
    );
    const ids = started.map((r) => {
      if (r.status !== 201) throw new Error(`dispatch refused: ${JSON.stringify(r.body)}`);
      return r.body.workflowId as string;
    });
    await eventually(async () => {
      const states = await Promise.all(ids.map((id) => platform.api('p.qiaotou.reviewer', 'GET', `/dispatches/${id}`)));
      return states.every((s) => s.body.step === 'REVIEW') ? true : undefined;
    }, 120_000);
    const allScreenedMs = performance.now() - began;

    const approvals: number[] = [];
    const approved = await Promise.all(ids.map((id) => timed(approvals, () => platform.api('p.qiaotou.reviewer', 'POST', `/dispatches/${id}/review`, { decision: 'APPROVE', comment: '分批办理，非重复' }))));
    const steps: number[] = [];
    const tasks = approved.flatMap((a) => {
      if (a.status !== 200) throw new Error(`approval refused: ${JSON.stringify(a.body)}`);
      return a.body.details.villages as { villageId: string; workflowId: string }[];
    });
    for (const task of tasks) {
      const slug = task.villageId.split('.').pop()!;
      await eventually(async () => ((await platform.api(`p.qiaotou.${slug}.secretary`, 'GET', `/village-tasks/${task.workflowId}`)).body.step === 'RECEIVE' ? true : undefined), 60_000);
      const received = await timed(steps, () => platform.api(`p.qiaotou.${slug}.secretary`, 'POST', `/village-tasks/${task.workflowId}/receive`));
      if (received.body.step !== 'ASSIGN') throw new Error(`receipt refused: ${JSON.stringify(received.body)}`);
    }
    const rssMb = process.memoryUsage().rss / 1024 / 1024;

    const measured = { dispatches: DISPATCHES, villageTasks: tasks.length, allScreenedMs: Math.round(allScreenedMs), approvalBurstMs: Math.round(Math.max(...approvals)), stepP50Ms: Math.round(percentile(steps, 50)), stepP95Ms: Math.round(percentile(steps, 95)), rssMb: Math.round(rssMb) };
    console.log(JSON.stringify({ measured, targets: TARGETS }, null, 2));
    const missed = (['allScreenedMs', 'approvalBurstMs', 'stepP95Ms', 'rssMb'] as const).filter((k) => measured[k] > TARGETS[k]);
    if (missed.length) {
      console.error(`Missed targets: ${missed.join(', ')}`);
      process.exitCode = 1;
    }
  } finally {
    await platform.stop();
    await globalTeardown();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
