// The demo county's lists: the work-item catalogue in force (涉村工作事项清单), the negative list
// (负面事项清单) and the certificate lists (证明事项清单). Content follows the seed articles: the
// Shaoxing catalogue splits broad duties into concrete items (e.g. 办理老年优待证), Gaoping keeps a
// negative list of 10 items and lists of certificates a village may and may not issue.
// Legal bases are plausible citations for demo data, not legal advice.
import { COUNTY_ID, departmentId, departments, type DepartmentSlug } from './organisations';

export type ItemKind = 'DUTY' | 'ASSIST';

export const CATALOGUE_VERSION_ID = 'xingcun-v1';

export const catalogueVersion = {
  id: CATALOGUE_VERSION_ID,
  countyId: COUNTY_ID,
  version: 1,
  status: 'PUBLISHED',
  effectiveFrom: new Date('2026-01-01T00:00:00.000Z'),
  publishedAt: new Date('2025-12-20T02:00:00.000Z'),
  publishedBy: 'p.coord-office.reviewer1',
  createdAt: new Date('2025-11-03T01:30:00.000Z'),
  createdBy: 'p.coord-office.reviewer1',
  note: '兴村县涉村（社区）工作事项清单（2026年版）：经事项准入审核工作组逐条审查、征求各镇街意见后发布',
};

export interface CatalogueItemSeed {
  screeningCode: string;
  name: string;
  kind: ItemKind;
  legalBasis: string;
  responsibleDepartmentId: string;
  responsibleDepartment: string;
  subItems: string[];
}

const deptName = new Map<string, string>(departments.map((d) => [departmentId(d.slug), d.name]));

function item(
  screeningCode: string,
  kind: ItemKind,
  name: string,
  dept: DepartmentSlug,
  legalBasis: string,
  subItems: string[],
): CatalogueItemSeed {
  const id = departmentId(dept);
  return { screeningCode, name, kind, legalBasis, responsibleDepartmentId: id, responsibleDepartment: deptName.get(id)!, subItems };
}

const ORGANIC_LAW = '《中华人民共和国村民委员会组织法》';
const RURAL_PARTY_REGS = '《中国共产党农村基层组织工作条例》';
const SOCIAL_ASSISTANCE = '《社会救助暂行办法》';

