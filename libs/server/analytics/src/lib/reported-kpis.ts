import { Injectable } from '@nestjs/common';
import { kpiReportSums } from './kpi-report-sums';
import type { SqlRunner } from './rollups/rollups';

/** Figures that come from records other than stays (SPEC §3 `/analytics/kpis`). */
export interface ReportedKpiFigures {
  /** Distinct startups with a hosting agreement overlapping the period. */
  startupsHosted: number;
  /** Sums over the KPI reports of quarters inside the period. */
  jobsCreated: number;
  fundsRaisedEur: number;
  tradeShows: number;
}

export interface ReportedKpiQuery {
  /** `SELECT s.id FROM startup s WHERE …` with positional parameters `params`. */
  startupsSql: string;
  params: unknown[];
  from: Date | null;
  to: Date;
}

/**
 * Where the reported figures plug in: each sums its own records over the startups of
 * `startupsSql`. `NoReportedKpis` (every figure 0) serves tests that look at stays only.
 */
export abstract class ReportedKpisSource {
  abstract figures(sql: SqlRunner, query: ReportedKpiQuery): Promise<ReportedKpiFigures>;
}

@Injectable()
export class NoReportedKpis extends ReportedKpisSource {
  async figures(): Promise<ReportedKpiFigures> {
    return { startupsHosted: 0, jobsCreated: 0, fundsRaisedEur: 0, tradeShows: 0 };
  }
}

/**
 * The figures from the records that hold them: quarterly KPI reports. `startupsHosted` is counted
 * from the hosting agreements by `AnalyticsService` (`hostedStartups`), whatever the source.
 */
@Injectable()
export class RecordedKpis extends ReportedKpisSource {
  async figures(sql: SqlRunner, query: ReportedKpiQuery): Promise<ReportedKpiFigures> {
    return { startupsHosted: 0, ...(await kpiReportSums(sql, query)) };
  }
}
