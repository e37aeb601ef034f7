import type { Stage } from '@parcours/contracts';
import type { PeriodCut } from './period';
import type { SqlRunner } from './rollups/rollups';
import { SqlParams } from './sql-params';
import { bucketKeys, factKeyCondition, type StartupSelection } from './startup-selection';

/** Counters of one stage over a period (see analytics_stage_bucket). */
export interface StageSums {
  entered: number;
  enteredNew: number;
  firstStays: number;
  leftOn: number;
  leftBack: number;
  leftExit: number;
  leftOther: number;
  leftOnNew: number;
  leftBackNew: number;
  leftExitNew: number;
}

export const NO_SUMS: StageSums = {
  entered: 0,
  enteredNew: 0,
  firstStays: 0,
  leftOn: 0,
  leftBack: 0,
  leftExit: 0,
  leftOther: 0,
  leftOnNew: 0,
  leftBackNew: 0,
  leftExitNew: 0,
};

/** A duration class's count of completed stays. */
export interface ClassCount {
  durationClass: number;
  stays: number;
}

/** Which value to read: the `offset`-th shortest stay of a duration class. */
export interface ClassValueRequest {
  stage: string;
  durationClass: number;
  offset: number;
}

const NEG_INFINITY = '-infinity';

/**
 * Reads of the pre-aggregates for a selection of startups that territory and domain describe:
 * whole buckets from the bucket tables, partial days from the facts, in one statement each.
 */
export class RollupReader {
  constructor(
    private readonly sql: SqlRunner,
    private readonly selection: StartupSelection,
  ) {}

  /** Binds a cut: bucket runs, instant ranges, bucket keys. */
  private cutParams(cut: PeriodCut, params: SqlParams) {
    const keys = bucketKeys(this.selection);
    return {
      spans: `unnest(${params.add(cut.buckets.map((b) => b.grain))}::text[],
                     ${params.add(cut.buckets.map((b) => b.from ?? NEG_INFINITY))}::date[],
                     ${params.add(cut.buckets.map((b) => b.to))}::date[]) AS span(grain, lo, hi)`,
      instants: `unnest(${params.add(cut.instants.map((i) => i.from ?? NEG_INFINITY))}::timestamptz[],
                        ${params.add(cut.instants.map((i) => i.to))}::timestamptz[]) AS inst(lo, hi)`,
      bucketMatch: (alias: string) =>
        `${alias}.territory_code = ANY(${params.add(keys.territories)}::text[])
         AND ${alias}.domain = ANY(${params.add(keys.domains)}::text[])
         AND ${alias}.grain = span.grain AND ${alias}.bucket_start >= span.lo
         AND ${alias}.bucket_start < span.hi`,
      factKeys: (alias: string) => factKeyCondition(this.selection, alias, params),
    };
  }

  async stageSums(cut: PeriodCut): Promise<Map<Stage, StageSums>> {
    const params = new SqlParams();
    const c = this.cutParams(cut, params);
    const rows: (StageSums & { stage: Stage })[] = await this.sql.query(
      `SELECT stage,
              sum(entered)::int AS "entered", sum(entered_new)::int AS "enteredNew",
              sum(first_stays)::int AS "firstStays", sum(left_on)::int AS "leftOn",
              sum(left_back)::int AS "leftBack", sum(left_exit)::int AS "leftExit",
              sum(left_other)::int AS "leftOther", sum(left_on_new)::int AS "leftOnNew",
              sum(left_back_new)::int AS "leftBackNew", sum(left_exit_new)::int AS "leftExitNew"
         FROM (
           SELECT b.stage, b.entered, b.entered_new, b.first_stays, b.left_on, b.left_back,
                  b.left_exit, b.left_other, b.left_on_new, b.left_back_new, b.left_exit_new
             FROM ${c.spans} JOIN analytics_stage_bucket b ON ${c.bucketMatch('b')}
           UNION ALL
           SELECT a.stage, 1, (a.prev_entered_at IS NULL)::int, a.first_stay::int, 0, 0, 0, 0, 0, 0, 0
             FROM ${c.instants} JOIN analytics_stay a ON a.entered_at >= inst.lo AND a.entered_at < inst.hi
            WHERE ${c.factKeys('a')}
           UNION ALL
           SELECT a.stage, 0, 0, 0, (a.exit_kind = 'ON')::int, (a.exit_kind = 'BACK')::int,
                  (a.exit_kind = 'EXIT')::int, (a.exit_kind = 'OTHER')::int,
                  (a.exit_kind = 'ON' AND a.prev_left_at IS NULL)::int,
                  (a.exit_kind = 'BACK' AND a.prev_left_at IS NULL)::int,
                  (a.exit_kind = 'EXIT' AND a.prev_left_at IS NULL)::int
             FROM ${c.instants} JOIN analytics_stay a ON a.left_at >= inst.lo AND a.left_at < inst.hi
            WHERE ${c.factKeys('a')}
         ) AS events
        GROUP BY stage`,
      params.values,
    );
    return new Map(rows.map(({ stage, ...sums }) => [stage, sums]));
  }

