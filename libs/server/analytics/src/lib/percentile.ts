/*
 * PostgreSQL's percentile_cont, reproduced operation for operation in IEEE doubles (see
 * percentile_cont_final_common and float8_lerp in src/backend/utils/adt/orderedsetaggs.c):
 * the roll-up path finds the two neighbouring values itself and must interpolate exactly as the
 * database would have.
 */

/** The 0-based ranks whose values percentile_cont interpolates, and the weight of the second. */
export function percentileRanks(
  fraction: number,
  count: number,
): { first: number; second: number; weight: number } {
  const position = fraction * (count - 1);
  const first = Math.floor(position);
  const second = Math.ceil(position);
  return { first, second, weight: position - first };
}

export function interpolate(first: number, second: number, weight: number): number {
  return first + (second - first) * weight;
}

/** percentile_cont(fraction) over values already sorted ascending; null for no values. */
export function percentileCont(sorted: readonly number[], fraction: number): number | null {
  if (sorted.length === 0) return null;
  const { first, second, weight } = percentileRanks(fraction, sorted.length);
  if (first === second) return sorted[first];
  return interpolate(sorted[first], sorted[second], weight);
}
