// A process's timeline as a page an auditor prints (全过程记录): in Chinese, Beijing time, every
// recorded step and refused attempt in order, with who, under which rule, and the linked processes.
import { ROLE_LABELS } from '../../workflows/common/roles';
import type { ActedAs } from '../../workflows/common/actor';
import type { Timeline } from '../timeline';
import { beijingTime, html, page, type SafeHtml } from './page';

type Entry = Timeline['entries'][number];

function who(actor: Partial<ActedAs> | undefined): string {
  if (!actor?.role) return '系统';
  const role = ROLE_LABELS[actor.role] ?? actor.role;
  return `${actor.name ?? '（不公开）'} · ${role} · ${actor.orgName ?? actor.orgId ?? ''}`;
}

function row(entry: Entry): SafeHtml {
  if (entry.kind === 'STEP') {
    return html`<tr>
      <td>${beijingTime(entry.at, true)}</td>
      <td>${entry.seq}. ${entry.step}</td>
      <td>${who(entry.actor as Partial<ActedAs> | undefined)}</td>
      <td>${entry.rule ?? ''}</td>
      <td>${entry.summary}</td>
    </tr>`;
  }
  return html`<tr class="refused">
    <td>${beijingTime(entry.at, true)}</td>
    <td>拒绝：${entry.action}</td>
    <td>${entry.personId}（${entry.roles}）</td>
    <td>${entry.rule ?? entry.reasonCode}</td>
    <td>${entry.reason?.zh ?? entry.detail}</td>
  </tr>`;
}

function links(timeline: Timeline): SafeHtml {
  const link = (l: { workflowId: string; processType: string | null; status: string | null }) =>
    html`<li>${l.workflowId}（${l.processType ?? '未知类型'}，${l.status ?? '状态未知'}）</li>`;
  return html`<dt>发起它的流程</dt>
    <dd>
      ${
        timeline.startedBy
          ? html`<ul>
              ${link(timeline.startedBy)}
            </ul>`
          : '无'
      }
    </dd>
    <dt>它发起的流程</dt>
    <dd>
      ${
        timeline.started.length
          ? html`<ul>
              ${timeline.started.map(link)}
            </ul>`
          : '无'
      }
    </dd>`;
}

export function renderTimeline(timeline: Timeline): string {
  const steps = timeline.entries.filter((e) => e.kind === 'STEP').length;
  const body = html`<section>
      <h2>基本信息</h2>
      <dl>
        <dt>流程编号</dt>
        <dd>${timeline.workflowId}</dd>
        <dt>流程类型</dt>
        <dd>${timeline.processType}</dd>
        <dt>当前步骤</dt>
        <dd>${timeline.step}（${timeline.status}）</dd>
        <dt>适用规则集</dt>
        <dd>${timeline.rules ? `${timeline.rules.ruleSetId} 第${timeline.rules.version}版` : '无'}</dd>
        <dt>运行</dt>
        <dd>
          <ul>
            ${timeline.runs.map((r) => html`<li>${r.runId}：${beijingTime(r.startedAt, true)} 起${r.closedAt ? `，${beijingTime(r.closedAt, true)} 止` : ''}（${r.status}）</li>`)}
          </ul>
        </dd>
        ${links(timeline)}
      </dl>
    </section>
    <section>
      <h2>全过程记录（${steps}个步骤，${timeline.entries.length - steps}次被拒绝的操作）</h2>
      <table>
        <thead>
          <tr>
            <th>时间（北京时间）</th>
            <th>步骤</th>
            <th>办理人</th>
            <th>依据</th>
            <th>说明</th>
          </tr>
        </thead>
        <tbody>
          ${timeline.entries.map(row)}
        </tbody>
      </table>
    </section>`;
  return page({
    title: `${timeline.title} · 全过程记录`,
    subtitle: `${timeline.countyId} · ${timeline.workflowId}`,
    body,
    footer: '本记录由系统依流程历史生成，供审计查阅与打印',
  });
}
