// Drives the product as its users do: through the REST API as seeded people, or (for comparison)
// with the raw Temporal client sending the very same Update or Query.
import type { Client } from '@temporalio/client';
import { actorFromHeader } from '../api/auth';
import { catalogueItems, COUNTY_ID, towns } from '../prisma/seed';
import { getVillageTask, receiveTask } from '../workflows/taskDispatch/contract';
import { sleep } from './measure';

export interface VillageTaskRef {
  workflowId: string;
  dispatchId: string;
  town: string;
  village: string;
}

export interface ApiAnswer {
  status: number;
  /** The API's JSON answer, unchecked: the fields the bench reads. */
  body?: { step?: string; workflowId?: string; details?: { villages?: { villageId: string; workflowId: string }[] }; retryAfter?: number; code?: string };
}

const CODES = catalogueItems.map((i) => i.screeningCode);
const DEADLINE = new Date(Date.now() + 60 * 86_400_000).toISOString();

export const secretary = (t: VillageTaskRef) => `p.${t.town}.${t.village}.secretary`;
const cadre = (t: VillageTaskRef) => `p.${t.town}.${t.village}.cadre1`;
const dispatcher = (town: string) => `p.${town}.dispatcher`;
const reviewer = (town: string) => `p.${town}.reviewer`;

/** Everyone the bench acts as. */
export const BENCH_PEOPLE = towns.flatMap((t) => [
  dispatcher(t.slug),
  reviewer(t.slug),
  ...t.villages.flatMap((v) => [`p.${t.slug}.${v.slug}.secretary`, `p.${t.slug}.${v.slug}.cadre1`]),
]);

export class Driver {
  private requests = 0;
  /** Calls answered 503 and tried again. */
  retries = 0;
  constructor(
    private readonly baseUrl: string,
    private readonly tokens: Map<string, string>,
    private readonly jwtSecret: string,
    readonly temporal: Client,
    private readonly run: string,
  ) {}

  async api(person: string, method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiAnswer> {
    const response = await fetch(`${this.baseUrl}${url}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.tokens.get(person)}`, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as ApiAnswer['body']) : undefined };
  }

  /** The Actor the API would make of this person's token, for a raw client call. */
  actor(person: string) {
    return actorFromHeader(`Bearer ${this.tokens.get(person)}`, this.jwtSecret, `raw-${this.run}-${++this.requests}`);
  }

  /** Submits dispatch number `i` (town, villages and catalogue code rotate with i); answers once screened. */
  submit(i: number): Promise<ApiAnswer> {
    const town = towns[i % towns.length];
    return this.api(dispatcher(town.slug), 'POST', '/dispatches', {
      requestId: `bench-${this.run}-${i}`,
      townId: `${COUNTY_ID}.${town.slug}`,
      content: {
        title: `集中办理 第${i + 1}批`,
        screeningCode: CODES[Math.floor(i / towns.length) % CODES.length],
        villageIds: town.villages.map((v) => `${COUNTY_ID}.${town.slug}.${v.slug}`),
        requirements: '按清单事项集中办理',
        deliverables: ['办理名册'],
        acceptanceCriteria: '应办尽办',
        deadline: DEADLINE,
        supportingOrgIds: [],
        majorMatter: false,
      },
    });
  }

  /**
   * Submits and approves dispatch `i`: its village tasks start, each waiting for its secretary to receive it.
   * A 503 is retried as the API asks (same request id, same Idempotency-Key, after Retry-After), as a front end would.
   */
  async openDispatch(i: number): Promise<VillageTaskRef[]> {
    const town = towns[i % towns.length].slug;
    // A retried submission whose first try started the dispatch answers 200 with it.
    const answer = await this.retried(() => this.submit(i));
    const submitted = expect(answer, answer.status === 200 ? 200 : 201, 'submit');
    if (submitted.body?.step !== 'REVIEW') throw new Error(`dispatch not at review: ${JSON.stringify(submitted.body).slice(0, 500)}`);
    const dispatchId = submitted.body.workflowId!;
    const key = { 'idempotency-key': `approve-${this.run}-${i}` };
    const approved = expect(
      await this.retried(() => this.api(reviewer(town), 'POST', `/dispatches/${dispatchId}/review`, { decision: 'APPROVE', comment: '分批办理，非重复' }, key)),
      200,
      'approve',
    );
    return approved.body!.details!.villages!.map((v) => ({ workflowId: v.workflowId, dispatchId, town, village: v.villageId.split('.').pop()! }));
  }

  /** A call answered 503 tried again after its Retry-After, up to five times. */
  private async retried(call: () => Promise<ApiAnswer>): Promise<ApiAnswer> {
    for (let tries = 1; ; tries++) {
      const answer = await call();
      if (answer.status !== 503 || tries >= 5) return answer;
      this.retries++;
      await sleep(1000 * Number(answer.body?.retryAfter ?? 1));
    }
  }

  /** The receipt through the API; a task its dispatch has only just started may not exist or be open yet (404, 409 NOT_YET_OPEN): asked again. */
  async receive(task: VillageTaskRef): Promise<ApiAnswer> {
    for (let tries = 0; ; tries++) {
      const answer = await this.api(secretary(task), 'POST', `/village-tasks/${task.workflowId}/receive`);
      const notYet = answer.status === 404 || (answer.status === 409 && answer.body?.code === 'NOT_YET_OPEN');
      if (!notYet || tries > 100) return answer;
      await sleep(50);
    }
  }

  receiveRaw(task: VillageTaskRef) {
    return this.temporal.workflow.getHandle(task.workflowId).executeUpdate(receiveTask, { args: [this.actor(secretary(task))] });
  }

  read(task: VillageTaskRef): Promise<ApiAnswer> {
    return this.api(secretary(task), 'GET', `/village-tasks/${task.workflowId}`);
  }

  readRaw(task: VillageTaskRef) {
    return this.temporal.workflow.getHandle(task.workflowId).query(getVillageTask);
  }

  /** Every step of one village's task after the dispatch's approval, through the API. */
  async carryOut(task: VillageTaskRef): Promise<void> {
    expect(await this.receive(task), 200, 'receive');
    expect(await this.api(secretary(task), 'POST', `/village-tasks/${task.workflowId}/assign`, { personIds: [cadre(task)] }), 200, 'assign');
    expect(
      await this.api(cadre(task), 'POST', `/village-tasks/${task.workflowId}/complete`, { summary: '已按清单办理完毕', evidenceRefs: ['bench-evidence-1'] }),
      200,
      'complete',
    );
    expect(
      await this.api(dispatcher(task.town), 'POST', `/village-tasks/${task.workflowId}/acceptance`, { decision: 'ACCEPT', comment: '验收合格' }),
      200,
      'accept',
    );
  }
}

export function expect(answer: ApiAnswer, status: number, what: string): ApiAnswer {
  if (answer.status !== status) throw new Error(`${what}: HTTP ${answer.status} ${JSON.stringify(answer.body).slice(0, 500)}`);
  return answer;
}
