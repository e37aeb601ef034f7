import type { ReportedKpiQuery } from './reported-kpis';
import type { SqlRunner } from './rollups/rollups';

/**
 * `startupsHosted` (SPEC "Analytics definitions"): distinct selected startups with a hosting
 * agreement overlapping the period. An agreement covers its days from `starts_on` through
 * `ends_on` (inclusive; open-ended while null), each day a UTC day, so it is the range of
 * instants [starts_on, ends_on + 1 day), and it overlaps [from, to) when it begins before `to`
 * and ends after `from`.
 */
export async function hostedStartups(sql: SqlRunner, query: ReportedKpiQuery): Promise<number> {
  const params = [...query.params, query.from, query.to];
  const from = `$${params.length - 1}::timestamptz`;
  const to = `$${params.length}::timestamptz`;
  const rows: { hosted: number }[] = await sql.query(
    `SELECT count(DISTINCT a.startup_id)::int AS hosted
       FROM hosting_agreement a
      WHERE a.startup_id IN (${query.startupsSql})
        AND (a.starts_on::timestamp AT TIME ZONE 'UTC') < ${to}
        AND (${from} IS NULL OR a.ends_on IS NULL
             OR ((a.ends_on + 1)::timestamp AT TIME ZONE 'UTC') > ${from})`,
    params,
  );
  return rows[0]?.hosted ?? 0;
}
