/** Roles people act in, always within an organisation (docs/glossary.md). */
export const ROLES = [
  'DISPATCHER',
  'TOWN_REVIEWER',
  'ADMISSION_REVIEWER',
  'VILLAGE_SECRETARY',
  'VILLAGE_CADRE',
  'GRID_MEMBER',
  'SUPERVISOR',
  'PARTY_MEMBER',
  'VILLAGER',
  'PANEL_MEMBER',
  'ORG_DEPARTMENT',
  'APPROVER',
  'INSPECTOR',
  'AUDITOR',
  'OPERATOR',
] as const;

export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  DISPATCHER: '派单人 (dispatcher)',
  TOWN_REVIEWER: '镇街审核人 (town reviewer)',
  ADMISSION_REVIEWER: '准入审核人 (admission reviewer)',
  VILLAGE_SECRETARY: '村党组织书记 (village secretary)',
  VILLAGE_CADRE: '村干部 (village cadre)',
  GRID_MEMBER: '网格员 (grid member)',
  SUPERVISOR: '村务监督委员会 (supervisor)',
  PARTY_MEMBER: '党员 (party member)',
  VILLAGER: '村民 (villager)',
  PANEL_MEMBER: '评审组成员 (panel member)',
  ORG_DEPARTMENT: '组织部 (organisation department)',
  APPROVER: '审批领导 (approver)',
  INSPECTOR: '督查 (inspector)',
  AUDITOR: '审计 (auditor)',
  OPERATOR: '运维 (operator)',
};
