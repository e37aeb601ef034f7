import type { Stage } from '@parcours/contracts';
import type { SqlRunner } from './rollups/rollups';
import { SqlParams } from './sql-params';
import { selectedStartupsSql, type StartupSelection } from './startup-selection';
import type { StructureUnionCorrection } from './structure-union';

/** Per stage, the funnel's figures straight from the selected facts. */
export interface FactFunnelFigures {
  stage: Stage;
  entered: number;
  movedOn: number;
  movedBack: number;
  exited: number;
  current: number;
}

/** Per stage, the time in stage straight from the selected facts. */
export interface FactDurationFigures {
  stage: Stage;
  completed: number;
  current: number;
  median: number | null;
  p90: number | null;
}

export interface CohortFigures {
  startups: number;
  stillIn: number;
  movedOn: number;
  movedBack: number;
  exited: number;
  currentStages: { stage: Stage; count: number }[];
}

const NEG_INFINITY = '-infinity';

/**
 * The figures of a selection of startups that only the facts can apply (a manager's visibility,
 * a structure, programme or cohort): plain aggregates over their stays, the definitions of the
 * contract written as SQL. Fast when the selection is a structure's share of the startups.
 */
export class FactReader {
  /**
   * With a correction, the figures read are those of its startups, each weighted (see
   * structure-union.ts), instead of the selection's; durations and cohorts read the selection.
   */
  constructor(
    private readonly sql: SqlRunner,
    private readonly selection: StartupSelection,
    private readonly correction: StructureUnionCorrection | null = null,
  ) {}

  /** How many startups (or stays) satisfy `condition`: counted, or weighted in a correction. */
  private tally(condition = 'TRUE') {
    return this.correction === null
      ? `count(*) FILTER (WHERE ${condition})::int`
      : `coalesce(sum(sel.weight) FILTER (WHERE ${condition}), 0)::int`;
  }

  private frame(from: Date | null, to: Date) {
    const params = new SqlParams();
    const lo = `${params.add(from ?? NEG_INFINITY)}::timestamptz`;
    const hi = `${params.add(to)}::timestamptz`;
    if (this.correction !== null) {
      const weighted = `unnest(${params.add(this.correction.startups)}::uuid[],
                               ${params.add(this.correction.weights)}::int[]) AS sel(id, weight)`;
      return {
        params,
        lo,
        hi,
        with: (...more: string[]) => (more.length > 0 ? `WITH ${more.join(', ')}` : ''),
        facts: `${weighted} JOIN analytics_stay a ON a.startup_id = sel.id`,
      };
    }
    const everyone =
      this.selection.conditions.length === 0 &&
      this.selection.followedBy.length === 0 &&
      this.selection.territories === null &&
      this.selection.domains === null;
    // The selection first, once per startup: a visibility rule made of ORed EXISTS cannot be
    // turned into a join, and evaluated per stay it would run once per stay. Every startup
    // selected: no selection at all.
    const ctes = everyone
      ? []
      : [`sel AS MATERIALIZED (${selectedStartupsSql(this.selection, params)})`];
    return {
      params,
      lo,
      hi,
      /** `WITH` the selection and the given common table expressions, if any. */
      with: (...more: string[]) =>
        [...ctes, ...more].length > 0 ? `WITH ${[...ctes, ...more].join(', ')}` : '',
      facts: everyone ? 'analytics_stay a' : 'analytics_stay a JOIN sel ON sel.id = a.startup_id',
    };
  }

  /**
   * A startup counts once per figure without DISTINCT: by its first event of the kind in the
   * period, the one whose predecessor (same startup, stage and kind) is before the period.
   */
  async funnel(from: Date | null, to: Date): Promise<FactFunnelFigures[]> {
    const { params, lo, hi, with: withCtes, facts } = this.frame(from, to);
    const leftIn = `a.left_at >= ${lo} AND a.left_at < ${hi}`;
    const firstLeft = (kind: string) =>
      this.tally(`${leftIn} AND a.exit_kind = '${kind}'
                  AND (a.prev_left_at IS NULL OR a.prev_left_at < ${lo})`);
    return this.sql.query(
      `${withCtes()}
       SELECT a.stage,
              ${this.tally(`a.entered_at >= ${lo} AND a.entered_at < ${hi}
                            AND (a.prev_entered_at IS NULL OR a.prev_entered_at < ${lo})`)}
                AS entered,
              ${firstLeft('ON')} AS "movedOn", ${firstLeft('BACK')} AS "movedBack",
              ${firstLeft('EXIT')} AS exited,
              ${this.current(hi)} AS current
         FROM ${facts}
        GROUP BY a.stage`,
      params.values,
    );
  }

  /**
   * Percentiles of the stays completed in the period. Their durations are gathered per stage in
   * one hashed pass, then each stage's few thousand sorted on their own: grouping the facts by
   * sorting them by stage first (what an ordered-set aggregate over the facts needs) cost as much
   * again, and was half of a manager's time in stage.
   */
  async durations(from: Date | null, to: Date): Promise<FactDurationFigures[]> {
    const { params, lo, hi, with: withCtes, facts } = this.frame(from, to);
    const leftIn = `a.left_at >= ${lo} AND a.left_at < ${hi}`;
    const rows: { stage: Stage; completed: number; current: number; pct: number[] | null }[] =
      await this.sql.query(
        `${withCtes(`per_stage AS (
           SELECT a.stage, count(*) FILTER (WHERE ${leftIn})::int AS completed,
                  ${this.current(hi)} AS current,
                  array_agg(a.duration_days) FILTER (WHERE ${leftIn}) AS durations
             FROM ${facts}
            GROUP BY a.stage)`)}
         SELECT stage, completed, current,
                (SELECT percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY d)
                   FROM unnest(durations) AS d) AS pct
           FROM per_stage`,
        params.values,
      );
    return rows.map(({ stage, completed, current, pct }) => ({
      stage,
      completed,
      current,
      median: pct === null ? null : Number(pct[0]),
      p90: pct === null ? null : Number(pct[1]),
    }));
  }

