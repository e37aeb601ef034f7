import { PIPELINE_STAGES } from '@parcours/contracts';

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
         END AS prev_left_at
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
             END AS duration_days
        FROM stage_stay st
        JOIN startup s ON s.id = st.startup_id
        LEFT JOIN transition tr ON tr.id = st.entered_by_transition_id
       ${forStartups ? 'WHERE st.startup_id = ANY($1::uuid[])' : ''}
    ) x`;
}

const utcDay = (column: string) => `(${column} AT TIME ZONE 'UTC')::date`;

/** A pre-aggregate table: its key columns after (territory, domain[, grain, bucket_start]). */
interface BucketTable {
  table: string;
  /** Bucketed by UTC day, month and year (a `day` column); otherwise keys only. */
  grained: boolean;
  keys: string[];
  measures: string[];
  /**
   * The sum of `sign` over `src`'s events per territory, domain, (day,) keys. Columns:
   * territory_code, domain, (day,) the keys, the measures.
   */
  rows(src: string): string;
}

const STAGE_BUCKETS: BucketTable = {
  table: 'analytics_stage_bucket',
  grained: true,
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
    SELECT ${src}.territory_code, ${src}.domain, ${utcDay('e.at')} AS day, ${src}.stage,
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
     GROUP BY 1, 2, 3, 4`,
};

const FLOW_BUCKETS: BucketTable = {
  table: 'analytics_flow_bucket',
  grained: true,
  keys: ['from_stage', 'to_stage'],
  measures: ['transitions'],
  rows: (src) => `
    SELECT ${src}.territory_code, ${src}.domain, ${utcDay(`${src}.entered_at`)} AS day,
           coalesce(${src}.from_stage, '') AS from_stage, ${src}.stage AS to_stage,
           sum(sign) AS transitions
      FROM ${src}
     GROUP BY 1, 2, 3, 4, 5`,
};

const DURATION_BUCKETS: BucketTable = {
  table: 'analytics_duration_bucket',
  grained: true,
  keys: ['stage', 'duration_class'],
  measures: ['stays'],
  rows: (src) => `
    SELECT ${src}.territory_code, ${src}.domain, ${utcDay(`${src}.left_at`)} AS day,
           ${src}.stage, ${src}.duration_class, sum(sign) AS stays
      FROM ${src}
     WHERE ${src}.left_at IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5`,
};

const utcMonth = (column: string) => `date_trunc('month', ${column} AT TIME ZONE 'UTC')::date`;

const PAIR_BUCKETS: BucketTable = {
  table: 'analytics_pair_bucket',
  grained: false,
  keys: ['stage', 'kind', 'first_month', 'second_month'],
  measures: ['pairs'],
  rows: (src) => `
    SELECT ${src}.territory_code, ${src}.domain, ${src}.stage, p.kind,
           ${utcMonth('p.first')} AS first_month, ${utcMonth('p.second')} AS second_month,
           sum(sign) AS pairs
      FROM ${src}
      CROSS JOIN LATERAL (VALUES ('ENTER', ${src}.prev_entered_at, ${src}.entered_at),
                                 (${src}.exit_kind, ${src}.prev_left_at, ${src}.left_at))
                         AS p(kind, first, second)
     WHERE p.first IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5, 6`,
};

const BUCKET_TABLES = [STAGE_BUCKETS, FLOW_BUCKETS, DURATION_BUCKETS, PAIR_BUCKETS];

const keyColumnsOf = ({ grained, keys }: BucketTable) => [
  'territory_code',
  'domain',
  ...(grained ? ['grain', 'bucket_start'] : []),
  ...keys,
];

/**
 * Statements (as CTE bodies) adding `src`'s signed contributions (`sign` +1 for a fact that
 * appears, −1 for one that goes) to the pre-aggregate tables, at every grain and at both key
 * levels (the startup's territory and domain, and '*'). Rows are upserted in key order, so that
 * concurrent refreshes lock bucket rows in the same order. Meant for a few startups.
 */
export function bucketUpserts(src: string): { name: string; sql: string }[] {
  return BUCKET_TABLES.map((table) => {
    const { grained, keys, measures, rows } = table;
    const keyColumns = keyColumnsOf(table);
    const positions = keyColumns.map((_, index) => index + 1).join(', ');
    const grains = grained
      ? `CROSS JOIN LATERAL (VALUES ('D', d.day),
                                    ('M', date_trunc('month', d.day)::date),
                                    ('Y', date_trunc('year', d.day)::date)) AS g(grain, bucket_start)`
      : '';
    return {
      name: table.table.replace('analytics_', ''),
      sql: `
        INSERT INTO ${table.table} AS b (${[...keyColumns, ...measures].join(', ')})
        SELECT k.territory_code, k.domain, ${grained ? 'g.grain, g.bucket_start, ' : ''}
               ${keys.map((key) => `d.${key}`).join(', ')},
               ${measures.map((m) => `sum(d.${m})::int`).join(', ')}
          FROM (${rows(src)}) AS d
          ${grains}
          CROSS JOIN LATERAL (VALUES (d.territory_code, d.domain), ('*', '*')) AS k(territory_code, domain)
         GROUP BY ${positions}
        HAVING ${measures.map((m) => `sum(d.${m}) <> 0`).join(' OR ')}
         ORDER BY ${positions}
        ON CONFLICT (${keyColumns.join(', ')})
        DO UPDATE SET ${measures.map((m) => `${m} = b.${m} + EXCLUDED.${m}`).join(', ')}`,
    };
  });
}

/**
 * The statements that fill the (empty) pre-aggregate tables from the facts (`src`): the
 * startups' own keys first, then the '*' rows, months and years summed from the finer rows
 * rather than from the facts again.
 */
export function bucketRebuild(): string[] {
  return BUCKET_TABLES.flatMap((table) => {
    const { grained, keys, measures, rows } = table;
    const columns = [...keyColumnsOf(table), ...measures].join(', ');
    const sums = measures.map((m) => `sum(${m})`).join(', ');
    const keyList = keys.join(', ');
    const own = `INSERT INTO ${table.table} (${columns})
       SELECT d.territory_code, d.domain, ${grained ? `'D', d.day, ` : ''}
              ${keys.map((k) => `d.${k}`).join(', ')}, ${measures.map((m) => `d.${m}`).join(', ')}
         FROM (${rows('src')}) AS d`;
    if (!grained) {
      return [
        own,
        `INSERT INTO ${table.table} (${columns})
         SELECT '*', '*', ${keyList}, ${sums} FROM ${table.table} GROUP BY ${keyList}`,
      ];
    }
    return [
      own,
      `INSERT INTO ${table.table} (${columns})
       SELECT '*', '*', 'D', bucket_start, ${keyList}, ${sums}
         FROM ${table.table} WHERE grain = 'D' GROUP BY bucket_start, ${keyList}`,
      `INSERT INTO ${table.table} (${columns})
       SELECT territory_code, domain, 'M', date_trunc('month', bucket_start)::date, ${keyList}, ${sums}
         FROM ${table.table} WHERE grain = 'D' GROUP BY territory_code, domain, 4, ${keyList}`,
      `INSERT INTO ${table.table} (${columns})
       SELECT territory_code, domain, 'Y', date_trunc('year', bucket_start)::date, ${keyList}, ${sums}
         FROM ${table.table} WHERE grain = 'M' GROUP BY territory_code, domain, 4, ${keyList}`,
    ];
  });
}
