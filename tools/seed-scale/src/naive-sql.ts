import { PIPELINE_STAGES, STAGES } from '@parcours/contracts';
import { SqlParams } from '@parcours/server-analytics';
import { startupVisibility, type Actor } from '@parcours/server-identity';
import type { DataSource } from 'typeorm';

/*
 * The same figures computed naively from the raw tables (stage_stay, transition, startup) on
 * every request: what the analytics would cost without roll-ups. Written from the contract's
 * definitions, independently of the library's SQL, so that the measurement also checks that
 * both agree.
 */

export interface NaiveQuery {
  from: Date | null;
  to: Date;
  territory?: string;
  domain?: string;
  structureId?: string;
  cohortId?: string;
}

const PIPELINE = `ARRAY[${PIPELINE_STAGES.map((s) => `'${s}'`).join(', ')}]::text[]`;

function frame(actor: Actor, query: NaiveQuery) {
  const params = new SqlParams();
  const clauses = [params.condition(startupVisibility(actor, 's'))];
  if (query.territory) clauses.push(`s.territory_code = ${params.add(query.territory)}`);
  if (query.domain) clauses.push(`s.domain = ${params.add(query.domain)}`);
  if (query.structureId) {
    clauses.push(`EXISTS (SELECT 1 FROM stage_stay f WHERE f.startup_id = s.id
                            AND f.structure_id = ${params.add(query.structureId)}::uuid)`);
  }
  if (query.cohortId) {
    clauses.push(`EXISTS (SELECT 1 FROM stage_stay f WHERE f.startup_id = s.id
                            AND f.cohort_id = ${params.add(query.cohortId)}::uuid)`);
  }
  const lo = `${params.add(query.from ?? '-infinity')}::timestamptz`;
  const hi = `${params.add(query.to)}::timestamptz`;
  return { params, where: clauses.join(' AND '), lo, hi };
}

const how = `CASE
    WHEN st.left_at IS NULL OR array_position(${PIPELINE}, st.stage) IS NULL THEN NULL
    WHEN st.left_to_stage = 'EXITED' THEN 'EXIT'
    WHEN st.left_to_stage = 'ALUMNI' THEN 'ON'
    WHEN array_position(${PIPELINE}, st.left_to_stage) > array_position(${PIPELINE}, st.stage) THEN 'ON'
    WHEN array_position(${PIPELINE}, st.left_to_stage) < array_position(${PIPELINE}, st.stage) THEN 'BACK'
  END`;

export async function naiveFunnel(db: DataSource, actor: Actor, query: NaiveQuery) {
  const { params, where, lo, hi } = frame(actor, query);
  const left = (kind: string) =>
    `count(DISTINCT st.startup_id) FILTER (WHERE st.left_at >= ${lo} AND st.left_at < ${hi} AND ${how} = '${kind}')::int`;
  const rows: {
    stage: string;
    entered: number;
    movedOn: number;
    movedBack: number;
    exited: number;
    current: number;
  }[] = await db.query(
    `SELECT st.stage,
            count(DISTINCT st.startup_id) FILTER (WHERE st.entered_at >= ${lo} AND st.entered_at < ${hi})::int AS entered,
            ${left('ON')} AS "movedOn", ${left('BACK')} AS "movedBack", ${left('EXIT')} AS exited,
            count(DISTINCT st.startup_id) FILTER (WHERE st.entered_at < ${hi} AND (st.left_at IS NULL OR st.left_at >= ${hi}))::int AS current
       FROM stage_stay st JOIN startup s ON s.id = st.startup_id
      WHERE ${where}
      GROUP BY st.stage`,
    params.values,
  );
  return PIPELINE_STAGES.map((stage) => {
    const row = rows.find((r) => r.stage === stage);
    const [on, back, exited] = [row?.movedOn ?? 0, row?.movedBack ?? 0, row?.exited ?? 0];
    return {
      stage,
      entered: row?.entered ?? 0,
      movedOn: on,
      movedBack: back,
      exited,
      current: row?.current ?? 0,
      conversionRate: on + back + exited === 0 ? null : on / (on + back + exited),
    };
  });
}

