export interface DecisionInput {
  deciderId: string;
  requesterId: string;
  requiresFourEyes: boolean;
  deciderIsAdmin: boolean;
  /** Whether the decider holds a manager grant on the structure that runs the target stage. */
  deciderManagesTargetStructure: boolean;
}

export type DecisionRule = 'FOUR_EYES_REQUESTER_CANNOT_DECIDE' | 'NOT_A_DECIDER';

export type DecisionCheck =
  | { allowed: true }
  | { allowed: false; rule: DecisionRule; message: string };

/**
 * Who may approve or reject a requested move: an admin, or a manager of the target
 * structure; for four-eyes moves never the requester, admins included.
 */
export function checkDecisionAllowed(input: DecisionInput): DecisionCheck {
  if (!input.deciderIsAdmin && !input.deciderManagesTargetStructure) {
    return {
      allowed: false,
      rule: 'NOT_A_DECIDER',
      message:
        'Only an admin or a manager of the target structure can decide this move (rule NOT_A_DECIDER).',
    };
  }
  if (input.requiresFourEyes && input.deciderId === input.requesterId) {
    return {
      allowed: false,
      rule: 'FOUR_EYES_REQUESTER_CANNOT_DECIDE',
      message:
        'This move needs four-eyes approval: someone other than its requester must decide it (rule FOUR_EYES_REQUESTER_CANNOT_DECIDE).',
    };
  }
  return { allowed: true };
}

export interface ApprovalOnRequestInput {
  requiresFourEyes: boolean;
  /** Whether the requester would pass `checkDecisionAllowed` for a move without four eyes. */
  requesterMayDecide: boolean;
}

/** A move without four eyes requested by someone who may decide it needs no second step. */
export function isApprovedOnRequest({
  requiresFourEyes,
  requesterMayDecide,
}: ApprovalOnRequestInput): boolean {
  return !requiresFourEyes && requesterMayDecide;
}
