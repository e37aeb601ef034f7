import type { Role, RoleGrant } from '@parcours/contracts';

/** The signed-in person acting on a request: who, and with which grants. */
export interface Actor {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  grants: RoleGrant[];
  /** The session (refresh token family) of the access token, so that sign-out can end it. */
  sessionId?: string;
  /**
   * Signed in with an enrolment token: the password was right but the account must enrol a
   * second factor before anything else; only the MFA enrolment routes accept such an actor.
   */
  mfaEnrolmentOnly?: boolean;
}

export const hasRole = (actor: Pick<Actor, 'roles'>, ...roles: Role[]) =>
  roles.some((role) => actor.roles.includes(role));

/** Ids targeted by the actor's grants of one role and scope. */
export function grantTargets(
  actor: Pick<Actor, 'grants'>,
  role: Role,
  scope: RoleGrant['scope'],
): string[] {
  return actor.grants
    .filter((grant) => grant.role === role && grant.scope === scope && grant.scopeId !== null)
    .map((grant) => grant.scopeId as string);
}

export const hasGlobalGrant = (actor: Pick<Actor, 'grants'>, role: Role) =>
  actor.grants.some((grant) => grant.role === role && grant.scope === 'GLOBAL');
