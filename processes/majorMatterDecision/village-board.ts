// The village's public notice board (村务公开栏) for its major matters (五议两公开): what a paper board
// shows — matters under disclosure and those recently closed, the resolution, its vote, the disclosure
// period and how to object — and nothing about who suggested, objected or voted: it is built from each
// matter's public projection (docs/processes.md §0.9).
import { z } from 'zod';
import '../../api/openapi';
import type { Db } from '../../prisma/client';
import { MAJOR_MATTER_KINDS, type MajorMatterKind } from '../../workflows/majorMatterDecision/rule-section';
import type { HeldMeeting, MajorMatterView } from '../../workflows/majorMatterDecision/contract';
import { publicMajorMatter, type PublicMajorMatterView } from '../../workflows/majorMatterDecision/projections';
import { notFound } from '../../api/problem';
import { beijingTime, html, page, type SafeHtml } from '../../api/pages/page';

/** Closed matters stay on the board this long after they closed. */
const RECENT_DAYS = 90;
const MAX_ENTRIES = 50;

const KIND_LABELS: Record<MajorMatterKind, string> = {
  LAND_CONTRACT: '集体土地承包、租赁',
  COLLECTIVE_ASSETS: '集体资产购置、处置',
  PUBLIC_WORKS: '村公益事业建设',
  BORROWING: '集体举债',
  VILLAGE_PLAN: '村庄规划',
  OTHER: '其他重大事项',
};

const MEETING_NAMES: Record<HeldMeeting['meeting'], string> = {
  JOINT_MEETING: '村务联席会议',
  PARTY_MEMBERS_MEETING: '党员大会',
  REPRESENTATIVES_MEETING: '村民代表会议',
  VILLAGERS_MEETING: '村民会议',
};

const STAGE_LABELS: Record<string, string> = {
  RESOLUTION_DISCLOSURE: '决议公开中',
  RESULT_DISCLOSURE: '实施结果公开中',
  COMPLETED: '已办结',
  REJECTED: '已终止',
  WITHDRAWN: '已撤回',
  CANCELLED: '已取消',
};

export const HOW_TO_OBJECT =
  '对公示内容有异议的，请在公示期内向村务监督委员会书面反映，或通过村务平台提出异议；每件异议均在公示期结束前答复，异议未答复的，公示期不结束。';

const votes = z.object({
  expected: z.number().int(),
  present: z.number().int(),
  votesFor: z.number().int(),
  votesAgainst: z.number().int(),
  abstentions: z.number().int(),
});

const boardEntry = z
  .object({
    workflowId: z.string(),
    title: z.string(),
    kind: z.enum(MAJOR_MATTER_KINDS),
    kindLabel: z.string(),
    estimatedAmount: z.number(),
    stage: z.string().openapi({ description: 'RESOLUTION_DISCLOSURE or RESULT_DISCLOSURE while posted; the terminal status once closed' }),
    stageLabel: z.string(),
    resolutionText: z.string().openapi({ description: 'The proposal as the resolving meeting passed it' }),
    proposalVersion: z.number().int(),
    resolution: votes
      .extend({
        meeting: z.enum(['REPRESENTATIVES_MEETING', 'VILLAGERS_MEETING']),
        meetingName: z.string(),
        meetingDate: z.string(),
        householdsPresent: z
          .number()
          .int()
          .nullable()
          .openapi({ description: "Households represented, when a villagers' meeting's quorum counts households (else null)" }),
      })
      .nullable(),
    disclosure: z.object({ kind: z.enum(['RESOLUTION', 'RESULT']), startsAt: z.string(), endsAt: z.string(), heldOpen: z.boolean() }).nullable(),
    objections: z.object({ received: z.number().int(), answered: z.number().int() }),
    result: z.string().nullable().openapi({ description: 'What was done, once completed and accepted' }),
    outcome: z.string().nullable(),
  })
  .openapi('BoardEntry');

export const boardSchema = z
  .object({
    villageId: z.string(),
    villageName: z.string(),
    townName: z.string(),
    updatedAt: z.string().nullable().openapi({ description: 'When what the board shows last changed (null while it shows nothing)' }),
    underDisclosure: z.array(boardEntry),
    recentlyClosed: z.array(boardEntry),
    howToObject: z.string(),
  })
  .openapi('VillageBoard');

export type Board = z.infer<typeof boardSchema>;
type BoardEntry = z.infer<typeof boardEntry>;

function entryOf(view: PublicMajorMatterView): BoardEntry {
  const d = view.details;
  const resolution = [...d.meetings].reverse().find((m) => m.passed && (m.meeting === 'REPRESENTATIVES_MEETING' || m.meeting === 'VILLAGERS_MEETING'));
  const version = d.proposal.find((p) => p.version === resolution?.proposalVersion) ?? d.proposal.at(-1);
  const disclosure = d.disclosures.at(-1);
  const objections = d.objections.filter((o) => o.disclosure === d.disclosures.length);
  const completion = [...d.progress].reverse().find((p) => p.completed);
  const stage = view.status === 'RUNNING' ? view.step : view.status;
  return {
    workflowId: view.workflowId,
    title: version?.title ?? view.title,
    kind: version?.kind ?? d.suggestion.kind,
    kindLabel: KIND_LABELS[version?.kind ?? d.suggestion.kind],
    estimatedAmount: version?.estimatedAmount ?? d.suggestion.estimatedAmount,
    stage,
    stageLabel: STAGE_LABELS[stage] ?? stage,
    resolutionText: version?.description ?? '',
    proposalVersion: version?.version ?? 0,
    resolution: resolution
      ? {
          meeting: resolution.meeting as 'REPRESENTATIVES_MEETING' | 'VILLAGERS_MEETING',
          meetingName: MEETING_NAMES[resolution.meeting],
          meetingDate: resolution.meetingDate,
          expected: resolution.expected,
          present: resolution.present,
          votesFor: resolution.votesFor,
          votesAgainst: resolution.votesAgainst,
          abstentions: resolution.abstentions,
          householdsPresent: resolution.quorumCountsHouseholds ? (resolution.householdsPresent ?? null) : null,
        }
      : null,
    disclosure: disclosure ? { kind: disclosure.kind, startsAt: disclosure.startsAt, endsAt: disclosure.endsAt, heldOpen: disclosure.heldOpen } : null,
    objections: { received: objections.length, answered: objections.filter((o) => o.answer).length },
    result: d.acceptance && completion ? completion.text : null,
    outcome: view.outcome?.reason ?? null,
  };
}

