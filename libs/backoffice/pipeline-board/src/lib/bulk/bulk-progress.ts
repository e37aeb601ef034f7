import type { TransitionBatchView } from '@parcours/contracts';

/** Share of the batch whose outcome is known, 0–100, for a determinate progress bar. */
export function batchProgressPercent(
  batch: Pick<TransitionBatchView, 'total' | 'pending'>,
): number {
  if (batch.total === 0) return 100;
  return Math.round(((batch.total - batch.pending) / batch.total) * 100);
}

/** The batch has nothing left to do: polling stops. */
export function batchFinished(batch: Pick<TransitionBatchView, 'status' | 'pending'>): boolean {
  return batch.status === 'DONE' || (batch.status !== 'QUEUED' && batch.pending === 0);
}

/** How often the page asks the API where a bulk move stands. */
export const BATCH_POLL_INTERVAL_MS = 1000;
