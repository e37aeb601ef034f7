import { rebuildAnalytics } from '@parcours/server-analytics';
import { argon2id, hash, verify } from 'argon2';
import type { DataSource, EntityManager } from 'typeorm';
import { DEMO_ACCOUNTS } from './demo-accounts';
import { DEMO_TERRITORIES } from './demo-catalogue';
import { seedEcosystemTargets } from './demo-ecosystem-targets';
import { seedHostingAndApplications } from './demo-hosting';
import { seedMentoringAndKpiReports } from './demo-mentoring';
import { bulkInsert, type ColumnSpec } from './bulk-insert';
import {
  DEFAULT_DEMO_SEED,
  SHOWCASE_STARTUP_ID,
  buildDemoDataset,
  type ChecklistItemRow,
  type DemoDataset,
  type EnrolmentRow,
  type GrantRow,
  type StageStayRow,
  type StartupRow,
  type TimelineEventRow,
  type TransitionRow,
  type TransitionStepRow,
  type UserRow,
} from './demo-dataset';

export interface SeedDemoDataOptions {
  /** Every demo account signs in with it (DEMO_PASSWORD). */
  password: string;
  /** Where the three years of history end; defaults to the current time. */
  now?: Date;
  /** Another seed gives another, equally consistent, demo. */
  seed?: number;
}

/** Same parameters as the identity module's hasher (OWASP minimum for argon2id). */
const ARGON2_OPTIONS = { type: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/** Serialises concurrent seeds (several API processes starting together). */
const SEED_LOCK_NAME = 'parcours:demo-seed';

const DEMO_ACCOUNT_IDS = Object.values(DEMO_ACCOUNTS).map((account) => account.id);

/**
 * Seeds the demo (SPEC §6) and returns a one-line summary. Idempotent: the demo's rows have
 * fixed ids, and the founder's startup, written in the same transaction as everything else,
 * marks a seeded database; a second call only checks the marker and the demo password.
 */
export async function seedDemoData(
  dataSource: DataSource,
  options: SeedDemoDataOptions,
): Promise<string> {
  const startedAt = performance.now();
  await seedEcosystemTargets(dataSource.manager);
  if (await isSeeded(dataSource.manager)) {
    // Databases seeded before hosting and applications existed get them now (idempotent).
    await dataSource.transaction((em) => seedHostingAndApplications(em));
    // Databases seeded before mentoring and KPI reports existed get them now (idempotent).
    await seedMentoringAndKpiReports(dataSource.manager, options.now ?? new Date());
    const passwordChanged = await alignDemoPassword(dataSource, options.password);
    const outcome = passwordChanged
      ? 'demo accounts re-hashed for the configured DEMO_PASSWORD'
      : 'nothing to do';
    return `already present (${await countStartups(dataSource.manager)} startups); ${outcome} (${elapsed(startedAt)})`;
  }

  // Hashed once for every account: argon2 is slow on purpose.
  const passwordHash = await hash(options.password, ARGON2_OPTIONS);
  const dataset = buildDemoDataset({
    now: options.now ?? new Date(),
    seed: options.seed ?? DEFAULT_DEMO_SEED,
    passwordHash,
  });
  const written = await dataSource.transaction(async (em) => {
    await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [SEED_LOCK_NAME]);
    if (await isSeeded(em)) {
      return false;
    }
    await writeDataset(em, dataset);
    await seedHostingAndApplications(em);
    await seedMentoringAndKpiReports(em, options.now ?? new Date());
    // The history was written directly: the analytics roll-ups are derived from it here.
    await rebuildAnalytics(em);
    return true;
  });
  if (!written) {
    return `seeded meanwhile by another process; nothing to do (${elapsed(startedAt)})`;
  }
  return `${describeDataset(dataset)} (seeded in ${elapsed(startedAt)})`;
}

async function isSeeded(em: EntityManager): Promise<boolean> {
  const rows: { seeded: boolean }[] = await em.query(
    'SELECT EXISTS (SELECT 1 FROM startup WHERE id = $1) AS seeded',
    [SHOWCASE_STARTUP_ID],
  );
  return rows[0]?.seeded === true;
}

async function countStartups(em: EntityManager): Promise<number> {
  const rows: { count: number }[] = await em.query('SELECT count(*)::int AS count FROM startup');
  return rows[0]?.count ?? 0;
}

/**
 * Restarting the demo with another DEMO_PASSWORD must let people sign in with it: the demo
 * accounts are re-hashed then, and left alone when the password still matches.
 */
