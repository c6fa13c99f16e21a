// Paging by cursor: a page of rows newest first and the cursor of the next, opaque to clients.
import { z, type ZodType } from 'zod';

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z
    .string()
    .regex(/^[1-9]\d{0,14}$/, 'a cursor this API gave')
    .optional()
    .openapi({ description: 'The `next` of the page before (opaque); absent for the first page' }),
};

export function pageOf<T extends ZodType>(item: T, name: string) {
  return z
    .object({
      items: z.array(item),
      next: z.string().nullable().openapi({ description: 'The cursor of the next page; null on the last page' }),
    })
    .openapi(name);
}

/** The id a cursor stands after (a cursor is the last id of the page before). */
export function idBefore(cursor: string | undefined): number | undefined {
  return cursor === undefined ? undefined : Number(cursor);
}

/** A page of rows fetched `limit + 1` at a time (the extra row only says whether another page follows). */
export function pageFrom<R extends { id: number }, T>(rows: R[], limit: number, present: (row: R) => T): { items: T[]; next: string | null } {
  const items = rows.slice(0, limit);
  return {
    items: items.map(present),
    next: rows.length > limit ? String(items[items.length - 1].id) : null,
  };
}
