export * from './lib/analytics.module';
export * from './lib/analytics.service';
export * from './lib/reported-kpis';
export * from './lib/kpi-report-sums';
export {
  cutPeriod,
  cutDays,
  type BucketSpan,
  type InstantSpan,
  type PeriodCut,
} from './lib/period';
export { percentileCont } from './lib/percentile';
export { readInSnapshot, type ReadSource } from './lib/snapshot-read';
export {
  rebuildAnalytics,
  refreshAnalyticsForTransition,
  refreshStaleStartups,
  refreshStartups,
  vacuumAnalytics,
  type SqlRunner,
} from './lib/rollups/rollups';
export { DURATION_CLASS_DAYS } from './lib/rollups/fact-sql';
export { SqlParams } from './lib/sql-params';
export {
  selectedStartupsSql,
  startupSelection,
  type StartupFilters,
  type StartupSelection,
} from './lib/startup-selection';
