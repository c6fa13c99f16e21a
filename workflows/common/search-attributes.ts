import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/**
 * The kit's typed search attributes (and those of the processes not yet in the registry), registered on
 * the server by the worker at start; a registered process declares its own in its contract.
 */
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
};

export const SEARCH_ATTRIBUTE_KEYS = Object.values(SA);
