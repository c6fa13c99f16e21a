// People of the demo county and the roles they act in. Ids say who a person is:
// p.<town>.<village>.<post> in villages, p.<town>.<post> in towns, p.dept.<dept>.<post> in departments.
import { townCadres } from './cadres';
import type { PersonSeed, RoleSeed } from './person-seed';
import { COORDINATION_OFFICE_ID, COUNTY_ID, departmentId, gridId, townId, towns, villageId } from './organisations';

/** The people of one village, by post. */
interface VillageFolk {
  secretary: string;
  cadres: [string, string];
  gridMembers: [string, string];
  supervisor: string;
  partyMember: string;
  villager: string;
}

/** Names per town, then per village (order as in organisations.ts). */
const villageFolk: Record<string, Record<string, VillageFolk>> = {
  qiaotou: {
    dongshan: { secretary: '陈建国', cadres: ['陈丽萍', '王志强'], gridMembers: ['陈小燕', '李国平'], supervisor: '陈德明', partyMember: '王桂英', villager: '陈阿福' },
    nantang: { secretary: '周卫东', cadres: ['周晓红', '胡永强'], gridMembers: ['周美娟', '徐建平'], supervisor: '周兴华', partyMember: '胡秀兰', villager: '周根土' },
    xixi: { secretary: '楼海军', cadres: ['楼雅琴', '何晓东'], gridMembers: ['楼慧芳', '宣伟'], supervisor: '楼志刚', partyMember: '何月娥', villager: '楼福根' },
    beiling: { secretary: '章国庆', cadres: ['章海燕', '俞斌'], gridMembers: ['章红梅', '孙立新'], supervisor: '章宝林', partyMember: '俞金花', villager: '章水生' },
  },
  xikou: {
    jinxi: { secretary: '金伟明', cadres: ['金晓敏', '沈国华'], gridMembers: ['金丽娟', '钱军'], supervisor: '金长法', partyMember: '沈彩凤', villager: '金阿毛' },
    shangao: { secretary: '孟建军', cadres: ['孟燕飞', '吴海峰'], gridMembers: ['孟佳佳', '蒋志良'], supervisor: '孟庆丰', partyMember: '吴菊芳', villager: '孟土根' },
    zhulin: { secretary: '竺永平', cadres: ['竺巧玲', '赵国强'], gridMembers: ['竺丹丹', '冯建林'], supervisor: '竺荣华', partyMember: '赵月仙', villager: '竺炳林' },
    shimen: { secretary: '屠立峰', cadres: ['屠雪芬', '马洪涛'], gridMembers: ['屠婷婷', '葛文斌'], supervisor: '屠光明', partyMember: '马兰英', villager: '屠阿三' },
  },
  fenglin: {
    xiawan: { secretary: '谢晓峰', cadres: ['谢丽华', '罗建新'], gridMembers: ['谢静', '邵明辉'], supervisor: '谢长春', partyMember: '罗秀珍', villager: '谢根宝' },
    liutang: { secretary: '柳志华', cadres: ['柳春燕', '汪海波'], gridMembers: ['柳欣怡', '郑宏伟'], supervisor: '柳宝庆', partyMember: '汪桂芳', villager: '柳水根' },
    qingshi: { secretary: '石磊', cadres: ['石晓丽', '潘永明'], gridMembers: ['石倩', '方卫国'], supervisor: '石金福', partyMember: '潘凤娇', villager: '石阿根' },
    xinjie: { secretary: '蔡雯', cadres: ['黄伟', '林晓雪'], gridMembers: ['朱斌', '高建华'], supervisor: '林国栋', partyMember: '黄秀英', villager: '许佳琪' },
  },
};

/** Per town: the deputy head who dispatches (分管领导) and the deputy party secretary who reviews. */
const townLeaders: Record<string, { dispatcher: [string, string]; reviewer: [string, string] }> = {
  qiaotou: { dispatcher: ['钱志远', '桥头镇副镇长'], reviewer: ['徐晓军', '桥头镇党委副书记'] },
  xikou: { dispatcher: ['杨海明', '溪口镇副镇长'], reviewer: ['丁慧', '溪口镇党委副书记'] },
  fenglin: { dispatcher: ['许文涛', '枫林街道办事处副主任'], reviewer: ['袁丽君', '枫林街道党工委副书记'] },
};

const person = (id: string, name: string, title: string, ...roles: RoleSeed[]): PersonSeed => ({ id, name, title, roles });