/** The board of a village, from the read model (no Temporal call: it answers while the workers are down). */
export async function villageBoard(db: Db, villageId: string, nowMs = Date.now()): Promise<Board> {
  const village = await db.organisation.findUnique({ where: { id: villageId } });
  if (!village || village.kind !== 'VILLAGE') throw notFound(`Village ${villageId}`);
  const town = village.parentId ? await db.organisation.findUnique({ where: { id: village.parentId } }) : null;
  const since = new Date(nowMs - RECENT_DAYS * 86_400_000);
  const rows = await db.processRecord.findMany({
    where: {
      processType: 'majorMatterDecision',
      villageId,
      OR: [
        { status: 'RUNNING', step: { in: ['RESOLUTION_DISCLOSURE', 'RESULT_DISCLOSURE'] } },
        { status: { not: 'RUNNING' }, updatedAt: { gte: since } },
      ],
    },
    orderBy: { updatedAt: 'desc' },
    take: MAX_ENTRIES,
  });
  // What the village's people read of each matter (its public projection), and no more.
  const views = rows.map((r) => publicMajorMatter(JSON.parse(r.state) as MajorMatterView));
  return {
    villageId,
    villageName: village.name,
    townName: town?.name ?? '',
    updatedAt: rows.length ? new Date(Math.max(...rows.map((r) => r.updatedAt.getTime()))).toISOString() : null,
    underDisclosure: views.filter((v) => v.status === 'RUNNING').map(entryOf),
    // Only what was posted: a matter declined before any disclosure never was on the board.
    recentlyClosed: views.filter((v) => v.status !== 'RUNNING' && v.details.disclosures.length > 0).map(entryOf),
    howToObject: HOW_TO_OBJECT,
  };
}

const yuan = (amount: number) => `${amount.toLocaleString('en-US')} 元`;

function article(entry: BoardEntry): SafeHtml {
  const r = entry.resolution;
  const d = entry.disclosure;
  return html`<article>
    <h3>${entry.title}</h3>
    <dl>
      <dt>状态</dt>
      <dd>${entry.stageLabel}</dd>
      <dt>事项类别</dt>
      <dd>${entry.kindLabel}</dd>
      <dt>预计金额</dt>
      <dd>${yuan(entry.estimatedAmount)}</dd>
      <dt>决议内容</dt>
      <dd>${entry.resolutionText}（第${entry.proposalVersion}稿）</dd>
      ${
        r &&
        html`<dt>决议会议</dt>
          <dd>${r.meetingDate} ${r.meetingName}</dd>
          <dt>表决情况</dt>
          <dd>
            应到${r.expected}人，实到${r.present}人${r.householdsPresent !== null ? html`，到会${r.householdsPresent}户` : ''}；赞成${r.votesFor}票，反对${r.votesAgainst}票，弃权${r.abstentions}票
          </dd>`
      }
      ${
        d &&
        html`<dt>${d.kind === 'RESOLUTION' ? '决议公示期' : '结果公示期'}</dt>
          <dd>${beijingTime(d.startsAt)} 至 ${beijingTime(d.endsAt)}${d.heldOpen ? '（异议答复前继续公示）' : ''}</dd>`
      }
      <dt>异议</dt>
      <dd>收到${entry.objections.received}件，已答复${entry.objections.answered}件</dd>
      ${
        entry.result &&
        html`<dt>实施结果</dt>
          <dd>${entry.result}</dd>`
      }
      ${
        entry.outcome &&
        entry.stage !== 'COMPLETED' &&
        html`<dt>结果</dt>
          <dd>${entry.outcome}</dd>`
      }
    </dl>
  </article>`;
}

function section(heading: string, entries: BoardEntry[], empty: string): SafeHtml {
  return html`<section>
    <h2>${heading}</h2>
    ${entries.length ? entries.map(article) : html`<p class="empty">${empty}</p>`}
  </section>`;
}

/** The board as a page: Chinese, mobile, escaped. */
export function renderBoard(board: Board): string {
  const body = html`${section('公示中', board.underDisclosure, '目前没有公示中的事项。')}${section('近期已办结', board.recentlyClosed, `近${RECENT_DAYS}天没有办结的事项。`)}
    <section>
      <h2>如何提出异议</h2>
      <p>${board.howToObject}</p>
    </section>`;
  return page({
    title: `${board.villageName}村务公开栏`,
    subtitle: `${board.townName} · 五议两公开 重大事项`,
    body,
    footer: board.updatedAt ? `更新时间 ${beijingTime(board.updatedAt)}（北京时间）` : undefined,
  });
}
