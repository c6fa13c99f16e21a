// A dispatch's screening flags, on top of its view where a front-end looks first.
import { dispatchViewSchema, presentDispatch } from '../../processes/taskDispatch/api';
import type { DispatchScreening, DispatchView } from '../../workflows/taskDispatch/contract';

const view = (screening?: DispatchScreening): DispatchView => ({
  processType: 'taskDispatch',
  workflowId: 'dispatch-xingcun.qiaotou-r1',
  title: '老年人优待证集中办理',
  countyId: 'xingcun',
  townId: 'xingcun.qiaotou',
  step: screening ? 'REVIEW' : 'SCREENING',
  status: 'RUNNING',
  nextActors: [],
  overdue: false,
  startedAt: '2026-11-23T00:00:00.000Z',
  updatedAt: '2026-11-23T00:00:00.000Z',
  record: [],
  details: {
    townId: 'xingcun.qiaotou',
    dispatcherOrgId: 'xingcun.qiaotou',
    content: {
      title: '老年人优待证集中办理',
      villageIds: ['xingcun.qiaotou.dongshan'],
      requirements: '办理',
      deliverables: [],
      acceptanceCriteria: '',
      deadline: '2026-11-24T00:00:00.000Z',
      supportingOrgIds: [],
      majorMatter: false,
    },
    screening,
    reviews: [],
    villages: [],
  },
});

test.each<[string, DispatchScreening | undefined, string[]]>([
  ['not yet screened', undefined, []],
  ['clear', { catalogue: 'IN_CATALOGUE', duplicates: [], unclear: [] }, []],
  ['admitted once', { catalogue: 'ADMITTED_ONCE', duplicates: [], unclear: [] }, []],
  ['out of list, no code', { catalogue: 'NO_CODE', duplicates: [], unclear: [] }, ['OUT_OF_LIST']],
  [
    'all three',
    {
      catalogue: 'UNKNOWN',
      duplicates: [{ villageId: 'xingcun.qiaotou.dongshan', workflowId: 'dispatch-xingcun.qiaotou-r0--xingcun.qiaotou.dongshan' }],
      unclear: ['NO_DELIVERABLES', 'DEADLINE_TOO_CLOSE'],
    },
    ['DUPLICATE', 'OUT_OF_LIST', 'UNCLEAR'],
  ],
])('%s: the flags on top, and the view fits its schema', (_name, screening, flags) => {
  const presented = presentDispatch(view(screening));
  expect(presented.screeningFlags).toEqual(flags);
  expect(dispatchViewSchema.safeParse(presented).success).toBe(true);
});
