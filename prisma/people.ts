import type { TokenClaims } from '../api/auth';
import type { Role } from '../workflows/common/roles';
import type { Db } from './client';

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
