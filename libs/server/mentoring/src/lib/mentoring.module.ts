import { Module } from '@nestjs/common';
import { ActionItemsService } from './action-items.service';
import { MentoringSessionsService } from './mentoring-sessions.service';

/** Mentoring sessions, their action items and the mentor's view of their mentees. */
@Module({
  providers: [MentoringSessionsService, ActionItemsService],
  exports: [MentoringSessionsService, ActionItemsService],
})
export class MentoringModule {}
