// Personas of the authorisation tests: a seeded person, or role assignments in another county's
// organisations; their tokens and the Actor the rules see.
import { randomUUID } from 'node:crypto';
import { signToken } from '../../api/auth';
import { tokenClaimsFor, type TokenClaims } from '../../domain/identity';
import type { Db } from '../../prisma/client';
import type { Actor } from '../../workflows/common/actor';
import type { Role } from '../../workflows/common/roles';
import type { AccessCase } from './access-cases';
import { TEST_JWT_SECRET, type TestPlatform } from './platform';

export type Persona = { person: string } | { claims: { role: string; orgId: string; countyId: string } };

/** The persona's token claims: the seeded person's, or made up for another county and put on its register. */
async function claimsOf(platform: TestPlatform, name: string, persona: Persona) {
  if ('person' in persona) {
    const claims = await tokenClaimsFor(platform.db, persona.person);
    if (!claims) throw new Error(`unknown person ${persona.person}`);
    return claims;
  }
  const { role, orgId, countyId } = persona.claims;
  const claims = { sub: `p.${countyId}.${role.toLowerCase()}`, name, roles: [{ role: role as Role, orgId, countyId }] };
  await enrol(platform.db, claims);
  return claims;
}

/** An organisation of another county, its kind read from its id (`<county>.county`, `.dept.*`, `.coord-office`, `<county>.<town>[.<village>]`). */
function foreignOrganisation(orgId: string, countyId: string): { id: string; kind: string; parentId: string | null } {
  const [, first, second] = orgId.split('.');
  if (first === 'county') return { id: orgId, kind: 'COUNTY', parentId: null };
  if (first === 'dept') return { id: orgId, kind: 'DEPARTMENT', parentId: null };
  if (first === 'coord-office') return { id: orgId, kind: 'COORDINATION_OFFICE', parentId: null };
  return second ? { id: orgId, kind: 'VILLAGE', parentId: `${countyId}.${first}` } : { id: orgId, kind: 'TOWN', parentId: null };
}

/**
 * Puts a person made up for a token (another county's, or one holding every role) on the register with
 * the organisations it names, as a deployment serving several counties holds them: the API honours a
 * token only while its person holds what it claims.
 */
export async function enrol(db: Db, claims: TokenClaims): Promise<void> {
  for (const { orgId, countyId } of claims.roles) {
    const org = foreignOrganisation(orgId, countyId);
    if (org.parentId) await enrolOrganisation(db, { id: org.parentId, kind: 'TOWN', parentId: null }, countyId);
    await enrolOrganisation(db, org, countyId);
  }
  await db.person.upsert({ where: { id: claims.sub }, update: {}, create: { id: claims.sub, name: claims.name } });
  for (const { role, orgId } of claims.roles) {
    await db.roleAssignment.upsert({
      where: { personId_role_orgId: { personId: claims.sub, role, orgId } },
      update: {},
      create: { personId: claims.sub, role, orgId },
    });
  }
}

async function enrolOrganisation(db: Db, org: { id: string; kind: string; parentId: string | null }, countyId: string): Promise<void> {
  await db.organisation.upsert({ where: { id: org.id }, update: {}, create: { ...org, name: org.id, countyId } });
}

/** Each persona's token and Actor. */
export async function personasOf(
  platform: TestPlatform,
  personas: Record<string, Persona>,
): Promise<{ tokens: Map<string, string>; actors: Record<string, Actor> }> {
  const tokens = new Map<string, string>();
  const actors: Record<string, Actor> = {};
  for (const [name, persona] of Object.entries(personas)) {
    const claims = await claimsOf(platform, name, persona);
    tokens.set(name, signToken(claims, TEST_JWT_SECRET));
    actors[name] = { personId: claims.sub, name: claims.name, roles: claims.roles, requestId: 'access-case' };
  }
  return { tokens, actors };
}

/** Calls the API as a persona; the answer's status and reason code. */
export async function callAs(platform: TestPlatform, token: string, method: 'GET' | 'POST', url: string, body: unknown) {
  const requestId = `matrix-${randomUUID()}`;
  const response = await fetch(`${platform.baseUrl}${url}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-request-id': requestId },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { requestId, status: response.status, code: ((await response.json()) as { code?: string }).code };
}

/** A refusal: a 403, or the 404 a process answers to one who may not read it (a missing process answers the same). */
export const isRefusal = (outcome: { status: number; code?: string }) => outcome.status === 403 || (outcome.status === 404 && outcome.code === 'NOT_FOUND');

/**
 * Runs generated cases one by one: every persona against each (refused ones first, on one process; each
 * further allowed one on a process of its own when a success moves it on). Returns `<case> · <persona>:
 * allowed|refused|<status code>` lines, expected and actual.
 */
export async function runAccessCases(platform: TestPlatform, cases: AccessCase[], personas: { tokens: Map<string, string> }) {
  const expected: string[] = [];
  const actual: string[] = [];
  const names = [...personas.tokens.keys()];
  for (const c of cases) {
    const id = c.process ? await c.process() : '';
    const allowed = await c.expected(id);
    for (const name of names) expected.push(`${c.name} · ${name}: ${allowed.includes(name) ? 'allowed' : 'refused'}`);
    const order = [...names.filter((n) => !allowed.includes(n)), ...allowed];
    for (const name of order) {
      const target = c.moves && allowed.includes(name) && allowed.indexOf(name) > 0 ? await c.process!() : id;
      const outcome = await callAs(platform, personas.tokens.get(name)!, c.method, c.url(target), c.body?.());
      const ok = outcome.status >= 200 && outcome.status < 300;
      actual.push(`${c.name} · ${name}: ${ok ? 'allowed' : isRefusal(outcome) ? 'refused' : `${outcome.status} ${outcome.code}`}`);
    }
  }
  return { expected: expected.sort(), actual: actual.sort() };
}
