import type { SqlRunner } from './rollups/rollups';
import type { ReportedKpiFigures, ReportedKpiQuery } from './reported-kpis';

export type KpiReportSums = Pick<
  ReportedKpiFigures,
  'jobsCreated' | 'fundsRaisedEur' | 'tradeShows'
>;

/**
 * `jobsCreated`, `fundsRaisedEur`, `tradeShows` (SPEC §3 `/analytics/kpis`): sums over the KPI
 * reports of the selected startups whose quarter lies inside the period — it begins at or after
 * `from` and ends at or before `to`. A quarter the period only cuts through is left out: its
 * figures cannot be split by day. Quarters are calendar quarters in UTC; trade shows count one
 * per attendance listed in a report.
 */
export async function kpiReportSums(
  sql: SqlRunner,
  query: ReportedKpiQuery,
): Promise<KpiReportSums> {
  const from = query.params.length + 1;
  const to = query.params.length + 2;
  const rows: { jobs: string; funds: string; shows: string }[] = await sql.query(
    `SELECT coalesce(sum(k.jobs_created), 0)::text AS jobs,
            coalesce(sum(k.funds_raised_eur), 0)::text AS funds,
            coalesce(sum(jsonb_array_length(k.trade_shows)), 0)::text AS shows
       FROM kpi_report k
      WHERE k.startup_id IN (${query.startupsSql})
        AND ($${from}::timestamptz IS NULL
             OR (k.quarter_starts_on::timestamp AT TIME ZONE 'UTC') >= $${from}::timestamptz)
        AND ((k.quarter_starts_on + interval '3 months')::timestamp AT TIME ZONE 'UTC')
            <= $${to}::timestamptz`,
    [...query.params, query.from, query.to],
  );
  const row = rows[0];
  return {
    jobsCreated: Number(row?.jobs ?? 0),
    fundsRaisedEur: Number(row?.funds ?? 0),
    tradeShows: Number(row?.shows ?? 0),
  };
}
