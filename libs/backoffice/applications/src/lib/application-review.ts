import {
  APPLICATION_STATUSES,
  type ApplicationCriterion,
  type ApplicationScore,
  type ApplicationStatus,
  type ApplicationView,
  type TransitionView,
} from '@parcours/contracts';
import { scoreErrors, weightedScore } from '@parcours/domain';

/** A reviewer's scores while they fill the form: a criterion not scored yet is null. */
export type ScoreDraft = Readonly<Record<string, number | null>>;

export function emptyDraft(criteria: readonly ApplicationCriterion[]): ScoreDraft {
  return Object.fromEntries(criteria.map((criterion) => [criterion.key, null]));
}

/** What the form lets through: every criterion scored, each a whole number within the range. */
export type ReviewCheck =
  | { ok: true; scores: ApplicationScore[] }
  | { ok: false; unscored: string[]; outOfRange: string[] };

/**
 * Checks a draft the way the API will (the shared `scoreErrors` of `@parcours/domain`), but says
 * which criteria are at fault by key, so that the form can point at them.
 */
export function checkReview(
  criteria: readonly ApplicationCriterion[],
  draft: ScoreDraft,
): ReviewCheck {
  const unscored = criteria
    .filter((criterion) => draft[criterion.key] === null || draft[criterion.key] === undefined)
    .map((criterion) => criterion.key);
  const scored = criteria
    .filter((criterion) => !unscored.includes(criterion.key))
    .map((criterion) => ({ criterion: criterion.key, score: Number(draft[criterion.key]) }));
  const outOfRange = scored
    .filter((entry) =>
      scoreErrors(criteria, [entry]).some((error) => error.path.endsWith('.score')),
    )
    .map((entry) => entry.criterion);
  if (unscored.length > 0 || outOfRange.length > 0) return { ok: false, unscored, outOfRange };
  return { ok: true, scores: scored };
}

/** The weighted score the review will carry, shown while the reviewer fills the form. */
export function draftWeightedScore(
  criteria: readonly ApplicationCriterion[],
  draft: ScoreDraft,
): number | null {
  const check = checkReview(criteria, draft);
  return check.ok ? weightedScore(criteria, check.scores) : null;
}

/** The average is shown once every required review is in; before that it would sway reviewers. */
export function shownAverage(
  application: Pick<ApplicationView, 'reviewsComplete' | 'averageScore'>,
): number | null {
  return application.reviewsComplete ? application.averageScore : null;
}

export function hasReviewed(
  application: Pick<ApplicationView, 'reviews'>,
  userId: string | null,
): boolean {
  return userId !== null && (application.reviews ?? []).some((r) => r.reviewerId === userId);
}

/** Status filter from the address bar; an unknown value is dropped rather than sent. */
export function statusFromQueryParam(value: unknown): ApplicationStatus | null {
  return typeof value === 'string' && (APPLICATION_STATUSES as readonly string[]).includes(value)
    ? (value as ApplicationStatus)
    : null;
}

/** Weight of a criterion as a share of all weights, e.g. 2 of 2+1+1 → 0.5. */
export function weightShare(
  criteria: readonly ApplicationCriterion[],
  criterion: ApplicationCriterion,
): number {
  const total = criteria.reduce((sum, c) => sum + c.weight, 0);
  return total === 0 ? 0 : criterion.weight / total;
}

/**
 * What to say about the move an acceptance opened. Null when the decider may not read it yet:
 * a move waiting for the founders' consent is shown to a structure new to the startup only once
 * they agree.
 */
export function openedMoveKey(move: Pick<TransitionView, 'status'> | null): string {
  if (move === null) return 'applications.move.notVisible';
  switch (move.status) {
    case 'PENDING_CONSENT':
      return 'applications.move.pendingConsent';
    case 'REQUESTED':
      return 'applications.move.requested';
    case 'APPROVED':
    case 'EXECUTING':
    case 'COMPLETED':
      return 'applications.move.approved';
    default:
      return 'applications.move.closed';
  }
}
