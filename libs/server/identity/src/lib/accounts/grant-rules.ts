import {
  TERRITORIES,
  type GrantRequest,
  type GrantScope,
  type Role,
  type TerritoryCode,
} from '@parcours/contracts';
import type { ProblemFieldError } from '@parcours/server-http';

/**
 * Which scopes each role can be granted over (SPEC §1): admins everywhere; managers over
 * structures; mentors and founders over startups; funders over everything, territories or
 * structures.
 */
export const SCOPES_OF_ROLE: Record<Role, readonly GrantScope[]> = {
  admin: ['GLOBAL'],
  manager: ['STRUCTURE'],
  mentor: ['STARTUP'],
  founder: ['STARTUP'],
  funder: ['GLOBAL', 'TERRITORY', 'STRUCTURE'],
};

/** Roles a manager may hand out, on startups they follow. */
export const ROLES_MANAGERS_MAY_GRANT: readonly Role[] = ['founder', 'mentor'];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A grant request resolved to the role_grant column its target goes in. */
export interface GrantTarget {
  role: Role;
  scope: GrantScope;
  territoryCode: TerritoryCode | null;
  structureId: string | null;
  startupId: string | null;
}

/** The field errors of a grant request, or the target it names. Pure: existence is checked later. */
export function resolveGrant(
  request: GrantRequest,
): { target: GrantTarget } | { errors: ProblemFieldError[] } {
  const scopes = SCOPES_OF_ROLE[request.role];
  if (!scopes.includes(request.scope)) {
    return {
      errors: [
        {
          path: 'scope',
          message: `the ${request.role} role is granted over: ${scopes.join(', ')}`,
        },
      ],
    };
  }
  const scopeId = request.scopeId ?? null;
  const target: GrantTarget = {
    role: request.role,
    scope: request.scope,
    territoryCode: null,
    structureId: null,
    startupId: null,
  };
  switch (request.scope) {
    case 'GLOBAL':
      return scopeId === null
        ? { target }
        : { errors: [{ path: 'scopeId', message: 'must be absent for a GLOBAL grant' }] };
    case 'TERRITORY':
      return (TERRITORIES as readonly string[]).includes(scopeId ?? '')
        ? { target: { ...target, territoryCode: scopeId as TerritoryCode } }
        : { errors: [{ path: 'scopeId', message: `must be one of ${TERRITORIES.join(', ')}` }] };
    case 'STRUCTURE':
      return scopeId !== null && UUID.test(scopeId)
        ? { target: { ...target, structureId: scopeId.toLowerCase() } }
        : { errors: [{ path: 'scopeId', message: 'must be the id (UUID) of a structure' }] };
    case 'STARTUP':
      return scopeId !== null && UUID.test(scopeId)
        ? { target: { ...target, startupId: scopeId.toLowerCase() } }
        : { errors: [{ path: 'scopeId', message: 'must be the id (UUID) of a startup' }] };
  }
}
