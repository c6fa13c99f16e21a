// The demo county 兴村县 (Xingcun County): a fictional county shaped like the ones in the seed
// articles (Shaoxing, Wanzai, Gaoping). Ids are readable pinyin slugs joined with dots.

export const COUNTY_ID = 'xingcun';
export const COORDINATION_OFFICE_ID = 'xingcun.coord-office';

export type OrgKind = 'COUNTY' | 'TOWN' | 'VILLAGE' | 'GRID' | 'DEPARTMENT' | 'STATION' | 'COORDINATION_OFFICE';

/** One Organisation row, plus an English name kept in the data for readers (not stored). */
export interface OrgSeed {
  id: string;
  kind: OrgKind;
  /** Chinese name, as stored. */
  name: string;
  /** Pinyin / English, for readers of the data. */
  en: string;
  parentId: string | null;
  countyId: string;
}

/** County departments that push work down to villages (县直部门 / 条线部门). */
export const departments = [
  { slug: 'organisation', name: '中共兴村县委组织部', en: 'Organisation Department of the County Party Committee' },
  { slug: 'propaganda', name: '中共兴村县委宣传部', en: 'Publicity Department of the County Party Committee' },
  { slug: 'political-legal', name: '中共兴村县委政法委员会', en: 'Political and Legal Affairs Commission' },
  { slug: 'social-work', name: '中共兴村县委社会工作部', en: 'Social Work Department of the County Party Committee' },
  { slug: 'discipline-inspection', name: '兴村县纪委县监委', en: 'County Commission for Discipline Inspection and Supervisory Commission' },
  { slug: 'audit', name: '兴村县审计局', en: 'County Audit Bureau' },
  { slug: 'civil-affairs', name: '兴村县民政局', en: 'Civil Affairs Bureau' },
  { slug: 'agriculture-rural', name: '兴村县农业农村局', en: 'Agriculture and Rural Affairs Bureau' },
  { slug: 'natural-resources', name: '兴村县自然资源和规划局', en: 'Natural Resources and Planning Bureau' },
  { slug: 'ecology-environment', name: '兴村县生态环境局', en: 'Ecology and Environment Bureau' },
  { slug: 'emergency-management', name: '兴村县应急管理局', en: 'Emergency Management Bureau' },
  { slug: 'health', name: '兴村县卫生健康局', en: 'Health Bureau' },
  { slug: 'human-resources', name: '兴村县人力资源和社会保障局', en: 'Human Resources and Social Security Bureau' },
  { slug: 'market-supervision', name: '兴村县市场监督管理局', en: 'Market Supervision Administration' },
  { slug: 'public-security', name: '兴村县公安局', en: 'Public Security Bureau' },
  { slug: 'statistics', name: '兴村县统计局', en: 'Statistics Bureau' },
  { slug: 'housing-construction', name: '兴村县住房和城乡建设局', en: 'Housing and Urban-Rural Development Bureau' },
  { slug: 'water-resources', name: '兴村县水利局', en: 'Water Resources Bureau' },
  { slug: 'justice', name: '兴村县司法局', en: 'Justice Bureau' },
  { slug: 'veterans-affairs', name: '兴村县退役军人事务局', en: 'Veterans Affairs Bureau' },
  { slug: 'medical-security', name: '兴村县医疗保障局', en: 'Medical Security Bureau' },
  { slug: 'education', name: '兴村县教育局', en: 'Education Bureau' },
  { slug: 'armed-forces', name: '兴村县人民武装部', en: "County People's Armed Forces Department" },
  { slug: 'fire-rescue', name: '兴村县消防救援大队', en: 'County Fire and Rescue Brigade' },
  { slug: 'disabled-persons', name: '兴村县残疾人联合会', en: "County Disabled Persons' Federation" },
  { slug: 'comprehensive-enforcement', name: '兴村县综合行政执法局', en: 'Comprehensive Administrative Law Enforcement Bureau' },
] as const;

export type DepartmentSlug = (typeof departments)[number]['slug'];

export function departmentId(slug: DepartmentSlug): string {
  return `${COUNTY_ID}.dept.${slug}`;
}

