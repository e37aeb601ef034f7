import type { Stage } from '@parcours/contracts';
import type { SqlRunner } from '../lib/rollups/rollups';
import type { ReferenceData } from './history-model';
import type { ModelStartup } from './naive-analytics';

/*
 * Writing a model history straight into the raw tables, the way an import or a seed does
 * (completed transitions and their stays), and clearing it between property runs.
 */

/** Structures in two territories, a programme per stage (two incubators), two cohorts. */
export async function writeReferenceData(sql: SqlRunner): Promise<ReferenceData> {
  const structure = async (name: string, kind: string, territory: string) =>
    (
      (await sql.query(
        `INSERT INTO structure (name, kind, territory_code) VALUES ($1, $2, $3) RETURNING id`,
        [name, kind, territory],
      )) as { id: string }[]
    )[0].id;
  const detection = await structure('Détection Rouen', 'DETECTION_PROGRAMME', 'ROUEN');
  const incubatorRouen = await structure('Incubateur Rouen', 'INCUBATOR', 'ROUEN');
  const incubatorCaen = await structure('Incubateur Caen', 'INCUBATOR', 'CAEN');
  const nursery = await structure('Pépinière Rouen', 'NURSERY', 'ROUEN');
  const accelerator = await structure('Accélérateur', 'ACCELERATOR', 'CAEN');
  const international = await structure('International', 'INTERNATIONALISATION_PROGRAMME', 'CAEN');
  const programmes: ReferenceData['programmes'] = [];
  const programme = async (
    structureId: string,
    stage: ReferenceData['programmes'][number]['stage'],
    targets: Record<string, number> = {},
  ) => {
    const rows: { id: string }[] = await sql.query(
      `INSERT INTO programme (structure_id, name, stage, mode, review_interval_days, targets)
       VALUES ($1, $2, $3, 'ROLLING', 30, $4) RETURNING id`,
      [structureId, `${stage} ${programmes.length}`, stage, JSON.stringify(targets)],
    );
    programmes.push({ id: rows[0].id, structureId, stage, targets, cohortIds: [] });
    return programmes[programmes.length - 1];
  };
  await programme(detection, 'DETECTION');
  await programme(incubatorRouen, 'INCUBATION', { newStartups3y: 10 });
  await programme(incubatorCaen, 'INCUBATION');
  await programme(nursery, 'NURSERY', { startupsHosted3y: 100 });
  const acceleration = await programme(accelerator, 'ACCELERATION', {
    startupsAccelerated3y: 25,
    newStartups3y: 150,
    techChampions3y: 3,
    startupsAccelerated10y: 150,
  });
  await programme(international, 'INTERNATIONALISATION');
  for (const name of ['Promotion 1', 'Promotion 2']) {
    const rows: { id: string }[] = await sql.query(
      `INSERT INTO cohort (programme_id, name, starts_on) VALUES ($1, $2, '2024-01-01') RETURNING id`,
      [acceleration.id, name],
    );
    acceleration.cohortIds.push(rows[0].id);
  }
  return {
    programmes,
    cohorts: acceleration.cohortIds.map((id) => ({ id, programmeId: acceleration.id })),
    structureIds: [detection, incubatorRouen, incubatorCaen, nursery, accelerator, international],
  };
}