async function alignDemoPassword(dataSource: DataSource, password: string): Promise<boolean> {
  const rows: { password_hash: string | null }[] = await dataSource.query(
    'SELECT password_hash FROM app_user WHERE id = $1',
    [DEMO_ACCOUNTS.admin.id],
  );
  const current = rows[0]?.password_hash ?? null;
  if (current !== null && (await verify(current, password).catch(() => false))) {
    return false;
  }
  const passwordHash = await hash(password, ARGON2_OPTIONS);
  await dataSource.query(
    `UPDATE app_user SET password_hash = $1, updated_at = now(), version = version + 1
      WHERE id = ANY($2::uuid[])`,
    [passwordHash, DEMO_ACCOUNT_IDS],
  );
  return true;
}

function elapsed(startedAt: number): string {
  return `${((performance.now() - startedAt) / 1000).toFixed(2)} s`;
}

const count = (value: number) => value.toLocaleString('en-US');

/** The one-line summary the API logs at start, after its own "demo data: ". */
export function describeDataset(dataset: DemoDataset): string {
  const completed = dataset.transitions.filter((row) => row.status === 'COMPLETED').length;
  const requested = dataset.transitions.length - completed;
  const byTerritory = DEMO_TERRITORIES.map(
    ({ code, name }) =>
      `${name} ${dataset.startups.filter((startup) => startup.territory_code === code).length}`,
  ).join(', ');
  return [
    `${count(dataset.startups.length)} startups (${byTerritory})`,
    `${count(completed)} completed moves and ${count(requested)} awaiting a decision`,
    `${count(dataset.stays.length)} stays`,
    `${count(dataset.structures.length)} structures`,
    `${count(dataset.programmes.length)} programmes`,
    `${count(dataset.cohorts.length)} cohorts`,
    `${count(dataset.users.length)} users`,
    `history ${dataset.windowStart.toISOString().slice(0, 10)} → ${dataset.now.toISOString().slice(0, 10)}`,
  ].join(', ');
}

// ---------------------------------------------------------------------------------------------
// Writing, parents before children

const USER_COLUMNS: ColumnSpec<UserRow>[] = [
  { name: 'id', type: 'uuid' },
  { name: 'email', type: 'text' },
  { name: 'display_name', type: 'text' },
  { name: 'password_hash', type: 'text' },
  { name: 'created_at', type: 'timestamptz' },
];

const GRANT_COLUMNS: ColumnSpec<GrantRow>[] = [
  { name: 'id', type: 'uuid' },
  { name: 'user_id', type: 'uuid' },
  { name: 'role', type: 'text' },
  { name: 'scope', type: 'text' },
  { name: 'territory_code', type: 'text' },
  { name: 'structure_id', type: 'uuid' },
  { name: 'startup_id', type: 'uuid' },
  { name: 'granted_by_id', type: 'uuid' },
  { name: 'created_at', type: 'timestamptz' },
];

const STARTUP_COLUMNS: ColumnSpec<StartupRow>[] = [
  { name: 'id', type: 'uuid' },
  { name: 'name', type: 'text' },
  { name: 'legal_name', type: 'text' },
  { name: 'siren', type: 'char(9)' },
  { name: 'domain', type: 'text' },
  { name: 'territory_code', type: 'text' },
  { name: 'founded_on', type: 'date' },
  { name: 'stage', type: 'text' },
  { name: 'stage_entered_at', type: 'timestamptz' },
  { name: 'status', type: 'text' },
  { name: 'exit_reason', type: 'text' },
  { name: 'tags', type: 'text[]' },
  { name: 'description', type: 'text' },
  { name: 'website', type: 'text' },
  { name: 'current_structure_id', type: 'uuid' },
  { name: 'current_programme_id', type: 'uuid' },
  { name: 'current_cohort_id', type: 'uuid' },
  { name: 'created_by_id', type: 'uuid' },
  { name: 'updated_by_id', type: 'uuid' },
  { name: 'version', type: 'integer' },
  { name: 'created_at', type: 'timestamptz' },
  { name: 'updated_at', type: 'timestamptz' },
];

const TRANSITION_COLUMNS: ColumnSpec<TransitionRow>[] = [
  { name: 'id', type: 'uuid' },
  { name: 'startup_id', type: 'uuid' },
  { name: 'from_stage', type: 'text' },
  { name: 'to_stage', type: 'text' },
  { name: 'programme_id', type: 'uuid' },
  { name: 'cohort_id', type: 'uuid' },
  { name: 'target_structure_id', type: 'uuid' },
  { name: 'reason', type: 'text' },
  { name: 'exit_reason', type: 'text' },
  { name: 'status', type: 'text' },
  { name: 'move_kind', type: 'text' },
  { name: 'requires_four_eyes', type: 'boolean' },
  { name: 'requested_by_id', type: 'uuid' },
  { name: 'requested_at', type: 'timestamptz' },
  { name: 'decided_by_id', type: 'uuid' },
  { name: 'decided_at', type: 'timestamptz' },
  { name: 'decision_note', type: 'text' },
  { name: 'effective_at', type: 'timestamptz' },
  { name: 'completed_at', type: 'timestamptz' },
  { name: 'version', type: 'integer' },
  { name: 'updated_at', type: 'timestamptz' },
];

