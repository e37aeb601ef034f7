import {
  isPipelineStage,
  type ChecklistStatus,
  type DomainCode,
  type ExitReason,
  type GrantScope,
  type Role,
  type Stage,
  type StartupStatus,
  type TerritoryCode,
  type TransitionStatus,
  type WorkflowStepName,
} from '@parcours/contracts';
import { stageIndex, workflowEffects, type MoveKind } from '@parcours/domain';
import {
  DEMO_ACCOUNTS,
  DETECTION_MANAGERS,
  EXTRA_FOUNDERS,
  EXTRA_MENTORS,
  type DemoAccountKey,
  type DemoUser,
} from './demo-accounts';
import {
  ACCELERATOR,
  ACCELERATOR_PROGRAMME,
  CITY_STRUCTURES,
  DEMO_PLACES,
  DEMO_PROGRAMMES,
  DEMO_STRUCTURES,
  INTERNATIONALISATION,
  acceleratorCohorts,
  addDays,
  daysBetween,
  isoDay,
  type DemoCohort,
  type DemoPlace,
  type DemoProgramme,
  type DemoStructure,
} from './demo-catalogue';
import { demoId } from './demo-id';
import {
  CohortSeats,
  generateHistory,
  type HistoryContext,
  type HistoryRequest,
  type HistoryStay,
  typicalStayDays,
} from './history';
import { SeededRandom } from './random';
import {
  DOMAIN_WEIGHTS,
  SirenDrawer,
  StartupNamer,
  TERRITORY_WEIGHTS,
  describeStartup,
} from './startup-identity';

/** The 11th of March 2015, when Normandy French Tech presented its bid: the default seed. */
export const DEFAULT_DEMO_SEED = 20_150_311;
export const DEMO_STARTUP_COUNT = 300;
export const DEMO_HISTORY_YEARS = 3;

/** The founder account's startup: always this one, whatever the seed. */
export const SHOWCASE_STARTUP_NAME = 'Seinergie';
export const SHOWCASE_STARTUP_ID = demoId('startup', 0);

// ---------------------------------------------------------------------------------------------
// Rows, named and typed as the columns they fill

export interface UserRow {
  id: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  created_at: Date;
}

export interface GrantRow {
  id: string;
  user_id: string;
  role: Role;
  scope: GrantScope;
  territory_code: TerritoryCode | null;
  structure_id: string | null;
  startup_id: string | null;
  granted_by_id: string | null;
  created_at: Date;
}