interface VillageSeed {
  slug: string;
  name: string;
  en: string;
}

interface TownSeed {
  slug: string;
  name: string;
  en: string;
  villages: VillageSeed[];
}

/** Towns (镇 / 乡 / 街道) and their villages (村 / 社区). */
export const towns: TownSeed[] = [
  {
    slug: 'qiaotou',
    name: '桥头镇',
    en: 'Qiaotou Town',
    villages: [
      { slug: 'dongshan', name: '东山村', en: 'Dongshan Village' },
      { slug: 'nantang', name: '南塘村', en: 'Nantang Village' },
      { slug: 'xixi', name: '西溪村', en: 'Xixi Village' },
      { slug: 'beiling', name: '北岭村', en: 'Beiling Village' },
    ],
  },
  {
    slug: 'xikou',
    name: '溪口镇',
    en: 'Xikou Town',
    villages: [
      { slug: 'jinxi', name: '金溪村', en: 'Jinxi Village' },
      { slug: 'shangao', name: '上岙村', en: "Shang'ao Village" },
      { slug: 'zhulin', name: '竹林村', en: 'Zhulin Village' },
      { slug: 'shimen', name: '石门村', en: 'Shimen Village' },
    ],
  },
  {
    slug: 'fenglin',
    name: '枫林街道',
    en: 'Fenglin Sub-district',
    villages: [
      { slug: 'xiawan', name: '霞湾村', en: 'Xiawan Village' },
      { slug: 'liutang', name: '柳塘村', en: 'Liutang Village' },
      { slug: 'qingshi', name: '青石村', en: 'Qingshi Village' },
      { slug: 'xinjie', name: '新街社区', en: 'Xinjie Community' },
    ],
  },
];

export const GRIDS_PER_VILLAGE = 2;

export function townId(town: string): string {
  return `${COUNTY_ID}.${town}`;
}

export function villageId(town: string, village: string): string {
  return `${COUNTY_ID}.${town}.${village}`;
}

export function gridId(town: string, village: string, n: number): string {
  return `${villageId(town, village)}.g${n}`;
}

export function stationId(town: string): string {
  return `${townId(town)}.station.law-enforcement`;
}

const CHINESE_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九'];

function buildOrganisations(): OrgSeed[] {
  const org = (id: string, kind: OrgKind, name: string, en: string, parentId: string | null): OrgSeed => ({
    id,
    kind,
    name,
    en,
    parentId,
    countyId: COUNTY_ID,
  });
  const rows: OrgSeed[] = [
    org(COUNTY_ID, 'COUNTY', '兴村县', 'Xingcun County', null),
    org(
      COORDINATION_OFFICE_ID,
      'COORDINATION_OFFICE',
      '兴村县规范村级组织工作事务协调小组办公室',
      'Office of the County Coordination Group for Regulating Village-level Organisation Work',
      COUNTY_ID,
    ),
    ...departments.map((d) => org(departmentId(d.slug), 'DEPARTMENT', d.name, d.en, COUNTY_ID)),
  ];
  for (const town of towns) {
    rows.push(org(townId(town.slug), 'TOWN', town.name, town.en, COUNTY_ID));
    rows.push(
      org(
        stationId(town.slug),
        'STATION',
        `${town.name}综合行政执法队`,
        `${town.en} Comprehensive Law-Enforcement Team`,
        townId(town.slug),
      ),
    );
    for (const village of town.villages) {
      const vid = villageId(town.slug, village.slug);
      rows.push(org(vid, 'VILLAGE', village.name, village.en, townId(town.slug)));
      for (let n = 1; n <= GRIDS_PER_VILLAGE; n++) {
        rows.push(
          org(
            gridId(town.slug, village.slug, n),
            'GRID',
            `${village.name}第${CHINESE_ORDINALS[n - 1]}网格`,
            `${village.en} Grid ${n}`,
            vid,
          ),
        );
      }
    }
  }
  return rows;
}

/** Every organisation of the demo county, parents before children. */
export const organisations: OrgSeed[] = buildOrganisations();
