import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** What the bench reads of an autocannon result (the package ships no types). */
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
  requests?: { method: string; path: string }[];
}

const autocannon = createRequire(__filename)('autocannon') as (
  options: AutocannonOptions,
) => Promise<AutocannonResult>;

export interface LoadFigures {
  requestsPerSecond: number;
  total: number;
  p50Ms: number;
  p99Ms: number;
  failed: number;
  /** Highest resident memory of the serving process seen during the load (MB). */
  peakRssMb: number;
}

/**
 * `connections` clients cycling through `paths` for `seconds` against one server, after a warm-up
 * of a fifth of that (JIT, pool connections, PostgreSQL caches) that is not counted. The serving
 * process's resident memory is sampled every 100 ms while the counted load runs.
 */
export async function httpLoad(options: {
  baseUrl: string;
  paths: string[];
  connections: number;
  seconds: number;
  token?: string;
  pid: number;
}): Promise<LoadFigures> {
  const run = (duration: number) =>
    autocannon({
      url: options.baseUrl,
      connections: options.connections,
      duration,
      headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
      requests: options.paths.map((path) => ({ method: 'GET', path })),
    });
  await run(Math.max(1, Math.round(options.seconds / 5)));
  let peakRssKb = residentKb(options.pid);
  const sampler = setInterval(() => {
    peakRssKb = Math.max(peakRssKb, residentKb(options.pid));
  }, 100);
  try {
    const result = await run(options.seconds);
    return {
      requestsPerSecond: result.requests.average,
      total: result.requests.total,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      failed: result.non2xx + result.errors + result.timeouts,
      peakRssMb: Math.round((peakRssKb / 1024) * 10) / 10,
    };
  } finally {
    clearInterval(sampler);
  }
}

/** VmRSS of a process, from /proc (0 once it is gone). */
export function residentKb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}
