import { randomUUID } from 'node:crypto';
import {
  DOMAINS,
  PIPELINE_STAGES,
  TERRITORIES,
  type DomainCode,
  type PipelineStage,
  type Stage,
  type TerritoryCode,
} from '@parcours/contracts';
import fc from 'fast-check';
import type {
  ModelCohort,
  ModelProgramme,
  ModelQuery,
  ModelScope,
  ModelStartup,
  ModelStay,
} from './naive-analytics';

/*
 * Random pipeline histories for the property tests: forward moves, skips, back-moves, exits,
 * graduations and re-entries, with gaps from nothing (several moves at one instant) to a year,
 * some on exact day boundaries; and random periods whose edges often fall exactly on an event.
 */

const DAY_MS = 86_400_000;
/** Histories start in 2024-2026: periods cross month and year boundaries. */
const ORIGIN = Date.UTC(2023, 11, 20);
/** Hosting agreements start on whole UTC days from here. */
const HOSTING_EPOCH = Date.UTC(2024, 0, 1);

export interface ReferenceData {
  programmes: (ModelProgramme & { stage: PipelineStage; cohortIds: string[] })[];
  cohorts: ModelCohort[];
  structureIds: string[];
}

type MoveKind = 'forward' | 'skip' | 'back' | 'exit' | 'graduate';

interface MoveDraft {
  kind: MoveKind;
  gapMs: number;
  pick: number;
}

interface StartupDraft {
  territory: TerritoryCode;
  domain: DomainCode;
  startMs: number;
  alignStart: boolean;
  firstStage: PipelineStage;
  firstPick: number;
  moves: MoveDraft[];
  /** Hosting agreements: first day after 2024-01-01, and how many more days (null: open). */
  hosting: { startDay: number; days: number | null }[];
  /** Followed now by a structure it never stayed at (a structure pick), sometimes. */
  currentElsewhere: number | null;
  /** A move request into a structure (a pick) that did not complete, sometimes. */
  referral: { pick: number; status: ReferralStatus } | null;
  kpiReports: {
    quarterIndex: number;
    jobsCreated: number;
    fundsRaisedEur: number;
    tradeShows: number;
  }[];
}

// Short gaps are frequent, so that one startup often enters the same stage twice in a period.
const gap = fc.oneof(
  { weight: 1, arbitrary: fc.constant(0) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 3_600_000 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 60 }).map((days) => days * DAY_MS) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 45 * DAY_MS }) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 300 * DAY_MS }) },
);

const move: fc.Arbitrary<MoveDraft> = fc.record({
  kind: fc.constantFrom<MoveKind>(
    'forward',
    'forward',
    'forward',
    'back',
    'back',
    'back',
    'skip',
    'exit',
    'graduate',
  ),
  gapMs: gap,
  pick: fc.nat(),
});

