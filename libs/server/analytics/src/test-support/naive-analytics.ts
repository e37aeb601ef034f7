import {
  KPI_METRICS,
  PIPELINE_STAGES,
  STAGES,
  type CohortOutcomesResponse,
  type DomainCode,
  type FlowItem,
  type FunnelStage,
  type KpiTarget,
  type Stage,
  type TerritoryCode,
  type TimeInStageStage,
} from '@parcours/contracts';

/*
 * The contract of SPEC §3 "Analytics definitions", computed the obvious way over an in-memory
 * history: no roll-ups, no SQL, no shared code with the library. Tests compare the service with
 * these functions.
 */

export interface ModelStay {
  id: string;
  transitionId: string;
  stage: Stage;
  /** Stage of the transition that began the stay; null for the first entry. */
  fromStage: Stage | null;
  enteredAt: number;
  leftAt: number | null;
  leftToStage: Stage | null;
  structureId: string | null;
  programmeId: string | null;
  cohortId: string | null;
}

export interface ModelStartup {
  id: string;
  territory: TerritoryCode;
  domain: DomainCode;
  /**
   * As the API keeps it: the structure of the latest stay that had one — or, as in data imported
   * or corrected by hand, one it never stayed at.
   */
  currentStructureId: string | null;
  /** A move into a structure that did not complete (see startupVisibility for who sees it). */
  referral?: { transitionId: string; structureId: string; status: string } | null;
  /** In order. */
  stays: ModelStay[];
  /** Hosting agreements: first and last hosted UTC day (epoch ms of their midnight). */
  hostingAgreements?: ModelHostingAgreement[];
  /** Quarterly KPI reports, one per quarter at most. */
  kpiReports?: ModelKpiReport[];
}

export interface ModelKpiReport {
  /** `2025-Q2`. */
  quarter: string;
  jobsCreated: number;
  fundsRaisedEur: number;
  tradeShows: number;
}

/** A quarter's [start, end) in epoch milliseconds (UTC calendar quarters). */
export function quarterBounds(quarter: string): [number, number] {
  const [year, q] = quarter.split('-Q').map(Number);
  return [Date.UTC(year, (q - 1) * 3, 1), Date.UTC(year, q * 3, 1)];
}

export interface ModelHostingAgreement {
  startsOn: number;
  /** Inclusive; null while open-ended. */
  endsOn: number | null;
}

/** An agreement covers [startsOn, endsOn + 1 day): it overlaps [from, to) when both overlap. */
function hostedDuring(agreement: ModelHostingAgreement, query: ModelQuery): boolean {
  return (
    agreement.startsOn < query.to &&
    (query.from === null || agreement.endsOn === null || agreement.endsOn + DAY_MS > query.from)
  );
}

export interface ModelProgramme {
  id: string;
  structureId: string;
  targets: Record<string, number>;
}

export interface ModelCohort {
  id: string;
  programmeId: string;
}

/** Whom the figures are for: everything, some territories, or the startups of structures. */
export type ModelScope =
  | { kind: 'all' }
  | { kind: 'territories'; territories: TerritoryCode[] }
  | { kind: 'structures'; structureIds: string[] };

export interface ModelQuery {
  from: number | null;
  to: number;
  territory?: TerritoryCode;
  domain?: DomainCode;
  structureId?: string;
  programmeId?: string;
  cohortId?: string;
}

const DAY_MS = 86_400_000;

const pipelineIndex = (stage: Stage) => (PIPELINE_STAGES as readonly Stage[]).indexOf(stage);

function leftHow(stay: ModelStay): 'ON' | 'BACK' | 'EXIT' | null {
  if (stay.leftAt === null || pipelineIndex(stay.stage) < 0 || stay.leftToStage === null) {
    return null;
  }
  if (stay.leftToStage === 'EXITED') return 'EXIT';
  if (stay.leftToStage === 'ALUMNI') return 'ON';
  const to = pipelineIndex(stay.leftToStage);
  const from = pipelineIndex(stay.stage);
  if (to > from) return 'ON';
  if (to >= 0 && to < from) return 'BACK';
  return null;
}