/** 依法履职事项: the village's own duties as a self-governing organisation. */
const dutyItems: CatalogueItemSeed[] = [
  item('XC-DUTY-001', 'DUTY', '村党组织“三会一课”和主题党日', 'organisation', `${RURAL_PARTY_REGS}第九条`, ['召开支部党员大会、支委会和党小组会', '每月开展主题党日活动', '讲授党课']),
  item('XC-DUTY-002', 'DUTY', '发展党员和党员教育管理', 'organisation', `${RURAL_PARTY_REGS}第二十条`, ['入党积极分子培养考察', '流动党员联系管理', '党费收缴']),
  item('XC-DUTY-003', 'DUTY', '召集村民会议和村民代表会议', 'civil-affairs', `${ORGANIC_LAW}第二十一条、第二十五条`, ['提前公告会议议题', '组织会议并形成会议记录', '公布会议决定']),
  item('XC-DUTY-004', 'DUTY', '村级重大事项“五议两公开”决策', 'organisation', `${ORGANIC_LAW}第二十四条`, ['按建议、提议、商议、审议、决议程序议事', '决议公开', '实施结果公开']),
  item('XC-DUTY-005', 'DUTY', '村务公开', 'civil-affairs', `${ORGANIC_LAW}第三十条`, ['每季度公开村务和财务', '重大事项随时公开', '设置村务公开栏']),
  item('XC-DUTY-006', 'DUTY', '支持村务监督委员会开展监督', 'discipline-inspection', `${ORGANIC_LAW}第三十二条`, ['村务监督委员会列席村务联席会议', '提供监督所需资料', '答复监督意见']),
  item('XC-DUTY-007', 'DUTY', '制定和修订村民自治章程、村规民约', 'civil-affairs', `${ORGANIC_LAW}第二十七条`, ['起草修订草案并征求村民意见', '提交村民会议讨论通过', '报乡镇人民政府备案']),
  item('XC-DUTY-008', 'DUTY', '村民委员会换届选举', 'civil-affairs', `${ORGANIC_LAW}第十一条、第十二条`, ['推选村民选举委员会', '选民登记和公布', '组织投票选举']),
  item('XC-DUTY-009', 'DUTY', '城乡社区协商和村民议事', 'civil-affairs', `${ORGANIC_LAW}第二条`, ['收集村民议题', '召开民主协商会议', '公开协商结果']),
  item('XC-DUTY-010', 'DUTY', '人民调解委员会调解民间纠纷', 'justice', '《中华人民共和国人民调解法》第八条', ['排查调处邻里、婚姻家庭纠纷', '制作调解协议书', '重大纠纷上报乡镇']),
  item('XC-DUTY-011', 'DUTY', '农村集体资产、资源、资金管理', 'agriculture-rural', `${ORGANIC_LAW}第八条`, ['集体资产登记和台账管理', '集体资产发包出租按程序公开进行', '村级财务收支审批']),
  item('XC-DUTY-012', 'DUTY', '农村土地承包发包和承包合同管理', 'agriculture-rural', '《中华人民共和国农村土地承包法》第十三条、第十九条', ['拟订承包方案并提交村民会议讨论', '签订承包合同', '承包合同档案管理']),
  item('XC-DUTY-013', 'DUTY', '宅基地申请村级审查', 'agriculture-rural', '《中华人民共和国土地管理法》第六十二条', ['受理村民宅基地申请', '提交村民小组会或村民代表会议讨论', '张榜公示并报乡镇审批']),
  item('XC-DUTY-014', 'DUTY', '发展壮大村级集体经济', 'agriculture-rural', `${ORGANIC_LAW}第八条`, ['制定集体经济发展项目计划', '经营性收入项目管理', '收益分配方案提交村民会议决定']),
  item('XC-DUTY-015', 'DUTY', '村级公益事业“一事一议”筹资筹劳', 'agriculture-rural', `${ORGANIC_LAW}第二十四条`, ['提出议事项目和筹资方案', '村民会议或村民代表会议表决', '筹资筹劳情况公开']),
  item('XC-DUTY-016', 'DUTY', '农村集体经济组织成员身份确认', 'agriculture-rural', '《中华人民共和国农村集体经济组织法》第十二条', ['拟定成员确认方案', '成员名册公示', '成员名册备案']),
  item('XC-DUTY-017', 'DUTY', '村庄环境卫生和人居环境日常管护', 'agriculture-rural', `${ORGANIC_LAW}第八条`, ['村庄公共区域保洁', '房前屋后“三清”', '公共厕所日常管护']),
  item('XC-DUTY-018', 'DUTY', '村级公共设施管护', 'agriculture-rural', `${ORGANIC_LAW}第二条`, ['村内道路和路灯维护', '文化礼堂等公共场所管理', '设施损坏报修']),
  item('XC-DUTY-019', 'DUTY', '制定防火安全公约和确定消防安全管理人', 'fire-rescue', '《中华人民共和国消防法》第三十二条', ['确定村消防安全管理人', '制定和张贴防火安全公约', '微型消防站日常管理']),
  item('XC-DUTY-020', 'DUTY', '治安保卫委员会群防群治', 'public-security', `${ORGANIC_LAW}第七条`, ['组织平安巡防队', '重点时段治安巡逻', '可疑情况报告派出所']),
  item('XC-DUTY-021', 'DUTY', '公共卫生委员会和爱国卫生运动', 'health', `${ORGANIC_LAW}第七条`, ['组织爱国卫生月活动', '病媒生物防制宣传', '卫生村创建自查']),
  item('XC-DUTY-022', 'DUTY', '精神文明建设和移风易俗', 'propaganda', `${ORGANIC_LAW}第九条`, ['红白理事会运作', '评选文明家庭、最美人物', '婚丧事简办倡议']),
  item('XC-DUTY-023', 'DUTY', '村民委员会成员离任经济责任审计配合', 'audit', `${ORGANIC_LAW}第三十五条`, ['提供账簿和合同资料', '配合审计谈话', '公布审计结果']),
  item('XC-DUTY-024', 'DUTY', '村级档案管理', 'organisation', '《中华人民共和国档案法》第十五条', ['会议记录和决议归档', '村务公开资料归档', '档案室日常管理']),
  item('XC-DUTY-025', 'DUTY', '向人民政府反映村民意见和建议', 'social-work', `${ORGANIC_LAW}第二条`, ['收集村民诉求', '在“浙里兴村治社”上报需求', '跟踪答复并告知村民']),
];

