import type { AnalyticsGrain } from '@parcours/server-db';

/*
 * A period [from, to) cut into what the roll-ups can answer: runs of whole UTC years, months
 * and days (read from the pre-aggregated buckets) and at most two partial days at the edges
 * (read from the stay facts) — or, where the buckets have no days, runs of years and months and
 * at most two partial months. Pure, so that the cut is unit-tested on its own.
 */

const DAY_MS = 86_400_000;

/** A run of consecutive buckets of one grain: bucket_start in [from, to); from null = unbounded. */
export interface BucketSpan {
  grain: AnalyticsGrain;
  /** First bucket's start (YYYY-MM-DD), or null for every bucket before `to`. */
  from: string | null;
  /** Exclusive (YYYY-MM-DD). */
  to: string;
}

/**
 * A range of instants [from, to) read from the facts. Always bounded: a partial span lies
 * between an end of the period and the nearest bucket boundary.
 */
export interface InstantSpan {
  from: Date;
  to: Date;
}

export interface PeriodCut {
  buckets: BucketSpan[];
  instants: InstantSpan[];
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const startOfDay = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

/** The start of the UTC month `ms` falls in. */
export function startOfMonth(ms: number): number {
  const date = new Date(ms);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

function startOfYear(ms: number): number {
  return Date.UTC(new Date(ms).getUTCFullYear(), 0, 1);
}

function addUnit(ms: number, grain: AnalyticsGrain): number {
  const date = new Date(ms);
  if (grain === 'D') return ms + DAY_MS;
  if (grain === 'M') return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
  return Date.UTC(date.getUTCFullYear() + 1, 0, 1);
}

/** The start of the UTC month after the one `ms` falls in. */
export const startOfFollowingMonth = (ms: number): number => addUnit(ms, 'M');

function alignedTo(ms: number, grain: AnalyticsGrain): boolean {
  if (grain === 'D') return startOfDay(ms) === ms;
  if (grain === 'M') return startOfMonth(ms) === ms;
  return startOfYear(ms) === ms;
}

/**
 * Whole days [fromDay, toDay) as the fewest runs: days up to a month start, months up to a year
 * start, years, then months and days again (greedy on the largest aligned grain that fits).
 * Month-aligned bounds are cut into years and months alone.
 */
export function cutDays(fromDay: number | null, toDay: number): BucketSpan[] {
  const spans: BucketSpan[] = [];
  let cursor: number;
  if (fromDay === null) {
    cursor = startOfYear(toDay);
    spans.push({ grain: 'Y', from: null, to: isoDay(cursor) });
  } else {
    cursor = fromDay;
  }
  while (cursor < toDay) {
    const grain = (['Y', 'M', 'D'] as const).find(
      (candidate) => alignedTo(cursor, candidate) && addUnit(cursor, candidate) <= toDay,
    );
    // A whole day always fits: cursor and toDay are both day-aligned and cursor < toDay.
    const chosen: AnalyticsGrain = grain ?? 'D';
    const next = addUnit(cursor, chosen);
    const last = spans[spans.length - 1];
    if (last && last.grain === chosen && last.to === isoDay(cursor)) {
      last.to = isoDay(next);
    } else {
      spans.push({ grain: chosen, from: isoDay(cursor), to: isoDay(next) });
    }
    cursor = next;
  }
  return spans;
}

/**
 * The cut of [from, to); `from` null for the beginning of time. Empty when from ≥ to. `finest`:
 * the finest grain of the buckets read — 'D' (the default) leaves partial days to the facts,
 * 'M' partial months.
 */
export function cutPeriod(from: Date | null, to: Date, finest: 'D' | 'M' = 'D'): PeriodCut {
  const toMs = to.getTime();
  if (from !== null && from.getTime() >= toMs) {
    return { buckets: [], instants: [] };
  }
  const floor = finest === 'D' ? startOfDay : startOfMonth;
  const toBound = floor(toMs);
  const instants: InstantSpan[] = [];
  let fromBound: number | null = null;
  if (from !== null) {
    const fromMs = from.getTime();
    fromBound = floor(fromMs) === fromMs ? fromMs : addUnit(floor(fromMs), finest);
    if (fromBound >= toBound) {
      // Not one whole bucket inside: the facts answer alone.
      return { buckets: [], instants: [{ from, to }] };
    }
    if (fromBound > fromMs) instants.push({ from, to: new Date(fromBound) });
  }
  if (toBound < toMs) instants.push({ from: new Date(toBound), to });
  return { buckets: cutDays(fromBound, toBound), instants };
}
