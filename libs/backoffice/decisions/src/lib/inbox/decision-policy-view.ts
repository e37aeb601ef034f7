import type { RoleGrant, TransitionView } from '@parcours/contracts';
import { checkDecisionAllowed, type DecisionRule } from '@parcours/domain';

/**
 * Whether the signed-in person may decide a move, by the shared decision policy. The inbox only
 * lists moves into structures they manage (or all, for admins), so what remains to check is the
 * four-eyes rule: the requester of such a move never decides it.
 */
export function decisionRefusal(
  transition: Pick<TransitionView, 'requestedById' | 'requiresFourEyes'>,
  person: { id: string; grants: readonly RoleGrant[] },
): DecisionRule | null {
  const check = checkDecisionAllowed({
    deciderId: person.id,
    requesterId: transition.requestedById ?? '',
    requiresFourEyes: transition.requiresFourEyes,
    deciderIsAdmin: person.grants.some((g) => g.role === 'admin' && g.scope === 'GLOBAL'),
    deciderManagesTargetStructure: true,
  });
  return check.allowed ? null : check.rule;
}