/** Statuses of a move that did not (yet) complete: some refer the startup to its target. */
const REFERRAL_STATUSES = [
  'REQUESTED',
  'APPROVED',
  'REJECTED',
  'CANCELLED',
  'PENDING_CONSENT',
  'CONSENT_DECLINED',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/** Null (no such filter, no such event) three times out of four. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });

const startupDraft: fc.Arbitrary<StartupDraft> = fc.record({
  territory: fc.constantFrom(...TERRITORIES),
  domain: fc.constantFrom(...DOMAINS),
  startMs: fc.integer({ min: ORIGIN, max: ORIGIN + 800 * DAY_MS }),
  alignStart: fc.boolean(),
  firstStage: fc.constantFrom<PipelineStage>('DETECTION', 'DETECTION', 'INCUBATION', 'NURSERY'),
  firstPick: fc.nat(),
  moves: fc.array(move, { maxLength: 14 }),
  hosting: fc.array(
    fc.record({
      startDay: fc.integer({ min: 0, max: 1460 }),
      days: fc.option(fc.integer({ min: 0, max: 500 })),
    }),
    { maxLength: 2 },
  ),
  currentElsewhere: sometimes(fc.nat()),
  referral: sometimes(fc.record({ pick: fc.nat(), status: fc.constantFrom(...REFERRAL_STATUSES) })),
  // Quarters 2024-Q1 to 2027-Q4: periods cut through some, contain others.
  kpiReports: fc.array(
    fc.record({
      quarterIndex: fc.integer({ min: 0, max: 15 }),
      jobsCreated: fc.integer({ min: 0, max: 40 }),
      fundsRaisedEur: fc.integer({ min: 0, max: 5_000_000 }),
      tradeShows: fc.integer({ min: 0, max: 3 }),
    }),
    { maxLength: 4 },
  ),
});

const at = (stage: Stage) => (PIPELINE_STAGES as readonly Stage[]).indexOf(stage);

/** The state machine of SPEC §2, with an invalid draw replaced by a forward move. */
function nextStage(current: Stage, draft: MoveDraft): Stage {
  if (current === 'ALUMNI' || current === 'EXITED') {
    return draft.pick % 2 === 0 ? 'DETECTION' : 'INCUBATION';
  }
  const index = at(current);
  const forward = index === 4 ? 'ALUMNI' : PIPELINE_STAGES[index + 1];
  switch (draft.kind) {
    case 'exit':
      return 'EXITED';
    case 'back':
      return index > 0 ? PIPELINE_STAGES[index - 1] : forward;
    case 'skip':
      return index <= 2 ? PIPELINE_STAGES[index + 2] : forward;
    case 'graduate':
      return index >= 3 ? 'ALUMNI' : forward;
    default:
      return forward;
  }
}

function followedBy(reference: ReferenceData, stage: Stage, pick: number) {
  const candidates = reference.programmes.filter((p) => p.stage === stage);
  if (candidates.length === 0) return { structureId: null, programmeId: null, cohortId: null };
  const programme = candidates[pick % candidates.length];
  const cohorts = [null, ...programme.cohortIds];
  return {
    structureId: programme.structureId,
    programmeId: programme.id,
    cohortId: cohorts[Math.floor(pick / candidates.length) % cohorts.length],
  };
}

function buildStartup(draft: StartupDraft, reference: ReferenceData): ModelStartup {
  let time = draft.alignStart ? Math.floor(draft.startMs / DAY_MS) * DAY_MS : draft.startMs;
  const stays: ModelStay[] = [];
  const open = (stage: Stage, fromStage: Stage | null, pick: number) =>
    stays.push({
      id: randomUUID(),
      transitionId: randomUUID(),
      stage,
      fromStage,
      enteredAt: time,
      leftAt: null,
      leftToStage: null,
      ...followedBy(reference, stage, pick),
    });
  open(draft.firstStage, null, draft.firstPick);
  for (const draftMove of draft.moves) {
    const current = stays[stays.length - 1];
    const to = nextStage(current.stage, draftMove);
    time += draftMove.gapMs;
    current.leftAt = time;
    current.leftToStage = to;
    open(to, current.stage, draftMove.pick);
  }
  const followed = [...stays].reverse().find((stay) => stay.structureId !== null);
  const structure = (pick: number) => reference.structureIds[pick % reference.structureIds.length];
  return {
    id: randomUUID(),
    territory: draft.territory,
    domain: draft.domain,
    currentStructureId:
      draft.currentElsewhere === null
        ? (followed?.structureId ?? null)
        : structure(draft.currentElsewhere),
    referral:
      draft.referral === null
        ? null
        : {
            transitionId: randomUUID(),
            structureId: structure(draft.referral.pick),
            status: draft.referral.status,
          },
    stays,
    hostingAgreements: draft.hosting.map(({ startDay, days }) => ({
      startsOn: HOSTING_EPOCH + startDay * DAY_MS,
      endsOn: days === null ? null : HOSTING_EPOCH + (startDay + days) * DAY_MS,
    })),
    kpiReports: [...new Map(draft.kpiReports.map((r) => [r.quarterIndex, r])).values()].map(
      (r) => ({
        quarter: `${2024 + Math.floor(r.quarterIndex / 4)}-Q${(r.quarterIndex % 4) + 1}`,
        jobsCreated: r.jobsCreated,
        fundsRaisedEur: r.fundsRaisedEur,
        tradeShows: r.tradeShows,
      }),
    ),
  };
}

export const histories = (reference: ReferenceData, maxStartups = 14) =>
  fc
    .array(startupDraft, { minLength: 1, maxLength: maxStartups })
    .map((drafts) => drafts.map((draft) => buildStartup(draft, reference)));

interface InstantDraft {
  mode: 'event' | 'justAfterEvent' | 'justBeforeEvent' | 'day' | 'any';
  pick: number;
  anyMs: number;
}

const instantDraft: fc.Arbitrary<InstantDraft> = fc.record({
  mode: fc.constantFrom<InstantDraft['mode']>(
    'event',
    'justAfterEvent',
    'justBeforeEvent',
    'day',
    'any',
  ),
  pick: fc.nat(),
  anyMs: fc.integer({ min: ORIGIN - 30 * DAY_MS, max: ORIGIN + 1500 * DAY_MS }),
});

function instant(draft: InstantDraft, events: readonly number[]): number {
  const event = events[draft.pick % events.length];
  switch (draft.mode) {
    case 'event':
      return event;
    case 'justAfterEvent':
      return event + 1;
    case 'justBeforeEvent':
      return event - 1;
    case 'day':
      return Math.floor(draft.anyMs / DAY_MS) * DAY_MS;
    default:
      return draft.anyMs;
  }
}

export interface QueryDraft {
  from: InstantDraft | null;
  to: InstantDraft | null;
  /**
   * When set (and `from` is), the period ends this long after `from` instead of at `to`: a
   * window of an hour to three months, so that periods inside one month, across one month
   * boundary, and far from the latest event are drawn often.
   */
  windowMs: number | null;
  territory: TerritoryCode | null;
  domain: DomainCode | null;
  structurePick: number | null;
  programmePick: number | null;
  cohortPick: number | null;
  scope: { kind: 'all' | 'admin' | 'territories' | 'structures'; picks: number[] };
}

export const queryDrafts: fc.Arbitrary<QueryDraft> = fc.record({
  from: fc.oneof(
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 4, arbitrary: instantDraft },
  ),
  to: fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 4, arbitrary: instantDraft }),
  windowMs: fc.oneof(
    { weight: 3, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.integer({ min: DAY_MS / 24, max: 90 * DAY_MS }) },
  ),
  territory: sometimes(fc.constantFrom(...TERRITORIES)),
  domain: sometimes(fc.constantFrom(...DOMAINS)),
  structurePick: sometimes(fc.nat()),
  programmePick: sometimes(fc.nat()),
  cohortPick: sometimes(fc.nat()),
  scope: fc.record({
    kind: fc.constantFrom<QueryDraft['scope']['kind']>(
      'all',
      'all',
      'all',
      'admin',
      'territories',
      'structures',
    ),
    picks: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
  }),
});

