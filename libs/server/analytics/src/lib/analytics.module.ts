import { Module } from '@nestjs/common';
import { AnalyticsService } from './analytics.service';
import { NoReportedKpis, ReportedKpisSource } from './reported-kpis';

/** Funder analytics. Roll-up maintenance is plain functions (rollups/), used by the workflow. */
@Module({
  providers: [AnalyticsService, { provide: ReportedKpisSource, useClass: NoReportedKpis }],
  exports: [AnalyticsService],
})
export class AnalyticsModule {}
