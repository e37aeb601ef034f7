import type { QueryRunner } from 'typeorm';

/*
 * A national-scale pipeline history, generated inside PostgreSQL: every startup walks the stage
 * state machine (forward, skip, back, exit, graduation, re-entry) with pseudo-random choices
 * drawn from hashes of (seed, startup, step), so that one seed always gives the same rows. One
 * recursive query advances every startup by one move per iteration; stays, transitions and
 * startups are then written with INSERT … SELECT, never row by row.
 */

export interface ScaleHistoryOptions {
  startups: number;
  /** Stage changes (completed transitions, one stay each), first entries included. */
  events: number;
  seed: number;
  /** Every history ends by this instant. */
  end: Date;
  /** Histories are spread over this many years before `end`. */
  years: number;
  /**
   * Structures per territory for each of detection, incubation and nursery (each startup has one
   * of each, drawn once); accelerators and internationalisation programmes are national, a fifth
   * as many. Default: one per 3,000 startups, as a region has tens of incubators, not one.
   */
  structuresPerTerritory?: number;
}

export interface ScaleHistorySummary {
  startups: number;
  transitions: number;
  stays: number;
  structures: number;
  cohorts: number;
}

const TERRITORIES = ['CAEN', 'ROUEN', 'LE_HAVRE'];
const STAGES = [
  'DETECTION',
  'INCUBATION',
  'NURSERY',
  'ACCELERATION',
  'INTERNATIONALISATION',
  'ALUMNI',
  'EXITED',
];
const STAGE_ARRAY = `(ARRAY[${STAGES.map((stage) => `'${stage}'`).join(', ')}]::text[])`;
const PIPELINE_ARRAY = `ARRAY[${STAGES.slice(0, 5)
  .map((stage) => `'${stage}'`)
  .join(', ')}]::text[]`;
const DAY_SECONDS = 86_400;
const COHORT_DAYS = 182;

/** Stable ids: the same seed gives the same keys, so two runs can be compared row by row. */
const idOf = (expression: string) => `md5(${expression})::uuid`;

/** The published targets of the bid, on the accelerator programme as in the demo. */
const TARGETS = {
  startupsAccelerated3y: 25,
  newStartups3y: 150,
  startupsHosted3y: 100,
  techChampions3y: 3,
  jobsCreated3y: 1000,
  startupsAccelerated10y: 150,
  newStartups10y: 600,
  startupsHosted10y: 400,
  techChampions10y: 10,
  jobsCreated10y: 10000,
};

const structureKey = (territory: string, stage: string, n: number) => `${territory}:${stage}:${n}`;

/** Structure counts of a run. */
function structureCounts(options: ScaleHistoryOptions) {
  const local = Math.max(1, options.structuresPerTerritory ?? Math.round(options.startups / 3000));
  return { local, national: Math.max(1, Math.round(local / 5)) };
}

/**
 * Structures and programmes: per territory `local` detection programmes, incubators and
 * nurseries; `national` accelerators (each with half-yearly cohorts) and internationalisation
 * programmes. The first accelerator carries the published targets, as the demo's FFWD does.
 */