/** A concrete query over a history; `to` defaults to a fixed "now" after every event. */
export function resolveQuery(
  draft: QueryDraft,
  startups: readonly ModelStartup[],
  reference: ReferenceData,
  now: number,
): { query: ModelQuery; scope: ModelScope; admin: boolean } {
  const events = startups.flatMap((s) => s.stays.map((stay) => stay.enteredAt));
  let from = draft.from === null ? null : instant(draft.from, events);
  let to =
    from !== null && draft.windowMs !== null
      ? Math.min(from + draft.windowMs, now)
      : draft.to === null
        ? now
        : instant(draft.to, events);
  if (from !== null && from >= to) {
    [from, to] = to === from ? [from, from + DAY_MS] : [to, from];
  }
  const pick = <T>(items: readonly T[], index: number | null) =>
    index === null || items.length === 0 ? undefined : items[index % items.length];
  const query: ModelQuery = {
    from,
    to,
    ...(draft.territory ? { territory: draft.territory } : {}),
    ...(draft.domain ? { domain: draft.domain } : {}),
  };
  const structureId = pick(reference.structureIds, draft.structurePick);
  const programmeId = pick(
    reference.programmes.map((p) => p.id),
    draft.programmePick,
  );
  const cohortId = pick(
    reference.cohorts.map((c) => c.id),
    draft.cohortPick,
  );
  if (structureId) query.structureId = structureId;
  if (programmeId) query.programmeId = programmeId;
  if (cohortId) query.cohortId = cohortId;
  const scope: ModelScope =
    draft.scope.kind === 'territories'
      ? {
          kind: 'territories',
          territories: [
            ...new Set(draft.scope.picks.map((p) => TERRITORIES[p % TERRITORIES.length])),
          ],
        }
      : draft.scope.kind === 'structures'
        ? {
            kind: 'structures',
            structureIds: [
              ...new Set(
                draft.scope.picks.map(
                  (p) => reference.structureIds[p % reference.structureIds.length],
                ),
              ),
            ],
          }
        : { kind: 'all' };
  return { query, scope, admin: draft.scope.kind === 'admin' };
}
