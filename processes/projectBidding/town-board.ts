// A town's public board of bidding (揭榜挂帅公开栏): open posts with their criteria and deadlines, the
// proposed winner on public notice, and awards with every score, a page at a time. No token: it is
// public, like a notice board on the town hall's wall. Server-rendered in Chinese, with a JSON twin;
// from the read model; revalidated by ETag.
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../api/deps';
import type { HttpDeps } from '../../api/http';
import { route } from '../../api/http';
import { problemSchema } from '../../api/openapi';
import { beijingTime, html, page, revalidatedPublicly, type SafeHtml } from '../../api/pages/page';
import { notFound, Problem } from '../../api/problem';
import type { Prisma } from '../../prisma/client';
import { anonymousReader } from '../../api/readers';
import { TIE_BREAKS, type BiddingView, type TieBreak } from '../../workflows/projectBidding/contract';
import { publicBidding, type PublicBiddingView } from '../../workflows/projectBidding/projections';

const tag = 'boards';
const params = z.object({ townId: z.string().regex(/^[a-z0-9.-]{1,100}$/, 'a town id') });

/** Open posts and posts on notice: at most this many of each, newest first. */
const MAX_CURRENT = 50;
/** The steps of a post that may have a winner. */
const AWARDED_STEPS = ['IMPLEMENTATION', 'REOFFER', 'OFFERED', 'CLOSED'];

/** Awards page by their post's start: a cursor is `<startedAt ms>~<workflowId>` of the last post of the page before. */
const query = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(20).meta({ description: 'Awards on a page' }),
  cursor: z
    .string()
    .regex(/^\d{1,15}~[A-Za-z0-9._-]{1,200}$/, 'a cursor this API gave')
    .optional()
    .meta({ description: 'The `next` of the page before (opaque); absent for the first page of awards' }),
});
type Page = z.infer<typeof query>;

const cursorOf = (row: { startedAt: Date; workflowId: string }) => `${row.startedAt.getTime()}~${row.workflowId}`;

/** Posts started before the cursor's, newest first (ties by id). */
function before(cursor: Page['cursor']): Prisma.ProcessRecordWhereInput {
  if (!cursor) return {};
  const [ms, workflowId] = [Number(cursor.slice(0, cursor.indexOf('~'))), cursor.slice(cursor.indexOf('~') + 1)];
  const startedAt = new Date(ms);
  return { OR: [{ startedAt: { lt: startedAt } }, { startedAt, workflowId: { lt: workflowId } }] };
}

const TIE_BREAK_LABELS: Record<TieBreak, string> = {
  FIRST_CRITERION_THEN_EARLIER_BID: '总分相同时，第一项指标得分高者优先；仍相同则先投标者优先',
  HEAVIEST_CRITERION_THEN_EARLIER_BID: '总分相同时，权重最大指标得分高者优先；仍相同则先投标者优先',
  EARLIER_BID: '总分相同时，先投标者优先',
};

const place = z.object({ id: z.string(), name: z.string() });
const criterion = z.object({ id: z.string(), name: z.string(), weight: z.number(), minScore: z.number(), maxScore: z.number() });
const ranking = z.array(
  z.object({
    rank: z.number().int(),
    village: place,
    total: z.number(),
    criterionMeans: z.record(z.string(), z.number()),
    tieBrokenBy: z.enum(TIE_BREAKS).optional(),
  }),
);
const sheets = z.array(z.object({ panelMember: z.string(), village: place, scores: z.record(z.string(), z.number()) }));
const scored = { criteria: z.array(criterion), ranking, sheets };

const boardSchema = z
  .object({
    town: place,
    openPosts: z.array(
      z.object({
        workflowId: z.string(),
        title: z.string(),
        description: z.string(),
        funds: z.number(),
        eligibleVillages: z.array(place),
        conditions: z.array(z.string()),
        criteria: z.array(criterion),
        deadline: z.string(),
        tieBreak: z.enum(TIE_BREAKS),
        bids: z.number().int().meta({ description: 'How many villages have bid: their bids are sealed until the deadline' }),
      }),
    ),
    onNotice: z.array(z.object({ workflowId: z.string(), title: z.string(), funds: z.number(), proposedWinner: place, noticeEndsAt: z.string(), ...scored })),
    awards: z.array(
      z.object({ workflowId: z.string(), title: z.string(), funds: z.number(), winner: place, awardedAt: z.string(), status: z.string(), ...scored }),
    ),
    next: z.string().nullable().meta({ description: 'The cursor of the next page of awards; null on the last' }),
  })
  .meta({ id: 'TownBoard' });

type Board = z.infer<typeof boardSchema>;

