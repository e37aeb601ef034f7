import { Injectable } from '@nestjs/common';
import {
  JOBS,
  type TransitionBatchItemPayload,
  type TransitionBatchPayload,
} from '@parcours/contracts';
import { JobHandler } from '@parcours/server-queue';
import { TransitionBatchesService, type BatchItemOutcome } from '@parcours/server-transitions';
import type { Job } from 'bullmq';

/** Thin job handlers around the bulk-move use cases. */
@Injectable()
export class TransitionBatchHandlers {
  constructor(private readonly batches: TransitionBatchesService) {}

  @JobHandler(JOBS.transitionBatchItem)
  handleItem(job: Job<TransitionBatchItemPayload>): Promise<BatchItemOutcome> {
    return this.batches.runItem(job.data.batchId, job.data.startupId);
  }

  @JobHandler(JOBS.transitionBatchFinish)
  handleFinish(job: Job<TransitionBatchPayload>): Promise<void> {
    return this.batches.finish(job.data.batchId);
  }
}
