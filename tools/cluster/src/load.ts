import { createRequire } from 'node:module';

/** What this tool reads of an autocannon result (the package ships no types). */
export interface LoadResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}

interface AutocannonOptions {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
  requests?: { method: string; path: string }[];
}

const load = createRequire(__filename)('autocannon') as (
  options: AutocannonOptions,
) => Promise<LoadResult>;

/**
 * GET /startups/:id over the given API base URLs at once (one autocannon per URL, the
 * connections shared out), cycling through the startups; the figures are summed.
 */
export async function readLoad(
  baseUrls: string[],
  token: string,
  startupIds: string[],
  connections: number,
  durationSeconds: number,
): Promise<{ requestsPerSecond: number; total: number; p99Ms: number; failed: number }> {
  const results = await Promise.all(
    baseUrls.map((url) =>
      load({
        url,
        connections: Math.max(1, Math.round(connections / baseUrls.length)),
        duration: durationSeconds,
        headers: { authorization: `Bearer ${token}` },
        requests: startupIds.map((id) => ({ method: 'GET', path: `/api/v1/startups/${id}` })),
      }),
    ),
  );
  return {
    requestsPerSecond: results.reduce((sum, r) => sum + r.requests.average, 0),
    total: results.reduce((sum, r) => sum + r.requests.total, 0),
    p99Ms: Math.max(...results.map((r) => r.latency.p99)),
    failed: results.reduce((sum, r) => sum + r.non2xx + r.errors, 0),
  };
}
