import { spawn } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from './service-process';

export interface PrivateRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
}

/**
 * A Redis server of the test's own, on a free port, so a test can stop and restart it without
 * touching the Redis other test files share. Needs the `redis-server` binary (Debian's package).
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  let process: ReturnType<typeof spawn> | null = null;
  const start = async () => {
    process = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    );
    const deadline = Date.now() + 10_000;
    for (;;) {
      const probe = new Redis(url, {
        lazyConnect: true,
        maxRetriesPerRequest: 0,
        retryStrategy: () => null,
      });
      try {
        await probe.connect();
        await probe.ping();
        return;
      } catch {
        if (Date.now() > deadline) throw new Error(`redis-server on ${port} did not start`);
        await new Promise((done) => setTimeout(done, 50));
      } finally {
        probe.disconnect();
      }
    }
  };
  const stop = async () => {
    const running = process;
    process = null;
    if (!running || running.exitCode !== null) return;
    await new Promise<void>((done) => {
      running.once('exit', () => done());
      running.kill('SIGKILL');
    });
  };
  await start();
  return { url, port, start, stop };
}
