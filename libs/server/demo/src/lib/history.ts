import {
  PIPELINE_STAGES,
  isPipelineStage,
  type ExitReason,
  type PipelineStage,
  type Stage,
  type TerritoryCode,
} from '@parcours/contracts';
import { checkStageMove, stageIndex, type MoveKind } from '@parcours/domain';
import {
  addDays,
  daysBetween,
  programmeFor,
  type DemoCohort,
  type DemoProgramme,
} from './demo-catalogue';
import type { SeededRandom } from './random';

/*
 * The pure part of the demo: a startup's history as a walk through the stage state machine.
 * A path of stages is drawn first (mostly forward, sometimes a step back, an exit, a re-entry),
 * then placed in time backwards from `now` — or around the accelerator cohort the startup
 * joined, since acceleration starts on a cohort's first day. Every move is checked by
 * `checkStageMove`: the generator cannot produce a history the API would refuse.
 */

export interface HistoryStay {
  stage: Stage;
  enteredAt: Date;
  /** Null for the startup's current stay (the last one). */
  leftAt: Date | null;
  /** The move that began the stay. */
  move: {
    fromStage: Stage | null;
    kind: MoveKind;
    requiresFourEyes: boolean;
    reason: string | null;
    exitReason: ExitReason | null;
  };
  /** The programme that ran the stay; null for ALUMNI and EXITED. */
  programme: DemoProgramme | null;
  cohort: DemoCohort | null;
}

export interface HistoryRequest {
  territory: TerritoryCode;
  final: Stage;
  /** A hand-written path instead of a drawn one; it must end with `final`. */
  path?: readonly Stage[];
  /** Days spent so far in the final stage, instead of a drawn figure. */
  finalAgeDays?: number;
}

/** Seats left in each accelerator cohort, shared by every startup of one seed run. */
export class CohortSeats {
  private readonly taken = new Map<string, number>();
  readonly current: DemoCohort | null;
  readonly upcoming: DemoCohort | null;

  /**
   * @param reservedInCurrent seats of the running cohort kept free for moves requested live
   */
  constructor(
    private readonly cohorts: readonly DemoCohort[],
    now: Date,
    private readonly reservedInCurrent = 3,
  ) {
    const started = cohorts.filter((cohort) => cohort.startsAt <= now);
    this.current = started.length > 0 ? started[started.length - 1] : null;
    this.upcoming = cohorts.find((cohort) => cohort.startsAt > now) ?? null;
  }

  seatsTaken(cohortId: string): number {
    return this.taken.get(cohortId) ?? 0;
  }

  /** A seat in the running cohort, or null when it is full (or none has started). */
  takeCurrent(): DemoCohort | null {
    const cohort = this.current;
    if (!cohort || this.seatsTaken(cohort.id) >= cohort.capacity - this.reservedInCurrent) {
      return null;
    }
    return this.take(cohort);
  }

  /** A seat in a finished cohort that ended by `latestEnd`, emptier cohorts first. */
  takePast(random: SeededRandom, latestEnd: Date): DemoCohort | null {
    const candidates = this.cohorts
      .filter((cohort) => cohort !== this.current && cohort.endsAt <= latestEnd)
      .map((cohort) => [cohort, cohort.capacity - this.seatsTaken(cohort.id)] as const)
      .filter(([, free]) => free > 0);
    if (candidates.length === 0) {
      return null;
    }
    return this.take(random.weighted(candidates));
  }

  private take(cohort: DemoCohort): DemoCohort {
    this.taken.set(cohort.id, this.seatsTaken(cohort.id) + 1);
    return cohort;
  }
}

export interface HistoryContext {
  random: SeededRandom;
  /** No stay begins before this instant: the demo holds about three years. */
  windowStart: Date;
  now: Date;
  seats: CohortSeats;
}

export interface StartupHistory {
  stays: HistoryStay[];
  /** The stage the startup ended in; differs from the request when no cohort had room. */
  final: Stage;
}

// ---------------------------------------------------------------------------------------------
// Paths

const next = (stage: PipelineStage): PipelineStage => PIPELINE_STAGES[stageIndex(stage) + 1];