/** The statuses of a move that let its target structure see the startup (SPEC §1). */
const REFERRING_STATUSES = [
  'REQUESTED',
  'APPROVED',
  'REJECTED',
  'EXECUTING',
  'COMPLETED',
  'FAILED',
];

export function selectStartups(
  startups: readonly ModelStartup[],
  scope: ModelScope,
  query: ModelQuery,
): ModelStartup[] {
  return startups.filter((startup) => {
    const visible =
      scope.kind === 'all' ||
      (scope.kind === 'territories' && scope.territories.includes(startup.territory)) ||
      (scope.kind === 'structures' &&
        ((startup.currentStructureId !== null &&
          scope.structureIds.includes(startup.currentStructureId)) ||
          startup.stays.some(
            (stay) => stay.structureId !== null && scope.structureIds.includes(stay.structureId),
          ) ||
          (startup.referral != null &&
            REFERRING_STATUSES.includes(startup.referral.status) &&
            scope.structureIds.includes(startup.referral.structureId))));
    return (
      visible &&
      (!query.territory || startup.territory === query.territory) &&
      (!query.domain || startup.domain === query.domain) &&
      (!query.structureId || startup.stays.some((s) => s.structureId === query.structureId)) &&
      (!query.programmeId || startup.stays.some((s) => s.programmeId === query.programmeId)) &&
      (!query.cohortId || startup.stays.some((s) => s.cohortId === query.cohortId))
    );
  });
}

const inPeriod = (at: number | null, query: ModelQuery) =>
  at !== null && (query.from === null || at >= query.from) && at < query.to;

const ongoingAtEnd = (stay: ModelStay, query: ModelQuery) =>
  stay.enteredAt < query.to && (stay.leftAt === null || stay.leftAt >= query.to);

export function naiveFunnel(startups: readonly ModelStartup[], query: ModelQuery): FunnelStage[] {
  return PIPELINE_STAGES.map((stage) => {
    const having = (test: (stay: ModelStay) => boolean) =>
      startups.filter((startup) => startup.stays.some((stay) => stay.stage === stage && test(stay)))
        .length;
    const movedOn = having((s) => inPeriod(s.leftAt, query) && leftHow(s) === 'ON');
    const movedBack = having((s) => inPeriod(s.leftAt, query) && leftHow(s) === 'BACK');
    const exited = having((s) => inPeriod(s.leftAt, query) && leftHow(s) === 'EXIT');
    const left = movedOn + movedBack + exited;
    return {
      stage,
      entered: having((s) => inPeriod(s.enteredAt, query)),
      movedOn,
      movedBack,
      exited,
      current: startups.filter((startup) =>
        startup.stays.some((s) => s.stage === stage && ongoingAtEnd(s, query)),
      ).length,
      conversionRate: left === 0 ? null : movedOn / left,
    };
  });
}

