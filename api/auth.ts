// Bearer tokens: signed JWTs carrying the person and their role assignments.
import { msToNumber } from '@temporalio/common/lib/time';
import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { findRole, type Actor, type RoleAssignment } from '../workflows/common/actor';
import { REASONS } from '../workflows/common/reasons';
import { holds } from '../workflows/common/guards';
import type { Role } from '../workflows/common/roles';
import { claimsSchema, type TokenClaims } from '../domain/identity';
import type { Db } from '../prisma/client';
import { forbidden, Problem } from './problem';

export const TOKEN_ISSUER = 'cunwu-flow';

/** No token lives longer than this: a leaked token stops working within a week at most. */
export const MAX_TOKEN_LIFETIME_S = 7 * 24 * 3600;

/** A lifetime such as 30m, 12h or 7d, in seconds; refused when absent, malformed or above the bound. */
export function tokenLifetime(expires: string): number {
  const ms = /^\d{1,7}(s|m|h|d)$/.test(expires) ? msToNumber(expires as `${number}d`) : NaN;
  if (!(ms >= 1000)) throw new Error(`--expires ${expires}: give a lifetime such as 30m, 12h or 7d.`);
  if (ms / 1000 > MAX_TOKEN_LIFETIME_S) throw new Error(`--expires ${expires}: a token lives at most ${MAX_TOKEN_LIFETIME_S / 86_400} days.`);
  return Math.floor(ms / 1000);
}

export function signToken(claims: TokenClaims, secret: string, expires = '12h'): string {
  return jwt.sign({ name: claims.name, roles: claims.roles }, secret, {
    subject: claims.sub,
    issuer: TOKEN_ISSUER,
    expiresIn: tokenLifetime(expires),
    algorithm: 'HS256',
  });
}

const unauthenticated = (detail: string) => new Problem(401, 'UNAUTHENTICATED', detail, {});

// Given a string, jsonwebtoken tries (and fails) to read it as a public key on every request first.
const secretKeys = new Map<string, KeyObject>();
function secretKey(secret: string): KeyObject {
  let key = secretKeys.get(secret);
  if (!key) secretKeys.set(secret, (key = createSecretKey(Buffer.from(secret))));
  return key;
}

/** The actor behind an Authorization header, or a 401. */
export function actorFromHeader(header: string | undefined, secret: string, requestId: string): Actor {
  const token = header?.match(/^Bearer (.+)$/i)?.[1];
  if (!token) throw unauthenticated('A bearer token is required (Authorization: Bearer <token>).');
  let payload: unknown;
  try {
    payload = jwt.verify(token, secretKey(secret), { issuer: TOKEN_ISSUER, algorithms: ['HS256'] });
  } catch (error) {
    throw unauthenticated(`The token is not valid: ${(error as Error).message}.`);
  }
  const { exp, iat } = payload as { exp?: unknown; iat?: unknown };
  if (typeof exp !== 'number' || typeof iat !== 'number') throw unauthenticated('The token must say when it was issued and when it expires (iat, exp).');
  if (exp - iat > MAX_TOKEN_LIFETIME_S) throw unauthenticated(`The token lives longer than ${MAX_TOKEN_LIFETIME_S / 86_400} days: mint a shorter one.`);
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) throw unauthenticated('The token does not carry a person and role assignments.');
  return { personId: claims.data.sub, name: claims.data.name, roles: claims.data.roles, requestId };
}

/**
 * A token is honoured only while its person exists and holds every role assignment it claims: a
 * person removed or an assignment ended is refused at once, not when the token expires.
 */
export async function confirmLive(db: Db, actor: Actor): Promise<void> {
  const person = await db.person.findUnique({
    where: { id: actor.personId },
    select: { roles: { select: { role: true, orgId: true, org: { select: { countyId: true, name: true } } } } },
  });
  if (!person) throw unauthenticated(`The token's person ${actor.personId} is no longer on the county's register; sign in again.`);
  const held = new Set(person.roles.map((r) => `${r.role}@${r.orgId}@${r.org.countyId}`));
  const ended = actor.roles.filter((r) => !held.has(`${r.role}@${r.orgId}@${r.countyId}`));
  if (ended.length > 0) {
    throw unauthenticated(
      `The token claims ${ended.map((r) => `${r.role} in ${r.orgId}`).join(', ')}, which ${actor.personId} no longer holds; sign in again.`,
    );
  }
  // The organisations' names as the register has them, for the record of what the actor does.
  const names = new Map(person.roles.map((r) => [r.orgId, r.org.name]));
  for (const assignment of actor.roles) assignment.orgName = names.get(assignment.orgId);
}

/** The actor's assignment of `role` in `orgId`, or a 403 naming what is missing. */
export function requireRole(actor: Actor, role: Role, orgId: string): RoleAssignment {
  const check = holds(actor, role, orgId, 'This');
  if (!check.ok) throw new Problem(REASONS[check.code], check.code, check.detail);
  return findRole(actor, role, orgId)!;
}

/** The actor acts anywhere in the county (reading its processes and lists). */
export function requireCounty(actor: Actor, countyId: string): void {
  if (!actor.roles.some((r) => r.countyId === countyId)) throw forbidden(`You hold no role in county ${countyId}.`);
}

export const hasAnyRole = (actor: Actor, roles: Role[], countyId: string): boolean =>
  actor.roles.some((r) => r.countyId === countyId && roles.includes(r.role));

export function requireAnyRole(actor: Actor, roles: Role[], countyId: string): void {
  if (!hasAnyRole(actor, roles, countyId)) {
    throw forbidden(`This needs one of the roles ${roles.join(', ')} in county ${countyId}.`);
  }
}