async function board(deps: AppDeps, townId: string, { cursor, limit }: Page): Promise<Board> {
  const town = await deps.db.organisation.findUnique({ where: { id: townId } });
  if (!town || town.kind !== 'TOWN') throw notFound(`Town ${townId}`);
  const villages = await deps.db.organisation.findMany({ where: { parentId: townId, kind: 'VILLAGE' } });
  const named = (id: string) => ({ id, name: villages.find((v) => v.id === id)?.name ?? id });
  const newestFirst: Prisma.ProcessRecordOrderByWithRelationInput[] = [{ startedAt: 'desc' }, { workflowId: 'desc' }];
  const posts = { processType: 'projectBidding', townId };
  const [current, awarded] = await Promise.all([
    Promise.all(
      ['BIDDING', 'PUBLIC_NOTICE'].map((step) =>
        deps.db.processRecord.findMany({ where: { ...posts, status: 'RUNNING', step }, orderBy: newestFirst, take: MAX_CURRENT }),
      ),
    ),
    deps.db.processRecord.findMany({
      where: { ...posts, step: { in: AWARDED_STEPS }, ...before(cursor) },
      orderBy: newestFirst,
      take: limit + 1,
    }),
  ]);
  const awardsPage = awarded.slice(0, limit);
  // What the public reads of each post (its public projection): no bid's content, no sheet before the notice.
  const reader = anonymousReader();
  const views = [...current.flat(), ...awardsPage].map((r) => publicBidding(JSON.parse(r.state) as BiddingView, reader));
  const scoresOf = (view: PublicBiddingView) => {
    const result = view.details.results.at(-1)!;
    return {
      criteria: view.details.post.criteria,
      ranking: result.ranking.map((r) => ({
        rank: r.rank,
        village: named(r.villageId),
        total: r.total,
        criterionMeans: r.criterionMeans,
        tieBrokenBy: r.tieBrokenBy,
      })),
      sheets: result.sheets.map((s) => ({ panelMember: s.panelMember, village: named(s.villageId), scores: s.scores })),
    };
  };
  return {
    town: { id: town.id, name: town.name },
    openPosts: views
      .filter((v) => v.status === 'RUNNING' && v.step === 'BIDDING')
      .map((v) => {
        const { post } = v.details;
        return {
          workflowId: v.workflowId,
          title: post.title,
          description: post.description,
          funds: post.funds,
          eligibleVillages: post.eligibility.villageIds.map(named),
          conditions: post.eligibility.conditions,
          criteria: post.criteria,
          deadline: v.details.deadline,
          tieBreak: post.tieBreak,
          bids: v.details.bidCount,
        };
      }),
    onNotice: views
      .filter((v) => v.status === 'RUNNING' && v.step === 'PUBLIC_NOTICE')
      .map((v) => ({
        workflowId: v.workflowId,
        title: v.title,
        funds: v.details.post.funds,
        proposedWinner: named(v.details.proposedWinner!),
        noticeEndsAt: v.details.noticeEndsAt!,
        ...scoresOf(v),
      })),
    awards: views
      .filter((v) => v.details.winner)
      .map((v) => ({
        workflowId: v.workflowId,
        title: v.title,
        funds: v.details.post.funds,
        winner: named(v.details.winner!),
        awardedAt: v.details.awardedAt!,
        status: v.status,
        ...scoresOf(v),
      })),
    next: awarded.length > limit ? cursorOf(awardsPage.at(-1)!) : null,
  };
}

const yuan = (funds: number) => `${funds.toLocaleString('zh-CN')} 元`;

