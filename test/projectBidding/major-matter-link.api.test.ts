// The winning village's use of the funds, when a major matter under the pinned majorMatterDecision rules,
// starts a 五议两公开 process for that village, linked both ways (through the REST API).
import { biddingContract } from '../../workflows/projectBidding/contract';

const biddingViewSchema = biddingContract.view;
import { majorMatterContract } from '../../workflows/majorMatterDecision/contract';

const majorMatterViewSchema = majorMatterContract.view;
import { DATABASES, startPlatform, type TestPlatform } from '../support/platform';
import { AUDITOR, DONGSHAN, NANTANG, PANEL, archiveRoomPost, bidBody, biddingAt, inSeconds, ok, post, secretary, stepsOf, until } from './support';

describe.each(DATABASES)('on %s', (database) => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startPlatform(database);
  });
  afterAll(async () => {
    await platform?.stop();
  });

  async function matterWhen(id: string, test: (view: any) => boolean, timeoutMs = 30_000): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    let last: any;
    while (Date.now() < deadline) {
      const read = await platform.api(AUDITOR, 'GET', `/major-matters/${id}`);
      last = read.body;
      if (read.status === 200 && test(last)) return last;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    throw new Error(`major matter ${id} never got there: last seen ${JSON.stringify(last)}`);
  }

  test('funds at the threshold: the award starts 五议两公开 in the winning village, its id in the bidding, the bidding as its origin; the secretary takes it up', async () => {
    const id = await biddingAt(platform, 'IMPLEMENTATION');
    const awarded = await ok(platform.api(AUDITOR, 'GET', `/biddings/${id}`));
    const matterId = `matter-${DONGSHAN}--${id}`;
    expect(awarded.details).toMatchObject({
      winner: DONGSHAN,
      majorMatter: { required: true, funds: 200000, kind: 'OTHER', threshold: 100000 },
      majorMatterWorkflowId: matterId,
    });
    expect(awarded.record.find((r: { step: string }) => r.step === 'MAJOR_MATTER')).toMatchObject({
      rule: expect.stringContaining('an amount from 100000 元'),
      summary: expect.stringContaining(matterId),
      at: expect.any(String),
    });
    expect(biddingViewSchema.strict().safeParse(awarded).error).toBeUndefined();
    const biddingMetadata = await platform.temporal.workflow.getHandle(id).query<{ currentDetails: string }>('__temporal_workflow_metadata');
    expect(biddingMetadata.currentDetails).toContain(`**Major matter** (五议两公开): ${matterId}`);

    const matter = await matterWhen(matterId, (v) => v.details.next?.dueAt !== undefined);
    expect(matter).toMatchObject({
      processType: 'majorMatterDecision',
      status: 'RUNNING',
      step: 'PROPOSE',
      villageId: DONGSHAN,
      rules: { version: awarded.rules.version },
      details: {
        origin: { processType: 'projectBidding', workflowId: id },
        suggestion: { title: archiveRoomPost().title, kind: 'OTHER', estimatedAmount: 200000 },
      },
    });
    expect(matter.record[0]).toMatchObject({
      step: 'SUGGEST',
      actor: { personId: 'p.qiaotou.dispatcher', role: 'DISPATCHER' },
      summary: expect.stringContaining(id),
    });
    expect(majorMatterViewSchema.strict().safeParse(matter).error).toBeUndefined();
    const matterMetadata = await platform.temporal.workflow.getHandle(matterId).query<{ currentDetails: string }>('__temporal_workflow_metadata');
    expect(matterMetadata.currentDetails).toContain(`**Origin**: projectBidding ${id}`);
    const described = await platform.temporal.workflow.getHandle(matterId).describe();
    const attributes = Object.fromEntries(described.typedSearchAttributes.getAll().map((pair) => [pair.key.name, pair.value]));
    expect(attributes).toMatchObject({
      CunwuProcess: 'majorMatterDecision',
      CunwuVillage: DONGSHAN,
      CunwuStep: 'PROPOSE',
      CunwuMatterKind: 'OTHER',
      CunwuAmount: 200000,
    });
    expect(attributes.CunwuWinner).toBeUndefined();
    expect(described.parentExecution?.workflowId).toBe(id);

    const proposed = await ok(
      platform.api(secretary(DONGSHAN), 'POST', `/major-matters/${matterId}/proposal`, {
        decision: 'PROPOSE',
        title: matter.details.suggestion.title,
        description: '档案室场地改造与档案整理入库',
        kind: 'OTHER',
        estimatedAmount: 200000,
      }),
    );
    expect(proposed).toMatchObject({ step: 'DELIBERATE', details: { proposal: [{ version: 1, estimatedAmount: 200000 }], origin: { workflowId: id } } });
    expect(stepsOf(await ok(platform.api(AUDITOR, 'GET', `/biddings/${id}`)))).toContain('MAJOR_MATTER');
  });

  test("the runner-up awarded: the first winner's major matter, started by its award, is closed with the reason; the runner-up's starts", async () => {
    // Nantang wins, Dongshan is the runner-up; Nantang withdraws and the project is offered to Dongshan.
    const id = await biddingAt(platform, 'OFFERED');
    const first = `matter-${NANTANG}--${id}`;
    const second = `matter-${DONGSHAN}--${id}`;
    await ok(platform.api(secretary(DONGSHAN), 'POST', `/biddings/${id}/offer-answer`, { accept: true }));
    const awarded = await until(platform, id, (v) => v.step === 'IMPLEMENTATION');
    expect(awarded.details).toMatchObject({ winner: DONGSHAN, majorMatterWorkflowId: second });
    expect(awarded.record.find((r: { step: string }) => r.step === 'CLOSED_WHAT_IT_STARTED')).toMatchObject({
      data: { workflowId: first, reason: expect.stringContaining('无力实施') },
    });

    const closed = await matterWhen(first, (v) => v.status !== 'RUNNING');
    expect(closed).toMatchObject({
      status: 'WITHDRAWN',
      step: 'CLOSED',
      nextActors: [],
      outcome: { status: 'WITHDRAWN', reason: expect.stringContaining(`The award to ${NANTANG} no longer holds`) },
    });
    expect(closed.record.at(-1)).toMatchObject({ step: 'CLOSED_BY_ORIGIN', summary: expect.stringContaining(id) });
    const inbox = (await platform.api(secretary(NANTANG), 'GET', '/me/inbox')).body.map((i: { workflowId: string }) => i.workflowId);
    expect(inbox).not.toContain(first);
    expect(await matterWhen(second, (v) => v.step === 'PROPOSE')).toMatchObject({ status: 'RUNNING', details: { origin: { workflowId: id } } });
    expect((await platform.temporal.workflow.getHandle(first).describe()).status.name).toBe('COMPLETED');
    expect(stepsOf(await ok(platform.api(AUDITOR, 'GET', `/biddings/${id}`)))).not.toContain('REPOST');
  });

  test('funds below the threshold: the award starts no major matter', async () => {
    const body = { post: archiveRoomPost({ funds: 50000, deadline: inSeconds(10) }), panel: [PANEL[0]], periods: { biddingPublicNotice: { duration: '1s' } } };
    const id: string = (await ok(post(platform, body))).workflowId;
    await ok(platform.api(secretary(DONGSHAN), 'POST', `/biddings/${id}/bids`, bidBody(DONGSHAN)));
    await until(platform, id, (v) => v.step === 'EVALUATION');
    await ok(platform.api(PANEL[0], 'POST', `/biddings/${id}/scores`, { villageId: DONGSHAN, scores: { groundwork: 9, plan: 9, need: 9 } }));
    const awarded = await until(platform, id, (v) => v.step === 'IMPLEMENTATION');
    expect(awarded.details).toMatchObject({ winner: DONGSHAN, majorMatter: { required: false, funds: 50000, threshold: 100000 } });
    expect(awarded.details.majorMatterWorkflowId).toBeUndefined();
    expect(stepsOf(awarded)).not.toContain('MAJOR_MATTER');
    expect((await platform.api(AUDITOR, 'GET', `/major-matters/matter-${DONGSHAN}--${id}`)).status).toBe(404);
  });
});
