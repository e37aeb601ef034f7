import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { JobHandlerRegistry } from '@parcours/server-queue';
import { TransitionsModule } from '@parcours/server-transitions';
import { TransitionBatchHandlers } from './transition-batch.handlers';
import { StageReviewService } from './stage-review.service';
import { TransitionWorkflowService } from './transition-workflow.service';

/** Every job handler of the worker, and the registry that checks there is exactly one per job. */
@Module({
  imports: [DiscoveryModule, TransitionsModule],
  providers: [
    TransitionWorkflowService,
    StageReviewService,
    TransitionBatchHandlers,
    JobHandlerRegistry,
  ],
  exports: [JobHandlerRegistry, TransitionWorkflowService, StageReviewService],
})
export class WorkflowModule {}
