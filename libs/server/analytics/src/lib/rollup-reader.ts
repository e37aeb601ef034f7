import { STAGES, type Stage } from '@parcours/contracts';
import { ANALYTICS_EVERY_STARTUP, ANALYTICS_PAIR_KINDS } from '@parcours/server-db';
import {
  cutPeriod,
  startOfFollowingMonth,
  startOfMonth,
  type InstantSpan,
  type PeriodCut,
} from './period';
import { FOLLOWER_FINEST_GRAIN } from './rollups/fact-sql';
import type { SqlRunner } from './rollups/rollups';
import { SqlParams } from './sql-params';
import {
  answerableFromStructureBuckets,
  bucketKeys,
  factKeyCondition,
  type StartupSelection,
} from './startup-selection';

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
  pairsEntered: number;
  pairsOn: number;
  pairsBack: number;
  pairsExit: number;
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
  pairsEntered: 0,
  pairsOn: 0,
  pairsBack: 0,
  pairsExit: 0,
};

/** Pairs of consecutive events per series, keyed `STAGE:KIND` (KIND: ENTER, ON, BACK, EXIT). */
export type PairCounts = Map<string, number>;

/** `ms` if it starts a month, else the start of the next one. */
const nextMonthStart = (ms: number) => (startOfMonth(ms) === ms ? ms : startOfFollowingMonth(ms));
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The starts of the UTC months that the spans touch, each once, ascending. */
export function monthsTouched(spans: readonly InstantSpan[]): Date[] {
  const months = new Set<number>();
  for (const { from, to } of spans) {
    if (from.getTime() >= to.getTime()) continue;
    const last = startOfMonth(to.getTime() - 1);
    for (
      let month = startOfMonth(from.getTime());
      month <= last;
      month = startOfFollowingMonth(month)
    ) {
      months.add(month);
    }
  }
  return [...months].sort((a, b) => a - b).map((ms) => new Date(ms));
}

/**
 * The months of whichever bounded side of a pair range (first or second event) touches fewer of
 * them; a second event with no end is bounded by the latest event.
 */
function fewestMonths(
  range: { firstFrom: Date; firstTo: Date | null; secondFrom: Date | null; secondTo: Date | null },
  latest: Date,
): Date[] {
  const afterLatest = new Date(latest.getTime() + 1);
  const sides: Date[][] = [];
  if (range.firstTo !== null) {
    sides.push(monthsTouched([{ from: range.firstFrom, to: range.firstTo }]));
  }
  if (range.secondFrom !== null) {
    sides.push(monthsTouched([{ from: range.secondFrom, to: range.secondTo ?? afterLatest }]));
  }
  const fewest = sides.sort((a, b) => a.length - b.length)[0];
  if (fewest === undefined) throw new Error('a pair range needs a bounded side');
  return fewest;
}

/** A duration class's count of completed stays. */
export interface ClassCount {
  durationClass: number;
  stays: number;
}

/** Which values to read: from the `offset`-th shortest stay of a duration class, `count` of them. */
export interface ClassValueRequest {
  stage: string;
  durationClass: number;
  offset: number;
  count: 1 | 2;
}

const NEG_INFINITY = '-infinity';

/**
 * Reads of the pre-aggregates for a selection of startups that their keys describe (territory
 * and domain, or one structure, programme or cohort): whole buckets from the bucket tables,
 * partial days from the facts, in one statement each.
 *
 * A manager's structures (answerableFromStructureBuckets) are read as the sum of each
 * structure's figures: their bucket rows added up, and each partial-day fact counted once per
 * structure of the manager that follows its startup. The caller corrects that sum into the
 * manager's figures (see structure-union.ts); durationValues reads the union itself.
 */
export class RollupReader {
  /**
   * The selection is every startup (or a territory and domain of them), not one structure,
   * programme or cohort: its rows have days and pair cells, and it is the bulk of each class.
   */
  private readonly everyStartup: boolean;
  /** The `followed_by` keys of the rows summed: one, or a manager's structures. */
  private readonly followers: string[];
  /** The rows of a manager's structures are summed (see the class's comment). */
  private readonly summed: boolean;

