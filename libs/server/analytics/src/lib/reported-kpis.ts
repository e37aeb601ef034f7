import { Injectable } from '@nestjs/common';
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
 * Where the reported figures plug in. KPI reports and hosting agreements do not exist yet:
 * until they do, every figure is 0 (and the API documentation says so). The feature that adds
 * them provides its own implementation in place of `NoReportedKpis` (same token), summing its
 * rows over the startups of `startupsSql`.
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