export async function naiveTimeInStage(db: DataSource, actor: Actor, query: NaiveQuery) {
  const { params, where, lo, hi } = frame(actor, query);
  const leftIn = `st.left_at >= ${lo} AND st.left_at < ${hi}`;
  const days = `((extract(epoch FROM st.left_at) - extract(epoch FROM st.entered_at)) * 1000)::float8 / 86400000`;
  const rows: {
    stage: string;
    completedStays: number;
    medianDays: number | null;
    p90Days: number | null;
    stillIn: number;
  }[] = await db.query(
    `SELECT st.stage, count(*) FILTER (WHERE ${leftIn})::int AS "completedStays",
            percentile_cont(0.5) WITHIN GROUP (ORDER BY ${days}) FILTER (WHERE ${leftIn}) AS "medianDays",
            percentile_cont(0.9) WITHIN GROUP (ORDER BY ${days}) FILTER (WHERE ${leftIn}) AS "p90Days",
            count(*) FILTER (WHERE st.entered_at < ${hi} AND (st.left_at IS NULL OR st.left_at >= ${hi}))::int AS "stillIn"
       FROM stage_stay st JOIN startup s ON s.id = st.startup_id
      WHERE ${where}
      GROUP BY st.stage`,
    params.values,
  );
  return PIPELINE_STAGES.map((stage) => {
    const row = rows.find((r) => r.stage === stage);
    return {
      stage,
      completedStays: row?.completedStays ?? 0,
      medianDays: row?.medianDays ?? null,
      p90Days: row?.p90Days ?? null,
      stillIn: row?.stillIn ?? 0,
    };
  });
}

export async function naiveFlows(db: DataSource, actor: Actor, query: NaiveQuery) {
  const { params, where, lo, hi } = frame(actor, query);
  const rows: { fromStage: string | null; toStage: string; count: number }[] = await db.query(
    `SELECT t.from_stage AS "fromStage", t.to_stage AS "toStage", count(*)::int AS count
       FROM transition t JOIN startup s ON s.id = t.startup_id
      WHERE t.status = 'COMPLETED' AND t.effective_at >= ${lo} AND t.effective_at < ${hi} AND ${where}
      GROUP BY 1, 2`,
    params.values,
  );
  const order = (stage: string | null) =>
    stage === null ? -1 : (STAGES as readonly string[]).indexOf(stage);
  return rows.sort(
    (a, b) => order(a.fromStage) - order(b.fromStage) || order(a.toStage) - order(b.toStage),
  );
}

