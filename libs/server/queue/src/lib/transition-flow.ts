import type { FlowJob } from 'bullmq';
import {
  JOBS,
  QUEUES,
  type TransitionBatchItemPayload,
  type TransitionBatchPayload,
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

/**
 * A bulk move: one parent job that closes the batch, one child per startup that requests its
 * move. A startup whose move is refused (state machine, guards, scope) gets a FAILED outcome; that
 * is a result, not a job failure, so a child fails only on an unexpected error and then retries.
 */
export function planBatchFlow(
  outboxId: string,
  batchId: string,
  startupIds: readonly string[],
): FlowJob {
  const parentData: TransitionBatchPayload = { batchId };
  return {
    name: JOBS.transitionBatchFinish,
    queueName: QUEUES.workflow,
    data: parentData,
    opts: { ...DEFAULT_JOB_OPTIONS, jobId: outboxId },
    children: startupIds.map((startupId) => {
      const data: TransitionBatchItemPayload = { batchId, startupId };
      return {
        name: JOBS.transitionBatchItem,
        queueName: QUEUES.workflow,
        data,
        // A child that exhausts its retries must not hold the batch open forever.
        opts: {
          ...DEFAULT_JOB_OPTIONS,
          jobId: `${outboxId}-${startupId}`,
          ignoreDependencyOnFailure: true,
        },
      };
    }),
  };
}
