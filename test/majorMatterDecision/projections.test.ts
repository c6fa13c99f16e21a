// majorMatterDecision's projections (docs/processes.md §0.9, §3), pure: protected voices.
import type { Reader, ReaderKind } from '../../workflows/common/projection';
import type { Role } from '../../workflows/common/roles';
import type { MajorMatterView } from '../../workflows/majorMatterDecision/contract';
import { majorMatterProjections, publicMajorMatter } from '../../workflows/majorMatterDecision/projections';

const VILLAGE = 'xingcun.qiaotou.dongshan';
const at = '2026-11-20T00:00:00.000Z';

function view(protectIdentity?: boolean): MajorMatterView {
  const suggestion = {
    title: '修桥',
    description: 'd',
    reason: 'r',
    kind: 'PUBLIC_WORKS' as const,
    estimatedAmount: 1,
    ...(protectIdentity !== undefined && { protectIdentity }),
    at,
  };
  const person = (personId: string, role: Role) => ({ personId, name: `${personId}-name`, role, orgId: VILLAGE });
  return {
    processType: 'majorMatterDecision',
    workflowId: 'matter-x--1',
    title: '修桥',
    countyId: 'xingcun',
    townId: 'xingcun.qiaotou',
    villageId: VILLAGE,
    step: 'RESOLUTION_DISCLOSURE',
    status: 'RUNNING',
    nextActors: [],
    overdue: false,
    startedAt: at,
    updatedAt: at,
    record: [
      { seq: 1, at, step: 'SUGGEST', actor: person('p.suggester', 'VILLAGER'), summary: 'Suggested', data: suggestion },
      { seq: 2, at, step: 'OBJECTION', actor: person('p.objector', 'PARTY_MEMBER'), summary: 'Objection #1', data: { text: '太贵' } },
      { seq: 3, at, step: 'CONCERN', actor: person('p.supervisor', 'SUPERVISOR'), summary: 'Concern #1', data: { text: '通知未到' } },
    ],
    details: {
      townId: 'xingcun.qiaotou',
      suggestion,
      proposal: [],
      meetings: [],
      disclosures: [],
      objections: [{ seq: 1, text: '太贵', disclosure: 1, at, personId: 'p.objector' }],
      concerns: [{ seq: 1, text: '通知未到', step: 'RESOLVE', at, personId: 'p.supervisor' }],
      returns: [],
      progress: [{ text: '完工', completed: true, evidenceRefs: ['photo-9'], at, personId: 'p.cadre' }],
      townOrders: [],
    },
  };
}

const reader = (kind: ReaderKind, roles: [Role, string][]): Reader => ({
  kind,
  personId: 'r',
  roles: roles.map(([role, orgId]) => ({ role, orgId })),
  now: at,
});
const read = (kind: 'staff' | 'subject', v: MajorMatterView, r: Reader) => JSON.stringify(majorMatterProjections[kind]!.project(v, r));

test('who objected or raised a concern is read by the village secretary alone, with auditors (whole view)', () => {
  for (const [kind, r] of [
    ['staff', reader('staff', [['TOWN_REVIEWER', 'xingcun.qiaotou']])],
    ['subject', reader('subject', [['VILLAGE_CADRE', VILLAGE]])],
    ['subject', reader('subject', [['SUPERVISOR', VILLAGE]])],
  ] as const) {
    const text = read(kind, view(), r);
    expect([text.includes('p.objector'), text.includes('p.supervisor'), text.includes('太贵'), text.includes('p.suggester')]).toEqual([
      false,
      false,
      true,
      true,
    ]);
  }
  const secretary = read('subject', view(), reader('subject', [['VILLAGE_SECRETARY', VILLAGE]]));
  expect([secretary.includes('p.objector'), secretary.includes('p.supervisor')]).toEqual([true, true]);
  expect(majorMatterProjections.auditor).toBeUndefined(); // auditors: the whole view
});

test('a suggester who asked for it is known to the village secretary alone', () => {
  expect(read('staff', view(true), reader('staff', [['TOWN_REVIEWER', 'xingcun.qiaotou']]))).not.toContain('p.suggester');
  expect(read('subject', view(true), reader('subject', [['VILLAGE_SECRETARY', VILLAGE]]))).toContain('p.suggester');
});

test('the public reads the voices and what was done, no person and no evidence', () => {
  const text = JSON.stringify(publicMajorMatter(view(false)));
  for (const hidden of ['p.objector', 'p.supervisor', 'p.suggester', 'p.cadre', 'photo-9', '-name']) expect(text).not.toContain(hidden);
  for (const shown of ['太贵', '通知未到', '完工']) expect(text).toContain(shown);
});
