import { Module } from '@nestjs/common';
import { AnalyticsService } from './analytics.service';
import { RecordedKpis, ReportedKpisSource } from './reported-kpis';

/** Funder analytics. Roll-up maintenance is plain functions (rollups/), used by the workflow. */
@Module({
  providers: [AnalyticsService, { provide: ReportedKpisSource, useClass: RecordedKpis }],
  exports: [AnalyticsService],
})
export class AnalyticsModule {}