  constructor(
    private readonly sql: SqlRunner,
    private readonly selection: StartupSelection,
  ) {
    const manager = answerableFromStructureBuckets(selection) ? selection.structureScope : null;
    this.summed = manager !== null;
    this.followers = manager ? manager.structures : [bucketKeys(selection).followedBy];
    this.everyStartup = this.followers[0] === ANALYTICS_EVERY_STARTUP;
  }

  /** The rows' key on `followed_by` (alias `b`). */
  private followerKey(params: SqlParams) {
    return this.summed
      ? `b.followed_by = ANY(${params.add(this.followers)}::uuid[])`
      : `b.followed_by = ${params.add(this.followers[0])}::uuid`;
  }

  /**
   * How many times a fact (alias `a`) counts in the sum: once, or once per structure following it.
   * One membership test per structure (a manager has a few): as a subquery counting the matches,
   * it cost 3 µs a fact, half of a manager's partial months.
   */
  private factTimes(params: SqlParams) {
    return this.summed
      ? `(${this.followers
          .map((follower) => `(${params.add(follower)}::uuid = ANY(a.followed_by))::int`)
          .join(' + ')})`
      : '1';
  }

  /**
   * `month_facts AS MATERIALIZED (…)`: the follower's facts with an event in one of `months`, a
   * superset of those with an event in the spans the months were taken from (the caller's
   * conditions on the instants keep the exact ones). Read from `ix_analytics_stay_follower_month`
   * alone, its keys built by the same SQL function as the index. Materialized so that the
   * caller's conditions filter these rows instead of joining the search: the planner cannot know
   * how few rows the keys select (their array is built in the statement) and intersected them
   * with the national time index of every column and span (80,000 entries for a manager's 1,600
   * facts: 9 of a statement's 11 ms). Only the columns the readers count, and how many times each
   * fact counts (`times`): the whole rows, their `followed_by` arrays above all, were copied twice.
   */
  private monthFacts(months: readonly Date[], params: SqlParams) {
    return `month_facts AS MATERIALIZED (
              SELECT a.stage, a.from_stage, a.entered_at, a.left_at, a.exit_kind, a.duration_class,
                     a.first_stay, a.prev_entered_at, a.prev_left_at,
                     ${this.factTimes(params)} AS times
                FROM analytics_stay a
               WHERE analytics_follower_months(a.followed_by, a.entered_at, a.left_at,
                                               a.prev_entered_at, a.prev_left_at)
                     && ARRAY(SELECT analytics_follower_month(f.id, m.month)
                                FROM unnest(${params.add(this.followers)}::uuid[]) AS f(id)
                               CROSS JOIN unnest(${params.add(months)}::timestamptz[]) AS m(month)))`;
  }

  /** [from, to) cut into the buckets the selection's rows have, and partial spans for the facts. */
  cut(from: Date | null, to: Date): PeriodCut {
    return cutPeriod(from, to, this.everyStartup ? 'D' : FOLLOWER_FINEST_GRAIN);
  }