/** The pipeline stages from `from` to `to`, both included. */
export function ascent(from: PipelineStage, to: PipelineStage): PipelineStage[] {
  return PIPELINE_STAGES.slice(stageIndex(from), stageIndex(to) + 1);
}

const ENTRY_WEIGHTS: readonly (readonly [PipelineStage, number])[] = [
  ['DETECTION', 0.55],
  ['INCUBATION', 0.3],
  ['NURSERY', 0.15],
];

/** Where a startup first enters, at or before `highest`. */
function drawEntry(random: SeededRandom, highest: PipelineStage): PipelineStage {
  return random.weighted(
    ENTRY_WEIGHTS.filter(([stage]) => stageIndex(stage) <= stageIndex(highest)),
  );
}

/** Sometimes a step back and forward again, inside incubation or nursery (a pivot). */
function withDetour(random: SeededRandom, stages: PipelineStage[], probability: number): Stage[] {
  const turning = stages
    .map((stage, index) => ({ stage, index }))
    .filter(({ stage }) => stage === 'INCUBATION' || stage === 'NURSERY');
  if (turning.length === 0 || !random.chance(probability)) {
    return stages;
  }
  const { stage, index } = random.pick(turning);
  const back = PIPELINE_STAGES[stageIndex(stage) - 1];
  return [...stages.slice(0, index + 1), back, ...stages.slice(index)];
}

/** The stages before the accelerator: usually the nursery, sometimes straight from incubation. */
function beforeAcceleration(random: SeededRandom): Stage[] {
  const entry = random.weighted<PipelineStage | null>([
    ['DETECTION', 0.35],
    ['INCUBATION', 0.35],
    ['NURSERY', 0.25],
    // The accelerator takes some startups straight in (direct entry).
    [null, 0.05],
  ]);
  if (entry === null) {
    return [];
  }
  if (entry === 'INCUBATION' && random.chance(0.3)) {
    return ['INCUBATION'];
  }
  return withDetour(random, ascent(entry, 'NURSERY'), 0.08);
}

/**
 * A path of stages ending in `final`, each step one the state machine allows. At most one
 * stay in ACCELERATION, since that stay is tied to a cohort.
 */
export function drawPath(random: SeededRandom, final: Stage, allowAcceleration = true): Stage[] {
  switch (final) {
    case 'DETECTION':
    case 'INCUBATION':
    case 'NURSERY':
      return drawPathToEarlyStage(random, final, allowAcceleration);
    case 'ACCELERATION':
      return [...beforeAcceleration(random), 'ACCELERATION'];
    case 'INTERNATIONALISATION':
      return [...beforeAcceleration(random), 'ACCELERATION', 'INTERNATIONALISATION'];
    case 'ALUMNI':
      return [
        ...beforeAcceleration(random),
        'ACCELERATION',
        ...(random.chance(0.3) ? (['INTERNATIONALISATION'] as const) : []),
        'ALUMNI',
      ];
    case 'EXITED': {
      const peak = random.weighted<PipelineStage>([
        ['DETECTION', 0.3],
        ['INCUBATION', 0.35],
        ['NURSERY', 0.25],
        ['ACCELERATION', allowAcceleration ? 0.1 : 0],
      ]);
      if (peak === 'ACCELERATION') {
        return [...beforeAcceleration(random), 'ACCELERATION', 'EXITED'];
      }
      return [...withDetour(random, ascent(drawEntry(random, peak), peak), 0.1), 'EXITED'];
    }
  }
}

function drawPathToEarlyStage(
  random: SeededRandom,
  final: 'DETECTION' | 'INCUBATION' | 'NURSERY',
  allowAcceleration: boolean,
): Stage[] {
  if (final === 'NURSERY' && allowAcceleration && random.chance(0.05)) {
    // Left the cohort early and went back to the nursery.
    return [...beforeAcceleration(random), 'ACCELERATION', 'NURSERY'];
  }
  if (random.chance(0.07)) {
    // A first attempt that stopped, then the team came back with a new project.
    const firstEntry = drawEntry(random, 'NURSERY');
    const peak = random.pick(ascent(firstEntry, 'NURSERY'));
    const reEntry: PipelineStage =
      final === 'DETECTION' ? 'DETECTION' : random.pick(['DETECTION', 'INCUBATION'] as const);
    return [...ascent(firstEntry, peak), 'EXITED', ...ascent(reEntry, final)];
  }
  if (final !== 'NURSERY' && random.chance(0.1)) {
    // Sent back to the stage before after trying the next one.
    return [...ascent(drawEntry(random, final), next(final)), final];
  }
  return withDetour(random, ascent(drawEntry(random, final), final), 0.12);
}

