import {
  builtApp,
  call,
  createTestDatabase,
  deleteQueueKeys,
  freePort,
  startService,
  uniqueQueuePrefix,
  waitForHttpOk,
  waitForQueuesToDrain,
  seedMoveWorld,
  type MoveWorld,
  type ServiceProcess,
  type TestDatabase,
} from '@parcours/server-testing';

export { call, signIn, type HttpAnswer } from '@parcours/server-testing';

/**
 * API and worker processes on one PostgreSQL and one Redis, as a deployment runs them: a private
 * database made for the run (cloned from the migrated template, dropped at the end) and a queue
 * prefix of the run's own on the Redis at REDIS_URL. Processes are the production builds
 * (dist/apps/api, dist/apps/worker).
 */
export interface Cluster {
  db: TestDatabase;
  redisUrl: string;
  queuePrefix: string;
  apis: ApiProcess[];
  workers: ServiceProcess[];
  startApi(): Promise<ApiProcess>;
  /** Stops the API with SIGTERM and starts a new one on the same port. */
  restartApi(index: number): Promise<{ stopMs: number; startMs: number }>;
  startWorker(): Promise<ServiceProcess>;
  restartWorker(index: number): Promise<{ stopMs: number; startMs: number }>;
  /** Stops every API and worker but the first `apis` and `workers`. */
  scaleDown(apis: number, workers: number): Promise<void>;
  drain(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export interface ApiProcess {
  process: ServiceProcess;
  port: number;
  baseUrl: string;
}

const JWT_SECRET = 'cluster-run-secret-that-is-long-enough-for-hs256-0123';

export async function startCluster(options: {
  apis: number;
  workers: number;
  env?: Record<string, string>;
}): Promise<Cluster> {
  const db = await createTestDatabase();
  const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
  const queuePrefix = uniqueQueuePrefix('cluster');
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: '10',
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: queuePrefix,
    JWT_SECRET,
    JOB_LOCK_DURATION_MS: '10000',
    OUTBOX_POLL_MS: '200',
    WORKER_CONCURRENCY: '8',
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  const apis: ApiProcess[] = [];
  const workers: ServiceProcess[] = [];
  let serial = 0;
  const launchApi = async (port: number): Promise<ApiProcess> => {
    serial += 1;
    const process = startService(`api-${serial}`, builtApp('api'), { ...env, PORT: String(port) });
    const baseUrl = `http://127.0.0.1:${port}`;
    // A loaded machine can take a while to boot a Nest application: be patient.
    await waitForHttpOk(`${baseUrl}/health/ready`, process, 180_000).catch(async (error) => {
      await process.stop('SIGKILL');
      throw error;
    });
    return { process, port, baseUrl };
  };
  const startApi = async () => {
    const api = await launchApi(await freePort());
    apis.push(api);
    return api;
  };
  const startWorker = async () => {
    serial += 1;
    const worker = startService(`worker-${serial}`, builtApp('worker'), env);
    workers.push(worker);
    return worker;
  };
  const timed = async (work: () => Promise<unknown>) => {
    const started = Date.now();
    await work();
    return Date.now() - started;
  };
  for (let i = 0; i < options.apis; i += 1) await startApi();
  for (let i = 0; i < options.workers; i += 1) await startWorker();

  return {
    db,
    redisUrl,
    queuePrefix,
    apis,
    workers,
    startApi,
    startWorker,
    async restartApi(index) {
      const old = apis[index];
      const stopMs = await timed(() => old.process.stop('SIGTERM'));
      let replacement: ApiProcess | undefined;
      const startMs = await timed(async () => (replacement = await launchApi(old.port)));
      apis[index] = replacement as ApiProcess;
      return { stopMs, startMs };
    },
    async restartWorker(index) {
      const stopMs = await timed(() => workers[index].stop('SIGTERM'));
      serial += 1;
      const startMs = await timed(async () => {
        workers[index] = startService(`worker-${serial}`, builtApp('worker'), env);
      });
      return { stopMs, startMs };
    },
    async scaleDown(apiCount, workerCount) {
      await Promise.all(apis.splice(apiCount).map((api) => api.process.stop('SIGTERM')));
      await Promise.all(workers.splice(workerCount).map((worker) => worker.stop('SIGTERM')));
    },
    drain: (timeoutMs = 120_000) =>
      waitForQueuesToDrain({ redisUrl, queuePrefix, databaseUrl: db.url, timeoutMs }),
    async stop() {
      await Promise.all([
        ...apis.map((api) => api.process.stop('SIGTERM')),
        ...workers.map((worker) => worker.stop('SIGTERM')),
      ]);
      await deleteQueueKeys(redisUrl, queuePrefix).catch(() => undefined);
      await db.drop();
    },
  };
}

/** An incubator, a nursery programme to move into, and the manager who does it. */
export const seedWorld = (db: TestDatabase) => seedMoveWorld(db, 'manager.rouen@cluster.parcours');

export type World = MoveWorld;

/** Runs `task` over `items`, `concurrency` at a time. */
export async function pool<T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await task(items[index], index);
      }
    }),
  );
  return results;
}

/** Startups at INCUBATION (no required item), ready to move to the nursery. */
export async function createStartups(
  baseUrl: string,
  token: string,
  world: World,
  count: number,
  prefix: string,
): Promise<string[]> {
  return pool(
    Array.from({ length: count }, (_, i) => `${prefix} ${i + 1}`),
    8,
    async (name) => {
      const created = await call<{ id: string }>(baseUrl, 'POST', '/api/v1/startups', token, {
        name,
        domain: 'SMART_INDUSTRIES',
        territory: 'ROUEN',
        stage: 'INCUBATION',
        structureId: world.incubator,
      });
      if (created.status !== 201) throw new Error(`${name}: ${JSON.stringify(created.body)}`);
      return created.body.id;
    },
  );
}

export const moveToNursery = (world: World) => ({
  toStage: 'NURSERY',
  programmeId: world.nursery,
});

/** Polls until every transition is COMPLETED (or the time is up); returns those that are not. */
export async function waitForCompleted(
  db: TestDatabase,
  transitionIds: string[],
  timeoutMs: number,
): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row]: { unfinished: number }[] = await db.dataSource.query(
      `SELECT count(*)::int AS unfinished FROM transition
        WHERE id = ANY($1::uuid[]) AND status <> 'COMPLETED'`,
      [transitionIds],
    );
    if (row.unfinished === 0 || Date.now() > deadline) return row.unfinished;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Transitions whose effects did not happen exactly once: the nursery template's two checklist
 * items, one enrolment, one stay, one review reminder, six steps done.
 */
export async function duplicatedOrMissingEffects(
  db: TestDatabase,
  transitionIds: string[],
): Promise<number> {
  const [row]: { wrong: number }[] = await db.dataSource.query(
    `SELECT count(*)::int AS wrong FROM transition t
      WHERE t.id = ANY($1::uuid[]) AND (
        (SELECT count(*) FROM checklist_item c WHERE c.opened_by_transition_id = t.id) <> 2
        OR (SELECT count(*) FROM enrolment e WHERE e.transition_id = t.id) <> 1
        OR (SELECT count(*) FROM stage_stay st WHERE st.entered_by_transition_id = t.id) <> 1
        OR (SELECT count(*) FROM scheduled_reminder r JOIN stage_stay st ON st.id = r.stay_id
             WHERE st.entered_by_transition_id = t.id) <> 1
        OR (SELECT count(*) FROM transition_step s
             WHERE s.transition_id = t.id AND s.status = 'DONE') <> 6)`,
    [transitionIds],
  );
  return row.wrong;
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
