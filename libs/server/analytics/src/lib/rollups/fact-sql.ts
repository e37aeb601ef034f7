import { PIPELINE_STAGES } from '@parcours/contracts';
import { ANALYTICS_ANY, ANALYTICS_EVERY_STARTUP } from '@parcours/server-db';

/*
 * The SQL that derives the roll-ups from the raw history. One definition serves the rebuild
 * (every startup) and the incremental refresh (a few startups): the window functions are
 * partitioned by startup, so a startup's facts do not depend on which others are computed.
 */

/** Width of a duration class of the histogram, in days (a percentile reads one class). */
export const DURATION_CLASS_DAYS = 7;

/** Columns of analytics_stay, in table order. */
export const FACT_COLUMNS = [
  'stay_id',
  'startup_id',
  'stage',
  'territory_code',
  'domain',
  'structure_id',
  'programme_id',
  'cohort_id',
  'from_stage',
  'entered_at',
  'left_at',
  'left_to_stage',
  'exit_kind',
  'duration_days',
  'duration_class',
  'first_stay',
  'prev_entered_at',
  'prev_left_at',
  'followed_by',
] as const;

const PIPELINE = `ARRAY[${PIPELINE_STAGES.map((stage) => `'${stage}'`).join(', ')}]::text[]`;

/**
 * The stay facts, optionally for the startups of `$1` (uuid[]).
 * - exit_kind: ON (to a later stage or ALUMNI), BACK (to an earlier stage), EXIT (to EXITED),
 *   OTHER (anything else, e.g. a re-entry out of ALUMNI or EXITED); null while ongoing.
 * - duration_days: milliseconds between the instants divided by 86,400,000 in doubles, the
 *   value a client computes from the two ISO instants.
 * - prev_entered_at / prev_left_at: the previous event of the same series for the startup, so
 *   that "distinct startups with such an event in [from, to)" = events − consecutive pairs
 *   inside the period.
 * - followed_by: the structures, programmes and cohorts of all the startup's stays, sorted: the
 *   same for each of its facts, so that a stay in a new structure changes them all.
 */
export function factSelect(forStartups: boolean): string {
  return `
  SELECT x.stay_id, x.startup_id, x.stage, x.territory_code, x.domain,
         x.structure_id, x.programme_id, x.cohort_id, x.from_stage,
         x.entered_at, x.left_at, x.left_to_stage, x.exit_kind, x.duration_days,
         floor(x.duration_days / ${DURATION_CLASS_DAYS})::int AS duration_class,
         row_number() OVER (PARTITION BY x.startup_id ORDER BY x.entered_at, x.stay_id) = 1
           AS first_stay,
         lag(x.entered_at) OVER (PARTITION BY x.startup_id, x.stage COLLATE "C" ORDER BY x.entered_at, x.stay_id)
           AS prev_entered_at,
         CASE WHEN x.exit_kind IN ('ON', 'BACK', 'EXIT') THEN
           lag(x.left_at) OVER (PARTITION BY x.startup_id, x.stage COLLATE "C", x.exit_kind COLLATE "C"
                                ORDER BY x.left_at, x.stay_id)
         END AS prev_left_at,
         x.followed_by
    FROM (
      SELECT st.id AS stay_id, st.startup_id, st.stage, s.territory_code, s.domain,
             st.structure_id, st.programme_id, st.cohort_id, tr.from_stage,
             st.entered_at, st.left_at, st.left_to_stage,
             CASE
               WHEN st.left_at IS NULL THEN NULL
               WHEN array_position(${PIPELINE}, st.stage) IS NULL THEN 'OTHER'
               WHEN st.left_to_stage = 'EXITED' THEN 'EXIT'
               WHEN st.left_to_stage = 'ALUMNI' THEN 'ON'
               WHEN array_position(${PIPELINE}, st.left_to_stage) > array_position(${PIPELINE}, st.stage)
                 THEN 'ON'
               WHEN array_position(${PIPELINE}, st.left_to_stage) < array_position(${PIPELINE}, st.stage)
                 THEN 'BACK'
               ELSE 'OTHER'
             END AS exit_kind,
             CASE WHEN st.left_at IS NOT NULL THEN
               ((extract(epoch FROM st.left_at) - extract(epoch FROM st.entered_at)) * 1000)::float8
                 / 86400000
             END AS duration_days,
             coalesce(f.followed_by, '{}'::uuid[]) AS followed_by
        FROM stage_stay st
        JOIN startup s ON s.id = st.startup_id
        LEFT JOIN transition tr ON tr.id = st.entered_by_transition_id
        LEFT JOIN (
          SELECT m.startup_id, array_agg(DISTINCT k.key ORDER BY k.key) AS followed_by
            FROM stage_stay m
            CROSS JOIN LATERAL (VALUES (m.structure_id), (m.programme_id), (m.cohort_id)) AS k(key)
           WHERE k.key IS NOT NULL ${forStartups ? 'AND m.startup_id = ANY($1::uuid[])' : ''}
           GROUP BY m.startup_id
        ) f ON f.startup_id = st.startup_id
       ${forStartups ? 'WHERE st.startup_id = ANY($1::uuid[])' : ''}
    ) x`;
}