// ---------------------------------------------------------------------------------------------
// Reasons

const EXIT_REASON_TEXTS: Record<ExitReason, readonly string[]> = {
  ABANDONED: [
    "Abandon du projet par l'équipe fondatrice",
    'Les fondateurs ont repris une activité salariée',
    "Marché jugé trop étroit à l'issue de l'étude",
  ],
  CLOSED: [
    'Liquidation amiable de la société',
    "Cessation d'activité faute de financement",
    'Liquidation judiciaire prononcée',
  ],
  ACQUIRED: [
    'Rachat par un industriel normand',
    'Acquisition par un groupe logistique havrais',
    'Intégration dans une ETI du Normandy Tech 40',
  ],
  RELOCATED: [
    'Transfert du siège en Île-de-France',
    "Installation à Nantes auprès d'un client clé",
    "Transfert de l'activité à l'étranger",
  ],
  OTHER: ['Sortie à la demande des fondateurs', "Fin de l'accompagnement sans suite donnée"],
};

const BACK_REASONS: Partial<Record<Stage, readonly string[]>> = {
  DETECTION: [
    'Projet à re-maturer : équipe fondatrice incomplète',
    'Retour en détection : le marché visé doit être revu',
  ],
  INCUBATION: [
    'Pivot du modèle économique : retour en incubation',
    'Produit pas encore prêt pour la commercialisation',
  ],
  NURSERY: [
    'Sortie anticipée de la cohorte : priorité au premier client',
    'Accélération suspendue : levée de fonds reportée',
  ],
};

const FIRST_ENTRY_REASONS = [
  'Repéré lors d’un Digital-DAY Meeting',
  'Candidature spontanée',
  'Orienté par la CCI Normandie',
  'Orienté par Bpifrance Normandie',
  'Recommandé par un membre du Normandy Tech 40',
  'Repéré dans un Living-Lab',
] as const;

const RE_ENTRY_REASONS = [
  'Nouveau projet porté par la même équipe',
  'Reprise du projet après une levée de fonds',
] as const;

const GRADUATION_REASONS = [
  'Parcours achevé : Demo Day réussi',
  'Parcours achevé : levée de fonds bouclée',
  'Parcours achevé : autonomie commerciale atteinte',
] as const;

function drawReason(
  random: SeededRandom,
  from: Stage | null,
  to: Stage,
): { reason: string | null; exitReason: ExitReason | null } {
  if (to === 'EXITED') {
    const exitReason = random.weighted<ExitReason>([
      ['ABANDONED', 0.35],
      ['CLOSED', 0.3],
      ['ACQUIRED', 0.1],
      ['RELOCATED', 0.12],
      ['OTHER', 0.13],
    ]);
    return { reason: random.pick(EXIT_REASON_TEXTS[exitReason]), exitReason };
  }
  if (from === null) {
    return { reason: random.pick(FIRST_ENTRY_REASONS), exitReason: null };
  }
  if (to === 'ALUMNI') {
    return { reason: random.pick(GRADUATION_REASONS), exitReason: null };
  }
  if (!isPipelineStage(from)) {
    return { reason: random.pick(RE_ENTRY_REASONS), exitReason: null };
  }
  if (stageIndex(to) < stageIndex(from)) {
    return {
      reason: random.pick(BACK_REASONS[to] ?? ['Retour à l’étape précédente']),
      exitReason: null,
    };
  }
  return { reason: null, exitReason: null };
}

// ---------------------------------------------------------------------------------------------
// Time

/** Days a startup typically spends in a stage it later leaves: [min, typical, max]. */
const STAY_DAYS: Record<Stage, readonly [number, number, number]> = {
  DETECTION: [14, 60, 200],
  INCUBATION: [60, 280, 600],
  NURSERY: [90, 380, 900],
  ACCELERATION: [60, 175, 200],
  INTERNATIONALISATION: [90, 240, 480],
  ALUMNI: [45, 180, 420],
  EXITED: [45, 180, 420],
};