const STEP_COLUMNS: ColumnSpec<TransitionStepRow>[] = [
  { name: 'transition_id', type: 'uuid' },
  { name: 'name', type: 'text' },
  { name: 'status', type: 'text' },
  { name: 'attempts', type: 'integer' },
  { name: 'started_at', type: 'timestamptz' },
  { name: 'completed_at', type: 'timestamptz' },
  { name: 'updated_at', type: 'timestamptz' },
];

const STAY_COLUMNS: ColumnSpec<StageStayRow>[] = [
  { name: 'id', type: 'uuid' },
  { name: 'startup_id', type: 'uuid' },
  { name: 'stage', type: 'text' },
  { name: 'structure_id', type: 'uuid' },
  { name: 'programme_id', type: 'uuid' },
  { name: 'cohort_id', type: 'uuid' },
  { name: 'entered_at', type: 'timestamptz' },
  { name: 'left_at', type: 'timestamptz' },
  { name: 'entered_by_transition_id', type: 'uuid' },
  { name: 'left_by_transition_id', type: 'uuid' },
  { name: 'left_to_stage', type: 'text' },
];

const ENROLMENT_COLUMNS: ColumnSpec<EnrolmentRow>[] = [
  { name: 'id', type: 'uuid' },
  { name: 'startup_id', type: 'uuid' },
  { name: 'programme_id', type: 'uuid' },
  { name: 'cohort_id', type: 'uuid' },
  { name: 'transition_id', type: 'uuid' },
  { name: 'enrolled_at', type: 'timestamptz' },
  { name: 'ended_at', type: 'timestamptz' },
];

const CHECKLIST_COLUMNS: ColumnSpec<ChecklistItemRow>[] = [
  { name: 'id', type: 'uuid' },
  { name: 'startup_id', type: 'uuid' },
  { name: 'stay_id', type: 'uuid' },
  { name: 'stage', type: 'text' },
  { name: 'key', type: 'text' },
  { name: 'title', type: 'text' },
  { name: 'required', type: 'boolean' },
  { name: 'status', type: 'text' },
  { name: 'note', type: 'text' },
  { name: 'waiver_reason', type: 'text' },
  { name: 'validated_by_id', type: 'uuid' },
  { name: 'opened_by_transition_id', type: 'uuid' },
  { name: 'created_at', type: 'timestamptz' },
  { name: 'updated_at', type: 'timestamptz' },
];

const TIMELINE_COLUMNS: ColumnSpec<TimelineEventRow>[] = [
  { name: 'startup_id', type: 'uuid' },
  { name: 'occurred_at', type: 'timestamptz' },
  { name: 'kind', type: 'text' },
  { name: 'actor_id', type: 'uuid' },
  { name: 'transition_id', type: 'uuid' },
  { name: 'payload', type: 'jsonb' },
];

interface ReferenceRows {
  places: {
    id: string;
    territory_code: string;
    name: string;
    address: string | null;
    kind: string;
    created_at: Date;
  }[];
  structures: {
    id: string;
    name: string;
    kind: string;
    territory_code: string | null;
    place_id: string | null;
    created_at: Date;
  }[];
  programmes: {
    id: string;
    structure_id: string;
    name: string;
    stage: string;
    mode: string;
    capacity: number | null;
    review_interval_days: number;
    time_in_stage_limit_days: number | null;
    allows_direct_entry: boolean;
    checklist_template: unknown;
    targets: unknown;
    created_at: Date;
  }[];
  cohorts: {
    id: string;
    programme_id: string;
    name: string;
    starts_on: string;
    ends_on: string;
    capacity: number;
    created_at: Date;
  }[];
}

