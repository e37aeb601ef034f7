import { Module } from '@nestjs/common';
import { AnalyticsModule } from '@parcours/server-analytics';
import { ActorDirectoryModule } from '@parcours/server-identity';
import { ExportJobHandlers, ExportSchedules } from './export-jobs.handlers';
import { ExportJobsService } from './export-jobs.service';
import { ExportsService } from './exports.service';

/** Exports for the API: direct streams and background export requests. */
@Module({
  imports: [AnalyticsModule, ActorDirectoryModule],
  providers: [ExportsService, ExportJobsService],
  exports: [ExportsService, ExportJobsService],
})
export class ExportsModule {}

/** The worker's part: running background exports and deleting expired files. */
@Module({
  imports: [ExportsModule],
  providers: [ExportJobHandlers, ExportSchedules],
})
export class ExportsWorkerModule {}
