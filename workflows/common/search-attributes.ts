import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** The platform's typed search attributes, registered on the server by the worker at start. */
export const SA = {
  process: defineSearchAttributeKey('CunwuProcess', SearchAttributeType.KEYWORD),
  county: defineSearchAttributeKey('CunwuCounty', SearchAttributeType.KEYWORD),
  town: defineSearchAttributeKey('CunwuTown', SearchAttributeType.KEYWORD),
  village: defineSearchAttributeKey('CunwuVillage', SearchAttributeType.KEYWORD),
  step: defineSearchAttributeKey('CunwuStep', SearchAttributeType.KEYWORD),
  status: defineSearchAttributeKey('CunwuStatus', SearchAttributeType.KEYWORD),
  nextRole: defineSearchAttributeKey('CunwuNextRole', SearchAttributeType.KEYWORD_LIST),
  dueAt: defineSearchAttributeKey('CunwuDueAt', SearchAttributeType.DATETIME),
  overdue: defineSearchAttributeKey('CunwuOverdue', SearchAttributeType.BOOL),
  screeningCode: defineSearchAttributeKey('CunwuScreeningCode', SearchAttributeType.KEYWORD),
  /** When a secondment's term ends (借调期满). */
  secondmentEndsAt: defineSearchAttributeKey('CunwuSecondmentEndsAt', SearchAttributeType.DATETIME),
};

export const SEARCH_ATTRIBUTE_KEYS = Object.values(SA);