function referenceRows(dataset: DemoDataset): ReferenceRows {
  const createdAt = new Date(dataset.windowStart.getTime() - 30 * 86_400_000);
  return {
    places: dataset.places.map((place) => ({
      id: place.id,
      territory_code: place.territory,
      name: place.name,
      address: place.address,
      kind: place.kind,
      created_at: createdAt,
    })),
    structures: dataset.structures.map((structure) => ({
      id: structure.id,
      name: structure.name,
      kind: structure.kind,
      territory_code: structure.territory,
      place_id: structure.placeId,
      created_at: createdAt,
    })),
    programmes: dataset.programmes.map((programme) => ({
      id: programme.id,
      structure_id: programme.structureId,
      name: programme.name,
      stage: programme.stage,
      mode: programme.mode,
      capacity: programme.capacity,
      review_interval_days: programme.reviewIntervalDays,
      time_in_stage_limit_days: programme.timeInStageLimitDays,
      allows_direct_entry: programme.allowsDirectEntry,
      checklist_template: programme.checklistTemplate,
      targets: programme.targets,
      created_at: createdAt,
    })),
    cohorts: dataset.cohorts.map((cohort) => ({
      id: cohort.id,
      programme_id: cohort.programmeId,
      name: cohort.name,
      starts_on: cohort.startsOn,
      ends_on: cohort.endsOn,
      capacity: cohort.capacity,
      // Announced a couple of months ahead, never after the demo's `now`.
      created_at: new Date(
        Math.min(cohort.startsAt.getTime() - 60 * 86_400_000, dataset.now.getTime()),
      ),
    })),
  };
}

async function writeDataset(em: EntityManager, dataset: DemoDataset): Promise<void> {
  // The migration inserts the territories; a database built otherwise gets them here.
  await em.query(
    `INSERT INTO territory (code, name)
     SELECT code, name FROM jsonb_to_recordset($1::jsonb) AS t(code text, name text)
     ON CONFLICT (code) DO NOTHING`,
    [JSON.stringify(DEMO_TERRITORIES)],
  );
  const reference = referenceRows(dataset);
  await bulkInsert(
    em,
    'place',
    [
      { name: 'id', type: 'uuid' },
      { name: 'territory_code', type: 'text' },
      { name: 'name', type: 'text' },
      { name: 'address', type: 'text' },
      { name: 'kind', type: 'text' },
      { name: 'created_at', type: 'timestamptz' },
    ],
    reference.places,
  );
  await bulkInsert(
    em,
    'structure',
    [
      { name: 'id', type: 'uuid' },
      { name: 'name', type: 'text' },
      { name: 'kind', type: 'text' },
      { name: 'territory_code', type: 'text' },
      { name: 'place_id', type: 'uuid' },
      { name: 'created_at', type: 'timestamptz' },
    ],
    reference.structures,
  );
  await bulkInsert(
    em,
    'programme',
    [
      { name: 'id', type: 'uuid' },
      { name: 'structure_id', type: 'uuid' },
      { name: 'name', type: 'text' },
      { name: 'stage', type: 'text' },
      { name: 'mode', type: 'text' },
      { name: 'capacity', type: 'integer' },
      { name: 'review_interval_days', type: 'integer' },
      { name: 'time_in_stage_limit_days', type: 'integer' },
      { name: 'allows_direct_entry', type: 'boolean' },
      { name: 'checklist_template', type: 'jsonb' },
      { name: 'targets', type: 'jsonb' },
      { name: 'created_at', type: 'timestamptz' },
    ],
    reference.programmes,
  );
  await bulkInsert(
    em,
    'cohort',
    [
      { name: 'id', type: 'uuid' },
      { name: 'programme_id', type: 'uuid' },
      { name: 'name', type: 'text' },
      { name: 'starts_on', type: 'date' },
      { name: 'ends_on', type: 'date' },
      { name: 'capacity', type: 'integer' },
      { name: 'created_at', type: 'timestamptz' },
    ],
    reference.cohorts,
  );
  await bulkInsert(em, 'app_user', USER_COLUMNS, dataset.users);
  await bulkInsert(em, 'startup', STARTUP_COLUMNS, dataset.startups);
  await bulkInsert(em, 'role_grant', GRANT_COLUMNS, dataset.grants);
  await bulkInsert(em, 'transition', TRANSITION_COLUMNS, dataset.transitions);
  await bulkInsert(em, 'transition_step', STEP_COLUMNS, dataset.steps);
  await bulkInsert(em, 'stage_stay', STAY_COLUMNS, dataset.stays);
  await bulkInsert(em, 'enrolment', ENROLMENT_COLUMNS, dataset.enrolments);
  await bulkInsert(em, 'checklist_item', CHECKLIST_COLUMNS, dataset.checklistItems);
  // Events of one instant are read back in id order: insert them in the order they happened.
  await bulkInsert(em, 'timeline_event', TIMELINE_COLUMNS, dataset.timelineEvents);
}
