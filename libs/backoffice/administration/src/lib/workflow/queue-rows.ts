import type { QueueCountsView } from '@parcours/contracts';

/** The job states an operator looks at, in the order of a job's life. */
export const QUEUE_STATES = ['waiting', 'active', 'delayed', 'completed', 'failed'] as const;

export interface QueueRow {
  name: string;
  counts: Record<(typeof QUEUE_STATES)[number], number>;
  /** Jobs still to run: waiting, active and delayed. */
  pending: number;
}

/** One row per queue, every state present (0 when the API left it out), busiest first. */
export function queueRows(view: QueueCountsView): QueueRow[] {
  return view.queues
    .map((queue) => {
      const counts = Object.fromEntries(
        QUEUE_STATES.map((state) => [state, queue.counts[state] ?? 0]),
      ) as QueueRow['counts'];
      return { name: queue.name, counts, pending: counts.waiting + counts.active + counts.delayed };
    })
    .sort((a, b) => b.pending - a.pending || a.name.localeCompare(b.name));
}