  /**
   * Binds a cut as literal conditions (not a join on arrays), so that the planner sees each range
   * and estimates it: a few index ranges of the bucket tables, a few of the facts. Each run of
   * buckets is its own branch of a UNION ALL, so that each is one range of the primary key:
   * ORed in one WHERE, the planner may instead scan every row of the key and filter them.
   */
  private cutParams(cut: PeriodCut, params: SqlParams) {
    const keys = bucketKeys(this.selection);
    const bucketRanges = cut.buckets.map(
      (span) =>
        `b.grain = '${span.grain}' AND ${
          span.from === null ? '' : `b.bucket_start >= ${params.add(span.from)}::date AND `
        }b.bucket_start < ${params.add(span.to)}::date`,
    );
    const instantRanges = (column: string) =>
      cut.instants.map(
        (span) =>
          `(a.${column} >= ${params.add(span.from)}::timestamptz AND a.${column} < ${params.add(span.to)}::timestamptz)`,
      );
    return {
      /** The partial spans, read from the facts. */
      instants: cut.instants,
      /** The facts (alias a) of the partial spans whose `columns` fall in them, or null. */
      instantCondition: (columns: readonly string[]) =>
        cut.instants.length === 0
          ? null
          : columns.flatMap((column) => instantRanges(column)).join(' OR '),
      /** Bucket rows of the cut (alias b), or none. */
      buckets: (table: string) => {
        if (bucketRanges.length === 0) return `SELECT * FROM ${table} b WHERE FALSE`;
        const rowKeys = `${this.followerKey(params)}
                AND b.territory_code = ANY(${params.add(keys.territories)}::text[])
                AND b.domain = ANY(${params.add(keys.domains)}::text[])`;
        return bucketRanges
          .map((range) => `SELECT * FROM ${table} b WHERE ${rowKeys} AND ${range}`)
          .join(' UNION ALL ');
      },
      /**
       * Facts (alias a) whose `column` falls in the partial days of the cut, or none, with how
       * many times each counts (`times`). Every startup: one branch per
       * partial day, as for the bucket runs (ORed, the ranges were read through a bitmap of table
       * rows, one page each, instead of from the index that carries what is counted). A
       * follower: from the statement's `follower_facts`, which followerFactsOf must have been
       * given `column` for.
       */
      facts: (column: string) => {
        const ranges = instantRanges(column);
        if (ranges.length === 0) return `SELECT a.*, 0 AS times FROM analytics_stay a WHERE FALSE`;
        if (!this.everyStartup) {
          return `SELECT * FROM follower_facts a WHERE ${ranges.join(' OR ')}`;
        }
        // Every startup is never a sum of followers: each fact counts once.
        const key = factKeyCondition(this.selection, 'a', params);
        return ranges
          .map((range) => `SELECT a.*, 1 AS times FROM analytics_stay a WHERE ${range} AND ${key}`)
          .join(' UNION ALL ');
      },
    };
  }

  /**
   * `WITH follower_facts …` for a follower's statement: its facts of every partial span of the
   * cuts, in every column the statement reads, in one pass — the follower's short lists of the
   * months those spans touch (two or three), not its whole `followed_by` entry (tens of thousands
   * for a busy structure) intersected with a national time range per column and span. Empty for
   * every startup (their partial spans are read branch by branch from the time indexes).
   */
  private followerFactsOf(
    cuts: readonly ReturnType<RollupReader['cutParams']>[],
    columns: readonly string[],
    params: SqlParams,
  ): string {
    if (this.everyStartup) return '';
    const spans = cuts
      .map((cut) => cut.instantCondition(columns))
      .filter((condition): condition is string => condition !== null);
    if (spans.length === 0) return '';
    const months = monthsTouched(cuts.flatMap((cut) => cut.instants));
    return `WITH ${this.monthFacts(months, params)},
            follower_facts AS MATERIALIZED (
              SELECT a.* FROM month_facts a WHERE ${spans.join(' OR ')})`;
  }