/** How long a stay in the stage usually lasts, in days. */
export function typicalStayDays(stage: Stage): number {
  return STAY_DAYS[stage][1];
}

/** Days spent so far in the current stage. Some exceed the programme's limit, as in life. */
const CURRENT_AGE_DAYS: Record<Stage, readonly [number, number, number]> = {
  DETECTION: [2, 40, 190],
  INCUBATION: [7, 200, 640],
  NURSERY: [10, 330, 1000],
  ACCELERATION: [5, 60, 175],
  INTERNATIONALISATION: [10, 150, 400],
  ALUMNI: [10, 200, 700],
  EXITED: [5, 240, 800],
};

/** A stay shorter than this would read as a data-entry mistake. */
const MIN_FIRST_STAY_DAYS = 14;
const HOUR_MS = 3_600_000;

/** The same day, at a working hour: decisions are taken in the office, not at midnight. */
function atOfficeHours(random: SeededRandom, date: Date): Date {
  const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  return new Date(day + Math.round(random.between(7, 16.5) * 60) * 60_000);
}

function drawDays(
  random: SeededRandom,
  [min, typical, max]: readonly [number, number, number],
): number {
  return random.skewed(min, typical, max);
}

interface Placement {
  start: number;
  enteredAt: Date[];
  cohort: DemoCohort | null;
}

/** Places every stay of the path in time, or null when the path needs a cohort seat none has. */
function place(
  context: HistoryContext,
  path: readonly Stage[],
  request: HistoryRequest,
): Placement | null {
  const { random, now, windowStart, seats } = context;
  const last = path.length - 1;
  const enteredAt: Date[] = new Array<Date>(path.length);
  const acceleration = path.indexOf('ACCELERATION');
  let anchor = last;
  let cohort: DemoCohort | null = null;

  if (acceleration >= 0) {
    const after = path.slice(acceleration + 1);
    const leavesEarly = after[0] === 'EXITED' || after[0] === 'NURSERY';
    if (after.length === 0) {
      cohort = seats.takeCurrent();
    } else {
      const daysNeededAfterEnd = leavesEarly ? 0 : 21 + (after.length - 1) * 45;
      cohort = seats.takePast(random, addDays(now, -daysNeededAfterEnd - 1));
    }
    if (!cohort) {
      return null;
    }
    anchor = acceleration;
    enteredAt[acceleration] = new Date(cohort.startsAt.getTime() + random.int(0, 120) * 60_000);
    if (after.length > 0) {
      placeAfterCohort(context, path, acceleration, cohort, leavesEarly, enteredAt);
    }
  } else {
    const windowDays = daysBetween(windowStart, now);
    const age = Math.min(
      request.finalAgeDays ?? drawDays(random, CURRENT_AGE_DAYS[path[last]]),
      // An outcome needs room for at least one stay before it.
      windowDays - (isPipelineStage(path[last]) ? MIN_FIRST_STAY_DAYS : 60),
    );
    enteredAt[last] = atOfficeHours(random, addDays(now, -age));
  }

  let start = 0;
  for (let index = anchor - 1; index >= 0; index -= 1) {
    const candidate = atOfficeHours(
      random,
      addDays(enteredAt[index + 1], -drawDays(random, STAY_DAYS[path[index]])),
    );
    if (candidate >= windowStart) {
      enteredAt[index] = candidate;
      continue;
    }
    // The walk reaches back past the demo's three years: it begins inside the window instead.
    const room = daysBetween(windowStart, enteredAt[index + 1]);
    if (room >= MIN_FIRST_STAY_DAYS + 7 && isPipelineStage(path[index])) {
      enteredAt[index] = atOfficeHours(
        random,
        addDays(windowStart, 1 + random.between(0, Math.min(room - MIN_FIRST_STAY_DAYS - 1, 45))),
      );
      start = index;
    } else {
      start = index + 1;
    }
    break;
  }
  // A startup enters the pipeline at a pipeline stage, never as ALUMNI or EXITED.
  while (start < last && !isPipelineStage(path[start])) {
    start += 1;
  }
  keepIncreasing(enteredAt, start, now);
  return { start, enteredAt, cohort };
}

