import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import type { CaseResult } from './cases';

const WORKSPACE_ROOT = resolve(__dirname, '../../..');

export const SCALES = {
  tiny: { startups: 300, events: 3_000 },
  small: { startups: 10_000, events: 200_000 },
  national: { startups: 100_000, events: 2_000_000 },
} as const;

export type Scale = keyof typeof SCALES;

interface MeasuredFigure {
  scenario: string;
  endpoint: string;
  rollup: { p50: number; p95: number };
  naive: { p50: number; p95: number };
  same: boolean;
}

/** A seed-scale script (seed or measure) as a process; its output is passed on when `echo`. */
function runSeedScale(script: string, args: string[], echo: boolean): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [
        '-r',
        'ts-node/register',
        '-r',
        'tsconfig-paths/register',
        `tools/seed-scale/src/${script}`,
        ...args,
      ],
      {
        cwd: WORKSPACE_ROOT,
        env: {
          // jest (which loads its TypeScript config through ts-node) leaves ts-node settings of
          // its own in the environment; the script gets only the ones of its project.
          ...Object.fromEntries(
            Object.entries(process.env).filter(([name]) => !name.startsWith('TS_NODE_')),
          ),
          TS_NODE_PROJECT: 'tools/seed-scale/tsconfig.app.json',
          TS_NODE_BASEURL: '../..',
          TS_NODE_TRANSPILE_ONLY: 'true',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    const take = (chunk: Buffer) => {
      output += chunk.toString();
      if (echo) process.stdout.write(chunk.toString().replace(/^(?=.)/gm, `  ${script}: `));
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.once('exit', (code) =>
      code === 0 ? done() : fail(new Error(`${script} exited with ${code}:\n${output}`)),
    );
  });
}

/**
 * Whether the database already holds a complete seed-scale history of this size (its comment
 * names the options it was made with), so that a second run of the national bench skips the
 * generation; `reseed` always regenerates.
 */
async function alreadySeeded(url: string, startups: number, events: number): Promise<boolean> {
  const name = new URL(url).pathname.slice(1);
  const server = new Client({ connectionString: url.replace(/\/[^/]*$/, '/postgres') });
  await server.connect();
  try {
    const found = await server.query<{ comment: string | null }>(
      `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
      [name],
    );
    const comment = found.rows[0]?.comment ?? '';
    if (!comment.includes(`"startups":${startups},"events":${events},`)) return false;
  } finally {
    await server.end();
  }
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const counted = await db.query<{ startups: number; stays: number }>(
      `SELECT (SELECT count(*) FROM startup)::int AS startups,
              (SELECT count(*) FROM analytics_stay)::int AS stays`,
    );
    return counted.rows[0].startups === startups && counted.rows[0].stays > 0;
  } catch {
    return false;
  } finally {
    await db.end();
  }
}

/**
 * P4: funnel and time in stage through the roll-ups (AnalyticsService) against the same figures
 * computed from the raw events, on a seed-scale history in a database of the bench's own
 * (`parcours_bench_<scale>`, never the development database). The worst scenario of seed-scale's
 * `measure` counts: highest roll-up p95, lowest ratio of the p95s.
 */
export async function analyticsCases(options: {
  scale: Scale;
  serverUrl: string;
  reseed: boolean;
  runs: number;
  echo: boolean;
}): Promise<CaseResult[]> {
  const size = SCALES[options.scale];
  const url = options.serverUrl.replace(/\/[^/]*$/, `/parcours_bench_${options.scale}`);
  const reused = !options.reseed && (await alreadySeeded(url, size.startups, size.events));
  if (!reused) {
    await runSeedScale(
      'seed-scale.ts',
      ['--startups', String(size.startups), '--events', String(size.events), '--database-url', url],
      options.echo,
    );
  }
  const results: CaseResult[] = [];
  for (const endpoint of ['funnel', 'time-in-stage']) {
    const file = join(tmpdir(), `parcours-bench-${process.pid}-${endpoint}.json`);
    try {
      await runSeedScale(
        'measure.ts',
        [
          '--database-url',
          url,
          '--only',
          endpoint,
          '--runs',
          String(options.runs),
          '--warmup',
          '3',
          '--naive-runs',
          '1',
          '--json',
          file,
        ],
        false,
      );
      const measured = JSON.parse(readFileSync(file, 'utf8')) as { figures: MeasuredFigure[] };
      const figures = measured.figures.filter((f) => f.endpoint === endpoint);
      const worstP95 = Math.max(...figures.map((f) => f.rollup.p95));
      const ratios = figures.map((f) => f.naive.p95 / f.rollup.p95);
      const lowestRatio = Math.min(...ratios);
      const worstRatio = figures[ratios.indexOf(lowestRatio)];
      const allSame = figures.every((f) => f.same);
      results.push({
        id: 'P4',
        title: `${endpoint}, ${size.startups.toLocaleString('en')} startups / ${size.events.toLocaleString('en')} events, ${figures.length} scenarios`,
        parcours: {
          value: round(worstP95),
          unit: 'ms p95 (worst scenario)',
          scenarios: figures.map((f) => ({ scenario: f.scenario, ...f.rollup })),
        },
        raw: {
          value: round(worstRatio.naive.p95),
          unit: `ms p95 (naive SQL, scenario of the lowest ratio: ${worstRatio.scenario})`,
          scenarios: figures.map((f) => ({ scenario: f.scenario, ...f.naive })),
        },
        ratio: lowestRatio >= 10 ? Math.round(lowestRatio) : round(lowestRatio),
        goal: 'p95 ≤ 50 ms and ≥ 100× faster',
        met: allSame && worstP95 <= 50 && lowestRatio >= 100,
        notes: [
          allSame ? 'roll-ups and naive SQL gave the same figures' : 'FIGURES DIFFER',
          reused ? `history reused from ${new URL(url).pathname.slice(1)}` : 'history generated',
        ],
      });
    } finally {
      rmSync(file, { force: true });
    }
  }
  return results;
}

const round = (value: number) => Math.round(value * 10) / 10;
