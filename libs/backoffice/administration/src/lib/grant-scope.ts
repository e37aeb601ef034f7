import type { GrantScope, Role, RoleGrant } from '@parcours/contracts';

/** Which scopes each role takes (the API's SCOPES_OF_ROLE; it refuses any other). */
export const SCOPES_OF_ROLE: Readonly<Record<Role, readonly GrantScope[]>> = {
  admin: ['GLOBAL'],
  manager: ['STRUCTURE'],
  mentor: ['STARTUP'],
  founder: ['STARTUP'],
  funder: ['GLOBAL', 'TERRITORY', 'STRUCTURE'],
};

export function scopesOf(role: Role): readonly GrantScope[] {
  return SCOPES_OF_ROLE[role];
}

/** The scope a grant form starts with when the role changes: the only one, or the first. */
export function defaultScope(role: Role): GrantScope {
  return SCOPES_OF_ROLE[role][0] ?? 'GLOBAL';
}

/** A grant as the API takes it: no scope id for GLOBAL, a trimmed one otherwise. */
export function grantRequest(role: Role, scope: GrantScope, scopeId: string | null): RoleGrant {
  return { role, scope, scopeId: scope === 'GLOBAL' ? null : (scopeId?.trim() ?? null) };
}

/** Whether the form holds what the grant needs: a scope the role takes, and its target. */
export function isCompleteGrant(grant: RoleGrant): boolean {
  if (!SCOPES_OF_ROLE[grant.role].includes(grant.scope)) return false;
  return grant.scope === 'GLOBAL' || (grant.scopeId !== null && grant.scopeId !== '');
}

/**
 * How a grant's target reads: a structure's name, a territory's label, a startup id; the caller
 * gives the names it knows.
 */
export function scopeLabel(
  grant: RoleGrant,
  names: { structures: ReadonlyMap<string, string>; territory: (code: string) => string },
): string | null {
  if (grant.scope === 'GLOBAL' || grant.scopeId === null) return null;
  if (grant.scope === 'STRUCTURE') return names.structures.get(grant.scopeId) ?? grant.scopeId;
  if (grant.scope === 'TERRITORY') return names.territory(grant.scopeId);
  return grant.scopeId;
}