const utcDay = (column: string) => `(${column} AT TIME ZONE 'UTC')::date`;

/** A pre-aggregate table: its key columns after (followed_by, territory, domain[, grain, bucket_start]). */
interface BucketTable {
  table: string;
  /** Bucketed by UTC day, month and year (a `day` column); otherwise keys only. */
  grained: boolean;
  /** Has rows per follower (structure, programme, cohort) besides the rows of every startup. */
  followers: boolean;
  keys: string[];
  measures: string[];
  /**
   * The sum of `sign` over the events of `src` (a bucket source, see BUCKET_SOURCE_COLUMNS) per
   * followed_by, territory, domain, (day,) keys. Columns: followed_by, territory_code, domain,
   * (day,) the keys, the measures.
   */
  rows(src: string): string;
}

const STAGE_BUCKETS: BucketTable = {
  table: 'analytics_stage_bucket',
  grained: true,
  followers: true,
  keys: ['stage'],
  measures: [
    'entered',
    'entered_new',
    'first_stays',
    'left_on',
    'left_back',
    'left_exit',
    'left_other',
    'left_on_new',
    'left_back_new',
    'left_exit_new',
    'pairs_entered',
    'pairs_on',
    'pairs_back',
    'pairs_exit',
  ],
  // Entries are bucketed by entered_at, exits by left_at, pairs by their first event.
  rows: (src) => `
    SELECT ${src}.followed_by, ${src}.territory_code, ${src}.domain, ${utcDay('e.at')} AS day, ${src}.stage,
           coalesce(sum(sign) FILTER (WHERE e.what = 'E'), 0) AS entered,
           coalesce(sum(sign) FILTER (WHERE e.what = 'E' AND prev_entered_at IS NULL), 0) AS entered_new,
           coalesce(sum(sign) FILTER (WHERE e.what = 'E' AND first_stay), 0) AS first_stays,
           coalesce(sum(sign) FILTER (WHERE e.what = 'L' AND exit_kind = 'ON'), 0) AS left_on,
           coalesce(sum(sign) FILTER (WHERE e.what = 'L' AND exit_kind = 'BACK'), 0) AS left_back,
           coalesce(sum(sign) FILTER (WHERE e.what = 'L' AND exit_kind = 'EXIT'), 0) AS left_exit,
           coalesce(sum(sign) FILTER (WHERE e.what = 'L' AND exit_kind = 'OTHER'), 0) AS left_other,
           coalesce(sum(sign) FILTER (WHERE e.what = 'L' AND exit_kind = 'ON' AND prev_left_at IS NULL), 0)
             AS left_on_new,
           coalesce(sum(sign) FILTER (WHERE e.what = 'L' AND exit_kind = 'BACK' AND prev_left_at IS NULL), 0)
             AS left_back_new,
           coalesce(sum(sign) FILTER (WHERE e.what = 'L' AND exit_kind = 'EXIT' AND prev_left_at IS NULL), 0)
             AS left_exit_new,
           coalesce(sum(sign) FILTER (WHERE e.what = 'PE'), 0) AS pairs_entered,
           coalesce(sum(sign) FILTER (WHERE e.what = 'PL' AND exit_kind = 'ON'), 0) AS pairs_on,
           coalesce(sum(sign) FILTER (WHERE e.what = 'PL' AND exit_kind = 'BACK'), 0) AS pairs_back,
           coalesce(sum(sign) FILTER (WHERE e.what = 'PL' AND exit_kind = 'EXIT'), 0) AS pairs_exit
      FROM ${src}
      CROSS JOIN LATERAL (VALUES (${src}.entered_at, 'E'), (${src}.left_at, 'L'),
                                 (${src}.prev_entered_at, 'PE'), (${src}.prev_left_at, 'PL')) AS e(at, what)
     WHERE e.at IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5`,
};

