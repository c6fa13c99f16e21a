// Personas of the authorisation tests: a seeded person, or role assignments in another county's
// organisations; their tokens and the Actor the rules see.
import { randomUUID } from 'node:crypto';
import { signToken } from '../../api/auth';
import { tokenClaimsFor } from '../../domain/identity';
import type { Actor } from '../../workflows/common/actor';
import type { Role } from '../../workflows/common/roles';
import type { AccessCase } from './access-cases';
import { TEST_JWT_SECRET, type TestPlatform } from './platform';

export type Persona = { person: string } | { claims: { role: string; orgId: string; countyId: string } };

/** The persona's token claims: the seeded person's, or made up for another county. */
async function claimsOf(platform: TestPlatform, name: string, persona: Persona) {
  if ('person' in persona) {
    const claims = await tokenClaimsFor(platform.db, persona.person);
    if (!claims) throw new Error(`unknown person ${persona.person}`);
    return claims;
  }
  const { role, orgId, countyId } = persona.claims;
  return { sub: `p.${countyId}.${role.toLowerCase()}`, name, roles: [{ role: role as Role, orgId, countyId }] };
}

/** Each persona's token and Actor. */
export async function personasOf(platform: TestPlatform, personas: Record<string, Persona>): Promise<{ tokens: Map<string, string>; actors: Record<string, Actor> }> {
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
      actual.push(`${c.name} · ${name}: ${ok ? 'allowed' : outcome.status === 403 ? 'refused' : `${outcome.status} ${outcome.code}`}`);
    }
  }
  return { expected: expected.sort(), actual: actual.sort() };
}
