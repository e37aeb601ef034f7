import type { ApplicationCriterion } from '@parcours/contracts';
import {
  checkReview,
  draftWeightedScore,
  emptyDraft,
  hasReviewed,
  openedMoveKey,
  shownAverage,
  statusFromQueryParam,
  weightShare,
} from './application-review';

const CRITERIA: ApplicationCriterion[] = [
  { key: 'equipe', label: 'Équipe', weight: 2 },
  { key: 'traction', label: 'Traction', weight: 1 },
  { key: 'innovation', label: 'Innovation', weight: 1 },
];

describe('application review form', () => {
  it('starts with every criterion unscored and refuses to send it', () => {
    const draft = emptyDraft(CRITERIA);
    expect(draft).toEqual({ equipe: null, traction: null, innovation: null });
    expect(checkReview(CRITERIA, draft)).toEqual({
      ok: false,
      unscored: ['equipe', 'traction', 'innovation'],
      outOfRange: [],
    });
  });

  it('names the criteria left unscored and those out of the 0 to 5 range', () => {
    expect(checkReview(CRITERIA, { equipe: 6, traction: null, innovation: 2.5 })).toEqual({
      ok: false,
      unscored: ['traction'],
      outOfRange: ['equipe', 'innovation'],
    });
    expect(checkReview(CRITERIA, { equipe: -1, traction: 0, innovation: 5 })).toEqual({
      ok: false,
      unscored: [],
      outOfRange: ['equipe'],
    });
  });

  it('sends one score per criterion, in the order of the criteria, 0 and 5 included', () => {
    expect(checkReview(CRITERIA, { innovation: 5, traction: 0, equipe: 3 })).toEqual({
      ok: true,
      scores: [
        { criterion: 'equipe', score: 3 },
        { criterion: 'traction', score: 0 },
        { criterion: 'innovation', score: 5 },
      ],
    });
  });

  it('previews the weighted score only once the form is complete', () => {
    expect(draftWeightedScore(CRITERIA, { equipe: 4, traction: null, innovation: 2 })).toBeNull();
    // (2×4 + 1×3 + 1×2) / 4 = 3.25
    expect(draftWeightedScore(CRITERIA, { equipe: 4, traction: 3, innovation: 2 })).toBe(3.25);
  });

  it('gives each weight as its share of all weights', () => {
    expect(weightShare(CRITERIA, CRITERIA[0])).toBe(0.5);
    expect(weightShare(CRITERIA, CRITERIA[1])).toBe(0.25);
    expect(weightShare([], CRITERIA[1])).toBe(0);
  });
});

describe('application figures', () => {
  it('shows the average only once every required review is in', () => {
    expect(shownAverage({ reviewsComplete: false, averageScore: 3.8 })).toBeNull();
    expect(shownAverage({ reviewsComplete: true, averageScore: 3.8 })).toBe(3.8);
    expect(shownAverage({ reviewsComplete: true, averageScore: null })).toBeNull();
  });

  it('knows whether the signed-in person has already reviewed', () => {
    const review = {
      id: 'r1',
      reviewerId: 'me',
      scores: [],
      weightedScore: 3,
      comment: null,
      reviewedAt: '2026-11-01T10:00:00.000Z',
    };
    expect(hasReviewed({ reviews: [review] }, 'me')).toBe(true);
    expect(hasReviewed({ reviews: [review] }, 'someone else')).toBe(false);
    expect(hasReviewed({ reviews: undefined }, 'me')).toBe(false);
    expect(hasReviewed({ reviews: [review] }, null)).toBe(false);
  });

  it('keeps a known status from the address bar and drops anything else', () => {
    expect(statusFromQueryParam('SUBMITTED')).toBe('SUBMITTED');
    expect(statusFromQueryParam('ACCEPTED')).toBe('ACCEPTED');
    expect(statusFromQueryParam('submitted')).toBeNull();
    expect(statusFromQueryParam(undefined)).toBeNull();
    expect(statusFromQueryParam(['REJECTED'])).toBeNull();
  });
});

describe('the move an acceptance opened', () => {
  it('says in words what it waits for', () => {
    expect(openedMoveKey(null)).toBe('applications.move.notVisible');
    expect(openedMoveKey({ status: 'PENDING_CONSENT' })).toBe('applications.move.pendingConsent');
    expect(openedMoveKey({ status: 'REQUESTED' })).toBe('applications.move.requested');
    expect(openedMoveKey({ status: 'APPROVED' })).toBe('applications.move.approved');
    expect(openedMoveKey({ status: 'COMPLETED' })).toBe('applications.move.approved');
    expect(openedMoveKey({ status: 'REJECTED' })).toBe('applications.move.closed');
  });
});