/** 依法协助事项: work the village assists government with. */
const assistItems: CatalogueItemSeed[] = [
  item('XC-ASSIST-001', 'ASSIST', '老年人优待证办理', 'civil-affairs', '《中华人民共和国老年人权益保障法》第五十八条', ['受理申请并核对身份信息', '协助线上提交办理', '优待证领取发放']),
  item('XC-ASSIST-002', 'ASSIST', '最低生活保障申请受理', 'civil-affairs', `${SOCIAL_ASSISTANCE}第十一条`, ['代为提出书面申请', '协助入户调查', '审核结果张榜公示']),
  item('XC-ASSIST-003', 'ASSIST', '特困人员救助供养申请', 'civil-affairs', `${SOCIAL_ASSISTANCE}第十六条`, ['代为提出书面申请', '协助核实生活自理能力情况', '公示审核结果']),
  item('XC-ASSIST-004', 'ASSIST', '临时救助申请', 'civil-affairs', `${SOCIAL_ASSISTANCE}第四十八条`, ['发现急难对象并报告乡镇', '协助申请人准备材料', '救助情况公示']),
  item('XC-ASSIST-005', 'ASSIST', '高龄津贴申领', 'civil-affairs', '《中华人民共和国老年人权益保障法》第三十三条', ['摸排符合年龄条件的老年人', '协助申领', '变动情况报告']),
  item('XC-ASSIST-006', 'ASSIST', '养老服务补贴申请', 'civil-affairs', '《浙江省养老服务条例》第三十条', ['受理申请', '协助开展能力评估', '结果公示']),
  item('XC-ASSIST-007', 'ASSIST', '困难残疾人生活补贴和重度残疾人护理补贴申请', 'civil-affairs', '《中华人民共和国残疾人保障法》第四十八条', ['受理申请', '协助核实残疾等级和家庭情况', '补贴发放情况变动报告']),
  item('XC-ASSIST-008', 'ASSIST', '残疾人证办理协助', 'disabled-persons', '《中华人民共和国残疾人保障法》第九条', ['告知办理流程', '协助预约残疾评定', '证件转交']),
  item('XC-ASSIST-009', 'ASSIST', '农村留守儿童和困境儿童关爱', 'civil-affairs', '《中华人民共和国未成年人保护法》第四十三条', ['儿童主任定期走访', '动态更新信息台账', '发现风险及时报告']),
  item('XC-ASSIST-010', 'ASSIST', '殡葬改革宣传和农村公益性墓地管理', 'civil-affairs', '《殡葬管理条例》第八条', ['文明祭扫宣传', '公益性墓地日常管理', '乱埋乱葬发现报告']),
  item('XC-ASSIST-011', 'ASSIST', '城乡居民基本养老保险参保登记', 'human-resources', '《中华人民共和国社会保险法》第二十条', ['政策宣传', '协助参保登记', '待遇领取资格信息变动报告']),
  item('XC-ASSIST-012', 'ASSIST', '就业失业登记和就业援助信息采集', 'human-resources', '《中华人民共和国就业促进法》第五十二条', ['采集就业困难人员信息', '推送招聘信息', '协助失业登记']),
  item('XC-ASSIST-013', 'ASSIST', '城乡居民基本医疗保险参保动员', 'medical-security', '《中华人民共和国社会保险法》第二十五条', ['参保政策宣传', '协助困难群众参保', '未参保人员名单核实']),
  item('XC-ASSIST-014', 'ASSIST', '兵役登记和征兵宣传', 'armed-forces', '《中华人民共和国兵役法》第二十一条', ['适龄男性青年兵役登记动员', '征兵政策宣传', '应征青年家访']),
  item('XC-ASSIST-015', 'ASSIST', '退役军人和优抚对象服务', 'veterans-affairs', '《中华人民共和国退役军人保障法》第七十九条', ['退役军人服务站日常服务', '节日走访慰问', '信息采集更新']),
  item('XC-ASSIST-016', 'ASSIST', '防火安全检查协助', 'fire-rescue', '《中华人民共和国消防法》第三十二条', ['出租房和老旧房屋防火检查', '消防通道堵塞劝导', '火灾隐患报告']),
  item('XC-ASSIST-017', 'ASSIST', '森林防火巡查和野外用火管理', 'natural-resources', '《中华人民共和国森林法》第三十四条', ['重点时段护林巡查', '清明、冬至祭扫用火劝导', '火情发现报告']),
  item('XC-ASSIST-018', 'ASSIST', '防汛防台人员转移避险', 'emergency-management', '《中华人民共和国突发事件应对法》第五十五条', ['危险区域人员名单核实', '预警信息传达到户', '组织人员转移和安置']),
  item('XC-ASSIST-019', 'ASSIST', '地质灾害隐患点群测群防', 'natural-resources', '《地质灾害防治条例》第十九条', ['隐患点日常巡查', '雨中雨后加密观测', '险情报告和人员撤离']),
  item('XC-ASSIST-020', 'ASSIST', '违法用地和违法建设巡查报告', 'natural-resources', '《中华人民共和国城乡规划法》第六十五条', ['日常巡查发现', '劝阻并报告乡镇', '配合调查取证']),
  item('XC-ASSIST-021', 'ASSIST', '耕地保护和“非农化”“非粮化”巡查', 'natural-resources', '《中华人民共和国土地管理法》第三十条', ['田长制日常巡田', '耕地占用发现报告', '撂荒地信息采集']),
  item('XC-ASSIST-022', 'ASSIST', '征地政策宣传和意见征询协助', 'natural-resources', '《中华人民共和国土地管理法》第四十七条', ['张贴征收土地预公告', '组织听取被征地村民意见', '协助现状调查']),
  item('XC-ASSIST-023', 'ASSIST', '粮食生产和春耕备耕协助', 'agriculture-rural', '《中华人民共和国粮食安全保障法》第十七条', ['种粮面积摸底', '农资和补贴政策宣传', '撂荒地复耕动员']),
  item('XC-ASSIST-024', 'ASSIST', '耕地地力保护补贴面积核实', 'agriculture-rural', '《中华人民共和国农业法》第三十七条', ['种植面积申报汇总', '补贴名单公示', '异议情况报告']),
  item('XC-ASSIST-025', 'ASSIST', '动物防疫和病死畜禽报告', 'agriculture-rural', '《中华人民共和国动物防疫法》第八条', ['强制免疫动员', '散养户信息登记', '病死畜禽发现报告']),
  item('XC-ASSIST-026', 'ASSIST', '高标准农田和农田水利设施管护', 'agriculture-rural', '《农田水利条例》第二十六条', ['设施日常巡查', '损坏报修', '管护责任人公示']),
  item('XC-ASSIST-027', 'ASSIST', '生活垃圾分类投放宣传督导', 'housing-construction', '《中华人民共和国固体废物污染环境防治法》第四十九条', ['入户宣传分类知识', '投放点督导', '分类质量检查记录']),
  item('XC-ASSIST-028', 'ASSIST', '农村生活污水处理设施巡查', 'housing-construction', '《中华人民共和国水污染防治法》第五十二条', ['终端设施日常巡查', '管网堵塞破损报告', '配合运维单位维护']),
  item('XC-ASSIST-029', 'ASSIST', '农村自建房安全排查', 'housing-construction', '《中华人民共和国建筑法》第八十三条', ['经营性自建房摸排登记', '房屋安全隐患报告', '危房人员劝离']),
  item('XC-ASSIST-030', 'ASSIST', '农村困难群众危房改造申请', 'housing-construction', '《中华人民共和国乡村振兴促进法》第五十二条', ['受理申请', '协助危房等级鉴定', '改造对象公示']),
  item('XC-ASSIST-031', 'ASSIST', '秸秆禁烧宣传和巡查', 'ecology-environment', '《中华人民共和国大气污染防治法》第七十七条', ['禁烧政策宣传', '夏收秋收期间巡查', '焚烧火点报告']),
  item('XC-ASSIST-032', 'ASSIST', '河湖长制村级巡河', 'water-resources', '《中华人民共和国水污染防治法》第五条', ['村级河长定期巡河', '河面漂浮物清理', '排污口异常报告']),
  item('XC-ASSIST-033', 'ASSIST', '山塘水库和农村饮用水工程巡查', 'water-resources', '《中华人民共和国水法》第四十三条', ['山塘汛期巡查', '饮用水设施日常管护', '水质异常报告']),
  item('XC-ASSIST-034', 'ASSIST', '农村家宴（集体聚餐）备案和食品安全指导', 'market-supervision', '《中华人民共和国食品安全法》第三十六条', ['家宴备案登记', '厨师健康证明查验提醒', '食品安全信息报告']),
  item('XC-ASSIST-035', 'ASSIST', '食品安全和消费维权宣传', 'market-supervision', '《中华人民共和国食品安全法》第十条', ['张贴宣传资料', '发现问题线索报告', '协助投诉转办']),
  item('XC-ASSIST-036', 'ASSIST', '传染病防控和预防接种动员', 'health', '《中华人民共和国传染病防治法》第九条', ['疫情防控政策宣传', '预防接种通知到户', '异常情况报告']),
  item('XC-ASSIST-037', 'ASSIST', '家庭医生签约和老年人健康体检动员', 'health', '《中华人民共和国基本医疗卫生法》第三十一条', ['签约政策宣传', '组织老年人体检', '重点人群名单核实']),
  item('XC-ASSIST-038', 'ASSIST', '人口监测和生育支持政策宣传', 'health', '《中华人民共和国人口与计划生育法》第十二条', ['育儿补贴政策宣传', '出生人口信息核实', '计生特殊家庭联系']),
  item('XC-ASSIST-039', 'ASSIST', '流动人口和出租房屋信息采集', 'public-security', '《居住证暂行条例》第十八条', ['出租房屋登记', '流动人口信息采集', '信息变动报告']),
  item('XC-ASSIST-040', 'ASSIST', '反电信网络诈骗宣传', 'public-security', '《中华人民共和国反电信网络诈骗法》第八条', ['入户宣传', '重点人群提醒', '可疑线索报告']),
  item('XC-ASSIST-041', 'ASSIST', '禁毒宣传和社区戒毒社区康复协助', 'public-security', '《中华人民共和国禁毒法》第十七条', ['禁毒知识宣传', '协助社区戒毒人员帮教', '种毒制毒线索报告']),
  item('XC-ASSIST-042', 'ASSIST', '网格巡查和事件上报', 'political-legal', `${ORGANIC_LAW}第二条`, ['网格员每周巡查', '矛盾隐患事件上报', '事件处置结果回访']),
  item('XC-ASSIST-043', 'ASSIST', '矛盾纠纷排查和信访代办', 'political-legal', '《信访工作条例》第二十二条', ['每月矛盾纠纷排查', '群众信访事项代办', '化解情况反馈']),
  item('XC-ASSIST-044', 'ASSIST', '社区矫正协助', 'justice', '《中华人民共和国社区矫正法》第十二条', ['协助日常走访', '发现异常报告司法所', '协助教育帮扶']),
  item('XC-ASSIST-045', 'ASSIST', '法治宣传和“民主法治村”创建', 'justice', '《中华人民共和国村民委员会组织法》第九条', ['“法律明白人”培养', '普法活动组织', '村法律顾问服务对接']),
  item('XC-ASSIST-046', 'ASSIST', '人口普查和经济普查入户登记协助', 'statistics', '《全国人口普查条例》第十八条', ['协助选聘普查员', '引导普查员入户', '宣传普查政策']),
  item('XC-ASSIST-047', 'ASSIST', '农业普查和主要农作物播种面积调查协助', 'statistics', '《全国农业普查条例》第十八条', ['提供农户名录', '协助入户调查', '核实播种面积']),
  item('XC-ASSIST-048', 'ASSIST', '防溺水宣传和危险水域巡查', 'education', '《中华人民共和国未成年人保护法》第四十三条', ['危险水域警示标志和救生设施检查', '暑期重点时段巡查', '学生家长安全提醒']),
  item('XC-ASSIST-049', 'ASSIST', '新时代文明实践站和文化礼堂活动', 'propaganda', '《中华人民共和国公共文化服务保障法》第三十一条', ['组织志愿服务活动', '文化礼堂活动排期', '活动信息发布']),
  item('XC-ASSIST-050', 'ASSIST', '安全生产宣传和隐患发现报告', 'emergency-management', '《中华人民共和国安全生产法》第七十四条', ['安全生产月宣传', '小作坊、小场所隐患发现报告', '配合部门检查']),
  item('XC-ASSIST-051', 'ASSIST', '自然灾害灾情信息报送', 'emergency-management', '《自然灾害救助条例》第十七条', ['灾害信息员核报灾情', '受灾群众基本生活需求摸排', '救助款物发放公示']),
];

