import { JOBS } from '@parcours/contracts';
import { deleteQueueKeys } from '@parcours/server-testing';
import { FlowProducer, Worker, type Job } from 'bullmq';
import { randomBytes } from 'node:crypto';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { httpLoad, type LoadFigures } from './load';
import { call, pool, startRawReadServer, type Platform, type World } from './platform';

/** One side of a case: its headline figure and what else was measured. */
export interface Side {
  value: number;
  unit: string;
  [detail: string]: unknown;
}

export interface CaseResult {
  id: string;
  title: string;
  parcours: Side;
  raw: Side;
  /** parcours ÷ raw for throughputs; raw ÷ parcours for durations (higher is better for both). */
  ratio: number;
  goal: string;
  met: boolean;
  notes: string[];
}

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

/** Startups written straight into the table, spread over every territory and domain. */
export async function seedReadableStartups(platform: Platform, world: World, count: number) {
  const rows: { id: string }[] = await platform.db.dataSource.query(
    `INSERT INTO startup (name, domain, territory_code, stage, stage_entered_at, status, tags,
                          current_structure_id)
     SELECT 'Lecture ' || lpad(i::text, 6, '0'),
            (ARRAY['SMART_CITIES', 'SMART_PORTS_LOGISTICS', 'SMART_INDUSTRIES'])[1 + i % 3],
            (ARRAY['CAEN', 'ROUEN', 'LE_HAVRE'])[1 + (i / 3) % 3],
            'INCUBATION', now() - (i || ' hours')::interval, 'ACTIVE', ARRAY['bench'], $1
       FROM generate_series(1, $2::int) AS i
     RETURNING id`,
    [world.incubator, count],
  );
  await platform.db.dataSource.query('ANALYZE startup');
  return rows.map((row) => row.id);
}

function readSide(figures: LoadFigures): Side {
  return {
    value: round(figures.requestsPerSecond),
    unit: 'requests/s',
    p50Ms: figures.p50Ms,
    p99Ms: figures.p99Ms,
    requests: figures.total,
    failed: figures.failed,
    peakRssMb: figures.peakRssMb,
  };
}

/**
 * P1, P2 and P7: the same reads against the API and against Fastify + pg running the same SQL;
 * before timing, both must answer the same body.
 */
export async function readCases(
  platform: Platform,
  world: World,
  token: string,
  startupIds: string[],
  options: { connections: number; seconds: number },
): Promise<CaseResult[]> {
  const raw = await startRawReadServer(platform.db, [world.incubator, world.nurseryStructure]);
  try {
    const apiPid = platform.api.child.pid ?? 0;
    const rawPid = raw.server.child.pid ?? 0;
    const byId = startupIds.slice(0, 100).map((id) => `/api/v1/startups/${id}`);
    const list = ['/api/v1/startups?territory=ROUEN&domain=SMART_INDUSTRIES&limit=50'];
    const same = async (path: string) => {
      const [ours, baseline] = await Promise.all([
        call(platform.baseUrl, 'GET', path, token),
        call(raw.baseUrl, 'GET', path),
      ]);
      return ours.status === 200 && isDeepStrictEqual(ours.body, baseline.body);
    };
    const sameById = await same(byId[0]);
    const sameList = await same(list[0]);

    const load = (baseUrl: string, paths: string[], pid: number, withToken: boolean) =>
      httpLoad({
        baseUrl,
        paths,
        pid,
        connections: options.connections,
        seconds: options.seconds,
        token: withToken ? token : undefined,
      });
    const p1Api = await load(platform.baseUrl, byId, apiPid, true);
    const p1Raw = await load(raw.baseUrl, byId, rawPid, false);
    const p2Api = await load(platform.baseUrl, list, apiPid, true);
    const p2Raw = await load(raw.baseUrl, list, rawPid, false);

    const p1Ratio = p1Api.requestsPerSecond / p1Raw.requestsPerSecond;
    const p2Ratio = p2Api.requestsPerSecond / p2Raw.requestsPerSecond;
    const sameNote = (ok: boolean) =>
      ok
        ? 'both sides answered the same body'
        : 'BODIES DIFFER: the baseline is not the same query';
    const failures = (a: LoadFigures, b: LoadFigures) =>
      a.failed + b.failed > 0 ? [`${a.failed} + ${b.failed} failed requests`] : [];
    return [
      {
        id: 'P1',
        title: `GET /api/v1/startups/:id, ${options.connections} connections`,
        parcours: readSide(p1Api),
        raw: readSide(p1Raw),
        ratio: round(p1Ratio, 2),
        goal: '≥ 0.6×, p99 ≤ 50 ms',
        met: sameById && p1Ratio >= 0.6 && p1Api.p99Ms <= 50 && p1Api.failed === 0,
        notes: [sameNote(sameById), ...failures(p1Api, p1Raw)],
      },
      {
        id: 'P2',
        title: 'GET /api/v1/startups, page of 50, territory and domain',
        parcours: readSide(p2Api),
        raw: readSide(p2Raw),
        ratio: round(p2Ratio, 2),
        goal: '≥ 0.5×',
        met: sameList && p2Ratio >= 0.5 && p2Api.failed === 0,
        notes: [sameNote(sameList), ...failures(p2Api, p2Raw)],
      },
      {
        id: 'P7',
        title: 'API resident memory (VmRSS) under the P1 load',
        parcours: { value: p1Api.peakRssMb, unit: 'MB' },
        raw: { value: p1Raw.peakRssMb, unit: 'MB' },
        ratio: round(p1Raw.peakRssMb / p1Api.peakRssMb, 2),
        goal: '≤ 250 MB',
        met: p1Api.peakRssMb > 0 && p1Api.peakRssMb <= 250,
        notes: ['peak of samples every 100 ms; raw = the Fastify + pg process under the same load'],
      },
    ];
  } finally {
    await raw.server.stop('SIGTERM');
  }
}

