/*
 * `npm run scale-out [-- --transitions 400 --seconds 10 --connections 32]`
 *
 * The same load on one API and one worker, then on two APIs and three workers, all on one
 * PostgreSQL and one Redis (a private database made for the run): reads (autocannon,
 * GET /startups/:id) and stage moves requested over HTTP, timed until every workflow completed.
 * Prints both rounds and the ratio; exits non-zero if any effect is duplicated or missing, any
 * move does not complete, or any request fails.
 */
import {
  call,
  createStartups,
  duplicatedOrMissingEffects,
  moveToNursery,
  pool,
  seconds,
  seedWorld,
  signIn,
  startCluster,
  waitForCompleted,
  type Cluster,
  type World,
} from './cluster';
import { readLoad } from './load';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

const TRANSITIONS = option('transitions', 400);
const SECONDS = option('seconds', 10);
const CONNECTIONS = option('connections', 32);

interface Round {
  label: string;
  reads: Awaited<ReturnType<typeof readLoad>>;
  transitionsPerSecond: number;
  workflowSeconds: number;
  requestFailures: number;
  unfinished: number;
  wrongEffects: number;
}

async function round(cluster: Cluster, world: World, label: string): Promise<Round> {
  const urls = cluster.apis.map((api) => api.baseUrl);
  const token = await signIn(urls[0], world.managerEmail);
  const readable = await createStartups(urls[0], token, world, 50, `${label} lecture`);
  const movable = await createStartups(urls[0], token, world, TRANSITIONS, `${label} parcours`);
  await cluster.drain();

  const reads = await readLoad(urls, token, readable, CONNECTIONS, SECONDS);

  // Moves spread over the APIs; timed from the first request to the last workflow completed.
  const started = Date.now();
  const answers = await pool(movable, 16, (startupId, index) =>
    call<{ id: string }>(
      urls[index % urls.length],
      'POST',
      `/api/v1/startups/${startupId}/transitions`,
      token,
      moveToNursery(world),
    ),
  );
  const transitionIds = answers.filter((a) => a.status === 201).map((a) => a.body.id);
  const unfinished = await waitForCompleted(cluster.db, transitionIds, 300_000);
  const elapsed = Date.now() - started;
  return {
    label,
    reads,
    transitionsPerSecond: (transitionIds.length * 1000) / elapsed,
    workflowSeconds: elapsed / 1000,
    requestFailures: answers.length - transitionIds.length,
    unfinished,
    wrongEffects: await duplicatedOrMissingEffects(cluster.db, transitionIds),
  };
}

function describe(r: Round): string {
  return [
    `${r.label}:`,
    `  reads  GET /startups/:id  ${r.reads.requestsPerSecond.toFixed(0)} req/s (p99 ${r.reads.p99Ms} ms, ${r.reads.total} requests, ${r.reads.failed} failed)`,
    `  moves  ${TRANSITIONS} requested and completed in ${seconds(r.workflowSeconds * 1000)}: ${r.transitionsPerSecond.toFixed(1)} transitions/s (6 workflow steps each)`,
    `  correctness  ${r.requestFailures} refused requests, ${r.unfinished} unfinished, ${r.wrongEffects} transitions with a duplicated or missing effect`,
  ].join('\n');
}

async function main(): Promise<void> {
  console.log(
    `scale-out: ${TRANSITIONS} moves and ${SECONDS} s of reads (${CONNECTIONS} connections) per round`,
  );
  const cluster = await startCluster({ apis: 1, workers: 1 });
  try {
    const world = await seedWorld(cluster.db);
    const single = await round(cluster, world, '1 API + 1 worker');
    console.log(describe(single));
    await cluster.startApi();
    for (let i = 0; i < 2; i += 1) await cluster.startWorker();
    const scaled = await round(cluster, world, '2 APIs + 3 workers');
    console.log(describe(scaled));
    console.log(
      `growth: reads ×${(scaled.reads.requestsPerSecond / single.reads.requestsPerSecond).toFixed(2)}, moves ×${(scaled.transitionsPerSecond / single.transitionsPerSecond).toFixed(2)} (machine: ${(await import('node:os')).cpus().length} cores shared with PostgreSQL and Redis)`,
    );
    const broken = [single, scaled].some(
      (r) => r.wrongEffects > 0 || r.unfinished > 0 || r.requestFailures > 0 || r.reads.failed > 0,
    );
    if (broken) {
      console.error('scale-out: FAILED — see the correctness lines above');
      process.exitCode = 1;
    } else {
      console.log('scale-out: 0 duplicated effects, every move completed, no request failed');
    }
  } finally {
    await cluster.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