function buildPeople(): PersonSeed[] {
  const rows: PersonSeed[] = [];
  for (const town of towns) {
    const leaders = townLeaders[town.slug];
    const tid = townId(town.slug);
    rows.push(
      person(`p.${town.slug}.dispatcher`, leaders.dispatcher[0], leaders.dispatcher[1], { role: 'DISPATCHER', orgId: tid }),
      person(`p.${town.slug}.reviewer`, leaders.reviewer[0], leaders.reviewer[1], { role: 'TOWN_REVIEWER', orgId: tid }),
    );
    for (const village of town.villages) {
      const folk = villageFolk[town.slug][village.slug];
      const vid = villageId(town.slug, village.slug);
      const p = `p.${town.slug}.${village.slug}`;
      const v = village.name;
      rows.push(
        person(`${p}.secretary`, folk.secretary, `${v}党组织书记`, { role: 'VILLAGE_SECRETARY', orgId: vid }),
        ...folk.cadres.map((name, i) =>
          person(`${p}.cadre${i + 1}`, name, `${v}村干部`, { role: 'VILLAGE_CADRE', orgId: vid }),
        ),
        ...folk.gridMembers.map((name, i) =>
          person(`${p}.grid${i + 1}`, name, `${v}第${i === 0 ? '一' : '二'}网格网格员`, {
            role: 'GRID_MEMBER',
            orgId: gridId(town.slug, village.slug, i + 1),
          }),
        ),
        person(`${p}.supervisor`, folk.supervisor, `${v}村务监督委员会主任`, { role: 'SUPERVISOR', orgId: vid }),
        person(`${p}.party-member`, folk.partyMember, `${v}党员`, { role: 'PARTY_MEMBER', orgId: vid }),
        person(`${p}.villager`, folk.villager, `${v}村民`, { role: 'VILLAGER', orgId: vid }),
      );
    }
  }
  rows.push(
    // Department cadres who apply for admission and dispatch their line's work (条线干部).
    person('p.dept.civil-affairs.dispatcher', '吴红霞', '县民政局社会救助科科长', {
      role: 'DISPATCHER',
      orgId: departmentId('civil-affairs'),
    }),
    person('p.dept.agriculture-rural.dispatcher', '张振华', '县农业农村局农村社会事业促进科科长', {
      role: 'DISPATCHER',
      orgId: departmentId('agriculture-rural'),
    }),
    person('p.dept.ecology-environment.dispatcher', '郑晓明', '县生态环境局综合科科长', {
      role: 'DISPATCHER',
      orgId: departmentId('ecology-environment'),
    }),
    // The coordination office admits out-of-list work (准入).
    person('p.coord-office.reviewer1', '韩立新', '县协调小组办公室主任', { role: 'ADMISSION_REVIEWER', orgId: COORDINATION_OFFICE_ID }),
    person('p.coord-office.reviewer2', '邱雅婷', '县协调小组办公室审核员', { role: 'ADMISSION_REVIEWER', orgId: COORDINATION_OFFICE_ID }),
    // County-level bid evaluation panel (揭榜挂帅评审组).
    person('p.county.panel1', '鲁建平', '评审组成员（县农业农村局副局长）', { role: 'PANEL_MEMBER', orgId: COUNTY_ID }),
    person('p.county.panel2', '范晓梅', '评审组成员（县财政局副局长）', { role: 'PANEL_MEMBER', orgId: COUNTY_ID }),
    person('p.county.panel3', '陶国良', '评审组成员（县委社会工作部副部长）', { role: 'PANEL_MEMBER', orgId: COUNTY_ID }),
    // Secondment review, approval and clawback.
    person('p.dept.organisation.reviewer', '程卫国', '县委组织部干部监督科科长', {
      role: 'ORG_DEPARTMENT',
      orgId: departmentId('organisation'),
    }),
    person('p.county.approver', '严志刚', '县委副书记', { role: 'APPROVER', orgId: COUNTY_ID }),
    person('p.dept.discipline-inspection.inspector', '贺晓东', '县纪委县监委第三监督检查室主任', {
      role: 'INSPECTOR',
      orgId: departmentId('discipline-inspection'),
    }),
    person('p.dept.audit.auditor', '唐敏', '县审计局经济责任审计科科长', { role: 'AUDITOR', orgId: departmentId('audit') }),
    person('p.county.operator', '骆俊', '县大数据发展中心运维工程师', { role: 'OPERATOR', orgId: COUNTY_ID }),
  );
  // 揭榜挂帅: a panel member who is also a villager of Dongshan (tied to its bids: may not score them).
  rows.push(
    person('p.county.panel4', '沈立群', '评审组成员（县住房和城乡建设局副局长，东山村村民）', { role: 'PANEL_MEMBER', orgId: COUNTY_ID }, { role: 'VILLAGER', orgId: villageId('qiaotou', 'dongshan') }),
  );
  return rows;
}

/** Every person of the demo county, each with the roles held (township cadres of the secondment data included). */
export const people: PersonSeed[] = [...buildPeople(), ...townCadres.map(({ id, name, title, roles }) => person(id, name, title, ...roles))];
