import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Builders,
  TEST_PASSWORD,
  builtApp,
  createTestDatabase,
  deleteQueueKeys,
  freePort,
  startService,
  uniqueQueuePrefix,
  waitForHttpOk,
  waitForQueuesToDrain,
  type ServiceProcess,
  type TestDatabase,
} from '@parcours/server-testing';

export const TEST_JWT_SECRET = 'e2e-secret-that-is-long-enough-for-hs256-0123456789';

export interface Platform {
  db: TestDatabase;
  builders: Builders;
  baseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  api: ServiceProcess;
  workers: ServiceProcess[];
  env: Record<string, string>;
  /** Starts one more worker; `env` adds to (or overrides) the platform's environment. */
  startWorker(env?: Record<string, string>): Promise<ServiceProcess>;
  drain(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A whole platform of the test file's own: a fresh database cloned from the migrated template,
 * a queue prefix nobody else uses, the built API and worker(s) as real processes.
 */
export async function startPlatform(
  options: { workers?: number; redisUrl?: string; env?: Record<string, string> } = {},
): Promise<Platform> {
  const db = await createTestDatabase();
  const port = await freePort();
  const redisUrl = options.redisUrl ?? process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
  const queuePrefix = uniqueQueuePrefix('e2e');
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: '5',
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: queuePrefix,
    JWT_SECRET: TEST_JWT_SECRET,
    JOB_LOCK_DURATION_MS: '4000',
    OUTBOX_POLL_MS: '100',
    WORKER_CONCURRENCY: '4',
    // Uploaded documents of this platform only, removed with it.
    DOCUMENTS_DIR: mkdtempSync(join(tmpdir(), 'parcours-e2e-documents-')),
    ...options.env,
  };
  const api = startService('api', builtApp('api'), env);
  const baseUrl = `http://127.0.0.1:${port}`;
  const workers: ServiceProcess[] = [];
  const startWorker = async (extraEnv: Record<string, string> = {}) => {
    const worker = startService(`worker-${workers.length + 1}`, builtApp('worker'), {
      ...env,
      ...extraEnv,
    });
    workers.push(worker);
    return worker;
  };
  for (let i = 0; i < (options.workers ?? 1); i += 1) await startWorker();
  // Generous: on a loaded machine a Nest application can take a while to boot.
  await waitForHttpOk(`${baseUrl}/health/live`, api, 120_000);
  return {
    db,
    builders: new Builders(db.dataSource),
    baseUrl,
    redisUrl,
    queuePrefix,
    api,
    workers,
    env,
    startWorker,
    // A drain that times out says what the processes printed: the reason is usually there.
    drain: (timeoutMs = 30_000) =>
      waitForQueuesToDrain({ redisUrl, queuePrefix, databaseUrl: db.url, timeoutMs }).catch(
        (error: Error) => {
          const logs = [api, ...workers]
            .map((s) => `--- ${s.name}\n${s.output().slice(-4000)}`)
            .join('\n');
          throw new Error(`${error.message}\n${logs}`);
        },
      ),
    async stop() {
      await Promise.all([api, ...workers].map((service) => service.stop('SIGTERM')));
      // E2E_SHOW_LOGS=1 prints what the processes said, for debugging a failing test.
      if (process.env['E2E_SHOW_LOGS']) {
        for (const service of [api, ...workers])
          console.log(`--- ${service.name}\n${service.output()}`);
      }
      await deleteQueueKeys(redisUrl, queuePrefix).catch(() => undefined);
      await rm(env['DOCUMENTS_DIR'], { recursive: true, force: true });
      await db.drop();
    },
  };
}

export interface HttpResult<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

/** A small HTTP client bound to the platform, with an optional bearer token. */
export function client(platform: Pick<Platform, 'baseUrl'>, token?: string) {
  const call = async <T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<HttpResult<T>> => {
    const response = await fetch(`${platform.baseUrl}${path}`, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON (metrics, CSV): keep the text
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  };
  return {
    get: <T = Record<string, unknown>>(path: string, headers?: Record<string, string>) =>
      call<T>('GET', path, undefined, headers),
    post: <T = Record<string, unknown>>(
      path: string,
      body?: unknown,
      headers?: Record<string, string>,
    ) => call<T>('POST', path, body, headers),
    patch: <T = Record<string, unknown>>(
      path: string,
      body?: unknown,
      headers?: Record<string, string>,
    ) => call<T>('PATCH', path, body, headers),
    put: <T = Record<string, unknown>>(
      path: string,
      body?: unknown,
      headers?: Record<string, string>,
    ) => call<T>('PUT', path, body, headers),
  };
}

export async function signIn(
  platform: Pick<Platform, 'baseUrl'>,
  email: string,
  password = TEST_PASSWORD,
) {
  const result = await client(platform).post<{ accessToken: string }>('/api/v1/auth/login', {
    email,
    password,
  });
  if (result.status !== 200)
    throw new Error(`sign-in of ${email} failed: ${result.status} ${JSON.stringify(result.body)}`);
  return client(platform, result.body.accessToken);
}
