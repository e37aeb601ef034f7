import { QUEUES } from '@parcours/contracts';
import { Queue } from 'bullmq';
import { Client } from 'pg';

export interface DrainOptions {
  redisUrl: string;
  queuePrefix: string;
  /** When given, unsent outbox rows count as pending work too. */
  databaseUrl?: string;
  timeoutMs?: number;
  /** How often to look again; small, since the whole point is not to sleep longer than needed. */
  pollMs?: number;
}

/**
 * Resolves once nothing is left to do: no unsent outbox row, and no waiting, active, prioritised
 * or waiting-children job in any queue (delayed jobs due later — reminders — do not count).
 * Rejects after the timeout with what was still pending, so a stuck workflow fails the test
 * with a reason instead of hanging.
 */
export async function waitForQueuesToDrain(options: DrainOptions): Promise<void> {
  const { redisUrl, queuePrefix, databaseUrl, timeoutMs = 30_000, pollMs = 50 } = options;
  const queues = Object.values(QUEUES).map(
    (name) => new Queue(name, { connection: { url: redisUrl }, prefix: queuePrefix }),
  );
  const db = databaseUrl ? new Client({ connectionString: databaseUrl }) : null;
  await db?.connect();
  const deadline = Date.now() + timeoutMs;
  let pending = '';
  try {
    for (;;) {
      const outbox = db
        ? Number(
            (await db.query(`SELECT count(*) AS n FROM outbox WHERE sent_at IS NULL`)).rows[0].n,
          )
        : 0;
      const counts = await Promise.all(
        queues.map((queue) =>
          queue.getJobCounts('waiting', 'active', 'prioritized', 'waiting-children'),
        ),
      );
      const busy = counts
        .map((c, i) => ({ queue: queues[i].name, ...c }))
        .filter((c) =>
          Object.entries(c).some(([key, value]) => key !== 'queue' && Number(value) > 0),
        );
      if (outbox === 0 && busy.length === 0) return;
      pending = `outbox=${outbox} ${JSON.stringify(busy)}`;
      if (Date.now() > deadline)
        throw new Error(`queues did not drain in ${timeoutMs} ms: ${pending}`);
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
  } finally {
    await Promise.all(queues.map((queue) => queue.close()));
    await db?.end();
  }
}

/** Deletes every key of a test's queue prefix, so test files sharing one Redis never meet. */
export async function deleteQueueKeys(redisUrl: string, queuePrefix: string): Promise<void> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${queuePrefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export const uniqueQueuePrefix = (label = 'test') =>
  `${label}-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