  /** The sums of each cut, read in one statement. */
  async stageSums(...cuts: PeriodCut[]): Promise<Map<Stage, StageSums>[]> {
    const params = new SqlParams();
    const columns = ['entered_at', 'left_at', 'prev_entered_at', 'prev_left_at'];
    const parts = cuts.map((cut) => this.cutParams(cut, params));
    const events = parts.map(
      (c, part) => `
           SELECT ${part} AS part, b.stage, b.entered, b.entered_new, b.first_stays, b.left_on,
                  b.left_back, b.left_exit, b.left_other, b.left_on_new, b.left_back_new,
                  b.left_exit_new, b.pairs_entered, b.pairs_on, b.pairs_back, b.pairs_exit
             FROM (${c.buckets('analytics_stage_bucket')}) b
           UNION ALL
           SELECT ${part}, a.stage, a.times, a.times * (a.prev_entered_at IS NULL)::int,
                  a.times * a.first_stay::int, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
             FROM (${c.facts('entered_at')}) a
           UNION ALL
           SELECT ${part}, a.stage, 0, 0, 0, a.times * (a.exit_kind = 'ON')::int,
                  a.times * (a.exit_kind = 'BACK')::int, a.times * (a.exit_kind = 'EXIT')::int,
                  a.times * (a.exit_kind = 'OTHER')::int,
                  a.times * (a.exit_kind = 'ON' AND a.prev_left_at IS NULL)::int,
                  a.times * (a.exit_kind = 'BACK' AND a.prev_left_at IS NULL)::int,
                  a.times * (a.exit_kind = 'EXIT' AND a.prev_left_at IS NULL)::int, 0, 0, 0, 0
             FROM (${c.facts('left_at')}) a
           UNION ALL
           SELECT ${part}, a.stage, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, a.times, 0, 0, 0
             FROM (${c.facts('prev_entered_at')}) a
           UNION ALL
           SELECT ${part}, a.stage, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                  a.times * (a.exit_kind = 'ON')::int, a.times * (a.exit_kind = 'BACK')::int,
                  a.times * (a.exit_kind = 'EXIT')::int
             FROM (${c.facts('prev_left_at')}) a`,
    );
    const rows: (StageSums & { part: number; stage: Stage })[] = await this.sql.query(
      `${this.followerFactsOf(parts, columns, params)}
       SELECT part, stage,
              sum(entered)::int AS "entered", sum(entered_new)::int AS "enteredNew",
              sum(first_stays)::int AS "firstStays", sum(left_on)::int AS "leftOn",
              sum(left_back)::int AS "leftBack", sum(left_exit)::int AS "leftExit",
              sum(left_other)::int AS "leftOther", sum(left_on_new)::int AS "leftOnNew",
              sum(left_back_new)::int AS "leftBackNew", sum(left_exit_new)::int AS "leftExitNew",
              sum(pairs_entered)::int AS "pairsEntered", sum(pairs_on)::int AS "pairsOn",
              sum(pairs_back)::int AS "pairsBack", sum(pairs_exit)::int AS "pairsExit"
         FROM (${events.join(' UNION ALL ')}) AS events
        GROUP BY part, stage`,
      params.values,
    );
    const sums = cuts.map(() => new Map<Stage, StageSums>());
    for (const { part, stage, ...counters } of rows) sums[part].set(stage, counters);
    return sums;
  }

  /** The instant of the latest event (entry or exit) of any startup; null without facts. */
  async latestEvent(): Promise<Date | null> {
    const rows: { latest: Date | null }[] = await this.sql.query(
      `SELECT greatest((SELECT max(entered_at) FROM analytics_stay),
                       (SELECT max(left_at) FROM analytics_stay)) AS latest`,
    );
    return rows[0]?.latest ? new Date(rows[0].latest) : null;
  }