async function writeReferenceData(runner: QueryRunner, options: ScaleHistoryOptions) {
  const windowStart = new Date(options.end.getTime() - options.years * 365.25 * DAY_SECONDS * 1000);
  const { local, national } = structureCounts(options);
  const kinds = [
    ['DETECTION', 'DETECTION_PROGRAMME', 'Détection', 'territory', local],
    ['INCUBATION', 'INCUBATOR', 'Incubateur', 'territory', local],
    ['NURSERY', 'NURSERY', 'Pépinière', 'territory', local],
    ['ACCELERATION', 'ACCELERATOR', 'Accélérateur', 'national', national],
    [
      'INTERNATIONALISATION',
      'INTERNATIONALISATION_PROGRAMME',
      'International',
      'national',
      national,
    ],
  ] as const;
  const structures: {
    key: string;
    name: string;
    kind: string;
    territory: string | null;
    stage: string;
  }[] = [];
  for (const [stage, kind, label, reach, count] of kinds) {
    const territories = reach === 'territory' ? TERRITORIES : ['ALL'];
    for (const territory of territories) {
      for (let n = 0; n < count; n += 1) {
        structures.push({
          key: structureKey(territory, stage, n),
          name: `${label} ${territory === 'ALL' ? '' : `${territory} `}${n + 1} (échelle)`,
          kind,
          territory: territory === 'ALL' ? TERRITORIES[n % TERRITORIES.length] : territory,
          stage,
        });
      }
    }
  }
  await runner.query(
    `INSERT INTO structure (id, name, kind, territory_code)
     SELECT ${idOf(`'scale:structure:' || s.key`)}, s.name, s.kind, s.territory
       FROM jsonb_to_recordset($1::jsonb) AS s(key text, name text, kind text, territory text)`,
    [JSON.stringify(structures)],
  );
  await runner.query(
    `INSERT INTO programme (id, structure_id, name, stage, mode, review_interval_days, allows_direct_entry, targets)
     SELECT ${idOf(`'scale:programme:' || s.key`)}, ${idOf(`'scale:structure:' || s.key`)},
            'Programme ' || s.name, s.stage,
            CASE WHEN s.stage = 'ACCELERATION' THEN 'COHORT' ELSE 'ROLLING' END, 90, true,
            CASE WHEN s.key = $3 THEN $2::jsonb ELSE '{}'::jsonb END
       FROM jsonb_to_recordset($1::jsonb) AS s(key text, name text, stage text)`,
    [JSON.stringify(structures), JSON.stringify(TARGETS), structureKey('ALL', 'ACCELERATION', 0)],
  );
  const cohortCount = Math.ceil((options.years * 365.25) / COHORT_DAYS) + 12;
  // Cohorts start every half-year; the first ones predate the window for long histories.
  const cohortEpoch = new Date(windowStart.getTime() - 12 * COHORT_DAYS * DAY_SECONDS * 1000);
  await runner.query(
    `INSERT INTO cohort (id, programme_id, name, starts_on, ends_on)
     SELECT ${idOf(`'scale:cohort:' || a || ':' || n`)},
            ${idOf(`'scale:programme:ALL:ACCELERATION:' || a`)},
            'Promotion ' || n,
            ($1::timestamptz + make_interval(days => n * ${COHORT_DAYS}))::date,
            ($1::timestamptz + make_interval(days => n * ${COHORT_DAYS} + ${COHORT_DAYS - 1}))::date
       FROM generate_series(0, $2::int - 1) AS n, generate_series(0, $3::int - 1) AS a`,
    [cohortEpoch, cohortCount, national],
  );
  return {
    structures: structures.length,
    cohorts: cohortCount * national,
    cohortsPerAccelerator: cohortCount,
    cohortEpoch,
    local,
    national,
  };
}

/**
 * Writes the history into the (migrated, empty of such rows) database of `runner`, in the
 * caller's transaction. The analytics roll-ups are not touched: rebuild them afterwards.
 */
