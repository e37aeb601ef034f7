import type { DomainCode, TerritoryCode } from './reference-data';
import type { PipelineStage, Stage } from './stages';

/*
 * Funder analytics (SPEC §3 "Analytics definitions (contract)"). Field names of the contract
 * are kept as written there; `period` is added to every answer so that a reader knows which
 * instants "from" and "to" were taken to be (`to` defaults to the time of the request).
 */

/** The filters every analytics endpoint takes (query string). Dates are ISO 8601. */
export interface AnalyticsFilters {
  /** Inclusive; a date alone is midnight UTC. Absent: the beginning of time. */
  from?: string;
  /** Exclusive; a date alone is midnight UTC. Absent: now. */
  to?: string;
  territory?: TerritoryCode;
  domain?: DomainCode;
  structureId?: string;
  programmeId?: string;
  cohortId?: string;
}

export interface AnalyticsPeriod {
  /** ISO 8601 instant, or null for the beginning of time. */
  from: string | null;
  to: string;
}

export interface FunnelStage {
  stage: PipelineStage;
  entered: number;
  movedOn: number;
  movedBack: number;
  exited: number;
  current: number;
  /** movedOn / (movedOn + movedBack + exited); null when nobody left the stage in the period. */
  conversionRate: number | null;
}

export interface FunnelResponse {
  stages: FunnelStage[];
  period: AnalyticsPeriod;
}

export interface TimeInStageStage {
  stage: PipelineStage;
  completedStays: number;
  /** percentile_cont(0.5) of the completed stays' durations in days; null when there are none. */
  medianDays: number | null;
  p90Days: number | null;
  stillIn: number;
}

export interface TimeInStageResponse {
  stages: TimeInStageStage[];
  period: AnalyticsPeriod;
}

export interface FlowItem {
  /** Null for a startup's first entry. */
  fromStage: Stage | null;
  toStage: Stage;
  count: number;
}

export interface FlowsResponse {
  items: FlowItem[];
  period: AnalyticsPeriod;
}

/** Figures a KPI target can be measured against (a target key is one of these + `3y`, `10y`…). */
export const KPI_METRICS = [
  'newStartups',
  'startupsAccelerated',
  'startupsHosted',
  'jobsCreated',
  'fundsRaisedEur',
  'tradeShows',
] as const;
export type KpiMetric = (typeof KPI_METRICS)[number];

export interface KpiTarget {
  /** As written in the programmes' `targets`, e.g. `startupsAccelerated3y`. */
  key: string;
  /** Summed over the programmes the filters select. */
  target: number;
  /** The figure of the period the key measures; null when no figure measures it yet. */
  actual: number | null;
  /** actual / target; null when either is unknown or the target is 0. */
  progress: number | null;
  /**
   * `ecosystem` for the published targets of the whole programme (`GET /targets`), keyed
   * `ecosystem.<metric>.<horizon>y`; absent for programme targets.
   */
  scope?: 'ecosystem';
  /** The horizon of an ecosystem target, in years. */
  horizonYears?: number;
}

export interface KpisResponse {
  newStartups: number;
  startupsAccelerated: number;
  startupsHosted: number;
  jobsCreated: number;
  fundsRaisedEur: number;
  tradeShows: number;
  targets: KpiTarget[];
  period: AnalyticsPeriod;
}

/** `GET /analytics/cohorts/:id`: where a cohort's startups are and how they left it. */
export interface CohortOutcomesResponse {
  cohort: {
    id: string;
    name: string;
    programmeId: string;
    startsOn: string;
    endsOn: string | null;
  };
  /** Distinct startups (matching the filters) with a stay in the cohort overlapping the period. */
  startups: number;
  /** How each of them left the cohort (its latest cohort stay begun before the period's end). */
  outcomes: {
    stillIn: number;
    movedOn: number;
    movedBack: number;
    exited: number;
  };
  /** Where they are at the end of the period, for every stage (outcomes included). */
  currentStages: { stage: Stage; count: number }[];
  period: AnalyticsPeriod;
}