const FLOW_BUCKETS: BucketTable = {
  table: 'analytics_flow_bucket',
  grained: true,
  followers: true,
  keys: ['from_stage', 'to_stage'],
  measures: ['transitions'],
  rows: (src) => `
    SELECT ${src}.followed_by, ${src}.territory_code, ${src}.domain,
           ${utcDay(`${src}.entered_at`)} AS day,
           coalesce(${src}.from_stage, '') AS from_stage, ${src}.stage AS to_stage,
           sum(sign) AS transitions
      FROM ${src}
     GROUP BY 1, 2, 3, 4, 5, 6`,
};

const DURATION_BUCKETS: BucketTable = {
  table: 'analytics_duration_bucket',
  grained: true,
  followers: true,
  keys: ['stage', 'duration_class'],
  measures: ['stays'],
  rows: (src) => `
    SELECT ${src}.followed_by, ${src}.territory_code, ${src}.domain,
           ${utcDay(`${src}.left_at`)} AS day, ${src}.stage, ${src}.duration_class, sum(sign) AS stays
      FROM ${src}
     WHERE ${src}.left_at IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5, 6`,
};

const utcMonth = (column: string) => `date_trunc('month', ${column} AT TIME ZONE 'UTC')::date`;

const PAIR_BUCKETS: BucketTable = {
  table: 'analytics_pair_bucket',
  grained: false,
  // Per follower these cells would outnumber the facts: a structure's repeated events are read
  // from the facts instead (few, and indexed by follower).
  followers: false,
  keys: ['stage', 'kind', 'first_month', 'second_month'],
  measures: ['pairs'],
  rows: (src) => `
    SELECT ${src}.followed_by, ${src}.territory_code, ${src}.domain, ${src}.stage, p.kind,
           ${utcMonth('p.first')} AS first_month, ${utcMonth('p.second')} AS second_month,
           sum(sign) AS pairs
      FROM ${src}
      CROSS JOIN LATERAL (VALUES ('ENTER', ${src}.prev_entered_at, ${src}.entered_at),
                                 (${src}.exit_kind, ${src}.prev_left_at, ${src}.left_at))
                         AS p(kind, first, second)
     WHERE p.first IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5, 6, 7`,
};

const BUCKET_TABLES = [STAGE_BUCKETS, FLOW_BUCKETS, DURATION_BUCKETS, PAIR_BUCKETS];

const keyColumnsOf = ({ grained, keys }: BucketTable) => [
  'followed_by',
  'territory_code',
  'domain',
  ...(grained ? ['grain', 'bucket_start'] : []),
  ...keys,
];

/** The fact columns a bucket table's rows read, besides followed_by, territory and domain. */
const BUCKET_SOURCE_COLUMNS = [
  'stage',
  'from_stage',
  'entered_at',
  'left_at',
  'exit_kind',
  'duration_class',
  'first_stay',
  'prev_entered_at',
  'prev_left_at',
] as const;