export async function writeScaleHistory(
  runner: QueryRunner,
  options: ScaleHistoryOptions,
): Promise<ScaleHistorySummary> {
  const { startups, events, seed } = options;
  if (!Number.isInteger(startups) || startups < 1) throw new Error('--startups must be ≥ 1');
  if (!Number.isInteger(events) || events < startups) {
    throw new Error('--events must be an integer ≥ --startups (each startup has a first entry)');
  }
  const reference = await writeReferenceData(runner, options);
  const average = Math.floor(events / startups);
  const remainder = events - average * startups;
  const windowSeconds = options.years * 365.25 * DAY_SECONDS;
  const meanGapSeconds = (0.9 * windowSeconds) / (events / startups);

  // Uniform [0, 1) from a 64-bit hash of (startup, step, salt) under the seed.
  await runner.query(
    `CREATE OR REPLACE FUNCTION pg_temp.scale_uniform(i bigint, step bigint, salt bigint, seed bigint)
       RETURNS float8 LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
     $$ SELECT ((hashint8extended(i * 1048576 + step * 16 + salt, seed) >> 11) & 9007199254740991)::float8
               / 9007199254740992 $$`,
  );
  // Moves per startup: the average, the remainder spread over the first ones, and a spread
  // that pairs cancel out (startup 2j gets +v, 2j+1 gets −v), so that the total is exact.
  await runner.query(
    `CREATE TEMP TABLE scale_plan ON COMMIT DROP AS
     SELECT i, ${average} + (i < ${remainder})::int + CASE
              WHEN i % 2 = 1 THEN -spread
              WHEN i + 1 < ${startups} THEN spread
              ELSE 0 END AS moves
       FROM (SELECT i, floor(pg_temp.scale_uniform(i - i % 2, 0, 9, ${seed}) * ${2 * average - 1})::int
                         - ${average - 1} AS spread
               FROM generate_series(0, ${startups - 1}) AS i) AS drawn`,
  );
  // The walk: stage indexes 0–4 the pipeline, 5 ALUMNI, 6 EXITED; offsets in seconds.
  await runner.query(
    `CREATE TEMP TABLE scale_walk ON COMMIT DROP AS
     WITH RECURSIVE walk(i, step, stage, offset_s, moves) AS (
       SELECT p.i, 0, CASE WHEN r < 0.55 THEN 0 WHEN r < 0.85 THEN 1 ELSE 2 END, 0::float8, p.moves
         FROM scale_plan p CROSS JOIN LATERAL (SELECT pg_temp.scale_uniform(p.i, 0, 1, ${seed}) AS r) AS u
       UNION ALL
       SELECT w.i, w.step + 1,
              CASE
                WHEN w.stage >= 5 THEN CASE WHEN u.r < 0.6 THEN 0 ELSE 1 END
                WHEN u.r < 0.08 THEN 6
                WHEN w.stage = 4 THEN CASE WHEN u.r < 0.40 THEN 3 ELSE 5 END
                WHEN w.stage >= 1 AND u.r < 0.20 THEN w.stage - 1
                WHEN w.stage = 3 AND u.r < 0.30 THEN 5
                WHEN w.stage <= 2 AND u.r > 0.93 THEN w.stage + 2
                ELSE w.stage + 1
              END,
              w.offset_s + 60 + floor(-ln(1 - u.g) * ${meanGapSeconds}),
              w.moves
         FROM walk w
         CROSS JOIN LATERAL (SELECT pg_temp.scale_uniform(w.i, w.step + 1, 1, ${seed}) AS r,
                                    pg_temp.scale_uniform(w.i, w.step + 1, 2, ${seed}) AS g) AS u
        WHERE w.step + 1 < w.moves
     )
     SELECT i, step, stage, offset_s FROM walk`,
  );
  // Instants: each history ends at a random point of the window (of its last quarter when it is
  // longer than the window), never after `end`.
  await runner.query(
    `CREATE TEMP TABLE scale_move ON COMMIT DROP AS
     SELECT w.i, w.step,
            ${STAGE_ARRAY}[w.stage + 1] AS to_stage,
            ${STAGE_ARRAY}[lag(w.stage) OVER h + 1] AS from_stage,
            $1::timestamptz - make_interval(secs => (t.span - w.offset_s) + t.tail) AS at,
            ${idOf(`'scale:${seed}:transition:' || w.i || ':' || w.step`)} AS transition_id,
            ${idOf(`'scale:${seed}:stay:' || w.i || ':' || w.step`)} AS stay_id,
            ${idOf(`'scale:${seed}:startup:' || w.i`)} AS startup_id
       FROM scale_walk w
       JOIN (SELECT i, max(offset_s) AS span,
                    floor(pg_temp.scale_uniform(i, 0, 3, ${seed})
                          * greatest(${windowSeconds} - max(offset_s), ${windowSeconds / 4})) AS tail
               FROM scale_walk GROUP BY i) AS t ON t.i = w.i
     WINDOW h AS (PARTITION BY w.i ORDER BY w.step)`,
    [options.end],
  );
  await runner.query(`CREATE INDEX ON scale_move (i, step)`);
  await runner.query(`ANALYZE scale_move`);
  // Where each stay is followed: the territory's structure for the first three stages, the
  // accelerator (and the cohort of its half-year) and the internationalisation programme after.
  await runner.query(
    `CREATE TEMP TABLE scale_startup ON COMMIT DROP AS
     SELECT p.i, ${idOf(`'scale:${seed}:startup:' || p.i`)} AS id,
            (ARRAY['ROUEN', 'CAEN', 'LE_HAVRE'])[1 + floor(pg_temp.scale_uniform(p.i, 0, 4, ${seed}) * 3)::int]
              AS territory_code,
            (ARRAY['SMART_CITIES', 'SMART_PORTS_LOGISTICS', 'SMART_INDUSTRIES'])
              [1 + floor(pg_temp.scale_uniform(p.i, 0, 5, ${seed}) * 3)::int] AS domain
       FROM scale_plan p`,
  );
  // Each startup has its own detection programme, incubator, nursery, accelerator and
  // internationalisation programme, drawn once: a re-entry goes back to the same incubator.
  const home = (stageIndex: number, count: number) =>
    `floor(pg_temp.scale_uniform(m.i, ${stageIndex}, ${20 + stageIndex}, ${seed}) * ${count})::int`;
  const keyOf = `CASE
      WHEN m.to_stage = 'DETECTION' THEN st.territory_code || ':DETECTION:' || ${home(0, reference.local)}
      WHEN m.to_stage = 'INCUBATION' THEN st.territory_code || ':INCUBATION:' || ${home(1, reference.local)}
      WHEN m.to_stage = 'NURSERY' THEN st.territory_code || ':NURSERY:' || ${home(2, reference.local)}
      WHEN m.to_stage = 'ACCELERATION' THEN 'ALL:ACCELERATION:' || ${home(3, reference.national)}
      WHEN m.to_stage = 'INTERNATIONALISATION' THEN 'ALL:INTERNATIONALISATION:' || ${home(4, reference.national)}
    END`;
  await runner.query(
    `CREATE TEMP TABLE scale_stay ON COMMIT DROP AS
     SELECT m.*, st.territory_code, st.domain,
            lead(m.at) OVER w AS left_at, lead(m.to_stage) OVER w AS left_to_stage,
            lead(m.transition_id) OVER w AS left_by_transition_id,
            ${idOf(`'scale:structure:' || k.key`)} AS structure_id,
            ${idOf(`'scale:programme:' || k.key`)} AS programme_id,
            CASE WHEN m.to_stage = 'ACCELERATION' THEN
              ${idOf(
                `'scale:cohort:' || ${home(3, reference.national)} || ':' ||
                 least(greatest(floor(extract(epoch FROM m.at - $1::timestamptz) / ${
                   COHORT_DAYS * DAY_SECONDS
                 })::int, 0), ${reference.cohortsPerAccelerator - 1})`,
              )}
            END AS cohort_id
       FROM scale_move m
       JOIN scale_startup st ON st.i = m.i
       CROSS JOIN LATERAL (SELECT ${keyOf} AS key) AS k
     WINDOW w AS (PARTITION BY m.i ORDER BY m.step)`,
    [reference.cohortEpoch],
  );

  await runner.query(
    `INSERT INTO startup (id, name, domain, territory_code, stage, stage_entered_at,
                          current_structure_id, current_programme_id, current_cohort_id, created_at)
     SELECT st.id, 'Startup échelle ' || lpad(st.i::text, 7, '0'), st.domain, st.territory_code,
            last.to_stage, last.at, followed.structure_id, last.programme_id, last.cohort_id, first.at
       FROM scale_startup st
       JOIN scale_stay last ON last.i = st.i AND last.left_at IS NULL
       JOIN scale_stay first ON first.i = st.i AND first.step = 0
       -- Outcomes keep the structure that followed the startup last, as the API does.
       LEFT JOIN (SELECT DISTINCT ON (i) i, structure_id FROM scale_stay
                   WHERE structure_id IS NOT NULL ORDER BY i, step DESC) AS followed
              ON followed.i = st.i`,
  );
  await runner.query(
    `INSERT INTO transition (id, startup_id, from_stage, to_stage, programme_id, cohort_id, reason,
                             exit_reason, status, move_kind, requires_four_eyes, requested_at,
                             decided_at, effective_at, completed_at, target_structure_id, updated_at)
     SELECT s.transition_id, s.startup_id, s.from_stage, s.to_stage, s.programme_id, s.cohort_id,
            CASE WHEN k.kind IN ('BACK', 'EXIT') THEN 'Données d''échelle' END,
            CASE WHEN k.kind = 'EXIT' THEN 'ABANDONED' END,
            'COMPLETED', k.kind, s.to_stage IN ('ACCELERATION', 'INTERNATIONALISATION'),
            s.at, s.at, s.at, s.at, s.structure_id, s.at
       FROM scale_stay s
       CROSS JOIN LATERAL (SELECT CASE
           WHEN s.from_stage IS NULL THEN 'FIRST_ENTRY'
           WHEN s.to_stage = 'EXITED' THEN 'EXIT'
           WHEN s.to_stage = 'ALUMNI' THEN 'GRADUATE'
           WHEN s.from_stage IN ('ALUMNI', 'EXITED') THEN 'RE_ENTRY'
           WHEN array_position(${PIPELINE_ARRAY}, s.to_stage)
              > array_position(${PIPELINE_ARRAY}, s.from_stage) + 1
             THEN 'SKIP_FORWARD'
           WHEN array_position(${PIPELINE_ARRAY}, s.to_stage)
              > array_position(${PIPELINE_ARRAY}, s.from_stage)
             THEN 'FORWARD'
           ELSE 'BACK' END AS kind) AS k`,
  );
  await runner.query(
    `INSERT INTO stage_stay (id, startup_id, stage, structure_id, programme_id, cohort_id, entered_at,
                             left_at, entered_by_transition_id, left_by_transition_id, left_to_stage)
     SELECT s.stay_id, s.startup_id, s.to_stage, s.structure_id, s.programme_id, s.cohort_id, s.at,
            s.left_at, s.transition_id, s.left_by_transition_id, s.left_to_stage
       FROM scale_stay s`,
  );
  const counts: { startups: number; transitions: number; stays: number }[] = await runner.query(
    `SELECT (SELECT count(*) FROM scale_startup)::int AS startups,
            (SELECT count(*) FROM scale_move)::int AS transitions,
            (SELECT count(*) FROM scale_stay)::int AS stays`,
  );
  return { ...counts[0], structures: reference.structures, cohorts: reference.cohorts };
}