function criteriaTable(criteria: Board['openPosts'][number]['criteria']): SafeHtml {
  return html`<table>
    <thead>
      <tr>
        <th>评分指标</th>
        <th>权重</th>
        <th>分值范围</th>
      </tr>
    </thead>
    <tbody>
      ${criteria.map(
        (c) =>
          html`<tr>
            <td>${c.name}</td>
            <td>${c.weight}%</td>
            <td>${c.minScore}–${c.maxScore} 分</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function scoresTables(entry: Board['awards'][number] | Board['onNotice'][number]): SafeHtml {
  const { criteria } = entry;
  return html`<table>
      <thead>
        <tr>
          <th>名次</th>
          <th>村（社区）</th>
          ${criteria.map((c) => html`<th>${c.name}（均分）</th>`)}
          <th>加权总分</th>
        </tr>
      </thead>
      <tbody>
        ${entry.ranking.map(
          (r) =>
            html`<tr>
              <td>${r.rank}</td>
              <td>${r.village.name}</td>
              ${criteria.map((c) => html`<td>${r.criterionMeans[c.id]}</td>`)}
              <td>${r.total}${r.tieBrokenBy && html`（同分，按规则：${TIE_BREAK_LABELS[r.tieBrokenBy]}）`}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <table>
      <thead>
        <tr>
          <th>评审组成员</th>
          <th>村（社区）</th>
          ${criteria.map((c) => html`<th>${c.name}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${entry.sheets.map(
          (s) =>
            html`<tr>
              <td>${s.panelMember}</td>
              <td>${s.village.name}</td>
              ${criteria.map((c) => html`<td>${s.scores[c.id]}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>`;
}

function renderBoard(b: Board): string {
  const empty = (what: string) => html`<p class="empty">暂无${what}</p>`;
  const body = html`<section>
      <h2>正在揭榜</h2>
      ${
        b.openPosts.length
          ? b.openPosts.map(
              (p) =>
                html`<article>
                  <h3>${p.title}</h3>
                  <p>${p.description}</p>
                  <dl>
                    <dt>支持资金</dt>
                    <dd>${yuan(p.funds)}</dd>
                    <dt>可揭榜村</dt>
                    <dd>${p.eligibleVillages.map((v) => v.name).join('、')}</dd>
                    <dt>揭榜截止</dt>
                    <dd>${beijingTime(p.deadline)}（北京时间）</dd>
                    <dt>已揭榜</dt>
                    <dd>${p.bids}个村（截止前密封）</dd>
                    ${
                      p.conditions.length
                        ? html`<dt>揭榜条件</dt>
                            <dd>${p.conditions.join('；')}</dd>`
                        : ''
                    }
                    <dt>同分规则</dt>
                    <dd>${TIE_BREAK_LABELS[p.tieBreak]}</dd>
                  </dl>
                  ${criteriaTable(p.criteria)}
                </article>`,
            )
          : empty('正在揭榜的项目')
      }
    </section>
    <section>
      <h2>公示中</h2>
      ${
        b.onNotice.length
          ? b.onNotice.map(
              (n) =>
                html`<article>
                  <h3>${n.title}</h3>
                  <dl>
                    <dt>拟揭榜村</dt>
                    <dd>${n.proposedWinner.name}</dd>
                    <dt>支持资金</dt>
                    <dd>${yuan(n.funds)}</dd>
                    <dt>公示截止</dt>
                    <dd>${beijingTime(n.noticeEndsAt)}（北京时间）</dd>
                  </dl>
                  ${scoresTables(n)}
                </article>`,
            )
          : empty('公示中的项目')
      }
    </section>
    <section>
      <h2>已揭榜</h2>
      ${
        b.awards.length
          ? b.awards.map(
              (a) =>
                html`<article>
                  <h3>${a.title}</h3>
                  <dl>
                    <dt>揭榜村</dt>
                    <dd>${a.winner.name}</dd>
                    <dt>支持资金</dt>
                    <dd>${yuan(a.funds)}</dd>
                    <dt>揭榜时间</dt>
                    <dd>${beijingTime(a.awardedAt)}（北京时间）</dd>
                    <dt>状态</dt>
                    <dd>${a.status === 'COMPLETED' ? '已验收' : a.status === 'RUNNING' ? '实施中' : a.status}</dd>
                  </dl>
                  ${scoresTables(a)}
                </article>`,
            )
          : empty('已揭榜的项目')
      }
      ${b.next && html`<p><a href="?cursor=${encodeURIComponent(b.next)}">更早的揭榜项目</a></p>`}
    </section>`;
  return page({
    title: `${b.town.name}揭榜挂帅公开栏`,
    subtitle: '贴榜 · 竞榜 · 综合比对 · 公示 · 揭榜',
    body,
    footer: `${b.town.name} · 评分由系统按公布的权重与规则计算`,
  });
}

export function townBoardRoutes(http: HttpDeps, deps: AppDeps): void {
  route(
    http,
    {
      method: 'get',
      path: '/towns/{townId}/board.json',
      operationId: 'getTownBoard',
      summary: "A town's public board of bidding as JSON: open posts, winners on notice, awards with every score",
      tag,
      params,
      query,
      response: boardSchema,
      public: true,
      refusals: [404],
    },
    async ({ params, query, res }) => {
      revalidatedPublicly(res);
      return board(deps, params.townId, query);
    },
  );

  // The page itself: the same board, rendered for people (text/html).
  const path = '/towns/{townId}/board';
  http.registry.registerPath({
    method: 'get',
    path,
    operationId: 'getTownBoardPage',
    summary: "A town's public board of bidding (揭榜挂帅公开栏), a page in Chinese",
    tags: [tag],
    security: [],
    request: { params, query },
    responses: {
      200: { description: 'The board', content: { 'text/html': { schema: z.string() } } },
      400: { description: 'A cursor this API did not give', content: { 'application/problem+json': { schema: problemSchema } } },
      404: { description: 'Not found', content: { 'application/problem+json': { schema: problemSchema } } },
    },
  });
  const expressPath = '/towns/:townId/board';
  http.methods ??= new Map();
  http.methods.set(expressPath, new Set(['GET', 'HEAD']));
  http.router.get(expressPath, async (req: Request, res: Response) => {
    const parsed = params.safeParse(req.params);
    if (!parsed.success) throw notFound(`Town ${String(req.params.townId)}`);
    const paged = query.safeParse(req.query);
    if (!paged.success) throw new Problem(400, 'INVALID_REQUEST', paged.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    revalidatedPublicly(res);
    res.type('text/html; charset=utf-8').send(renderBoard(await board(deps, parsed.data.townId, paged.data)));
  });
}
