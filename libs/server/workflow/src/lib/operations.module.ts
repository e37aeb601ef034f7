import { Module } from '@nestjs/common';
import { OperationsService } from './operations.service';

/** The operators' view of workflows and queues, for the API (needs the global QueueModule). */
@Module({
  providers: [OperationsService],
  exports: [OperationsService],
})
export class OperationsModule {}