export interface StartupRow {
  id: string;
  name: string;
  legal_name: string | null;
  siren: string | null;
  domain: DomainCode;
  territory_code: TerritoryCode;
  founded_on: string | null;
  stage: Stage;
  stage_entered_at: Date;
  status: StartupStatus;
  exit_reason: ExitReason | null;
  tags: string[];
  description: string | null;
  website: string | null;
  current_structure_id: string | null;
  current_programme_id: string | null;
  current_cohort_id: string | null;
  created_by_id: string | null;
  updated_by_id: string | null;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export interface TransitionRow {
  id: string;
  startup_id: string;
  from_stage: Stage | null;
  to_stage: Stage;
  programme_id: string | null;
  cohort_id: string | null;
  target_structure_id: string | null;
  reason: string | null;
  exit_reason: ExitReason | null;
  status: TransitionStatus;
  move_kind: MoveKind;
  requires_four_eyes: boolean;
  requested_by_id: string | null;
  requested_at: Date;
  decided_by_id: string | null;
  decided_at: Date | null;
  decision_note: string | null;
  effective_at: Date | null;
  completed_at: Date | null;
  version: number;
  updated_at: Date;
}

export interface TransitionStepRow {
  transition_id: string;
  name: WorkflowStepName;
  status: 'DONE';
  attempts: number;
  started_at: Date;
  completed_at: Date;
  updated_at: Date;
}

export interface StageStayRow {
  id: string;
  startup_id: string;
  stage: Stage;
  structure_id: string | null;
  programme_id: string | null;
  cohort_id: string | null;
  entered_at: Date;
  left_at: Date | null;
  entered_by_transition_id: string;
  left_by_transition_id: string | null;
  left_to_stage: Stage | null;
}

export interface EnrolmentRow {
  id: string;
  startup_id: string;
  programme_id: string;
  cohort_id: string | null;
  transition_id: string;
  enrolled_at: Date;
  ended_at: Date | null;
}

export interface ChecklistItemRow {
  id: string;
  startup_id: string;
  stay_id: string;
  stage: Stage;
  key: string;
  title: string;
  required: boolean;
  status: ChecklistStatus;
  note: string | null;
  waiver_reason: string | null;
  validated_by_id: string | null;
  opened_by_transition_id: string;
  created_at: Date;
  updated_at: Date;
}

export interface TimelineEventRow {
  startup_id: string;
  occurred_at: Date;
  kind: 'TRANSITION_REQUESTED' | 'TRANSITION_DECIDED' | 'STAGE_LEFT' | 'STAGE_ENTERED';
  actor_id: string | null;
  transition_id: string;
  payload: Record<string, unknown>;
}

export interface DemoDataset {
  now: Date;
  windowStart: Date;
  places: readonly DemoPlace[];
  structures: readonly DemoStructure[];
  programmes: readonly DemoProgramme[];
  cohorts: readonly DemoCohort[];
  users: UserRow[];
  grants: GrantRow[];
  startups: StartupRow[];
  transitions: TransitionRow[];
  steps: TransitionStepRow[];
  stays: StageStayRow[];
  enrolments: EnrolmentRow[];
  checklistItems: ChecklistItemRow[];
  timelineEvents: TimelineEventRow[];
}

export interface DemoDatasetOptions {
  now: Date;
  seed: number;
  /** The argon2 hash of the demo password, written on every account that signs in. */
  passwordHash: string;
}

// ---------------------------------------------------------------------------------------------
// Who follows whom

/** The people who decide moves into a structure (SPEC §2: managers of the target structure). */
function managerOf(structureId: string): DemoUser {
  for (const [territory, city] of Object.entries(CITY_STRUCTURES) as [
    TerritoryCode,
    (typeof CITY_STRUCTURES)[TerritoryCode],
  ][]) {
    if (structureId === city.detection.id) return DETECTION_MANAGERS[territory];
    if (structureId === city.incubator.id || structureId === city.nursery.id) {
      return DEMO_ACCOUNTS[CITY_MANAGER_KEY[territory]];
    }
  }
  if (structureId === ACCELERATOR.id || structureId === INTERNATIONALISATION.id) {
    return DEMO_ACCOUNTS['manager.ffwd'];
  }
  return DEMO_ACCOUNTS.admin;
}

const CITY_MANAGER_KEY: Record<TerritoryCode, DemoAccountKey> = {
  ROUEN: 'manager.rouen',
  CAEN: 'manager.caen',
  LE_HAVRE: 'manager.lehavre',
};

// ---------------------------------------------------------------------------------------------
// Which startups: a few written by hand so that every demo account has something to show,
// the rest drawn

type StartupRole =
  | 'showcase'
  | 'requested-acceleration'
  | 'rouen-back-to-detection'
  | 'current-cohort'
  | 'rouen-international'
  | 'drawn';

interface StartupPlan {
  index: number;
  role: StartupRole;
  territory: TerritoryCode;
  domain?: DomainCode;
  name?: string;
  /** A hand-written pitch and tags instead of drawn ones. */
  pitch?: { description: string; tags: string[] };
  request: Omit<HistoryRequest, 'territory'>;
}

const CURRENT_COHORT_TERRITORIES: readonly TerritoryCode[] = [
  'ROUEN',
  'ROUEN',
  'ROUEN',
  'ROUEN',
  'CAEN',
  'CAEN',
  'CAEN',
  'LE_HAVRE',
  'LE_HAVRE',
];

/** Shares of the drawn startups by the stage they are in at `now`. */
const FINAL_STAGE_SHARES: readonly (readonly [Stage, number])[] = [
  ['DETECTION', 0.14],
  ['INCUBATION', 0.23],
  ['NURSERY', 0.27],
  ['INTERNATIONALISATION', 0.025],
  ['ALUMNI', 0.06],
  ['EXITED', 0.275],
];

/** Exact counts for the shares (largest remainder), so every seed has the same mix. */
export function apportion<T>(total: number, shares: readonly (readonly [T, number])[]): T[] {
  const sum = shares.reduce((acc, [, share]) => acc + share, 0);
  const exact = shares.map(([value, share]) => ({ value, exact: (total * share) / sum }));
  const counts = exact.map((entry) => ({ ...entry, count: Math.floor(entry.exact) }));
  let missing = total - counts.reduce((acc, entry) => acc + entry.count, 0);
  for (const entry of [...counts].sort((a, b) => (b.exact % 1) - (a.exact % 1))) {
    if (missing === 0) break;
    entry.count += 1;
    missing -= 1;
  }
  return counts.flatMap((entry) => Array.from({ length: entry.count }, () => entry.value));
}

function planStartups(random: SeededRandom, total: number): StartupPlan[] {
  const plans: StartupPlan[] = [];
  const add = (plan: Omit<StartupPlan, 'index'>) => plans.push({ ...plan, index: plans.length });

  add({
    role: 'showcase',
    territory: 'ROUEN',
    domain: 'SMART_CITIES',
    name: SHOWCASE_STARTUP_NAME,
    pitch: {
      description:
        'Seinergie développe une solution de pilotage énergétique des bâtiments publics pour les collectivités normandes. Équipe basée à Rouen, hébergée à Seine Innopolis.',
      tags: ['bâtiment intelligent', 'IoT', 'énergie'],
    },
    request: { final: 'NURSERY', path: ['DETECTION', 'INCUBATION', 'NURSERY'], finalAgeDays: 240 },
  });
  for (let i = 0; i < 3; i += 1) {
    add({
      role: 'requested-acceleration',
      territory: 'ROUEN',
      request: {
        final: 'NURSERY',
        path: i === 0 ? ['DETECTION', 'INCUBATION', 'NURSERY'] : ['INCUBATION', 'NURSERY'],
        finalAgeDays: 300 + i * 90,
      },
    });
  }
  for (let i = 0; i < 2; i += 1) {
    add({
      role: 'rouen-back-to-detection',
      territory: 'ROUEN',
      request: {
        final: 'DETECTION',
        path: ['DETECTION', 'INCUBATION', 'DETECTION'],
        finalAgeDays: 25 + i * 40,
      },
    });
  }
  // Placed before the drawn startups, so that finished cohorts still have seats for them.
  add({
    role: 'rouen-international',
    territory: 'ROUEN',
    request: {
      final: 'INTERNATIONALISATION',
      path: ['DETECTION', 'INCUBATION', 'NURSERY', 'ACCELERATION', 'INTERNATIONALISATION'],
    },
  });
  add({
    role: 'rouen-international',
    territory: 'ROUEN',
    request: { final: 'INTERNATIONALISATION' },
  });
  CURRENT_COHORT_TERRITORIES.forEach((territory, i) =>
    add({
      role: 'current-cohort',
      territory,
      request:
        i === 0
          ? { final: 'ACCELERATION', path: ['INCUBATION', 'NURSERY', 'ACCELERATION'] }
          : { final: 'ACCELERATION' },
    }),
  );

  // Exact counts per territory and final stage, so that no seed overfills a city's programmes.
  const territories = apportion(total - plans.length, TERRITORY_WEIGHTS);
  const draws = TERRITORY_WEIGHTS.flatMap(([territory]) =>
    apportion(
      territories.filter((candidate) => candidate === territory).length,
      FINAL_STAGE_SHARES,
    ).map((final) => ({ territory, final })),
  );
  for (const { territory, final } of random.shuffle(draws)) {
    add({ role: 'drawn', territory, request: { final } });
  }
  return plans;
}

// ---------------------------------------------------------------------------------------------
// Checklists

const WAIVER_REASONS = [
  "Déjà fourni lors de l'étape précédente",
  'Dispense accordée par le comité de suivi',
  'Non applicable au modèle économique de la startup',
  'Remplacé par un entretien avec le chargé d’accompagnement',
] as const;

const SUBMITTED_NOTES = [
  'Déposé par le porteur de projet, en attente de validation',
  'Version mise à jour transmise',
] as const;

type ChecklistMood = 'drawn' | 'all-done' | 'showcase';

function checklistStatuses(
  random: SeededRandom,
  stay: HistoryStay,
  now: Date,
  mood: ChecklistMood,
  size: number,
): ChecklistStatus[] {
  if (stay.leftAt) {
    return Array.from({ length: size }, () => (random.chance(0.07) ? 'WAIVED' : 'DONE'));
  }
  if (mood === 'all-done') {
    return Array.from({ length: size }, () => 'DONE');
  }
  if (mood === 'showcase') {
    // What the founder sees next: one to submit, one awaiting validation.
    return Array.from({ length: size }, (_, i) =>
      i < 2 ? 'DONE' : i === 2 ? 'SUBMITTED' : 'OPEN',
    );
  }
  const progress = Math.min(1, daysBetween(stay.enteredAt, now) / typicalStayDays(stay.stage));
  return Array.from({ length: size }, () => {
    const draw = random.float();
    if (draw < progress * 0.85) return random.chance(0.05) ? 'WAIVED' : 'DONE';
    if (draw < progress * 0.85 + 0.25) return 'SUBMITTED';
    return 'OPEN';
  });
}

// ---------------------------------------------------------------------------------------------
// The dataset

const SECOND_MS = 1_000;
const MINUTE_MS = 60_000;

const at = (date: Date, offsetMs: number) => new Date(date.getTime() + offsetMs);

function decisionNote(random: SeededRandom, stage: Stage): string | null {
  if (stage === 'ACCELERATION') {
    return random.pick([
      "Avis favorable du comité d'accélération",
      'Dossier retenu par le jury FFWD',
      'Admission validée après audition',
    ]);
  }
  if (stage === 'INTERNATIONALISATION') {
    return random.pick(['Avis favorable du comité international', 'Plan export jugé solide']);
  }
  return null;
}

interface BuiltStartup {
  plan: StartupPlan;
  row: StartupRow;
  stays: HistoryStay[];
}

/** The rows that follow from the startups' histories. */
interface HistoryRows {
  transitions: TransitionRow[];
  steps: TransitionStepRow[];
  stays: StageStayRow[];
  enrolments: EnrolmentRow[];
  checklistItems: ChecklistItemRow[];
  timelineEvents: TimelineEventRow[];
}

interface Deciders {
  /** The structure whose managers decide the move (SPEC §2). */
  targetStructureId: string | null;
  requester: DemoUser;
  decider: DemoUser;
}

/**
 * A move into a programme is decided by its structure's manager, leaving the pipeline by the
 * current structure's. Four-eyes moves are requested by someone else: the manager of the
 * structure the startup leaves, or the admin.
 */
function decidersOf(stay: HistoryStay, currentStructureId: string | null): Deciders {
  const targetStructureId = stay.programme?.structureId ?? currentStructureId;
  const decider = targetStructureId ? managerOf(targetStructureId) : DEMO_ACCOUNTS.admin;
  if (!stay.move.requiresFourEyes) {
    return { targetStructureId, requester: decider, decider };
  }
  const previous = currentStructureId ? managerOf(currentStructureId) : null;
  const requester =
    previous && previous.id !== decider.id
      ? previous
      : decider.id === DEMO_ACCOUNTS.admin.id
        ? DEMO_ACCOUNTS['manager.ffwd']
        : DEMO_ACCOUNTS.admin;
  return { targetStructureId, requester, decider };
}

interface StayContext {
  plan: StartupPlan;
  startupId: string;
  stays: readonly HistoryStay[];
  stayIndex: number;
  currentStructureId: string | null;
  now: Date;
}

/** Writes one stay and the completed move that began it; returns who requested and decided it. */
function recordStay(rows: HistoryRows, random: SeededRandom, context: StayContext) {
  const { plan, startupId, stays, stayIndex, now } = context;
  const stay = stays[stayIndex];
  const next = stays[stayIndex + 1];
  const transitionId = demoId('transition', plan.index, stayIndex);
  const stayId = demoId('stay', plan.index, stayIndex);
  const effectiveAt = stay.enteredAt;
  const people = decidersOf(stay, context.currentStructureId);
  // Four-eyes moves wait for a committee; the others are approved as they are requested.
  const requestedAt = stay.move.requiresFourEyes
    ? at(effectiveAt, -drawDuration(random, 2, 12))
    : at(effectiveAt, -random.int(1, 20) * MINUTE_MS);
  const completedAt = at(effectiveAt, random.int(3, 45) * SECOND_MS);
  const note = decisionNote(random, stay.stage);

  rows.transitions.push({
    id: transitionId,
    startup_id: startupId,
    from_stage: stay.move.fromStage,
    to_stage: stay.stage,
    programme_id: stay.programme?.id ?? null,
    cohort_id: stay.cohort?.id ?? null,
    target_structure_id: people.targetStructureId,
    reason: stay.move.reason,
    exit_reason: stay.move.exitReason,
    status: 'COMPLETED',
    move_kind: stay.move.kind,
    requires_four_eyes: stay.move.requiresFourEyes,
    requested_by_id: people.requester.id,
    requested_at: requestedAt,
    decided_by_id: people.decider.id,
    decided_at: effectiveAt,
    decision_note: note,
    effective_at: effectiveAt,
    completed_at: completedAt,
    // Inserted, decided, executed, completed: as many versions as a live move.
    version: 4,
    updated_at: completedAt,
  });

  workflowEffects({
    kind: stay.move.kind,
    to: stay.stage,
    enrolsInProgramme: stay.programme !== null,
  }).forEach((name, stepIndex) => {
    const startedAt = at(effectiveAt, (stepIndex * 2 + 1) * SECOND_MS);
    const done = at(startedAt, SECOND_MS);
    rows.steps.push({
      transition_id: transitionId,
      name,
      status: 'DONE',
      attempts: 1,
      started_at: startedAt,
      completed_at: done,
      updated_at: done,
    });
  });

  rows.stays.push({
    id: stayId,
    startup_id: startupId,
    stage: stay.stage,
    structure_id: stay.programme?.structureId ?? null,
    programme_id: stay.programme?.id ?? null,
    cohort_id: stay.cohort?.id ?? null,
    entered_at: stay.enteredAt,
    left_at: stay.leftAt,
    entered_by_transition_id: transitionId,
    left_by_transition_id: next ? demoId('transition', plan.index, stayIndex + 1) : null,
    left_to_stage: next ? next.stage : null,
  });

  if (stay.programme) {
    rows.enrolments.push({
      id: demoId('enrolment', plan.index, stayIndex),
      startup_id: startupId,
      programme_id: stay.programme.id,
      cohort_id: stay.cohort?.id ?? null,
      transition_id: transitionId,
      enrolled_at: stay.enteredAt,
      ended_at: stay.leftAt,
    });
    recordChecklist(rows, random, { ...context, stay, stayId, transitionId, now });
  }

  const event = (
    kind: TimelineEventRow['kind'],
    occurredAt: Date,
    actor: DemoUser,
    payload: Record<string, unknown>,
  ): TimelineEventRow => ({
    startup_id: startupId,
    occurred_at: occurredAt,
    kind,
    actor_id: actor.id,
    transition_id: transitionId,
    payload,
  });
  const { fromStage, reason } = stay.move;
  rows.timelineEvents.push(
    event('TRANSITION_REQUESTED', requestedAt, people.requester, {
      fromStage,
      toStage: stay.stage,
      reason,
    }),
    event('TRANSITION_DECIDED', effectiveAt, people.decider, { decision: 'APPROVE', note }),
    ...(fromStage
      ? [
          event('STAGE_LEFT', effectiveAt, people.decider, {
            stage: fromStage,
            toStage: stay.stage,
          }),
        ]
      : []),
    event('STAGE_ENTERED', effectiveAt, people.decider, { stage: stay.stage, fromStage }),
  );
  return { ...people, requestedAt };
}

function recordChecklist(
  rows: HistoryRows,
  random: SeededRandom,
  context: StayContext & { stay: HistoryStay; stayId: string; transitionId: string },
): void {
  const { plan, stay, stayId, transitionId, stayIndex, now } = context;
  const template = stay.programme?.checklistTemplate ?? [];
  const mood: ChecklistMood =
    plan.role === 'showcase'
      ? 'showcase'
      : plan.role === 'requested-acceleration'
        ? 'all-done'
        : 'drawn';
  const statuses = checklistStatuses(random, stay, now, mood, template.length);
  const until = stay.leftAt ?? now;
  const validator = managerOf(stay.programme?.structureId ?? '');
  template.forEach((entry, itemIndex) => {
    const status = statuses[itemIndex];
    const touchedAt =
      status === 'OPEN'
        ? stay.enteredAt
        : at(stay.enteredAt, random.float() * 0.9 * (until.getTime() - stay.enteredAt.getTime()));
    rows.checklistItems.push({
      id: demoId('checklist-item', plan.index, stayIndex, entry.key),
      startup_id: context.startupId,
      stay_id: stayId,
      stage: stay.stage,
      key: entry.key,
      title: entry.title,
      required: entry.required,
      status,
      note: status === 'SUBMITTED' ? random.pick(SUBMITTED_NOTES) : null,
      waiver_reason: status === 'WAIVED' ? random.pick(WAIVER_REASONS) : null,
      validated_by_id: status === 'DONE' || status === 'WAIVED' ? validator.id : null,
      opened_by_transition_id: transitionId,
      created_at: stay.enteredAt,
      updated_at: touchedAt,
    });
  });
}

interface IdentityDrawers {
  random: SeededRandom;
  namer: StartupNamer;
  sirens: SirenDrawer;
}

/** The dossier itself: its profile, and a copy of where its history leaves it. */
function startupRow(
  plan: StartupPlan,
  stays: readonly HistoryStay[],
  facts: {
    domain: DomainCode;
    onHold: boolean;
    currentStructureId: string | null;
    createdById: string | null;
    createdAt: Date;
    updatedById: string | null;
    now: Date;
  },
  { random, namer, sirens }: IdentityDrawers,
): StartupRow {
  const last = stays[stays.length - 1];
  // A startup hosted in a nursery has a company (the nursery asks for its Kbis).
  const furthest = Math.max(
    ...stays.map((stay) => (isPipelineStage(stay.stage) ? stageIndex(stay.stage) : 0)),
  );
  const incorporated =
    furthest >= stageIndex('NURSERY') ||
    random.chance(furthest === stageIndex('INCUBATION') ? 0.6 : 0.15);
  const name = plan.name ?? namer.next();
  const identity = {
    ...describeStartup(random, name, facts.domain, plan.territory, incorporated),
    ...plan.pitch,
  };
  let foundedOn: Date | null = null;
  if (incorporated) {
    foundedOn = addDays(stays[0].enteredAt, random.between(-700, 120));
    const nurseryEntry = stays.find((stay) => stay.stage === 'NURSERY')?.enteredAt;
    const latest = addDays(nurseryEntry ?? facts.now, -15);
    if (foundedOn > latest) foundedOn = latest;
  }
  const inPipeline = isPipelineStage(last.stage);
  return {
    id: demoId('startup', plan.index),
    name: identity.name,
    legal_name: identity.legalName,
    siren: incorporated && random.chance(0.92) ? sirens.next() : null,
    domain: facts.domain,
    territory_code: plan.territory,
    founded_on: foundedOn ? isoDay(foundedOn) : null,
    stage: last.stage,
    stage_entered_at: last.enteredAt,
    status: facts.onHold ? 'ON_HOLD' : 'ACTIVE',
    exit_reason: last.stage === 'EXITED' ? last.move.exitReason : null,
    tags: identity.tags,
    description: identity.description,
    website: identity.website,
    // Outcomes keep the structure that followed the startup last, as a live move does.
    current_structure_id: facts.currentStructureId,
    current_programme_id: inPipeline ? (last.programme?.id ?? null) : null,
    current_cohort_id: inPipeline ? (last.cohort?.id ?? null) : null,
    created_by_id: facts.createdById,
    updated_by_id: facts.updatedById,
    // Created, then changed once per move.
    version: 1 + stays.length,
    created_at: facts.createdAt,
    updated_at: last.enteredAt,
  };
}

/**
 * Everything the seed writes, computed in memory from the seed and `now` alone: the same
 * options always give the same rows, ids included.
 */
export function buildDemoDataset(options: DemoDatasetOptions): DemoDataset {
  const { now, seed, passwordHash } = options;
  const windowStart = new Date(now);
  windowStart.setUTCFullYear(windowStart.getUTCFullYear() - DEMO_HISTORY_YEARS);
  const referenceCreatedAt = addDays(windowStart, -30);

  // One stream per concern, so that drawing one more name does not reshuffle every history.
  const planRandom = new SeededRandom(seed);
  const historyRandom = new SeededRandom(seed + 1);
  const identityRandom = new SeededRandom(seed + 2);
  const detailRandom = new SeededRandom(seed + 3);

  const cohorts = acceleratorCohorts(windowStart, now);
  const seats = new CohortSeats(cohorts, now);
  const context: HistoryContext = { random: historyRandom, windowStart, now, seats };
  const identity: IdentityDrawers = {
    random: identityRandom,
    namer: new StartupNamer(identityRandom),
    sirens: new SirenDrawer(identityRandom),
  };
  identity.namer.reserve(SHOWCASE_STARTUP_NAME);

  const plans = planStartups(planRandom, DEMO_STARTUP_COUNT);
  const onHoldCandidates = plans.filter(
    (plan) =>
      plan.role === 'drawn' && ['DETECTION', 'INCUBATION', 'NURSERY'].includes(plan.request.final),
  );
  const onHold = new Set(
    planRandom
      .sample(onHoldCandidates, Math.round(onHoldCandidates.length * 0.06))
      .map((plan) => plan.index),
  );

  const rows: HistoryRows = {
    transitions: [],
    steps: [],
    stays: [],
    enrolments: [],
    checklistItems: [],
    timelineEvents: [],
  };
  const built: BuiltStartup[] = [];
  for (const plan of plans) {
    const { stays } = generateHistory(context, { ...plan.request, territory: plan.territory });
    const startupId = demoId('startup', plan.index);
    const domain = plan.domain ?? planRandom.weighted(DOMAIN_WEIGHTS[plan.territory]);
    let currentStructureId: string | null = null;
    const moves = stays.map((stay, stayIndex) => {
      const move = recordStay(rows, detailRandom, {
        plan,
        startupId,
        stays,
        stayIndex,
        currentStructureId,
        now,
      });
      currentStructureId = stay.programme?.structureId ?? currentStructureId;
      return move;
    });
    const row = startupRow(
      plan,
      stays,
      {
        domain,
        onHold: onHold.has(plan.index),
        currentStructureId,
        createdById: moves[0].requester.id,
        createdAt: moves[0].requestedAt,
        updatedById: moves[moves.length - 1].decider.id,
        now,
      },
      identity,
    );
    built.push({ plan, stays, row });
  }

  addRequestedAccelerations(built, seats, now, detailRandom, rows);

  const dataset: DemoDataset = {
    now,
    windowStart,
    places: Object.values(DEMO_PLACES),
    structures: DEMO_STRUCTURES,
    programmes: DEMO_PROGRAMMES,
    cohorts,
    users: demoUsers(passwordHash, referenceCreatedAt),
    grants: demoGrants(built, referenceCreatedAt, planRandom),
    startups: built.map((startup) => startup.row),
    ...rows,
  };
  assertCapacitiesHold(dataset);
  return dataset;
}

/** A duration of `min` to `max` days, in whole minutes, as milliseconds. */
function drawDuration(random: SeededRandom, minDays: number, maxDays: number): number {
  return Math.round(random.between(minDays, maxDays) * 24 * 60) * MINUTE_MS;
}

const ACCELERATION_REQUEST_REASONS = [
  'Candidature à la prochaine promotion FFWD : premiers clients signés',
  'Traction commerciale confirmée, besoin d’accompagnement pour la levée de fonds',
  'Prête pour l’accélération : équipe complète et produit en production',
] as const;

/** Moves into the accelerator awaiting the FFWD manager's decision, so the inbox is not empty. */
function addRequestedAccelerations(
  built: BuiltStartup[],
  seats: CohortSeats,
  now: Date,
  random: SeededRandom,
  rows: Pick<HistoryRows, 'transitions' | 'timelineEvents'>,
): void {
  const cohort = seats.upcoming ?? seats.current;
  const requester = DEMO_ACCOUNTS['manager.rouen'];
  built
    .filter((startup) => startup.plan.role === 'requested-acceleration')
    .forEach((startup, i) => {
      const transitionId = demoId('transition', startup.plan.index, 'requested');
      const requestedAt = at(now, -drawDuration(random, 1 + i * 2, 2 + i * 3));
      const reason = ACCELERATION_REQUEST_REASONS[i % ACCELERATION_REQUEST_REASONS.length];
      rows.transitions.push({
        id: transitionId,
        startup_id: startup.row.id,
        from_stage: 'NURSERY',
        to_stage: 'ACCELERATION',
        programme_id: ACCELERATOR_PROGRAMME.id,
        cohort_id: cohort?.id ?? null,
        target_structure_id: ACCELERATOR.id,
        reason,
        exit_reason: null,
        status: 'REQUESTED',
        move_kind: 'FORWARD',
        requires_four_eyes: true,
        requested_by_id: requester.id,
        requested_at: requestedAt,
        decided_by_id: null,
        decided_at: null,
        decision_note: null,
        effective_at: null,
        completed_at: null,
        version: 1,
        updated_at: requestedAt,
      });
      rows.timelineEvents.push({
        startup_id: startup.row.id,
        occurred_at: requestedAt,
        kind: 'TRANSITION_REQUESTED',
        actor_id: requester.id,
        transition_id: transitionId,
        payload: { fromStage: 'NURSERY', toStage: 'ACCELERATION', reason },
      });
    });
}

function userRow(user: DemoUser, passwordHash: string, createdAt: Date): UserRow {
  return {
    id: user.id,
    email: user.email,
    display_name: user.displayName,
    password_hash: user.signsIn ? passwordHash : null,
    created_at: createdAt,
  };
}

function demoUsers(passwordHash: string, createdAt: Date): UserRow[] {
  return [
    ...Object.values(DEMO_ACCOUNTS),
    ...Object.values(DETECTION_MANAGERS),
    ...EXTRA_MENTORS,
    ...EXTRA_FOUNDERS,
  ].map((user) => userRow(user, passwordHash, createdAt));
}

function grant(
  user: DemoUser,
  role: Role,
  target: { structureId?: string; startupId?: string } | 'GLOBAL',
  createdAt: Date,
): GrantRow {
  const scope: GrantScope =
    target === 'GLOBAL' ? 'GLOBAL' : target.structureId ? 'STRUCTURE' : 'STARTUP';
  const structureId = target === 'GLOBAL' ? null : (target.structureId ?? null);
  const startupId = target === 'GLOBAL' ? null : (target.startupId ?? null);
  return {
    id: demoId('grant', user.id, role, scope, structureId ?? startupId ?? ''),
    user_id: user.id,
    role,
    scope,
    territory_code: null,
    structure_id: structureId,
    startup_id: startupId,
    granted_by_id: user.id === DEMO_ACCOUNTS.admin.id ? null : DEMO_ACCOUNTS.admin.id,
    created_at: createdAt,
  };
}

function demoGrants(built: BuiltStartup[], createdAt: Date, random: SeededRandom): GrantRow[] {
  const accounts = DEMO_ACCOUNTS;
  const grants: GrantRow[] = [
    grant(accounts.admin, 'admin', 'GLOBAL', createdAt),
    grant(accounts.funder, 'funder', 'GLOBAL', createdAt),
  ];
  for (const [territory, key] of Object.entries(CITY_MANAGER_KEY) as [
    TerritoryCode,
    DemoAccountKey,
  ][]) {
    const city = CITY_STRUCTURES[territory];
    grants.push(
      grant(accounts[key], 'manager', { structureId: city.incubator.id }, createdAt),
      grant(accounts[key], 'manager', { structureId: city.nursery.id }, createdAt),
      grant(
        DETECTION_MANAGERS[territory],
        'manager',
        { structureId: city.detection.id },
        createdAt,
      ),
    );
  }
  grants.push(
    grant(accounts['manager.ffwd'], 'manager', { structureId: ACCELERATOR.id }, createdAt),
    grant(accounts['manager.ffwd'], 'manager', { structureId: INTERNATIONALISATION.id }, createdAt),
  );

  const since = (startup: BuiltStartup, stage: Stage) =>
    startup.stays.find((stay) => stay.stage === stage)?.enteredAt ?? createdAt;
  const inCohort = built.filter((startup) => startup.row.stage === 'ACCELERATION');
  // The demo mentor follows startups of the three cities; the other mentors share the rest.
  const mentored = pickAcrossTerritories(inCohort, 4);
  for (const startup of mentored) {
    grants.push(
      grant(
        accounts.mentor,
        'mentor',
        { startupId: startup.row.id },
        since(startup, 'ACCELERATION'),
      ),
    );
  }
  const othersToMentor = [
    ...inCohort.filter((startup) => !mentored.includes(startup)),
    ...built.filter((startup) => startup.row.stage === 'INTERNATIONALISATION'),
  ];
  othersToMentor.forEach((startup, i) => {
    const mentor = EXTRA_MENTORS[i % EXTRA_MENTORS.length];
    grants.push(
      grant(mentor, 'mentor', { startupId: startup.row.id }, since(startup, 'ACCELERATION')),
    );
  });

  const showcase = built.find((startup) => startup.plan.role === 'showcase');
  if (!showcase) {
    throw new Error('The showcase startup is missing from the plan');
  }
  grants.push(
    grant(accounts.founder, 'founder', { startupId: showcase.row.id }, showcase.row.created_at),
  );
  const [coFounder, ...otherFounders] = EXTRA_FOUNDERS;
  grants.push(grant(coFounder, 'founder', { startupId: showcase.row.id }, showcase.row.created_at));
  const founded = random.sample(
    built.filter(
      (startup) =>
        startup.plan.role !== 'showcase' &&
        startup.row.stage !== 'EXITED' &&
        startup.row.siren !== null,
    ),
    otherFounders.length,
  );
  otherFounders.forEach((founder, i) => {
    grants.push(
      grant(founder, 'founder', { startupId: founded[i].row.id }, founded[i].row.created_at),
    );
  });
  return grants;
}

/** `count` startups, taking from each territory in turn so that every city is represented. */
function pickAcrossTerritories(startups: BuiltStartup[], count: number): BuiltStartup[] {
  const byTerritory = new Map<TerritoryCode, BuiltStartup[]>();
  for (const startup of startups) {
    const list = byTerritory.get(startup.row.territory_code) ?? [];
    list.push(startup);
    byTerritory.set(startup.row.territory_code, list);
  }
  const picked: BuiltStartup[] = [];
  const order: TerritoryCode[] = ['ROUEN', 'CAEN', 'LE_HAVRE'];
  for (let round = 0; picked.length < count && round < startups.length; round += 1) {
    for (const territory of order) {
      const candidate = byTerritory.get(territory)?.[round];
      if (candidate && picked.length < count) picked.push(candidate);
    }
  }
  return picked;
}

/** The seed must leave no programme or cohort with more open enrolments than places. */
function assertCapacitiesHold(dataset: DemoDataset): void {
  const open = dataset.enrolments.filter((enrolment) => enrolment.ended_at === null);
  for (const programme of dataset.programmes) {
    const count = open.filter((enrolment) => enrolment.programme_id === programme.id).length;
    if (programme.capacity !== null && count > programme.capacity) {
      throw new Error(`Demo data overfills ${programme.name}: ${count} of ${programme.capacity}`);
    }
  }
  for (const cohort of dataset.cohorts) {
    const count = open.filter((enrolment) => enrolment.cohort_id === cohort.id).length;
    if (count > cohort.capacity) {
      throw new Error(`Demo data overfills ${cohort.name}: ${count} of ${cohort.capacity}`);
    }
  }
}