/** The catalogue in force: every item of version xingcun-v1. */
export const catalogueItems: CatalogueItemSeed[] = [...dutyItems, ...assistItems];

export interface NegativeListItemSeed {
  code: string;
  name: string;
  basis: string;
}

const NOT_AN_ENFORCEMENT_BODY =
  '村民委员会是基层群众性自治组织，不具有行政执法主体资格（《中华人民共和国行政处罚法》第十七条、第二十一条）';
const MUST_NOT_INTERFERE = `${ORGANIC_LAW}第五条：乡镇人民政府不得干预依法属于村民自治范围内的事项`;
const BURDEN_RULES = '中共中央办公厅、国务院办公厅《整治形式主义为基层减负若干规定》';

/** 负面事项清单: no department or town may put these on a village. */
export const negativeList: NegativeListItemSeed[] = [
  {
    code: 'XC-NEG-01',
    name: '工业企业废弃物（工业渣土、固体废物）清理和执法',
    basis: `产生工业固体废物的单位承担污染防治责任，违法倾倒由生态环境部门和综合行政执法队查处（《中华人民共和国固体废物污染环境防治法》第三十六条）；${NOT_AN_ENFORCEMENT_BODY}`,
  },
  { code: 'XC-NEG-02', name: '招商引资任务和指标', basis: `${MUST_NOT_INTERFERE}；招商引资是政府及其部门的经济工作职责` },
  { code: 'XC-NEG-03', name: '协税护税、代征代缴税费', basis: `《中华人民共和国税收征收管理法》第五条：税收征收管理由税务机关负责；${MUST_NOT_INTERFERE}` },
  { code: 'XC-NEG-04', name: '安全生产监管执法', basis: `《中华人民共和国安全生产法》第十条：安全生产监督管理由应急管理部门和负有监管职责的部门实施；${NOT_AN_ENFORCEMENT_BODY}` },
  { code: 'XC-NEG-05', name: '环境保护执法检查', basis: `《中华人民共和国环境保护法》第十条：环境保护主管部门统一监督管理；${NOT_AN_ENFORCEMENT_BODY}` },
  { code: 'XC-NEG-06', name: '违法建设查处和强制拆除', basis: `《中华人民共和国城乡规划法》第六十五条：由乡镇人民政府责令停止建设、限期改正；${NOT_AN_ENFORCEMENT_BODY}` },
  { code: 'XC-NEG-07', name: '市场主体监管和食品药品执法检查', basis: `《中华人民共和国食品安全法》第六条：县级以上人民政府食品安全监督管理部门负责；${NOT_AN_ENFORCEMENT_BODY}` },
  { code: 'XC-NEG-08', name: '占道经营、乱搭乱建等城市管理行政执法', basis: `由综合行政执法部门实施；${NOT_AN_ENFORCEMENT_BODY}` },
  { code: 'XC-NEG-09', name: '为企业或个人提供经济担保、出具超出自治范围的证明', basis: '《中华人民共和国民法典》第六百八十三条；民政部等六部门《关于改进和规范基层群众性自治组织出具证明工作的指导意见》' },
  { code: 'XC-NEG-10', name: '未经批准的达标评比、示范创建和“一票否决”事项', basis: `${BURDEN_RULES}；中共中央办公厅、国务院办公厅《关于规范村级组织工作事务、机制牌子和证明事项的意见》` },
  { code: 'XC-NEG-11', name: '未经统筹的报表台账、拍照打卡、视频留痕和点赞转发', basis: BURDEN_RULES },
  { code: 'XC-NEG-12', name: '职能部门在村设立工作机构、加挂牌子', basis: '中共中央办公厅、国务院办公厅《关于规范村级组织工作事务、机制牌子和证明事项的意见》' },
];