  /**
   * Consecutive events of the same series (same startup, stage and kind) that both fall in
   * [from, to): subtracted from event counts, they give distinct startups.
   * - A period that runs past the latest event: the pairs whose first event is in the period,
   *   summed from the buckets (`periodSums`, given by the caller).
   * - Otherwise: the month cells of the whole months inside the period, and the facts for the
   *   pairs that begin or end in its partial months.
   * - A follower (no month cells): from its facts — the pairs inside the period, or, when less of
   *   the history lies after the period than in it, the pairs that begin in the period (bucket
   *   counters) minus those whose second event comes after it: the facts read are then those of
   *   the shorter span.
   */
  async repeatedPairs(
    from: Date,
    to: Date,
    pairsStartingInPeriod: () => Promise<PairCounts>,
    onlyEntriesOf: Stage | null = null,
  ): Promise<PairCounts> {
    const latest = await this.latestEvent();
    if (latest === null) return new Map();
    if (latest.getTime() < to.getTime()) return pairsStartingInPeriod();
    const firstMonth = nextMonthStart(from.getTime());
    const lastMonth = startOfMonth(to.getTime());
    // The month cells count every startup only (see PAIR_BUCKETS): a follower's pairs are its own
    // startups' repeated events, read from the facts.
    if (firstMonth >= lastMonth || !this.everyStartup) {
      if (latest.getTime() - to.getTime() < to.getTime() - from.getTime()) {
        const starting = await pairsStartingInPeriod();
        const endingAfter = await this.pairsFromFacts(
          { firstFrom: from, firstTo: to, secondFrom: to, secondTo: null },
          onlyEntriesOf,
          latest,
        );
        const inside: PairCounts = new Map(starting);
        for (const [series, pairs] of endingAfter) {
          inside.set(series, (inside.get(series) ?? 0) - pairs);
        }
        return inside;
      }
      return this.pairsFromFacts(
        { firstFrom: from, firstTo: to, secondFrom: null, secondTo: to },
        onlyEntriesOf,
        latest,
      );
    }
    // One connection in a transaction: the parts run one after the other.
    const parts: (() => Promise<PairCounts>)[] = [
      () => this.pairCells(firstMonth, lastMonth, onlyEntriesOf),
    ];
    if (from.getTime() < firstMonth) {
      // Begin in the partial month at the start (and end anywhere before `to`).
      parts.push(() =>
        this.pairsFromFacts(
          { firstFrom: from, firstTo: new Date(firstMonth), secondFrom: null, secondTo: to },
          onlyEntriesOf,
          latest,
        ),
      );
    }
    if (lastMonth < to.getTime()) {
      // End in the partial month at the end, having begun in a whole month or after.
      parts.push(() =>
        this.pairsFromFacts(
          {
            firstFrom: new Date(firstMonth),
            firstTo: null,
            secondFrom: new Date(lastMonth),
            secondTo: to,
          },
          onlyEntriesOf,
          latest,
        ),
      );
    }
    const total: PairCounts = new Map();
    for (const part of parts) {
      for (const [series, pairs] of await part()) {
        total.set(series, (total.get(series) ?? 0) + pairs);
      }
    }
    return total;
  }

  /** Pairs with both events in the whole months [fromMonth, toMonth), from the cells. */
  private async pairCells(
    fromMonth: number,
    toMonth: number,
    onlyEntriesOf: Stage | null,
  ): Promise<PairCounts> {
    const params = new SqlParams();
    const keys = bucketKeys(this.selection);
    const lo = params.add(isoDate(fromMonth));
    const hi = params.add(isoDate(toMonth));
    // Every stage and kind named: an index range stops at the first column left unconstrained,
    // and the months come after them (without these, every cell of the key was read and the
    // months only filtered: 12 ms instead of 2.5 for the national odd-instants funnel).
    const stages = onlyEntriesOf === null ? [...STAGES] : [onlyEntriesOf];
    const kinds = onlyEntriesOf === null ? [...ANALYTICS_PAIR_KINDS] : ['ENTER'];
    const rows: { stage: string; kind: string; pairs: number }[] = await this.sql.query(
      `SELECT stage, kind, sum(pairs)::int AS pairs
         FROM analytics_pair_bucket
        WHERE followed_by = ${params.add(keys.followedBy)}::uuid
          AND territory_code = ANY(${params.add(keys.territories)}::text[])
          AND domain = ANY(${params.add(keys.domains)}::text[])
          AND stage = ANY(${params.add(stages)}::text[])
          AND kind = ANY(${params.add(kinds)}::text[])
          AND first_month >= ${lo}::date AND first_month < ${hi}::date
          AND second_month >= ${lo}::date AND second_month < ${hi}::date
        GROUP BY stage, kind`,
      params.values,
    );
    return new Map(rows.map((row) => [`${row.stage}:${row.kind}`, row.pairs]));
  }

