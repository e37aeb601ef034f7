import {
  ECOSYSTEM_TARGET_MAX_HORIZON_YEARS,
  ECOSYSTEM_TARGET_METRICS,
  ecosystemTargetKey,
  type EcosystemTarget,
  type EcosystemTargetMetric,
} from '@parcours/contracts';

/** A row of an editable list of targets, as typed (numbers may be blank while typing). */
export interface TargetRow {
  metric: EcosystemTargetMetric;
  horizonYears: number | null;
  target: number | null;
}

export type TargetRowProblem = 'horizon' | 'target' | 'duplicate';

/** What is wrong with each row, by index; empty when the list can be saved. */
export function targetRowProblems(rows: readonly TargetRow[]): Map<number, TargetRowProblem> {
  const problems = new Map<number, TargetRowProblem>();
  const seen = new Set<string>();
  rows.forEach((row, index) => {
    const horizon = row.horizonYears;
    if (
      horizon === null ||
      !Number.isInteger(horizon) ||
      horizon < 1 ||
      horizon > ECOSYSTEM_TARGET_MAX_HORIZON_YEARS
    ) {
      problems.set(index, 'horizon');
      return;
    }
    if (row.target === null || !Number.isFinite(row.target) || row.target < 0) {
      problems.set(index, 'target');
      return;
    }
    const key = ecosystemTargetKey(row.metric, horizon);
    if (seen.has(key)) problems.set(index, 'duplicate');
    seen.add(key);
  });
  return problems;
}

/** Rows to the API's items; call only when `targetRowProblems` is empty. */
export function toEcosystemTargets(rows: readonly TargetRow[]): EcosystemTarget[] {
  return rows.map((row) => ({
    metric: row.metric,
    horizonYears: row.horizonYears ?? 0,
    target: row.target ?? 0,
  }));
}

/** The row a new line starts with: the first figure not yet targeted at that horizon. */
export function nextTargetRow(rows: readonly TargetRow[], horizonYears = 3): TargetRow {
  const taken = new Set(
    rows.filter((row) => row.horizonYears === horizonYears).map((row) => row.metric),
  );
  const metric =
    ECOSYSTEM_TARGET_METRICS.find((candidate) => !taken.has(candidate)) ?? 'newStartups';
  return { metric, horizonYears, target: null };
}

/** Programme targets (`{startupsAccelerated3y: 25}`) as key/value rows, and back. */
export interface KeyValueRow {
  key: string;
  value: number | null;
}

export const PROGRAMME_TARGET_KEY = /^[a-zA-Z][a-zA-Z0-9]{0,59}$/;

export function toKeyValueRows(targets: Readonly<Record<string, number>>): KeyValueRow[] {
  return Object.entries(targets).map(([key, value]) => ({ key, value }));
}

/** Null when a row has no valid key or no number, or a key is used twice. */
export function fromKeyValueRows(rows: readonly KeyValueRow[]): Record<string, number> | null {
  const result: Record<string, number> = {};
  for (const row of rows) {
    const key = row.key.trim();
    if (!PROGRAMME_TARGET_KEY.test(key) || key in result) return null;
    if (row.value === null || !Number.isFinite(row.value)) return null;
    result[key] = row.value;
  }
  return result;
}
