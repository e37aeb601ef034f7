import { Module } from '@nestjs/common';
import { KpiReportsService } from './kpi-reports.service';

/** Quarterly KPI reports of startups. */
@Module({ providers: [KpiReportsService], exports: [KpiReportsService] })
export class KpiReportsModule {}
