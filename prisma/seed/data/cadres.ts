// Cadres as the secondment rules read them (借调): the unit each serves, the category and since when, and
// the secondments some of them already had. Shaped on the seed article 004 (会昌县): a township cadre
// borrowed three times by county offices, and the clean-up that brought such cadres back.
// Dates are relative to the moment of seeding, so cool-downs and years of service read the same on any day.
import type { PersonSeed } from './person-seed';
import { COUNTY_ID, departmentId, townId, villageId } from './organisations';

export type CadreCategory = 'ORDINARY_CADRE' | 'PROBATIONARY_LEADER' | 'LEADERSHIP_MEMBER' | 'SELECTED_GRADUATE' | 'NEW_RECRUIT';

export interface CadreSeed {
  personId: string;
  unitId: string;
  category: CadreCategory;
  /** Months before seeding: hire date, start date, start of probation or of the post. */
  sinceMonthsAgo: number;
}

export interface PastSecondmentSeed {
  id: string;
  personId: string;
  sourceUnitId: string;
  borrowingUnitId: string;
  startedMonthsAgo: number;
  returnedMonthsAgo: number;
}

const QIAOTOU = townId('qiaotou');
const XIKOU = townId('xikou');
const FENGLIN = townId('fenglin');

/** Township people who are not in the dispatch seed; township line cadres dispatch their line's work (条线干部). */
export const townCadres: (PersonSeed & { category: CadreCategory; sinceMonthsAgo: number })[] = [
  { id: 'p.qiaotou.cadre.deng', name: '邓国清', title: '桥头镇农业农村办干部', category: 'ORDINARY_CADRE', sinceMonthsAgo: 150, roles: [{ role: 'DISPATCHER', orgId: QIAOTOU }] },
  { id: 'p.qiaotou.cadre.li', name: '李晓梅', title: '桥头镇党政办干部（去年借调县委办，今年初归位）', category: 'ORDINARY_CADRE', sinceMonthsAgo: 96, roles: [{ role: 'DISPATCHER', orgId: QIAOTOU }] },
  { id: 'p.qiaotou.cadre.wang', name: '王建军', title: '桥头镇社会事务办干部（三年前借调归位）', category: 'ORDINARY_CADRE', sinceMonthsAgo: 120, roles: [{ role: 'DISPATCHER', orgId: QIAOTOU }] },
  { id: 'p.qiaotou.recruit', name: '赵宇', title: '桥头镇新录用公务员', category: 'NEW_RECRUIT', sinceMonthsAgo: 15, roles: [{ role: 'DISPATCHER', orgId: QIAOTOU }] },
  { id: 'p.qiaotou.graduate', name: '孙悦', title: '桥头镇选调生', category: 'SELECTED_GRADUATE', sinceMonthsAgo: 14, roles: [{ role: 'DISPATCHER', orgId: QIAOTOU }] },
  { id: 'p.qiaotou.deputy-head', name: '刘洋', title: '桥头镇副镇长（新提任，试用期）', category: 'PROBATIONARY_LEADER', sinceMonthsAgo: 4, roles: [{ role: 'DISPATCHER', orgId: QIAOTOU }] },
  { id: 'p.xikou.cadre.hu', name: '胡志明', title: '溪口镇经济发展办干部', category: 'ORDINARY_CADRE', sinceMonthsAgo: 110, roles: [{ role: 'DISPATCHER', orgId: XIKOU }] },
  { id: 'p.xikou.graduate', name: '陈思远', title: '溪口镇选调生（第四年）', category: 'SELECTED_GRADUATE', sinceMonthsAgo: 40, roles: [{ role: 'DISPATCHER', orgId: XIKOU }] },
  { id: 'p.fenglin.cadre.xu', name: '徐慧敏', title: '枫林街道综治中心干部', category: 'ORDINARY_CADRE', sinceMonthsAgo: 84, roles: [{ role: 'DISPATCHER', orgId: FENGLIN }] },
  { id: 'p.fenglin.recruit', name: '吕博文', title: '枫林街道新录用公务员（第四年）', category: 'NEW_RECRUIT', sinceMonthsAgo: 44, roles: [{ role: 'DISPATCHER', orgId: FENGLIN }] },
];

/** Leadership members among the people already seeded: the towns' deputy party secretaries. */
const leaders: CadreSeed[] = ['qiaotou', 'xikou', 'fenglin'].map((t) => ({ personId: `p.${t}.reviewer`, unitId: townId(t), category: 'LEADERSHIP_MEMBER', sinceMonthsAgo: 60 }));

/** Every village cadre seeded for dispatch is an ordinary cadre of the village. */
const villageCadres: CadreSeed[] = [
  ['qiaotou', ['dongshan', 'nantang', 'xixi', 'beiling']],
  ['xikou', ['jinxi', 'shangao', 'zhulin', 'shimen']],
  ['fenglin', ['xiawan', 'liutang', 'qingshi', 'xinjie']],
].flatMap(([town, villages]) =>
  (villages as string[]).flatMap((v) => [1, 2].map((n) => ({ personId: `p.${town as string}.${v}.cadre${n}`, unitId: villageId(town as string, v), category: 'ORDINARY_CADRE' as const, sinceMonthsAgo: 36 + 12 * n }))),
);

export const cadres: CadreSeed[] = [
  ...townCadres.map((c) => ({ personId: c.id, unitId: c.roles[0].orgId, category: c.category, sinceMonthsAgo: c.sinceMonthsAgo })),
  ...leaders,
  ...villageCadres,
];

/** Secondments that ended before the platform: the cool-down reads them. */
export const pastSecondments: PastSecondmentSeed[] = [
  { id: `census-${COUNTY_ID}-2025-001`, personId: 'p.qiaotou.cadre.li', sourceUnitId: QIAOTOU, borrowingUnitId: departmentId('propaganda'), startedMonthsAgo: 15, returnedMonthsAgo: 9 },
  { id: `census-${COUNTY_ID}-2023-001`, personId: 'p.qiaotou.cadre.wang', sourceUnitId: QIAOTOU, borrowingUnitId: departmentId('statistics'), startedMonthsAgo: 42, returnedMonthsAgo: 36 },
  { id: `census-${COUNTY_ID}-2022-001`, personId: 'p.qiaotou.cadre.deng', sourceUnitId: QIAOTOU, borrowingUnitId: departmentId('agriculture-rural'), startedMonthsAgo: 54, returnedMonthsAgo: 48 },
];

/** `months` before `now`, as a date. */
export function monthsAgo(now: Date, months: number): Date {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}