  /**
   * Consecutive events of the same series (same startup, stage and kind: ENTER, ON, BACK, EXIT)
   * that both fall in [from, to): subtracted from event counts, they give distinct startups.
   * Index-only scans over the repeated events whose predecessor is in the period.
   */
  async repeatedPairs(from: Date, to: Date): Promise<Map<string, number>> {
    const params = new SqlParams();
    const lo = params.add(from);
    const hi = params.add(to);
    const keys = (alias: string) => factKeyCondition(this.selection, alias, params);
    const rows: { stage: string; kind: string; pairs: number }[] = await this.sql.query(
      `SELECT a.stage, 'ENTER' AS kind, count(*)::int AS pairs
         FROM analytics_stay a
        WHERE a.prev_entered_at IS NOT NULL AND a.prev_entered_at >= ${lo}
          AND a.prev_entered_at < ${hi} AND a.entered_at < ${hi} AND ${keys('a')}
        GROUP BY a.stage
       UNION ALL
       SELECT a.stage, a.exit_kind AS kind, count(*)::int AS pairs
         FROM analytics_stay a
        WHERE a.prev_left_at IS NOT NULL AND a.prev_left_at >= ${lo}
          AND a.prev_left_at < ${hi} AND a.left_at < ${hi} AND ${keys('a')}
        GROUP BY a.stage, a.exit_kind`,
      params.values,
    );
    return new Map(rows.map((row) => [`${row.stage}:${row.kind}`, row.pairs]));
  }

  /** Completed stays per duration class, per stage, ascending classes. */
  async durationHistogram(cut: PeriodCut): Promise<Map<Stage, ClassCount[]>> {
    const params = new SqlParams();
    const c = this.cutParams(cut, params);
    const rows: { stage: Stage; durationClass: number; stays: number }[] = await this.sql.query(
      `SELECT stage, duration_class AS "durationClass", sum(stays)::int AS stays
         FROM (
           SELECT b.stage, b.duration_class, b.stays
             FROM ${c.spans} JOIN analytics_duration_bucket b ON ${c.bucketMatch('b')}
           UNION ALL
           SELECT a.stage, a.duration_class, 1
             FROM ${c.instants} JOIN analytics_stay a ON a.left_at >= inst.lo AND a.left_at < inst.hi
            WHERE ${c.factKeys('a')}
         ) AS completed
        GROUP BY stage, duration_class
       HAVING sum(stays) > 0
        ORDER BY stage, duration_class`,
      params.values,
    );
    const histogram = new Map<Stage, ClassCount[]>();
    for (const { stage, durationClass, stays } of rows) {
      const classes = histogram.get(stage) ?? [];
      classes.push({ durationClass, stays });
      histogram.set(stage, classes);
    }
    return histogram;
  }

  /** The exact durations asked for: each is one short index range of a single class. */
  async durationValues(
    requests: readonly ClassValueRequest[],
    from: Date | null,
    to: Date,
  ): Promise<number[]> {
    if (requests.length === 0) return [];
    const params = new SqlParams();
    const lo = params.add(from ?? NEG_INFINITY);
    const hi = params.add(to);
    const rows: { i: number; value: number | null }[] = await this.sql.query(
      `SELECT q.i, (SELECT a.duration_days FROM analytics_stay a
                     WHERE a.stage = q.stage AND a.duration_class = q.cls
                       AND a.left_at IS NOT NULL AND a.left_at >= ${lo}::timestamptz
                       AND a.left_at < ${hi}::timestamptz AND ${factKeyCondition(this.selection, 'a', params)}
                     ORDER BY a.duration_days OFFSET q.off LIMIT 1) AS value
         FROM unnest(${params.add(requests.map((_, i) => i))}::int[],
                     ${params.add(requests.map((r) => r.stage))}::text[],
                     ${params.add(requests.map((r) => r.durationClass))}::int[],
                     ${params.add(requests.map((r) => r.offset))}::int[]) AS q(i, stage, cls, off)
        ORDER BY q.i`,
      params.values,
    );
    return rows.map((row) => {
      if (row.value === null) throw new Error('analytics roll-ups disagree with their facts');
      return Number(row.value);
    });
  }

  async flowSums(cut: PeriodCut): Promise<{ fromStage: string; toStage: Stage; count: number }[]> {
    const params = new SqlParams();
    const c = this.cutParams(cut, params);
    return this.sql.query(
      `SELECT from_stage AS "fromStage", to_stage AS "toStage", sum(transitions)::int AS count
         FROM (
           SELECT b.from_stage, b.to_stage, b.transitions
             FROM ${c.spans} JOIN analytics_flow_bucket b ON ${c.bucketMatch('b')}
           UNION ALL
           SELECT coalesce(a.from_stage, ''), a.stage, 1
             FROM ${c.instants} JOIN analytics_stay a ON a.entered_at >= inst.lo AND a.entered_at < inst.hi
            WHERE ${c.factKeys('a')}
         ) AS moves
        GROUP BY from_stage, to_stage
       HAVING sum(transitions) > 0`,
      params.values,
    );
  }
}
