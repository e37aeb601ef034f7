import {
  KPI_METRICS,
  ecosystemTargetKey,
  type KpiMetric,
  type KpiTarget,
} from '@parcours/contracts';
import type { EntityManager } from 'typeorm';
import type { StartupFilters } from './startup-selection';

/**
 * The ecosystem's published targets, measured against the figures of the period. They are the
 * targets of the whole programme, so they are shown only when no filter narrows the startups
 * (a territory's or a structure's share of "150 new startups" is not a target anyone set).
 */
export async function ecosystemKpiTargets(
  em: EntityManager,
  filters: StartupFilters,
  figures: Record<KpiMetric, number>,
): Promise<KpiTarget[]> {
  const narrowed =
    filters.territory || filters.domain || filters.structureId || filters.programmeId;
  if (narrowed || filters.cohortId) return [];
  const rows: { metric: string; horizon_years: number; target: number }[] = await em.query(
    `SELECT metric, horizon_years, target::float8 AS target
       FROM ecosystem_target ORDER BY horizon_years, metric COLLATE "C"`,
  );
  return rows.map(({ metric, horizon_years, target }) => {
    const actual = (KPI_METRICS as readonly string[]).includes(metric)
      ? figures[metric as KpiMetric]
      : null;
    return {
      key: ecosystemTargetKey(metric, horizon_years),
      target,
      actual,
      progress: actual === null || target === 0 ? null : actual / target,
      scope: 'ecosystem',
      horizonYears: horizon_years,
    };
  });
}
