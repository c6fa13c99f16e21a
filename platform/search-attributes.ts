import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { SEARCH_ATTRIBUTE_KEYS } from '../workflows/common/search-attributes';
import type { SearchAttributeKey } from '../workflows/common/contract';

const TYPES: Record<string, temporal.api.enums.v1.IndexedValueType> = {
  KEYWORD: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
  KEYWORD_LIST: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
  DATETIME: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
  BOOL: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_BOOL,
  INT: temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_INT,
};

/**
 * Registers the platform's search attributes on the namespace: the kit's and the processes' own
 * (`processes.searchAttributes()` of the registry), leaving existing ones as they are.
 */
export async function ensureSearchAttributes(
  connection: Connection,
  namespace: string,
  processes: { searchAttributes(): SearchAttributeKey[] },
): Promise<void> {
  const existing = await connection.operatorService.listSearchAttributes({ namespace });
  const missing = [...SEARCH_ATTRIBUTE_KEYS, ...processes.searchAttributes()].filter((k) => !(k.name in (existing.customAttributes ?? {})));
  if (missing.length === 0) return;
  await connection.operatorService.addSearchAttributes({
    namespace,
    searchAttributes: Object.fromEntries(missing.map((k) => [k.name, TYPES[k.type]])),
  });
}
