import type { Locale } from './notifications';

/*
 * Administration beyond accounts: the ecosystem's published targets, the person's own language,
 * and the e-mail that carries an invitation link.
 */

/**
 * Figures an ecosystem target counts. All but `techChampions` are figures of `/analytics/kpis`;
 * tech champions are recognised by the programme's board, not computed, so they have no actual.
 */
export const ECOSYSTEM_TARGET_METRICS = [
  'newStartups',
  'startupsAccelerated',
  'startupsHosted',
  'techChampions',
  'jobsCreated',
  'fundsRaisedEur',
  'tradeShows',
] as const;
export type EcosystemTargetMetric = (typeof ECOSYSTEM_TARGET_METRICS)[number];

/** Horizons are counted in whole years from the programme's start (the bid says 3 and 10). */
export const ECOSYSTEM_TARGET_MAX_HORIZON_YEARS = 30;

/** One published target of the whole ecosystem, e.g. 25 startups accelerated within 3 years. */
export interface EcosystemTarget {
  metric: EcosystemTargetMetric;
  horizonYears: number;
  target: number;
}

export interface EcosystemTargetView extends EcosystemTarget {
  /** As shown in `/analytics/kpis` `targets`: `ecosystem.<metric>.<horizon>y`. */
  key: string;
  updatedAt: string;
  updatedById: string | null;
}

/** `GET /targets`, and the answer of `PUT /targets`. */
export interface EcosystemTargetsResponse {
  items: EcosystemTargetView[];
}

/** `PUT /targets`: the whole set, replacing the previous one. */
export interface EcosystemTargetsUpdate {
  items: EcosystemTarget[];
}

export const ecosystemTargetKey = (metric: string, horizonYears: number) =>
  `ecosystem.${metric}.${horizonYears}y`;

/** `PATCH /me`: what a person may change about themselves. */
export interface ProfileUpdate {
  locale?: Locale;
}

/** Job payload: the one e-mail of one invitation (fixed jobId per invitation). */
export interface InvitationEmailPayload {
  invitationId: string;
}

/** Outcome of an invitation's e-mail, as the administration shows it. */
export const INVITATION_EMAIL_OUTCOMES = ['SENT', 'FAILED', 'SKIPPED'] as const;
export type InvitationEmailOutcome = (typeof INVITATION_EMAIL_OUTCOMES)[number];