const EVERY_STARTUP = `'${ANALYTICS_EVERY_STARTUP}'::uuid`;
const ANY_KEY = `'${ANALYTICS_ANY}'`;

/**
 * A bucket source: each signed fact of `facts` (its columns, and `sign`) once per bucket row it
 * counts in, as (followed_by, territory_code, domain) and the fact's other columns — `keys`
 * gives the (followed_by, territory_code, domain) triples, as SQL over the fact `f`.
 */
function bucketSource(facts: string, keys: string): string {
  return `SELECT f.sign, k.followed_by, k.territory_code, k.domain,
                 ${BUCKET_SOURCE_COLUMNS.map((column) => `f.${column}`).join(', ')}
            FROM ${facts} f
            CROSS JOIN LATERAL (${keys}) AS k(followed_by, territory_code, domain)`;
}

/** The instants of a fact: what a bucket row's time is read from. */
const INSTANT_COLUMNS: readonly string[] = [
  'entered_at',
  'left_at',
  'prev_entered_at',
  'prev_left_at',
];

/**
 * Every fact with its instants moved to the start of their UTC month, so that the rows summed
 * from it come out per month. Computed once per fact (OFFSET 0 keeps the subquery from being
 * merged into the expansion per follower, which would compute it a dozen times).
 */
