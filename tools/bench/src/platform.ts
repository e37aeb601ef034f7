import {
  builtApp,
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
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const WORKSPACE_ROOT = resolve(__dirname, '../../..');
const JWT_SECRET = 'bench-run-secret-that-is-long-enough-for-hs256-0123456';

/**
 * The production API and worker (dist/apps/api, dist/apps/worker) on a database made for the run
 * (cloned from the migrated template, dropped at the end) and a queue prefix of the run's own,
 * configured as a deployment would be apart from the secret.
 */
export interface Platform {
  db: TestDatabase;
  redisUrl: string;
  queuePrefix: string;
  api: ServiceProcess;
  worker: ServiceProcess;
  baseUrl: string;
  drain(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** `profileDir`: the API and the worker write V8 CPU profiles there when they stop. */
export async function startPlatform(profileDir?: string): Promise<Platform> {
  const db = await createTestDatabase();
  const redisUrl = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
  const queuePrefix = uniqueQueuePrefix('bench');
  const port = await freePort();
  const env: Record<string, string> = {
    // The production builds; `test` only so that the manager signs in with a password alone
    // (staff must use a second factor in production), as the end-to-end suites do.
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATABASE_URL: db.url,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: queuePrefix,
    JWT_SECRET,
    LOG_LEVEL: 'warn',
    DOCUMENTS_DIR: join(tmpdir(), `${queuePrefix}-documents`),
    ...(profileDir ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${resolve(profileDir)}` } : {}),
  };
  const api = startService('api', builtApp('api'), env);
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHttpOk(`${baseUrl}/health/ready`, api, 180_000);
  } catch (error) {
    await api.stop('SIGKILL');
    await db.drop();
    throw error;
  }
  const worker = startService('worker', builtApp('worker'), env);
  return {
    db,
    redisUrl,
    queuePrefix,
    api,
    worker,
    baseUrl,
    drain: (timeoutMs = 300_000) =>
      waitForQueuesToDrain({ redisUrl, queuePrefix, databaseUrl: db.url, timeoutMs }),
    async stop() {
      await Promise.all([api.stop('SIGTERM'), worker.stop('SIGTERM')]);
      await deleteQueueKeys(redisUrl, queuePrefix).catch(() => undefined);
      await db.drop();
    },
  };
}

/** A TypeScript entry of this tool as a process of its own (ts-node, as `npm run bench` runs). */
export function startTypeScriptService(
  name: string,
  entry: string,
  env: Record<string, string>,
): ServiceProcess {
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', resolve(__dirname, entry)],
    {
      cwd: WORKSPACE_ROOT,
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? '/tmp',
        TS_NODE_PROJECT: 'tools/bench/tsconfig.app.json',
        TS_NODE_BASEURL: '../..',
        TS_NODE_TRANSPILE_ONLY: 'true',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  return {
    name,
    child,
    output: () => output,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export async function startRawReadServer(db: TestDatabase, structures: string[]) {
  const port = await freePort();
  const server = startTypeScriptService('raw-read-server', 'raw-read-server.ts', {
    DATABASE_URL: db.url,
    PORT: String(port),
    STRUCTURES: structures.join(','),
    DATABASE_POOL_SIZE: '10',
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  await waitForHttpOk(`${baseUrl}/health/ready`, server, 120_000).catch(async (error) => {
    await server.stop('SIGKILL');
    throw error;
  });
  return { server, baseUrl };
}

/** An incubator, a nursery programme to move into, and the manager who does it. */
export const seedWorld = (db: TestDatabase) => seedMoveWorld(db, 'manager.rouen@bench.parcours');

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
