// Paging by cursor: a page of rows newest first and the cursor of the next, opaque to clients.
import { z, type ZodType } from 'zod';
import { Problem } from './problem';

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(100).optional().openapi({ description: 'The `next` of the page before; absent for the first page' }),
};

export function pageOf<T extends ZodType>(item: T, name: string) {
  return z
    .object({
      items: z.array(item),
      next: z.string().nullable().openapi({ description: 'The cursor of the next page; null on the last page' }),
    })
    .openapi(name);
}

/** The id a cursor stands after, or a 400: a cursor is only ever one this API gave. */
export function idBefore(cursor: string | undefined): number | undefined {
  if (cursor === undefined) return undefined;
  const id = Number(Buffer.from(cursor, 'base64url').toString());
  if (!Number.isSafeInteger(id) || id < 1)
    throw new Problem(400, 'INVALID_REQUEST', 'query.cursor: not a cursor this API gave; take `next` from the page before.');
  return id;
}

/** A page of rows fetched `limit + 1` at a time (the extra row only says whether another page follows). */
export function pageFrom<R extends { id: number }, T>(rows: R[], limit: number, present: (row: R) => T): { items: T[]; next: string | null } {
  const items = rows.slice(0, limit);
  return {
    items: items.map(present),
    next: rows.length > limit ? Buffer.from(String(items[items.length - 1].id)).toString('base64url') : null,
  };
}