export type CertificateListType = 'ALLOWED' | 'REFUSED';

export interface CertificateListItemSeed {
  code: string;
  name: string;
  listType: CertificateListType;
  /** For REFUSED: who should issue it instead. */
  issuingBody: string | null;
  basis: string;
}

const CERT_GUIDANCE = '民政部等六部门《关于改进和规范基层群众性自治组织出具证明工作的指导意见》';

const allowed = (code: string, name: string, basis = CERT_GUIDANCE): CertificateListItemSeed => ({
  code,
  name,
  listType: 'ALLOWED',
  issuingBody: null,
  basis,
});

const refused = (code: string, name: string, issuingBody: string, basis = CERT_GUIDANCE): CertificateListItemSeed => ({
  code,
  name,
  listType: 'REFUSED',
  issuingBody,
  basis,
});

/** 证明事项清单: certificates a village may issue (据实出具) and may not (issued elsewhere). */
export const certificateList: CertificateListItemSeed[] = [
  allowed('XC-CERT-A01', '实际居住情况证明（户籍不在本村、无法通过其他途径核实的）'),
  allowed('XC-CERT-A02', '农村集体经济组织成员身份证明', `《中华人民共和国农村集体经济组织法》第十二条；${CERT_GUIDANCE}`),
  allowed('XC-CERT-A03', '土地承包地块和承包经营情况证明', `《中华人民共和国农村土地承包法》第二十四条；${CERT_GUIDANCE}`),
  allowed('XC-CERT-A04', '宅基地和房屋坐落情况证明（用于不动产登记村级意见）', `《不动产登记暂行条例实施细则》第四十二条；${CERT_GUIDANCE}`),
  allowed('XC-CERT-A05', '家庭成员共同生活情况证明（用于社会救助家庭经济状况核查）', `${SOCIAL_ASSISTANCE}第十一条；${CERT_GUIDANCE}`),
  allowed('XC-CERT-A06', '参加村集体收益分配情况证明'),
  allowed('XC-CERT-A07', '党员身份和组织关系证明（由村党组织出具）', `《中国共产党党员教育管理工作条例》；${CERT_GUIDANCE}`),
  allowed('XC-CERT-A08', '在村从事农业生产情况证明（用于农业补贴、农业保险申请）'),
  allowed('XC-CERT-A09', '村民小组划分和所属情况证明'),
  refused('XC-CERT-R01', '出生证明', '助产医疗机构（出具《出生医学证明》）', `《中华人民共和国母婴保健法》第二十三条；${CERT_GUIDANCE}`),
  refused('XC-CERT-R02', '死亡证明', '医疗卫生机构或公安机关（出具《居民死亡医学证明（推断）书》）'),
  refused('XC-CERT-R03', '亲属关系证明', '公安派出所（依据户籍档案）或个人书面承诺'),
  refused('XC-CERT-R04', '无犯罪记录证明', '公安机关'),
  refused('XC-CERT-R05', '婚姻状况证明', '婚姻登记机关（县民政局）或个人书面承诺', `《婚姻登记条例》；${CERT_GUIDANCE}`),
  refused('XC-CERT-R06', '个人收入证明', '工作单位或个人书面承诺'),
  refused('XC-CERT-R07', '房屋产权证明', '不动产登记机构（县自然资源和规划局）', `《不动产登记暂行条例》第七条；${CERT_GUIDANCE}`),
  refused('XC-CERT-R08', '健在（生存）证明', '社会保险经办机构（通过人脸识别等方式认证）'),
  refused('XC-CERT-R09', '疾病、残疾状况证明', '医疗机构或县残疾人联合会'),
  refused('XC-CERT-R10', '户籍证明', '公安派出所'),
  refused('XC-CERT-R11', '火灾事故证明', '消防救援机构', `《中华人民共和国消防法》第五十一条；${CERT_GUIDANCE}`),
  refused('XC-CERT-R12', '纳税情况证明', '税务机关'),
];