  /**
   * Pairs read from the facts: first event in [firstFrom, firstTo), second in
   * [secondFrom, secondTo). Every startup: the bounded side picks the time index (by first or by
   * second event). A follower: its facts with an event in the months of whichever side touches
   * fewer of them (`latest` bounds a second event with no end), from the follower-month index.
   */
  private async pairsFromFacts(
    range: {
      firstFrom: Date;
      firstTo: Date | null;
      secondFrom: Date | null;
      secondTo: Date | null;
    },
    onlyEntriesOf: Stage | null,
    latest: Date,
  ): Promise<PairCounts> {
    const params = new SqlParams();
    // Every startup: its own time indexes. A follower: the month facts.
    const months = this.everyStartup ? null : fewestMonths(range, latest);
    const source = months === null ? 'analytics_stay' : 'month_facts';
    const firstFrom = params.add(range.firstFrom);
    const firstTo = range.firstTo === null ? null : params.add(range.firstTo);
    const secondFrom = range.secondFrom === null ? null : params.add(range.secondFrom);
    const secondTo = range.secondTo === null ? null : params.add(range.secondTo);
    const where = (first: string, second: string) =>
      [
        `a.${first} IS NOT NULL`,
        `a.${first} >= ${firstFrom}::timestamptz`,
        firstTo === null ? '' : `a.${first} < ${firstTo}::timestamptz`,
        secondFrom === null ? '' : `a.${second} >= ${secondFrom}::timestamptz`,
        secondTo === null ? `a.${second} IS NOT NULL` : `a.${second} < ${secondTo}::timestamptz`,
        months === null ? factKeyCondition(this.selection, 'a', params) : '',
      ]
        .filter(Boolean)
        .join(' AND ');
    const pairs = this.summed ? 'sum(a.times)::int' : 'count(*)::int';
    const entries = `SELECT a.stage, 'ENTER' AS kind, ${pairs} AS pairs
         FROM ${source} a WHERE ${where('prev_entered_at', 'entered_at')}
         ${onlyEntriesOf === null ? '' : `AND a.stage = ${params.add(onlyEntriesOf)}`}
        GROUP BY a.stage`;
    // Built only when used: building it binds parameters.
    const exits = () => `SELECT a.stage, a.exit_kind AS kind, ${pairs} AS pairs
         FROM ${source} a WHERE ${where('prev_left_at', 'left_at')}
        GROUP BY a.stage, a.exit_kind`;
    // The month facts serve both halves: the follower's index searched once.
    const monthFacts = months === null ? '' : `WITH ${this.monthFacts(months, params)} `;
    const rows: { stage: string; kind: string; pairs: number }[] = await this.sql.query(
      monthFacts + (onlyEntriesOf === null ? `${entries} UNION ALL ${exits()}` : entries),
      params.values,
    );
    return new Map(rows.map((row) => [`${row.stage}:${row.kind}`, row.pairs]));
  }

