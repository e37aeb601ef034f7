import { DOMAINS, TERRITORIES } from '@parcours/contracts';

/*
 * Value lists of the analytics roll-up tables (`analytics_*`). They are internal to the
 * roll-ups: no API answer exposes them.
 */

/** How a stay ended, seen from its stage: the funnel's moved on / moved back / exited. */
export const ANALYTICS_EXIT_KINDS = ['ON', 'BACK', 'EXIT', 'OTHER'] as const;
export type AnalyticsExitKind = (typeof ANALYTICS_EXIT_KINDS)[number];

/** Time buckets of the pre-aggregates: UTC day, month and year, each keyed by its first day. */
export const ANALYTICS_GRAINS = ['D', 'M', 'Y'] as const;
export type AnalyticsGrain = (typeof ANALYTICS_GRAINS)[number];

/** A bucket row with this territory and domain counts every startup (the roll-up of the nine). */
export const ANALYTICS_ANY = '*';

/**
 * `followed_by` of the bucket rows that count every startup of their territory and domain; the
 * other rows count the startups one structure, programme or cohort follows or followed.
 */
export const ANALYTICS_EVERY_STARTUP = '00000000-0000-0000-0000-000000000000';

export const ANALYTICS_TERRITORY_KEYS = [ANALYTICS_ANY, ...TERRITORIES] as const;
export const ANALYTICS_DOMAIN_KEYS = [ANALYTICS_ANY, ...DOMAINS] as const;

/** `analytics_flow_bucket.from_stage` of a startup's first entry (a key column cannot be null). */
export const ANALYTICS_NO_STAGE = '';

/** Series of events whose repeats the pair cells count: entering a stage, leaving it each way. */
export const ANALYTICS_PAIR_KINDS = ['ENTER', 'ON', 'BACK', 'EXIT'] as const;
export type AnalyticsPairKind = (typeof ANALYTICS_PAIR_KINDS)[number];
