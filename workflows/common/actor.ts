import type { Role } from './roles';

/** One role a person holds in one organisation. */
export interface RoleAssignment {
  role: Role;
  orgId: string;
  countyId: string;
  /** The organisation's name, from the register when the request was authenticated (not from the token). */
  orgName?: string;
}

/** Who performs a step: taken from the authenticated request, never from the body. */
export interface Actor {
  personId: string;
  name: string;
  roles: RoleAssignment[];
  requestId: string;
}

/** The role and organisation an actor was acting in when a step was recorded. */
export interface ActedAs {
  personId: string;
  name: string;
  role: Role;
  orgId: string;
  orgName?: string;
}

export function findRole(actor: Actor, role: Role, orgId: string): RoleAssignment | undefined {
  return actor.roles.find((r) => r.role === role && r.orgId === orgId);
}

export function actedAs(actor: Actor, role: Role, orgId: string): ActedAs {
  const orgName = findRole(actor, role, orgId)?.orgName;
  return { personId: actor.personId, name: actor.name, role, orgId, ...(orgName && { orgName }) };
}