  /** Stays begun before the end of the period and not ended by then. */
  private current(hi: string) {
    return this.tally(`a.entered_at < ${hi} AND (a.left_at IS NULL OR a.left_at >= ${hi})`);
  }

  /** Per stage and duration class, the stays completed in the period (tallied). */
  async durationClasses(
    from: Date | null,
    to: Date,
  ): Promise<{ stage: Stage; durationClass: number; stays: number }[]> {
    const { params, lo, hi, with: withCtes, facts } = this.frame(from, to);
    return this.sql.query(
      `${withCtes()}
       SELECT a.stage, a.duration_class AS "durationClass", ${this.tally()} AS stays
         FROM ${facts}
        WHERE a.left_at >= ${lo} AND a.left_at < ${hi}
        GROUP BY a.stage, a.duration_class`,
      params.values,
    );
  }

  async flows(
    from: Date | null,
    to: Date,
  ): Promise<{ fromStage: string; toStage: Stage; count: number }[]> {
    const { params, lo, hi, with: withCtes, facts } = this.frame(from, to);
    return this.sql.query(
      `${withCtes()}
       SELECT coalesce(a.from_stage, '') AS "fromStage", a.stage AS "toStage", ${this.tally()} AS count
         FROM ${facts}
        WHERE a.entered_at >= ${lo} AND a.entered_at < ${hi}
        GROUP BY 1, 2`,
      params.values,
    );
  }

  async kpis(
    from: Date | null,
    to: Date,
  ): Promise<{ newStartups: number; startupsAccelerated: number }> {
    const { params, lo, hi, with: withCtes, facts } = this.frame(from, to);
    const enteredIn = `a.entered_at >= ${lo} AND a.entered_at < ${hi}`;
    const rows: { newStartups: number; startupsAccelerated: number }[] = await this.sql.query(
      `${withCtes()}
       SELECT ${this.tally(`a.first_stay AND ${enteredIn}`)} AS "newStartups",
              ${this.tally(`a.stage = 'ACCELERATION' AND ${enteredIn}
                            AND (a.prev_entered_at IS NULL OR a.prev_entered_at < ${lo})`)}
                AS "startupsAccelerated"
         FROM ${facts}`,
      params.values,
    );
    return rows[0] ?? { newStartups: 0, startupsAccelerated: 0 };
  }

  /**
   * A cohort's startups: those with a stay in the cohort begun before the period's end and not
   * ended before its start. Each is counted once, by its latest such stay (ongoing at the end
   * of the period, or how it ended), and by the stage it is in at the end of the period.
   *
   * A startup's stays follow one another: it is in one stay at most at the end of the period,
   * the last one it entered before the end if that one has not ended by then. Read backwards
   * in the startup index (by entry), that is one or two entries per startup, not all its stays.
   */
  async cohort(cohortId: string, from: Date | null, to: Date): Promise<CohortFigures> {
    const { params, lo, hi, with: withCtes, facts } = this.frame(from, to);
    const cohort = params.add(cohortId);
    const rows: { kind: string; stage: Stage | null; count: number }[] = await this.sql.query(
      `${withCtes(`last_cohort_stay AS (
         SELECT DISTINCT ON (a.startup_id) a.startup_id, a.left_at, a.exit_kind
           FROM ${facts}
          WHERE a.cohort_id = ${cohort}::uuid AND a.entered_at < ${hi}
            AND (a.left_at IS NULL OR a.left_at >= ${lo})
          ORDER BY a.startup_id, a.entered_at DESC, a.stay_id DESC)`)}
       SELECT 'outcome' AS kind,
              CASE WHEN c.left_at IS NULL OR c.left_at >= ${hi} THEN 'IN' ELSE c.exit_kind END AS stage,
              count(*)::int AS count
         FROM last_cohort_stay c GROUP BY 2
       UNION ALL
       SELECT 'current', now_stay.stage, count(*)::int
         FROM last_cohort_stay c
        CROSS JOIN LATERAL (
              SELECT s.stage FROM analytics_stay s
               WHERE s.startup_id = c.startup_id AND s.entered_at < ${hi}
                 AND (s.left_at IS NULL OR s.left_at >= ${hi})
               ORDER BY s.entered_at DESC
               LIMIT 1) now_stay
        GROUP BY 2`,
      params.values,
    );
    const outcome = (key: string) =>
      rows.find((row) => row.kind === 'outcome' && row.stage === key)?.count ?? 0;
    const outcomes = rows.filter((row) => row.kind === 'outcome');
    return {
      startups: outcomes.reduce((sum, row) => sum + row.count, 0),
      stillIn: outcome('IN'),
      movedOn: outcome('ON'),
      movedBack: outcome('BACK'),
      exited: outcome('EXIT'),
      currentStages: rows
        .filter((row) => row.kind === 'current' && row.stage !== null)
        .map((row) => ({ stage: row.stage as Stage, count: row.count })),
    };
  }
}
