import type { TransitionStatus, TransitionView } from '@parcours/contracts';

/** Statuses after which nothing more happens to a move on its own. */
const SETTLED_STATUSES: readonly TransitionStatus[] = [
  'REJECTED',
  'CANCELLED',
  'COMPLETED',
  'FAILED',
];

/**
 * Whether the page should keep asking: an approved move runs its workflow in the worker, and the
 * page follows it until the move has settled and no step is still pending or running. A move
 * waiting for a decision (or consent) only changes when a person acts, so it is not polled.
 */
export function transitionInProgress(
  transition: Pick<TransitionView, 'status' | 'steps'>,
): boolean {
  if (transition.status === 'APPROVED' || transition.status === 'EXECUTING') return true;
  if (!SETTLED_STATUSES.includes(transition.status)) return false;
  return (transition.steps ?? []).some(
    (step) => step.status === 'PENDING' || step.status === 'RUNNING',
  );
}

export const TRANSITION_POLL_INTERVAL_MS = 1500;
