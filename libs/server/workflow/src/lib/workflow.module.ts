import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { NotificationsModule } from '@parcours/server-notifications';
import { JobHandlerRegistry } from '@parcours/server-queue';
import { TransitionsModule } from '@parcours/server-transitions';
import { NotificationHandlers } from './notification.handlers';
import { NotificationSchedules } from './notification-schedules';
import { TransitionBatchHandlers } from './transition-batch.handlers';
import { StageReviewService } from './stage-review.service';
import { TransitionWorkflowService } from './transition-workflow.service';

/** Every job handler of the worker, and the registry that checks there is exactly one per job. */
@Module({
  imports: [DiscoveryModule, TransitionsModule, NotificationsModule],
  providers: [
    TransitionWorkflowService,
    StageReviewService,
    TransitionBatchHandlers,
    NotificationHandlers,
    NotificationSchedules,
    JobHandlerRegistry,
  ],
  exports: [JobHandlerRegistry, TransitionWorkflowService, StageReviewService],
})
export class WorkflowModule {}
