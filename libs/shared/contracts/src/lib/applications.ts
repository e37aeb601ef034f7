import type { Stage } from './stages';
import type { TransitionView } from './transitions';

/**
 * Applications to a programme (SPEC §2 "application"): a founder answers the programme's
 * questions, reviewers score it on the programme's weighted criteria, the committee decides.
 * SUBMITTED until the committee's decision; ACCEPTED opens a stage move request.
 */
export const APPLICATION_STATUSES = ['SUBMITTED', 'ACCEPTED', 'REJECTED'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_DECISIONS = ['ACCEPT', 'REJECT'] as const;
export type ApplicationDecision = (typeof APPLICATION_DECISIONS)[number];

/** Scores are whole numbers from 0 to this value on every criterion. */
export const APPLICATION_SCORE_MAX = 5;

/** One question of a programme's application form. */
export interface ApplicationQuestion {
  key: string;
  label: string;
  required: boolean;
  /** Longest accepted answer, in characters. */
  maxLength?: number;
}

/** One criterion reviewers score; weights are relative (2 counts twice as much as 1). */
export interface ApplicationCriterion {
  key: string;
  label: string;
  weight: number;
}

/** `GET /programmes/:id/application-form`. */
export interface ApplicationFormView {
  programmeId: string;
  programmeName: string;
  stage: Stage;
  questions: ApplicationQuestion[];
  criteria: ApplicationCriterion[];
  reviewersRequired: number;
  scoreMax: number;
}

export interface ApplicationScore {
  criterion: string;
  score: number;
}

export interface ApplicationReviewView {
  id: string;
  reviewerId: string;
  /** Shown to the other members of the committee, who may not read the user directory. */
  reviewerName: string;
  scores: ApplicationScore[];
  /** The review's weighted mean over the criteria, on the 0..scoreMax scale. */
  weightedScore: number;
  comment: string | null;
  reviewedAt: string;
}

export interface ApplicationView {
  id: string;
  programmeId: string;
  /** Named here because reviewers may not read a startup their structure does not follow yet. */
  programmeName: string;
  startupId: string;
  startupName: string;
  status: ApplicationStatus;
  answers: Record<string, string>;
  submittedById: string | null;
  submittedAt: string;
  reviewCount: number;
  reviewersRequired: number;
  /** True once `reviewersRequired` reviews are in. */
  reviewsComplete: boolean;
  /** Mean of the reviews' weighted scores; null until every required review is in. */
  averageScore: number | null;
  /** The reviews, for reviewers and deciders; founders see the average only. */
  reviews?: ApplicationReviewView[];
  decision: ApplicationDecision | null;
  decidedById: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  /** The stage move request opened by an acceptance. */
  transitionId: string | null;
  version: number;
}

/** `POST /applications/:id/decision` on ACCEPT also returns the move it opened. */
export interface ApplicationDecisionResult {
  application: ApplicationView;
  transition: TransitionView | null;
}
