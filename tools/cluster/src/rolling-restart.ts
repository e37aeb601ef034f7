/*
 * `npm run rolling-restart [-- --clients 8]`
 *
 * Two APIs and three workers on one PostgreSQL and one Redis (a private database made for the
 * run). Under a steady load of reads (GET /startups/:id) and stage moves, each API and then each
 * worker is restarted in turn (SIGTERM, wait for it to exit, start a new one). A client request
 * that fails is retried once on the other API, as a load balancer does. Exits non-zero if any
 * request still failed after that one retry, or any move requested did not complete with each
 * of its effects exactly once (a lost job).
 */
import {
  call,
  createStartups,
  duplicatedOrMissingEffects,
  moveToNursery,
  seconds,
  seedWorld,
  signIn,
  startCluster,
  waitForCompleted,
  type ApiProcess,
} from './cluster';

const clientsIndex = process.argv.indexOf('--clients');
const CLIENTS = clientsIndex >= 0 ? Number(process.argv[clientsIndex + 1]) : 8;
const PAUSE_MS = 2_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const cluster = await startCluster({ apis: 2, workers: 3 });
  try {
    const world = await seedWorld(cluster.db);
    const token = await signIn(cluster.apis[0].baseUrl, world.managerEmail);
    const readable = await createStartups(cluster.apis[0].baseUrl, token, world, 50, 'Lecture');
    // More startups than the load will move: each is moved at most once.
    const movable = await createStartups(cluster.apis[0].baseUrl, token, world, 300, 'Parcours');
    await cluster.drain();

    const counts = { requests: 0, retried: 0, failed: 0, moves: 0 };
    const failures: string[] = [];
    const transitionIds: string[] = [];
    let running = true;
    let nextMovable = 0;

    /**
     * One request, on API `preferred`; on a network error or a 5xx, once more on the other.
     * A retried move that finds its first attempt committed (409: a move is pending or done)
     * is looked up instead of failing: the first attempt did reach the database.
     */
    const send = async (
      preferred: number,
      method: string,
      path: string,
      body?: unknown,
    ): Promise<{ status: number; body: unknown } | null> => {
      const apis: ApiProcess[] = cluster.apis;
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const api = apis[(preferred + attempt) % apis.length];
        try {
          const answer = await call(api.baseUrl, method, path, token, body);
          if (answer.status < 500) return answer;
        } catch {
          // connection refused or reset: the API is restarting
        }
        if (attempt === 0) counts.retried += 1;
      }
      return null;
    };

    const client = async (index: number) => {
      let turn = 0;
      while (running) {
        turn += 1;
        const api = (index + turn) % 2;
        counts.requests += 1;
        if (turn % 4 === 0 && nextMovable < movable.length) {
          const startupId = movable[nextMovable++];
          const answer = await send(
            api,
            'POST',
            `/api/v1/startups/${startupId}/transitions`,
            moveToNursery(world),
          );
          if (answer?.status === 201) {
            transitionIds.push((answer.body as { id: string }).id);
            counts.moves += 1;
            continue;
          }
          if (answer?.status === 409) {
            const [row]: { id: string }[] = await cluster.db.dataSource.query(
              `SELECT id FROM transition WHERE startup_id = $1 AND to_stage = 'NURSERY'`,
              [startupId],
            );
            if (row) {
              transitionIds.push(row.id);
              counts.moves += 1;
              continue;
            }
          }
          counts.failed += 1;
          failures.push(`POST move of ${startupId}: ${answer ? answer.status : 'no answer'}`);
        } else {
          const id = readable[(index * 7 + turn) % readable.length];
          const answer = await send(api, 'GET', `/api/v1/startups/${id}`);
          if (answer?.status !== 200) {
            counts.failed += 1;
            failures.push(`GET ${id}: ${answer ? answer.status : 'no answer'}`);
          }
        }
      }
    };

    const started = Date.now();
    const load = Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
    await sleep(PAUSE_MS);
    const restarts: string[] = [];
    for (let i = 0; i < cluster.apis.length; i += 1) {
      console.log(`restarting api ${i + 1}…`);
      const { stopMs, startMs } = await cluster.restartApi(i);
      restarts.push(`api ${i + 1}: stopped in ${stopMs} ms, ready again in ${startMs} ms`);
      await sleep(PAUSE_MS);
    }
    for (let i = 0; i < cluster.workers.length; i += 1) {
      console.log(`restarting worker ${i + 1}…`);
      const { stopMs } = await cluster.restartWorker(i);
      restarts.push(`worker ${i + 1}: stopped in ${stopMs} ms (SIGTERM, jobs in hand finished)`);
      await sleep(PAUSE_MS);
    }
    running = false;
    await load;
    const loadMs = Date.now() - started;

    const unfinished = await waitForCompleted(cluster.db, transitionIds, 180_000);
    const wrongEffects = await duplicatedOrMissingEffects(cluster.db, transitionIds);
    console.log(
      [
        `rolling restart of 2 APIs and 3 workers under ${CLIENTS} clients for ${seconds(loadMs)}:`,
        ...restarts.map((line) => `  ${line}`),
        `  requests: ${counts.requests} (${counts.moves} moves), ${counts.retried} retried once on the other API, ${counts.failed} failed after the retry`,
        `  jobs: ${transitionIds.length - unfinished}/${transitionIds.length} moves completed, ${unfinished} lost or unfinished, ${wrongEffects} with a duplicated or missing effect`,
        ...failures.slice(0, 10).map((line) => `  failed: ${line}`),
      ].join('\n'),
    );
    if (counts.failed > 0 || unfinished > 0 || wrongEffects > 0) {
      console.error('rolling-restart: FAILED');
      process.exitCode = 1;
    } else {
      console.log('rolling-restart: 0 failed requests beyond one retry, 0 jobs lost');
    }
  } finally {
    await cluster.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