  /** Completed stays per duration class, per stage, ascending classes. */
  async durationHistogram(cut: PeriodCut): Promise<Map<Stage, ClassCount[]>> {
    const params = new SqlParams();
    const c = this.cutParams(cut, params);
    const rows: { stage: Stage; durationClass: number; stays: number }[] = await this.sql.query(
      `${this.followerFactsOf([c], ['left_at'], params)}
       SELECT stage, duration_class AS "durationClass", sum(stays)::int AS stays
         FROM (
           SELECT b.stage, b.duration_class, b.stays FROM (${c.buckets('analytics_duration_bucket')}) b
           UNION ALL
           SELECT a.stage, a.duration_class, a.times FROM (${c.facts('left_at')}) a
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

  /**
   * The exact durations asked for: each is one short index range of a single class. For a
   * manager's structures, `unfollowed` are the startups they see without following them, whose
   * stays count too (see structure-union.ts).
   */
  async durationValues(
    requests: readonly ClassValueRequest[],
    from: Date | null,
    to: Date,
    unfollowed: readonly string[] = [],
  ): Promise<number[][]> {
    if (requests.length === 0) return [];
    const params = new SqlParams();
    const lo = params.add(from ?? NEG_INFINITY);
    const hi = params.add(to);
    const columns = [
      params.add(requests.map((_, i) => i)) + '::int[]',
      params.add(requests.map((r) => r.stage)) + '::text[]',
      params.add(requests.map((r) => r.durationClass)) + '::int[]',
      params.add(requests.map((r) => r.offset)) + '::int[]',
      params.add(requests.map((r) => r.count)) + '::int[]',
    ].join(', ');
    const requestedAs = (alias: string) => `unnest(${columns}) AS ${alias}(i, stage, cls, off, n)`;
    const requested = requestedAs('q');
    const completedIn = `a.left_at IS NOT NULL AND a.left_at >= ${lo}::timestamptz
                         AND a.left_at < ${hi}::timestamptz`;
    // Every startup (or a territory and domain, carried by the index): each class in duration
    // order, stopping at the rank. A follower's stays are a few percent of each class: they are
    // read from the index keyed by (follower, stage, class), one short list per class asked for
    // (the buckets of a follower carry no territory or domain: see answerableFromBuckets), and
    // each class sorted once, whichever ranks are asked of it. A manager's structures: the stays
    // any of them follows, each once (the index is searched with the keys of all of them), and
    // those of the startups they see without following them.
    const extra =
      unfollowed.length > 0
        ? `UNION ALL
           SELECT a.stage, a.duration_class, a.duration_days
             FROM analytics_stay a
            WHERE a.startup_id = ANY(${params.add(unfollowed)}::uuid[])
              AND (a.stage, a.duration_class) IN (SELECT r.stage, r.cls FROM ${requestedAs('r')})
              AND ${completedIn}`
        : '';
    const rows: { i: number; vals: number[] }[] = await this.sql.query(
      this.everyStartup
        ? `SELECT q.i, ARRAY(SELECT a.duration_days FROM analytics_stay a
                              WHERE a.stage = q.stage AND a.duration_class = q.cls AND ${completedIn}
                                AND ${factKeyCondition(this.selection, 'a', params)}
                              ORDER BY a.duration_days OFFSET q.off LIMIT q.n) AS vals
             FROM ${requested}
            ORDER BY q.i`
        : `WITH wanted AS (
             SELECT d.stage, d.cls, array_agg(d.days ORDER BY d.days) AS days
               FROM (SELECT a.stage, a.duration_class AS cls, a.duration_days AS days
                       FROM analytics_stay a
                      WHERE analytics_follower_classes(a.followed_by, a.stage, a.duration_class)
                            && ${this.followerClasses(requests, params)}
                        AND ${completedIn}
                     ${extra}) d
              GROUP BY d.stage, d.cls)
           SELECT q.i, coalesce(w.days[q.off + 1 : q.off + q.n], '{}') AS vals
             FROM ${requested}
             LEFT JOIN wanted w ON w.stage = q.stage AND w.cls = q.cls
            ORDER BY q.i`,
      params.values,
    );
    return rows.map((row, index) => {
      const values = row.vals.map(Number);
      if (values.length !== requests[index].count) {
        throw new Error('analytics roll-ups disagree with their facts');
      }
      return values;
    });
  }

  /**
   * The keys of `ix_analytics_stay_follower_class` for the (stage, class) pairs asked for, built
   * by the same SQL function as the index, as an array the index is searched with.
   */
  private followerClasses(requests: readonly ClassValueRequest[], params: SqlParams): string {
    return `ARRAY(SELECT analytics_follower_class(f.id, w.stage, w.cls)
                    FROM unnest(${params.add(this.followers)}::uuid[]) AS f(id)
                   CROSS JOIN unnest(${params.add(requests.map((r) => r.stage))}::text[],
                                     ${params.add(requests.map((r) => r.durationClass))}::int[]) AS w(stage, cls))`;
  }

  async flowSums(cut: PeriodCut): Promise<{ fromStage: string; toStage: Stage; count: number }[]> {
    const params = new SqlParams();
    const c = this.cutParams(cut, params);
    return this.sql.query(
      `${this.followerFactsOf([c], ['entered_at'], params)}
       SELECT from_stage AS "fromStage", to_stage AS "toStage", sum(transitions)::int AS count
         FROM (
           SELECT b.from_stage, b.to_stage, b.transitions FROM (${c.buckets('analytics_flow_bucket')}) b
           UNION ALL
           SELECT coalesce(a.from_stage, ''), a.stage, a.times FROM (${c.facts('entered_at')}) a
         ) AS moves
        GROUP BY from_stage, to_stage
       HAVING sum(transitions) > 0`,
      params.values,
    );
  }
}
