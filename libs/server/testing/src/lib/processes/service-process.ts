import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export interface ServiceProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Everything the process printed, for assertions and for failure messages. */
  output(): string;
  /** SIGTERM (graceful) or SIGKILL (crash); resolves with the exit code/signal. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const WORKSPACE_ROOT = resolve(__dirname, '../../../../../..');

/** The built entry point of an app, e.g. `dist/apps/api/main.js`. */
export function builtApp(app: 'api' | 'worker'): string {
  const path = resolve(WORKSPACE_ROOT, 'dist/apps', app, 'main.js');
  if (!existsSync(path))
    throw new Error(`${path} is missing: build it first (npx nx build ${app})`);
  return path;
}

/** Starts a built app as a real child process, with its own environment. */
export function startService(
  name: string,
  entry: string,
  env: Record<string, string>,
): ServiceProcess {
  const child = spawn(process.execPath, [entry], {
    cwd: WORKSPACE_ROOT,
    env: {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '/tmp',
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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

/**
 * Polls a URL until it answers 200, or fails with the process output. The default leaves room
 * for a Nest start-up on a busy machine (measured at 27 s with a load average of 34 on 2 cores).
 */
export async function waitForHttpOk(
  url: string,
  service: ServiceProcess,
  timeoutMs = 90_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (service.child.exitCode !== null) {
      throw new Error(
        `${service.name} exited with ${service.child.exitCode}:\n${service.output()}`,
      );
    }
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`${url} did not answer in ${timeoutMs} ms:\n${service.output()}`);
    await new Promise((done) => setTimeout(done, 100));
  }
}

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}