/** Removes every startup and its history, then the roll-ups (and the marks the deletes left). */
export async function clearHistory(sql: SqlRunner): Promise<void> {
  for (const table of [
    'kpi_report',
    'hosting_agreement',
    'stage_stay',
    'transition',
    'startup',
    'analytics_stay',
    'analytics_stage_bucket',
    'analytics_flow_bucket',
    'analytics_duration_bucket',
    'analytics_pair_bucket',
    'analytics_dirty_startup',
  ]) {
    await sql.query(`DELETE FROM ${table}`);
  }
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The history as completed transitions and their stays, in three statements. */
export async function writeHistory(
  sql: SqlRunner,
  startups: readonly ModelStartup[],
): Promise<void> {
  const last = (startup: ModelStartup) => startup.stays[startup.stays.length - 1];
  await sql.query(
    `INSERT INTO startup (id, name, domain, territory_code, stage, stage_entered_at, current_structure_id)
     SELECT id, name, domain, territory, stage, stage_entered_at, current_structure_id
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, name text, domain text, territory text,
            stage text, stage_entered_at timestamptz, current_structure_id uuid)`,
    [
      JSON.stringify(
        startups.map((startup, index) => ({
          id: startup.id,
          name: `Startup ${index}`,
          domain: startup.domain,
          territory: startup.territory,
          stage: last(startup).stage,
          stage_entered_at: iso(last(startup).enteredAt),
          current_structure_id: startup.currentStructureId,
        })),
      ),
    ],
  );
  const stays = startups.flatMap((startup) =>
    startup.stays.map((stay, index) => ({
      ...stay,
      startupId: startup.id,
      leftBy: startup.stays[index + 1]?.transitionId ?? null,
    })),
  );
  const moveKind = (from: Stage | null, to: Stage) =>
    from === null
      ? 'FIRST_ENTRY'
      : to === 'EXITED'
        ? 'EXIT'
        : to === 'ALUMNI'
          ? 'GRADUATE'
          : 'FORWARD';
  await sql.query(
    `INSERT INTO transition (id, startup_id, from_stage, to_stage, programme_id, cohort_id, status,
                             move_kind, effective_at, completed_at, target_structure_id)
     SELECT id, startup_id, from_stage, to_stage, programme_id, cohort_id, 'COMPLETED', move_kind,
            effective_at, effective_at, structure_id
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, startup_id uuid, from_stage text,
            to_stage text, programme_id uuid, cohort_id uuid, move_kind text,
            effective_at timestamptz, structure_id uuid)`,
    [
      JSON.stringify(
        stays.map((stay) => ({
          id: stay.transitionId,
          startup_id: stay.startupId,
          from_stage: stay.fromStage,
          to_stage: stay.stage,
          programme_id: stay.programmeId,
          cohort_id: stay.cohortId,
          move_kind: moveKind(stay.fromStage, stay.stage),
          effective_at: iso(stay.enteredAt),
          structure_id: stay.structureId,
        })),
      ),
    ],
  );
  const referrals = startups.flatMap((startup) =>
    startup.referral
      ? [{ ...startup.referral, startupId: startup.id, stage: last(startup).stage }]
      : [],
  );
  if (referrals.length > 0) {
    // Moves that did not complete: no stay, only who they refer the startup to.
    await sql.query(
      `INSERT INTO transition (id, startup_id, from_stage, to_stage, status, move_kind,
                               target_structure_id)
       SELECT id, startup_id, stage, stage, status, 'FORWARD', structure_id
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, startup_id uuid, stage text, status text,
              structure_id uuid)`,
      [
        JSON.stringify(
          referrals.map((referral) => ({
            id: referral.transitionId,
            startup_id: referral.startupId,
            stage: referral.stage,
            status: referral.status,
            structure_id: referral.structureId,
          })),
        ),
      ],
    );
  }
  await sql.query(
    `INSERT INTO stage_stay (id, startup_id, stage, structure_id, programme_id, cohort_id, entered_at,
                             left_at, entered_by_transition_id, left_by_transition_id, left_to_stage)
     SELECT id, startup_id, stage, structure_id, programme_id, cohort_id, entered_at, left_at,
            entered_by, left_by, left_to_stage
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, startup_id uuid, stage text,
            structure_id uuid, programme_id uuid, cohort_id uuid, entered_at timestamptz,
            left_at timestamptz, entered_by uuid, left_by uuid, left_to_stage text)`,
    [
      JSON.stringify(
        stays.map((stay) => ({
          id: stay.id,
          startup_id: stay.startupId,
          stage: stay.stage,
          structure_id: stay.structureId,
          programme_id: stay.programmeId,
          cohort_id: stay.cohortId,
          entered_at: iso(stay.enteredAt),
          left_at: iso(stay.leftAt),
          entered_by: stay.transitionId,
          left_by: stay.leftBy,
          left_to_stage: stay.leftToStage,
        })),
      ),
    ],
  );
  // Trade shows: as many attendances as the model counts, the figures the sums read.
  await sql.query(
    `INSERT INTO kpi_report (startup_id, quarter, quarter_starts_on, headcount, jobs_created,
                             revenue_eur, funds_raised_eur, customers, trade_shows)
     SELECT startup_id, quarter, to_date(left(quarter, 4) || '-' || ((right(quarter, 1)::int - 1) * 3 + 1) || '-01', 'YYYY-MM-DD'),
            0, jobs_created, 0, funds_raised_eur, 0,
            (SELECT coalesce(jsonb_agg(jsonb_build_object('event', 'CES', 'country', 'US', 'date', '2025-01-07')), '[]')
               FROM generate_series(1, trade_shows))
       FROM jsonb_to_recordset($1::jsonb) AS r(startup_id uuid, quarter text, jobs_created int,
            funds_raised_eur bigint, trade_shows int)`,
    [
      JSON.stringify(
        startups.flatMap((startup) =>
          (startup.kpiReports ?? []).map((report) => ({
            startup_id: startup.id,
            quarter: report.quarter,
            jobs_created: report.jobsCreated,
            funds_raised_eur: report.fundsRaisedEur,
            trade_shows: report.tradeShows,
          })),
        ),
      ),
    ],
  );
  // Hosting agreements, all in one unit large enough: the figure counts startups, not seats.
  const agreements = startups.flatMap((startup) =>
    (startup.hostingAgreements ?? []).map((agreement) => ({
      startup_id: startup.id,
      starts_on: iso(agreement.startsOn)?.slice(0, 10),
      ends_on: iso(agreement.endsOn)?.slice(0, 10) ?? null,
    })),
  );
  if (agreements.length > 0) {
    await sql.query(
      `INSERT INTO place (territory_code, name, kind) VALUES ('ROUEN', 'Model place', 'FLAGSHIP_BUILDING')
       ON CONFLICT DO NOTHING`,
    );
    await sql.query(
      `INSERT INTO hosting_unit (place_id, name, kind, capacity)
       SELECT id, 'Model unit', 'OFFICE', 1000 FROM place WHERE name = 'Model place'
       ON CONFLICT DO NOTHING`,
    );
    await sql.query(
      `INSERT INTO hosting_agreement (startup_id, unit_id, starts_on, ends_on, seats)
       SELECT r.startup_id, u.id, r.starts_on, r.ends_on, 1
         FROM jsonb_to_recordset($1::jsonb) AS r(startup_id uuid, starts_on date, ends_on date)
         CROSS JOIN hosting_unit u WHERE u.name = 'Model unit'`,
      [JSON.stringify(agreements)],
    );
  }
}

/** Every roll-up row, in a stable order, without all-zero counters: what a rebuild would write. */
export async function rollupSnapshot(sql: SqlRunner): Promise<Record<string, unknown[]>> {
  const tables: Record<string, string> = {
    analytics_stay: `SELECT * FROM analytics_stay ORDER BY stay_id`,
    analytics_stage_bucket: `SELECT * FROM analytics_stage_bucket
       WHERE entered <> 0 OR entered_new <> 0 OR first_stays <> 0 OR left_on <> 0 OR left_back <> 0
          OR left_exit <> 0 OR left_other <> 0 OR left_on_new <> 0 OR left_back_new <> 0 OR left_exit_new <> 0
          OR pairs_entered <> 0 OR pairs_on <> 0 OR pairs_back <> 0 OR pairs_exit <> 0
       ORDER BY followed_by, 1, 2, 3, 4, 5`,
    analytics_flow_bucket: `SELECT * FROM analytics_flow_bucket WHERE transitions <> 0 ORDER BY followed_by, 1, 2, 3, 4, 5, 6`,
    analytics_duration_bucket: `SELECT * FROM analytics_duration_bucket WHERE stays <> 0 ORDER BY followed_by, 1, 2, 3, 4, 5, 6`,
    analytics_pair_bucket: `SELECT * FROM analytics_pair_bucket WHERE pairs <> 0 ORDER BY followed_by, 1, 2, 3, 4, 5, 6`,
  };
  const snapshot: Record<string, unknown[]> = {};
  for (const [table, query] of Object.entries(tables)) snapshot[table] = await sql.query(query);
  return snapshot;
}
