// Who a person is, as a bearer token carries it: the claims' shape (checked again on every request,
// api/auth.ts) and the claims a person's rows in the database give.
import { z } from 'zod';
import type { Db } from '../prisma/client';
import { ROLES, type Role } from '../workflows/common/roles';

export const claimsSchema = z.object({
  sub: z.string().min(1),
  name: z.string().min(1),
  roles: z.array(z.object({ role: z.enum(ROLES), orgId: z.string().min(1), countyId: z.string().min(1) })),
});

export type TokenClaims = z.infer<typeof claimsSchema>;

/** A person's identity and role assignments, as a token carries them. */
export async function tokenClaimsFor(db: Db, personId: string): Promise<TokenClaims | undefined> {
  const person = await db.person.findUnique({ where: { id: personId }, include: { roles: { include: { org: true } } } });
  if (!person) return undefined;
  return {
    sub: person.id,
    name: person.name,
    roles: person.roles.map((r) => ({ role: r.role as Role, orgId: r.orgId, countyId: r.org.countyId })),
  };
}
