import { Injectable } from '@nestjs/common';
import {
  KPI_METRICS,
  PIPELINE_STAGES,
  STAGES,
  type AnalyticsPeriod,
  type CohortOutcomesResponse,
  type FlowItem,
  type FlowsResponse,
  type FunnelResponse,
  type FunnelStage,
  type KpiMetric,
  type KpiTarget,
  type KpisResponse,
  type PipelineStage,
  type Stage,
  type TimeInStageResponse,
  type TimeInStageStage,
} from '@parcours/contracts';
import { notFoundProblem } from '@parcours/server-http';
import type { Actor } from '@parcours/server-identity';
import { DataSource, type EntityManager } from 'typeorm';
import { FactReader, type FactFunnelFigures } from './fact-reader';
import { interpolate, percentileRanks } from './percentile';
import { hostedStartups } from './hosted-startups';
import { ReportedKpisSource } from './reported-kpis';
import {
  NO_SUMS,
  RollupReader,
  type ClassCount,
  type ClassValueRequest,
  type PairCounts,
  type StageSums,
} from './rollup-reader';
import type { SqlRunner } from './rollups/rollups';
import { readInSnapshot, type ReadSource } from './snapshot-read';
import { SqlParams } from './sql-params';
import { readStructureUnionCorrection, type StructureUnionCorrection } from './structure-union';
import {
  answerableFromBuckets,
  answerableFromStructureBuckets,
  selectedStartupsSql,
  startupSelection,
  type StartupFilters,
  type StartupSelection,
} from './startup-selection';
import { ecosystemKpiTargets } from './ecosystem-kpi-targets';

export interface AnalyticsQuery extends StartupFilters {
  /** Inclusive; null for the beginning of time. */
  from: Date | null;
  /** Exclusive. */
  to: Date;
}

/**
 * How figures are read: `auto` uses the pre-aggregates whenever the selection allows it
 * (territory and domain, or one structure, programme or cohort, or the structures of a manager)
 * and the facts otherwise; tests and the measurement tool force either path to compare them.
 */
export type ReadPath = 'auto' | 'buckets' | 'facts';

const conversionRate = (on: number, back: number, exited: number) =>
  on + back + exited === 0 ? null : on / (on + back + exited);

const stageOrder = (stage: string | null) => (stage === null ? -1 : STAGES.indexOf(stage as Stage));

function sortFlows(items: FlowItem[]): FlowItem[] {
  return items.sort(
    (a, b) =>
      stageOrder(a.fromStage) - stageOrder(b.fromStage) ||
      stageOrder(a.toStage) - stageOrder(b.toStage),
  );
}

const toFlowItems = (rows: { fromStage: string; toStage: Stage; count: number }[]): FlowItem[] =>
  sortFlows(
    rows.map((row) => ({
      fromStage: row.fromStage === '' ? null : (row.fromStage as Stage),
      toStage: row.toStage,
      count: row.count,
    })),
  );

const funnelStageOf = (stage: PipelineStage, row: FactFunnelFigures | undefined): FunnelStage => {
  const [on, back, exited] = [row?.movedOn ?? 0, row?.movedBack ?? 0, row?.exited ?? 0];
  return {
    stage,
    entered: row?.entered ?? 0,
    movedOn: on,
    movedBack: back,
    exited,
    current: row?.current ?? 0,
    conversionRate: conversionRate(on, back, exited),
  };
};

/** A stage's figures from the sum of a manager's structures, with the correction's added. */
const correctedFunnelStage = (sum: FunnelStage, correction: FunnelStage): FunnelStage =>
  funnelStageOf(sum.stage, {
    stage: sum.stage,
    entered: sum.entered + correction.entered,
    movedOn: sum.movedOn + correction.movedOn,
    movedBack: sum.movedBack + correction.movedBack,
    exited: sum.exited + correction.exited,
    current: sum.current + correction.current,
  });

type FlowRow = { fromStage: string; toStage: Stage; count: number };

/** Flow counts added per (from, to); the moves left with none dropped, as the contract lists them. */
function addFlows(...parts: FlowRow[][]): FlowRow[] {
  const total = new Map<string, FlowRow>();
  for (const row of parts.flat()) {
    const key = `${row.fromStage}>${row.toStage}`;
    const sum = total.get(key);
    total.set(key, { ...row, count: (sum?.count ?? 0) + row.count });
  }
  return [...total.values()].filter((row) => row.count !== 0);
}

