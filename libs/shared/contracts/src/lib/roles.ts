export const ROLES = ['admin', 'manager', 'mentor', 'founder', 'funder'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What a role grant is scoped to. `GLOBAL` only makes sense for admin and for funders
 * over every territory; managers are scoped to structures, mentors and founders to startups.
 */
export const GRANT_SCOPES = ['GLOBAL', 'TERRITORY', 'STRUCTURE', 'STARTUP'] as const;
export type GrantScope = (typeof GRANT_SCOPES)[number];

export interface RoleGrant {
  role: Role;
  scope: GrantScope;
  /** Territory code, structure id or startup id; null for GLOBAL. */
  scopeId: string | null;
}