/** Startups at INCUBATION created through the API (a first entry each), ready to move. */
async function createMovableStartups(
  platform: Platform,
  token: string,
  world: World,
  count: number,
) {
  return pool(
    Array.from({ length: count }, (_, i) => `Parcours ${String(i + 1).padStart(5, '0')}`),
    8,
    async (name) => {
      const created = await call<{ id: string }>(
        platform.baseUrl,
        'POST',
        '/api/v1/startups',
        token,
        {
          name,
          domain: 'SMART_INDUSTRIES',
          territory: 'ROUEN',
          stage: 'INCUBATION',
          structureId: world.incubator,
        },
      );
      if (created.status !== 201) throw new Error(`${name}: ${JSON.stringify(created.body)}`);
      return created.body.id;
    },
  );
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not done after ${timeoutMs} ms`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

/**
 * P3: moves to the nursery requested over HTTP (16 at a time), timed from the first request to
 * the last workflow COMPLETED (every step done), against BullMQ flows of the same shape — a parent
 * and one child per step, on one queue, the worker's concurrency — whose jobs do nothing.
 */
export async function workflowCase(
  platform: Platform,
  world: World,
  token: string,
  count: number,
): Promise<CaseResult> {
  const startupIds = await createMovableStartups(platform, token, world, count);
  await platform.drain();

  const started = performance.now();
  const answers = await pool(startupIds, 16, (startupId) =>
    call<{ id: string }>(
      platform.baseUrl,
      'POST',
      `/api/v1/startups/${startupId}/transitions`,
      token,
      {
        toStage: 'NURSERY',
        programmeId: world.nursery,
      },
    ),
  );
  const transitionIds = answers.filter((a) => a.status === 201).map((a) => a.body.id);
  await waitUntil(
    async () => {
      const [row]: { unfinished: number }[] = await platform.db.dataSource.query(
        `SELECT count(*)::int AS unfinished FROM transition
          WHERE id = ANY($1::uuid[]) AND status <> 'COMPLETED'`,
        [transitionIds],
      );
      return row.unfinished === 0;
    },
    600_000,
    'transition workflows',
  );
  const oursSeconds = (performance.now() - started) / 1000;
  const [steps]: { perTransition: number }[] = await platform.db.dataSource.query(
    `SELECT (count(*)::float / greatest(count(DISTINCT transition_id), 1))::float AS "perTransition"
       FROM transition_step WHERE transition_id = ANY($1::uuid[])`,
    [transitionIds],
  );
  const stepCount = Math.round(steps.perTransition);

  const baseline = await rawFlows(platform.redisUrl, count, stepCount);
  const ours = transitionIds.length / oursSeconds;
  const ratio = ours / baseline.perSecond;
  return {
    id: 'P3',
    title: `completed transition workflows (${stepCount} steps each), ${count} moves`,
    parcours: {
      value: round(ours),
      unit: 'workflows/s',
      seconds: round(oursSeconds, 2),
      refused: answers.length - transitionIds.length,
    },
    raw: { value: round(baseline.perSecond), unit: 'flows/s', seconds: round(baseline.seconds, 2) },
    ratio: round(ratio, 2),
    goal: '≥ 0.25×',
    met: ratio >= 0.25 && transitionIds.length === count,
    notes: [
      'Parcours: HTTP request, transaction, outbox, relay, flow, each step against PostgreSQL',
      'raw: FlowProducer.add of a parent and its children; the jobs return at once',
    ],
  };
}

async function rawFlows(redisUrl: string, count: number, steps: number) {
  const prefix = `bench-raw-${randomBytes(4).toString('hex')}`;
  const queueName = 'workflow';
  const connection = { url: redisUrl };
  const producer = new FlowProducer({ connection, prefix });
  let completed = 0;
  const worker = new Worker(
    queueName,
    async (job: Job) => {
      if (job.name === JOBS.transitionWorkflow) completed += 1;
    },
    { connection, prefix, concurrency: 8 },
  );
  try {
    await worker.waitUntilReady();
    const started = performance.now();
    await pool(
      Array.from({ length: count }, (_, i) => i),
      16,
      (i) =>
        producer.add({
          name: JOBS.transitionWorkflow,
          queueName,
          data: { flow: i },
          children: Array.from({ length: steps }, (_, step) => ({
            name: JOBS.transitionStep,
            queueName,
            data: { flow: i, step },
          })),
        }),
    );
    await waitUntil(async () => completed >= count, 600_000, 'raw BullMQ flows');
    const seconds = (performance.now() - started) / 1000;
    return { seconds, perSecond: count / seconds };
  } finally {
    await worker.close();
    await producer.close();
    await deleteQueueKeys(redisUrl, prefix).catch(() => undefined);
  }
}

/**
 * P5: `rows` startups imported as a CSV through POST /startups/import (each with its first entry,
 * audit and outbox row, like POST /startups) against PostgreSQL COPY of the same rows into the
 * startup table alone, from a server-side file.
 */
export async function importCase(
  platform: Platform,
  world: World,
  token: string,
  rows: number,
): Promise<CaseResult> {
  const names = Array.from({ length: rows }, (_, i) => `Import ${String(i + 1).padStart(6, '0')}`);
  const territories = ['CAEN', 'ROUEN', 'LE_HAVRE'];
  const domains = ['SMART_CITIES', 'SMART_PORTS_LOGISTICS', 'SMART_INDUSTRIES'];
  const csv =
    'nom;domaine;territoire;etape\n' +
    names
      .map((name, i) => `${name};${domains[i % 3]};${territories[(i / 3) % 3 | 0]};INCUBATION`)
      .join('\n') +
    '\n';

  const started = performance.now();
  const answer = await call<{ created: number; rejected: unknown[] }>(
    platform.baseUrl,
    'POST',
    `/api/v1/startups/import?structureId=${world.incubator}`,
    token,
    csv,
    'text/csv',
  );
  const oursSeconds = (performance.now() - started) / 1000;
  if (answer.status !== 200)
    throw new Error(`import: ${answer.status} ${JSON.stringify(answer.body)}`);

  // The same rows, column for column, as the server reads a file: the fastest way in.
  const [manager]: { id: string }[] = await platform.db.dataSource.query(
    `SELECT id FROM app_user WHERE email = $1`,
    [world.managerEmail],
  );
  const file = join(tmpdir(), `parcours-bench-copy-${randomBytes(4).toString('hex')}.csv`);
  writeFileSync(
    file,
    names
      .map(
        (name, i) =>
          `Copie ${name},${domains[i % 3]},${territories[(i / 3) % 3 | 0]},INCUBATION,ACTIVE,${world.incubator},${manager.id},${manager.id}`,
      )
      .join('\n') + '\n',
  );
  chmodSync(file, 0o644);
  let copySeconds: number;
  try {
    const copyStarted = performance.now();
    await platform.db.dataSource.query(
      `COPY startup (name, domain, territory_code, stage, status, current_structure_id,
                     created_by_id, updated_by_id)
       FROM '${file}' WITH (FORMAT csv)`,
    );
    copySeconds = (performance.now() - copyStarted) / 1000;
  } finally {
    rmSync(file, { force: true });
  }
  const ours = answer.body.created / oursSeconds;
  const baseline = rows / copySeconds;
  const ratio = ours / baseline;
  return {
    id: 'P5',
    title: `CSV import of ${rows} rows`,
    parcours: {
      value: round(ours),
      unit: 'rows/s',
      seconds: round(oursSeconds, 2),
      created: answer.body.created,
      rejected: answer.body.rejected.length,
    },
    raw: { value: round(baseline), unit: 'rows/s', seconds: round(copySeconds, 3) },
    ratio: round(ratio, 4),
    goal: '≥ 0.3×',
    met: ratio >= 0.3 && answer.body.created === rows,
    notes: [
      'Parcours: parse, validate, batches of 250 with each first entry (transition, stay, timeline, outbox, audit)',
      'raw: COPY of the startup rows alone',
    ],
  };
}
