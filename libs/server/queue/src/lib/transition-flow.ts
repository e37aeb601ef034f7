import type { FlowJob } from 'bullmq';
import {
  JOBS,
  QUEUES,
  type TransitionStepPayload,
  type TransitionWorkflowPayload,
  type WorkflowStepName,
} from '@parcours/contracts';
import { DEFAULT_JOB_OPTIONS } from './job-options';

/**
 * The effect flow of one completed transition: a parent job that closes the transition once
 * every step is done, and one child job per step. The steps touch different rows (the old
 * stay's reminders, the new stay's checklist, the enrolment, notifications...), so they run
 * in parallel; each claims its own idempotency row before acting.
 *
 * Job ids derive from the outbox id (BullMQ forbids ":" in custom ids): re-publishing the same outbox row (a relay that died
 * between sending and marking sent) adds nothing new.
 */
export function planTransitionFlow(
  outboxId: string,
  transitionId: string,
  steps: readonly WorkflowStepName[],
): FlowJob {
  const parentData: TransitionWorkflowPayload = { transitionId };
  return {
    name: JOBS.transitionWorkflow,
    queueName: QUEUES.workflow,
    data: parentData,
    opts: { ...DEFAULT_JOB_OPTIONS, jobId: outboxId },
    children: steps.map((step) => {
      const data: TransitionStepPayload = { transitionId, step };
      return {
        name: JOBS.transitionStep,
        queueName: QUEUES.workflow,
        data,
        opts: {
          ...DEFAULT_JOB_OPTIONS,
          jobId: `${outboxId}-${step}`,
          // A step that exhausts its retries fails the parent, which marks the transition FAILED
          // for an operator to retry or abandon.
          failParentOnFailure: true,
        },
      };
    }),
  };
}