/** percentile_cont as its documentation defines it: linear interpolation between ranks. */
function continuousPercentile(values: number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return lower === upper
    ? sorted[lower]
    : sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

export function naiveTimeInStage(
  startups: readonly ModelStartup[],
  query: ModelQuery,
): TimeInStageStage[] {
  const stays = startups.flatMap((startup) => startup.stays);
  return PIPELINE_STAGES.map((stage) => {
    const durations = stays
      .filter((s) => s.stage === stage && inPeriod(s.leftAt, query))
      .map((s) => ((s.leftAt as number) - s.enteredAt) / DAY_MS);
    return {
      stage,
      completedStays: durations.length,
      medianDays: continuousPercentile(durations, 0.5),
      p90Days: continuousPercentile(durations, 0.9),
      stillIn: stays.filter((s) => s.stage === stage && ongoingAtEnd(s, query)).length,
    };
  });
}

export function naiveFlows(startups: readonly ModelStartup[], query: ModelQuery): FlowItem[] {
  const counts = new Map<string, FlowItem>();
  for (const stay of startups.flatMap((startup) => startup.stays)) {
    if (!inPeriod(stay.enteredAt, query)) continue;
    const key = `${stay.fromStage}>${stay.stage}`;
    const item = counts.get(key) ?? { fromStage: stay.fromStage, toStage: stay.stage, count: 0 };
    item.count += 1;
    counts.set(key, item);
  }
  const order = (stage: Stage | null) => (stage === null ? -1 : STAGES.indexOf(stage));
  return [...counts.values()].sort(
    (a, b) => order(a.fromStage) - order(b.fromStage) || order(a.toStage) - order(b.toStage),
  );
}

export function naiveKpis(
  startups: readonly ModelStartup[],
  query: ModelQuery,
  programmes: readonly ModelProgramme[],
  cohorts: readonly ModelCohort[],
): {
  newStartups: number;
  startupsAccelerated: number;
  startupsHosted: number;
  jobsCreated: number;
  fundsRaisedEur: number;
  tradeShows: number;
  targets: KpiTarget[];
} {
  const figures = {
    newStartups: startups.filter((s) => s.stays.length > 0 && inPeriod(s.stays[0].enteredAt, query))
      .length,
    startupsAccelerated: startups.filter((s) =>
      s.stays.some((stay) => stay.stage === 'ACCELERATION' && inPeriod(stay.enteredAt, query)),
    ).length,
    startupsHosted: startups.filter((s) =>
      (s.hostingAgreements ?? []).some((agreement) => hostedDuring(agreement, query)),
    ).length,
    jobsCreated: 0,
    fundsRaisedEur: 0,
    tradeShows: 0,
  };
  // Reports of quarters lying wholly inside [from, to).
  for (const report of startups.flatMap((s) => s.kpiReports ?? [])) {
    const [start, end] = quarterBounds(report.quarter);
    if ((query.from === null || start >= query.from) && end <= query.to) {
      figures.jobsCreated += report.jobsCreated;
      figures.fundsRaisedEur += report.fundsRaisedEur;
      figures.tradeShows += report.tradeShows;
    }
  }
  const cohortProgramme = cohorts.find((c) => c.id === query.cohortId)?.programmeId;
  const selected = programmes.filter(
    (p) =>
      (!query.structureId || p.structureId === query.structureId) &&
      (!query.programmeId || p.id === query.programmeId) &&
      (!query.cohortId || p.id === cohortProgramme),
  );
  const totals = new Map<string, number>();
  for (const programme of selected) {
    for (const [key, value] of Object.entries(programme.targets)) {
      totals.set(key, (totals.get(key) ?? 0) + value);
    }
  }
  const targets = [...totals.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, target]) => {
      const metric = KPI_METRICS.find(
        (name) => key === name || new RegExp(`^${name}\\d+y$`).test(key),
      );
      const actual = metric === undefined ? null : figures[metric];
      return {
        key,
        target,
        actual,
        progress: actual === null || target === 0 ? null : actual / target,
      };
    });
  return { ...figures, targets };
}

export function naiveCohort(
  startups: readonly ModelStartup[],
  query: ModelQuery,
  cohortId: string,
): Omit<CohortOutcomesResponse, 'cohort' | 'period'> {
  const outcomes = { stillIn: 0, movedOn: 0, movedBack: 0, exited: 0 };
  const where = new Map<Stage, number>();
  let members = 0;
  for (const startup of startups) {
    const cohortStays = startup.stays.filter(
      (s) =>
        s.cohortId === cohortId &&
        s.enteredAt < query.to &&
        (query.from === null || s.leftAt === null || s.leftAt >= query.from),
    );
    if (cohortStays.length === 0) continue;
    members += 1;
    const last = cohortStays.reduce((latest, s) =>
      s.enteredAt > latest.enteredAt || (s.enteredAt === latest.enteredAt && s.id > latest.id)
        ? s
        : latest,
    );
    if (last.leftAt === null || last.leftAt >= query.to) outcomes.stillIn += 1;
    else if (leftHow(last) === 'ON') outcomes.movedOn += 1;
    else if (leftHow(last) === 'BACK') outcomes.movedBack += 1;
    else if (leftHow(last) === 'EXIT') outcomes.exited += 1;
    const now = startup.stays.find((s) => ongoingAtEnd(s, query));
    if (now) where.set(now.stage, (where.get(now.stage) ?? 0) + 1);
  }
  return {
    startups: members,
    outcomes,
    currentStages: STAGES.map((stage) => ({ stage, count: where.get(stage) ?? 0 })),
  };
}