const MEDIAN = 0.5;
const P90 = 0.9;

/** Which values read a percentile interpolates: [request, position] of the lower and upper. */
interface PercentilePlan {
  low: [number, number];
  high: [number, number];
  weight: number;
}

/** The funder analytics of SPEC §3, exact, from the roll-ups. */
@Injectable()
export class AnalyticsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reported: ReportedKpisSource,
  ) {}

  async funnel(
    actor: Actor,
    query: AnalyticsQuery,
    path: ReadPath = 'auto',
  ): Promise<FunnelResponse> {
    const selection = startupSelection(actor, query);
    const source = this.readSource(selection, path);
    const stages = await this.read(async (em, sql) => {
      if (source === 'facts') {
        const figures = await new FactReader(sql, selection).funnel(query.from, query.to);
        return PIPELINE_STAGES.map((stage) =>
          funnelStageOf(
            stage,
            figures.find((figure) => figure.stage === stage),
          ),
        );
      }
      const sums = await this.periodSums(new RollupReader(sql, selection), query);
      if (source === 'buckets')
        return PIPELINE_STAGES.map((stage) => this.funnelStage(stage, sums));
      const correctionFacts = await this.correctionFacts(sql, selection);
      const correction = await correctionFacts.funnel(query.from, query.to);
      return PIPELINE_STAGES.map((stage) =>
        correctedFunnelStage(
          this.funnelStage(stage, sums),
          funnelStageOf(
            stage,
            correction.find((figure) => figure.stage === stage),
          ),
        ),
      );
    }, source);
    return { stages, period: periodOf(query) };
  }

  async timeInStage(
    actor: Actor,
    query: AnalyticsQuery,
    path: ReadPath = 'auto',
  ): Promise<TimeInStageResponse> {
    const selection = startupSelection(actor, query);
    const source = this.readSource(selection, path);
    const stages = await this.read(async (em, sql) => {
      if (source !== 'facts') {
        const correction =
          source === 'structure-buckets'
            ? await readStructureUnionCorrection(sql, selection)
            : null;
        return this.timeInStageFromBuckets(sql, selection, query, correction);
      }
      const figures = await new FactReader(sql, selection).durations(query.from, query.to);
      return PIPELINE_STAGES.map((stage): TimeInStageStage => {
        const row = figures.find((figure) => figure.stage === stage);
        return {
          stage,
          completedStays: row?.completed ?? 0,
          medianDays: row?.median ?? null,
          p90Days: row?.p90 ?? null,
          stillIn: row?.current ?? 0,
        };
      });
    }, source);
    return { stages, period: periodOf(query) };
  }

  async flows(
    actor: Actor,
    query: AnalyticsQuery,
    path: ReadPath = 'auto',
  ): Promise<FlowsResponse> {
    const selection = startupSelection(actor, query);
    const source = this.readSource(selection, path);
    const items = await this.read(async (em, sql) => {
      if (source === 'facts')
        return toFlowItems(await new FactReader(sql, selection).flows(query.from, query.to));
      const reader = new RollupReader(sql, selection);
      const sums = await reader.flowSums(reader.cut(query.from, query.to));
      if (source === 'buckets') return toFlowItems(sums);
      const correctionFacts = await this.correctionFacts(sql, selection);
      return toFlowItems(addFlows(sums, await correctionFacts.flows(query.from, query.to)));
    }, source);
    return { items, period: periodOf(query) };
  }

  async kpis(actor: Actor, query: AnalyticsQuery, path: ReadPath = 'auto'): Promise<KpisResponse> {
    const selection = startupSelection(actor, query);
    const source = this.readSource(selection, path);
    return this.read(async (em, sql) => {
      let newStartups: number;
      let startupsAccelerated: number;
      // A manager's startups, when the correction has read them: the reports and hosting
      // agreements are then selected by key rather than by the visibility rule again.
      let scope: string[] | null = null;
      if (source !== 'facts') {
        const sums = await this.periodSums(new RollupReader(sql, selection), query, 'ACCELERATION');
        newStartups = [...sums.period.values()].reduce((sum, s) => sum + s.firstStays, 0);
        startupsAccelerated = this.funnelStage('ACCELERATION', sums).entered;
        if (source === 'structure-buckets') {
          const union = await readStructureUnionCorrection(sql, selection, true);
          const correction = await new FactReader(sql, selection, union).kpis(query.from, query.to);
          newStartups += correction.newStartups;
          startupsAccelerated += correction.startupsAccelerated;
          scope = union.scope;
        }
      } else {
        ({ newStartups, startupsAccelerated } = await new FactReader(sql, selection).kpis(
          query.from,
          query.to,
        ));
      }
      const params = new SqlParams();
      const startupsSql =
        scope === null
          ? selectedStartupsSql(selection, params)
          : `SELECT unnest(${params.add(scope)}::uuid[])`;
      const reportedQuery = { startupsSql, params: params.values, from: query.from, to: query.to };
      const reported = await this.reported.figures(em, reportedQuery);
      const figures: Record<KpiMetric, number> = {
        newStartups,
        startupsAccelerated,
        ...reported,
        // Counted from the hosting agreements themselves, whichever source gives the sums.
        startupsHosted: await hostedStartups(em, reportedQuery),
      };
      return {
        ...figures,
        targets: [
          ...(await this.targets(em, query, figures)),
          ...(await ecosystemKpiTargets(em, query, figures)),
        ],
        period: periodOf(query),
      };
    }, source);
  }

  async cohortOutcomes(
    actor: Actor,
    cohortId: string,
    query: AnalyticsQuery,
  ): Promise<CohortOutcomesResponse> {
    const selection = startupSelection(actor, query);
    return this.read(async (em, sql) => {
      const cohorts: CohortOutcomesResponse['cohort'][] = await em.query(
        `SELECT id, name, programme_id AS "programmeId", to_char(starts_on, 'YYYY-MM-DD') AS "startsOn",
                to_char(ends_on, 'YYYY-MM-DD') AS "endsOn"
           FROM cohort WHERE id = $1`,
        [cohortId],
      );
      if (!cohorts[0]) throw notFoundProblem('Cohort');
      const figures = await new FactReader(sql, selection).cohort(cohortId, query.from, query.to);
      return {
        cohort: cohorts[0],
        startups: figures.startups,
        outcomes: {
          stillIn: figures.stillIn,
          movedOn: figures.movedOn,
          movedBack: figures.movedBack,
          exited: figures.exited,
        },
        currentStages: STAGES.map((stage) => ({
          stage,
          count: figures.currentStages.find((row) => row.stage === stage)?.count ?? 0,
        })),
        period: periodOf(query),
      };
    });
  }

  private read<T>(
    work: (em: EntityManager, sql: SqlRunner) => Promise<T>,
    source: ReadSource = 'facts',
  ): Promise<T> {
    return readInSnapshot(this.dataSource, work, source);
  }

  private readSource(selection: StartupSelection, path: ReadPath): ReadSource {
    const possible: ReadSource = answerableFromBuckets(selection)
      ? 'buckets'
      : answerableFromStructureBuckets(selection)
        ? 'structure-buckets'
        : 'facts';
    if (path === 'buckets' && possible === 'facts') {
      throw new Error('this selection of startups cannot be read from the pre-aggregates');
    }
    return path === 'facts' ? 'facts' : possible;
  }

  /** The facts that turn the sum of a manager's structures into their figures (structure-union.ts). */
  private async correctionFacts(sql: SqlRunner, selection: StartupSelection): Promise<FactReader> {
    return new FactReader(sql, selection, await readStructureUnionCorrection(sql, selection));
  }

  /**
   * Bucket sums over the period and up to its end, and the repeated events inside it (all of
   * them, or only the entries of one stage when that is all a figure needs).
   */
  private async periodSums(
    reader: RollupReader,
    query: AnalyticsQuery,
    onlyEntriesOf: PipelineStage | null = null,
  ) {
    const periodCut = reader.cut(query.from, query.to);
    if (query.from === null) {
      const [period] = await reader.stageSums(periodCut);
      return { period, untilEnd: period, pairs: null };
    }
    // Only `current` needs the sums up to the end, and KPIs (the only caller asking for the
    // entries of one stage) have no `current`.
    const [period, untilEnd] =
      onlyEntriesOf === null
        ? await reader.stageSums(periodCut, reader.cut(null, query.to))
        : await reader.stageSums(periodCut).then(([sums]) => [sums, sums]);
    const pairs = await reader.repeatedPairs(
      query.from,
      query.to,
      async () => {
        const starting: PairCounts = new Map();
        for (const [stage, sums] of period) {
          starting.set(`${stage}:ENTER`, sums.pairsEntered);
          starting.set(`${stage}:ON`, sums.pairsOn);
          starting.set(`${stage}:BACK`, sums.pairsBack);
          starting.set(`${stage}:EXIT`, sums.pairsExit);
        }
        return starting;
      },
      onlyEntriesOf,
    );
    return { period, untilEnd, pairs };
  }

  /**
   * Distinct startups from event counts: over a period from the beginning of time, the events
   * that were a startup's first of their series; otherwise all events minus the consecutive
   * pairs of the same series inside the period (each startup then counts once).
   */
  private funnelStage(
    stage: PipelineStage,
    sums: {
      period: Map<Stage, StageSums>;
      untilEnd: Map<Stage, StageSums>;
      pairs: PairCounts | null;
    },
  ): FunnelStage {
    const s = sums.period.get(stage) ?? NO_SUMS;
    const end = sums.untilEnd.get(stage) ?? NO_SUMS;
    const distinct = (events: number, firsts: number, kind: string) =>
      sums.pairs === null ? firsts : events - (sums.pairs.get(`${stage}:${kind}`) ?? 0);
    const movedOn = distinct(s.leftOn, s.leftOnNew, 'ON');
    const movedBack = distinct(s.leftBack, s.leftBackNew, 'BACK');
    const exited = distinct(s.leftExit, s.leftExitNew, 'EXIT');
    return {
      stage,
      entered: distinct(s.entered, s.enteredNew, 'ENTER'),
      movedOn,
      movedBack,
      exited,
      current: end.entered - (end.leftOn + end.leftBack + end.leftExit + end.leftOther),
      conversionRate: conversionRate(movedOn, movedBack, exited),
    };
  }

  /**
   * Counts from the stage buckets; percentiles located in the duration histogram, then read
   * exactly from the one duration class that holds each of the two ranks percentile_cont uses.
   */
  private async timeInStageFromBuckets(
    sql: SqlRunner,
    selection: StartupSelection,
    query: AnalyticsQuery,
    correction: StructureUnionCorrection | null,
  ): Promise<TimeInStageStage[]> {
    const reader = new RollupReader(sql, selection);
    const period = reader.cut(query.from, query.to);
    const [sums, untilEnd] =
      query.from === null
        ? await reader.stageSums(period).then(([all]) => [all, all])
        : await reader.stageSums(period, reader.cut(null, query.to));
    const histogram = await reader.durationHistogram(period);
    const completedCorrection = new Map<Stage, number>();
    const stillInCorrection = new Map<Stage, number>();
    if (correction !== null) {
      const correctionFacts = new FactReader(sql, selection, correction);
      const classes = await correctionFacts.durationClasses(query.from, query.to);
      correctHistogram(histogram, classes);
      for (const { stage, stays } of classes) {
        completedCorrection.set(stage, (completedCorrection.get(stage) ?? 0) + stays);
      }
      for (const { stage, current } of await correctionFacts.funnel(query.from, query.to)) {
        stillInCorrection.set(stage, current);
      }
    }

    const requests: ClassValueRequest[] = [];
    /** Where rank `rank` (0-based) of a stage's completed stays lies: its class and offset. */
    const locate = (stage: Stage, classes: ClassCount[], rank: number) => {
      let before = 0;
      for (const { durationClass, stays } of classes) {
        if (rank < before + stays) return { durationClass, offset: rank - before, size: stays };
        before += stays;
      }
      throw new Error(`rank ${rank} is beyond the histogram of ${stage}`);
    };
    const plans = PIPELINE_STAGES.map((stage) => {
      const classes = histogram.get(stage) ?? [];
      const count = classes.reduce((sum, c) => sum + c.stays, 0);
      // The two neighbouring ranks percentile_cont reads come in one request when they share a
      // class (nearly always), in two otherwise.
      const plan = (fraction: number): PercentilePlan | null => {
        if (count === 0) return null;
        const { first, second, weight } = percentileRanks(fraction, count);
        const low = locate(stage, classes, first);
        const sameClass = second === first || low.offset + 1 < low.size;
        requests.push({
          stage,
          durationClass: low.durationClass,
          offset: low.offset,
          count: second > first && sameClass ? 2 : 1,
        });
        const lowRequest = requests.length - 1;
        if (second === first) return { low: [lowRequest, 0], high: [lowRequest, 0], weight };
        if (sameClass) return { low: [lowRequest, 0], high: [lowRequest, 1], weight };
        const high = locate(stage, classes, second);
        requests.push({ stage, durationClass: high.durationClass, offset: high.offset, count: 1 });
        return { low: [lowRequest, 0], high: [requests.length - 1, 0], weight };
      };
      return { stage, median: plan(MEDIAN), p90: plan(P90) };
    });
    const values = await reader.durationValues(
      requests,
      query.from,
      query.to,
      correction?.unfollowed ?? [],
    );
    const valueOf = (plan: PercentilePlan | null): number | null => {
      if (plan === null) return null;
      // When both ranks are one, the weight is 0 and this is the value itself, as in PostgreSQL.
      return interpolate(
        values[plan.low[0]][plan.low[1]],
        values[plan.high[0]][plan.high[1]],
        plan.weight,
      );
    };
    return plans.map(({ stage, median, p90 }) => {
      const s = sums.get(stage) ?? NO_SUMS;
      const end = untilEnd.get(stage) ?? NO_SUMS;
      return {
        stage,
        completedStays:
          s.leftOn + s.leftBack + s.leftExit + s.leftOther + (completedCorrection.get(stage) ?? 0),
        medianDays: valueOf(median),
        p90Days: valueOf(p90),
        stillIn:
          end.entered -
          (end.leftOn + end.leftBack + end.leftExit + end.leftOther) +
          (stillInCorrection.get(stage) ?? 0),
      };
    });
  }

  /**
   * Targets of the programmes the filters select (all of them without a structure, programme or
   * cohort filter), summed per key; a key measures the figure its name starts with
   * (`startupsAccelerated3y` → startupsAccelerated).
   */
  private async targets(
    em: EntityManager,
    query: AnalyticsQuery,
    figures: Record<KpiMetric, number>,
  ): Promise<KpiTarget[]> {
    const rows: { key: string; target: number }[] = await em.query(
      `SELECT t.key, sum(t.value::numeric)::float8 AS target
         FROM programme p
         CROSS JOIN LATERAL jsonb_each(p.targets) AS t(key, value)
        WHERE jsonb_typeof(t.value) = 'number'
          AND ($1::uuid IS NULL OR p.structure_id = $1)
          AND ($2::uuid IS NULL OR p.id = $2)
          AND ($3::uuid IS NULL OR p.id = (SELECT programme_id FROM cohort WHERE id = $3))
        GROUP BY t.key
        ORDER BY t.key COLLATE "C"`,
      [query.structureId ?? null, query.programmeId ?? null, query.cohortId ?? null],
    );
    return rows.map(({ key, target }) => {
      const metric = key.replace(/\d+y$/, '');
      const actual = (KPI_METRICS as readonly string[]).includes(metric)
        ? figures[metric as KpiMetric]
        : null;
      return {
        key,
        target,
        actual,
        progress: actual === null || target === 0 ? null : actual / target,
      };
    });
  }
}

/** Adds the correction's stays to each class of the histogram; classes left empty are dropped. */
function correctHistogram(
  histogram: Map<Stage, ClassCount[]>,
  corrections: readonly { stage: Stage; durationClass: number; stays: number }[],
): void {
  for (const { stage, durationClass, stays } of corrections) {
    const classes = histogram.get(stage) ?? [];
    const existing = classes.find((c) => c.durationClass === durationClass);
    if (existing) existing.stays += stays;
    else classes.push({ durationClass, stays });
    histogram.set(
      stage,
      classes.filter((c) => c.stays !== 0).sort((a, b) => a.durationClass - b.durationClass),
    );
  }
}

function periodOf(query: AnalyticsQuery): AnalyticsPeriod {
  return { from: query.from?.toISOString() ?? null, to: query.to.toISOString() };
}