/** Stays after the cohort: graduation at its end (a few weeks later), or an early departure. */
function placeAfterCohort(
  context: HistoryContext,
  path: readonly Stage[],
  acceleration: number,
  cohort: DemoCohort,
  leavesEarly: boolean,
  enteredAt: Date[],
): void {
  const { random, now } = context;
  const last = path.length - 1;
  const firstAfter = leavesEarly
    ? addDays(cohort.startsAt, random.between(45, 160))
    : addDays(cohort.endsAt, random.between(0, 21));
  const latest = addDays(now, -1);
  const leftAt = atOfficeHours(random, firstAfter > latest ? latest : firstAfter);
  enteredAt[acceleration + 1] = leftAt;
  const durations = path
    .slice(acceleration + 1, last)
    .map((stage) => drawDays(random, STAY_DAYS[stage]));
  const total = durations.reduce((sum, days) => sum + days, 0);
  const room = daysBetween(leftAt, now) - 2;
  // Later stays are squeezed when the cohort ended too recently for their usual length.
  const scale = total > room ? (room * random.between(0.4, 0.85)) / total : 1;
  let cursor = leftAt;
  durations.forEach((days, offset) => {
    cursor = atOfficeHours(random, addDays(cursor, days * scale));
    enteredAt[acceleration + 2 + offset] = cursor;
  });
}

/** Office-hour rounding may tie two stays on one day: keep them strictly ordered and past. */
function keepIncreasing(enteredAt: Date[], start: number, now: Date): void {
  const latest = now.getTime() - HOUR_MS;
  for (let index = enteredAt.length - 1; index >= start; index -= 1) {
    const ceiling =
      index === enteredAt.length - 1 ? latest : enteredAt[index + 1].getTime() - HOUR_MS;
    if (enteredAt[index].getTime() > ceiling) {
      enteredAt[index] = new Date(ceiling);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The walk

function toStays(
  random: SeededRandom,
  path: readonly Stage[],
  placement: Placement,
  territory: TerritoryCode,
): HistoryStay[] {
  const stays: HistoryStay[] = [];
  for (let index = placement.start; index < path.length; index += 1) {
    const stage = path[index];
    const fromStage = index === placement.start ? null : path[index - 1];
    const programme = isPipelineStage(stage) ? programmeFor(stage, territory) : null;
    const { reason, exitReason } = drawReason(random, fromStage, stage);
    const check = checkStageMove({
      from: fromStage,
      to: stage,
      reason,
      targetProgramme: programme,
    });
    if (!check.ok) {
      throw new Error(
        `Demo history generator produced a move the state machine refuses: ${check.message}`,
      );
    }
    stays.push({
      stage,
      enteredAt: placement.enteredAt[index],
      leftAt: index < path.length - 1 ? placement.enteredAt[index + 1] : null,
      move: {
        fromStage,
        kind: check.kind,
        requiresFourEyes: check.requiresFourEyes,
        reason,
        exitReason,
      },
      programme,
      cohort: stage === 'ACCELERATION' ? placement.cohort : null,
    });
  }
  return stays;
}

/**
 * One startup's history: its stays from first entry to `now`, the last one open. When the
 * requested ending needs an accelerator seat that no cohort has left, the startup stays in
 * (or leaves from) the nursery instead, and `final` says so.
 */
export function generateHistory(context: HistoryContext, request: HistoryRequest): StartupHistory {
  const { random } = context;
  const path = request.path ?? drawPath(random, request.final);
  if (path.length === 0 || path[path.length - 1] !== request.final) {
    throw new Error(`A history path must end with ${request.final}: ${path.join(' → ')}`);
  }
  const placement = place(context, path, request);
  if (placement) {
    return { stays: toStays(random, path, placement, request.territory), final: request.final };
  }
  const fallbackFinal: Stage = request.final === 'EXITED' ? 'EXITED' : 'NURSERY';
  const fallbackPath = drawPath(random, fallbackFinal, false);
  const fallback = place(context, fallbackPath, {
    ...request,
    final: fallbackFinal,
    path: fallbackPath,
  });
  if (!fallback) {
    throw new Error('A path without acceleration needs no cohort and always finds a place');
  }
  return {
    stays: toStays(random, fallbackPath, fallback, request.territory),
    final: fallbackFinal,
  };
}