export async function naiveKpis(db: DataSource, actor: Actor, query: NaiveQuery) {
  const { params, where, lo, hi } = frame(actor, query);
  const rows: {
    newStartups: number;
    startupsAccelerated: number;
    jobsCreated: number;
    fundsRaisedEur: number;
    tradeShows: number;
  }[] = await db.query(
    `SELECT (SELECT count(*) FROM (
               SELECT min(st.entered_at) AS first FROM stage_stay st JOIN startup s ON s.id = st.startup_id
                WHERE ${where} GROUP BY st.startup_id) AS firsts
              WHERE first >= ${lo} AND first < ${hi})::int AS "newStartups",
            (SELECT count(DISTINCT st.startup_id) FROM stage_stay st JOIN startup s ON s.id = st.startup_id
              WHERE ${where} AND st.stage = 'ACCELERATION'
                AND st.entered_at >= ${lo} AND st.entered_at < ${hi})::int AS "startupsAccelerated",
            sums.jobs::float8 AS "jobsCreated", sums.funds::float8 AS "fundsRaisedEur",
            sums.shows::float8 AS "tradeShows"
       FROM (SELECT coalesce(sum(k.jobs_created), 0) AS jobs,
                    coalesce(sum(k.funds_raised_eur), 0) AS funds,
                    coalesce(sum(jsonb_array_length(k.trade_shows)), 0) AS shows
               FROM kpi_report k JOIN startup s ON s.id = k.startup_id
              WHERE ${where}
                AND make_timestamptz(extract(year FROM k.quarter_starts_on)::int,
                                     extract(month FROM k.quarter_starts_on)::int, 1, 0, 0, 0, 'UTC') >= ${lo}
                AND make_timestamptz(extract(year FROM k.quarter_starts_on)::int,
                                     extract(month FROM k.quarter_starts_on)::int, 1, 0, 0, 0, 'UTC')
                    + interval '3 months' <= ${hi}) AS sums`,
    params.values,
  );
  // An agreement covers its days [starts_on, ends_on] (UTC): from its first midnight to the
  // midnight after its last day.
  const hosted: { startupsHosted: number }[] = await db.query(
    `SELECT count(DISTINCT a.startup_id)::int AS "startupsHosted"
       FROM hosting_agreement a JOIN startup s ON s.id = a.startup_id
      WHERE ${where}
        AND make_timestamptz(extract(year FROM a.starts_on)::int, extract(month FROM a.starts_on)::int,
                             extract(day FROM a.starts_on)::int, 0, 0, 0, 'UTC') < ${hi}
        AND (a.ends_on IS NULL
             OR make_timestamptz(extract(year FROM a.ends_on)::int, extract(month FROM a.ends_on)::int,
                                 extract(day FROM a.ends_on)::int, 0, 0, 0, 'UTC') + interval '1 day' > ${lo})`,
    params.values,
  );
  return { ...rows[0], startupsHosted: hosted[0].startupsHosted };
}

export async function naiveCohort(
  db: DataSource,
  actor: Actor,
  cohortId: string,
  query: NaiveQuery,
) {
  const { params, where, lo, hi } = frame(actor, query);
  const cohort = params.add(cohortId);
  const rows: {
    startups: number;
    stillIn: number;
    movedOn: number;
    movedBack: number;
    exited: number;
    stages: { stage: string; count: number }[] | null;
  }[] = await db.query(
    `WITH members AS (
       SELECT DISTINCT ON (st.startup_id) st.startup_id, st.left_at, ${how} AS how
         FROM stage_stay st JOIN startup s ON s.id = st.startup_id
        WHERE ${where} AND st.cohort_id = ${cohort}::uuid AND st.entered_at < ${hi}
          AND (st.left_at IS NULL OR st.left_at >= ${lo})
        ORDER BY st.startup_id, st.entered_at DESC, st.id DESC
     ), now AS (
       SELECT st.stage, count(*)::int AS count
         FROM members m JOIN stage_stay st ON st.startup_id = m.startup_id
        WHERE st.entered_at < ${hi} AND (st.left_at IS NULL OR st.left_at >= ${hi})
        GROUP BY st.stage
     )
     SELECT count(*)::int AS startups,
            count(*) FILTER (WHERE left_at IS NULL OR left_at >= ${hi})::int AS "stillIn",
            count(*) FILTER (WHERE left_at < ${hi} AND how = 'ON')::int AS "movedOn",
            count(*) FILTER (WHERE left_at < ${hi} AND how = 'BACK')::int AS "movedBack",
            count(*) FILTER (WHERE left_at < ${hi} AND how = 'EXIT')::int AS exited,
            (SELECT json_agg(json_build_object('stage', stage, 'count', count)) FROM now) AS stages
       FROM members`,
    params.values,
  );
  const row = rows[0];
  return {
    startups: row.startups,
    outcomes: {
      stillIn: row.stillIn,
      movedOn: row.movedOn,
      movedBack: row.movedBack,
      exited: row.exited,
    },
    currentStages: STAGES.map((stage) => ({
      stage,
      count: row.stages?.find((s) => s.stage === stage)?.count ?? 0,
    })),
  };
}
