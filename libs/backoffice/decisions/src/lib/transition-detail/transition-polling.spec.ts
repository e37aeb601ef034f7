import type { TransitionStepView } from '@parcours/contracts';
import { transitionInProgress } from './transition-polling';

function step(status: TransitionStepView['status']): TransitionStepView {
  return { name: 'NOTIFY_STAKEHOLDERS', status, attempts: 1, lastError: null, completedAt: null };
}

describe('transitionInProgress', () => {
  it('follows an approved or executing move', () => {
    expect(transitionInProgress({ status: 'APPROVED', steps: [] })).toBe(true);
    expect(transitionInProgress({ status: 'EXECUTING', steps: [step('DONE')] })).toBe(true);
  });

  it('keeps following a completed move until no step is pending or running', () => {
    expect(
      transitionInProgress({ status: 'COMPLETED', steps: [step('DONE'), step('RUNNING')] }),
    ).toBe(true);
    expect(
      transitionInProgress({ status: 'COMPLETED', steps: [step('DONE'), step('SKIPPED')] }),
    ).toBe(false);
  });

  it('does not poll a move that waits for a person', () => {
    expect(transitionInProgress({ status: 'REQUESTED' })).toBe(false);
    expect(transitionInProgress({ status: 'REJECTED', steps: [] })).toBe(false);
  });
});