const FACTS_BY_MONTH = `(SELECT 1 AS sign, a.followed_by, ${BUCKET_SOURCE_COLUMNS.map((name) =>
  INSTANT_COLUMNS.includes(name)
    ? `date_trunc('month', a.${name} AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS ${name}`
    : `a.${name}`,
).join(', ')} FROM analytics_stay a OFFSET 0)`;

/** Every startup's rows, by its territory and domain. */
const OWN_KEYS = `SELECT ${EVERY_STARTUP}, f.territory_code, f.domain`;
/** The rows of each structure, programme and cohort that follows or followed the startup. */
const FOLLOWER_KEYS = `SELECT key, ${ANY_KEY}, ${ANY_KEY} FROM unnest(f.followed_by) AS key`;

/**
 * The followers' rows are months and years only: a day row per follower would be nearly one
 * row per fact and follower (tens of millions at national scale, and a rebuild three times
 * longer); the partial months of a period come from the facts instead (`cutPeriod(…, 'M')`).
 */
export const FOLLOWER_FINEST_GRAIN = 'M';

/**
 * Statements (as CTE bodies) adding `src`'s signed contributions (`sign` +1 for a fact that
 * appears, −1 for one that goes) to the pre-aggregate tables, at every grain and for every row
 * its facts count in: every startup's (its territory and domain, and '*'), and each of its
 * followers' ('*', from months up: FOLLOWER_FINEST_GRAIN). Rows are upserted in key order, so that concurrent refreshes lock bucket
 * rows in the same order. Meant for a few startups. The first statement is the bucket source
 * the others read, named `bucket_src`.
 */
export function bucketUpserts(src: string): { name: string; sql: string }[] {
  const source = {
    name: 'bucket_src',
    sql: bucketSource(
      src,
      `${OWN_KEYS} UNION ALL SELECT ${EVERY_STARTUP}, ${ANY_KEY}, ${ANY_KEY} UNION ALL ${FOLLOWER_KEYS}`,
    ),
  };
  return [
    source,
    ...BUCKET_TABLES.map((table) => {
      const { grained, keys, measures, rows } = table;
      const keyColumns = keyColumnsOf(table);
      const positions = keyColumns.map((_, index) => index + 1).join(', ');
      const grains = grained
        ? `CROSS JOIN LATERAL (VALUES ('D', d.day),
                                      ('M', date_trunc('month', d.day)::date),
                                      ('Y', date_trunc('year', d.day)::date)) AS g(grain, bucket_start)
           WHERE g.grain <> 'D' OR d.followed_by = ${EVERY_STARTUP}`
        : '';
      const everyStartupOnly = table.followers
        ? ''
        : `${grained ? 'AND' : 'WHERE'} d.followed_by = ${EVERY_STARTUP}`;
      return {
        name: table.table.replace('analytics_', ''),
        sql: `
          INSERT INTO ${table.table} AS b (${[...keyColumns, ...measures].join(', ')})
          SELECT d.followed_by, d.territory_code, d.domain, ${grained ? 'g.grain, g.bucket_start, ' : ''}
                 ${keys.map((key) => `d.${key}`).join(', ')},
                 ${measures.map((m) => `sum(d.${m})::int`).join(', ')}
            FROM (${rows(source.name)}) AS d
            ${grains}
            ${everyStartupOnly}
           GROUP BY ${positions}
          HAVING ${measures.map((m) => `sum(d.${m}) <> 0`).join(' OR ')}
           ORDER BY ${positions}
          ON CONFLICT (${keyColumns.join(', ')})
          DO UPDATE SET ${measures.map((m) => `${m} = b.${m} + EXCLUDED.${m}`).join(', ')}`,
      };
    }),
  ];
}

/**
 * The statements that fill the (empty) pre-aggregate tables from the facts in analytics_stay:
 * every startup's rows by territory and domain first, their '*' rows and months summed from
 * those, then the followers' months from the facts again (one contribution per follower of each
 * fact), and years summed from the months.
 */
export function bucketRebuild(): string[] {
  const facts = `(SELECT 1 AS sign, a.* FROM analytics_stay a)`;
  const own = `WITH src AS (${bucketSource(facts, OWN_KEYS)})`;
  // Months directly: per day, the followers' rows would outgrow memory and spill to disk.
  const followers = `WITH src AS (${bucketSource(FACTS_BY_MONTH, FOLLOWER_KEYS)})`;
  return BUCKET_TABLES.flatMap((table) => {
    const { grained, keys, measures, rows } = table;
    const columns = [...keyColumnsOf(table), ...measures].join(', ');
    const sums = measures.map((m) => `sum(${m})`).join(', ');
    const keyList = keys.join(', ');
    const fromFacts = (source: string, grain = 'D') => `${source}
       INSERT INTO ${table.table} (${columns})
       SELECT d.followed_by, d.territory_code, d.domain, ${grained ? `'${grain}', d.day, ` : ''}
              ${keys.map((k) => `d.${k}`).join(', ')}, ${measures.map((m) => `d.${m}`).join(', ')}
         FROM (${rows('src')}) AS d`;
    if (!grained) {
      return [
        fromFacts(own),
        `INSERT INTO ${table.table} (${columns})
         SELECT followed_by, ${ANY_KEY}, ${ANY_KEY}, ${keyList}, ${sums} FROM ${table.table}
          GROUP BY followed_by, ${keyList}`,
        ...(table.followers ? [fromFacts(followers)] : []),
      ];
    }
    return [
      fromFacts(own),
      `INSERT INTO ${table.table} (${columns})
       SELECT followed_by, ${ANY_KEY}, ${ANY_KEY}, 'D', bucket_start, ${keyList}, ${sums}
         FROM ${table.table} WHERE grain = 'D' GROUP BY followed_by, bucket_start, ${keyList}`,
      `INSERT INTO ${table.table} (${columns})
       SELECT followed_by, territory_code, domain, 'M', date_trunc('month', bucket_start)::date,
              ${keyList}, ${sums}
         FROM ${table.table} WHERE grain = 'D' GROUP BY followed_by, territory_code, domain, 5, ${keyList}`,
      // The followers' rows begin at months (FOLLOWER_FINEST_GRAIN).
      ...(table.followers ? [fromFacts(followers, 'M')] : []),
      `INSERT INTO ${table.table} (${columns})
       SELECT followed_by, territory_code, domain, 'Y', date_trunc('year', bucket_start)::date,
              ${keyList}, ${sums}
         FROM ${table.table} WHERE grain = 'M' GROUP BY followed_by, territory_code, domain, 5, ${keyList}`,
    ];
  });
}
