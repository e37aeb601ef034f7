import { testDatabaseServerUrl } from '@parcours/server-testing';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname } from 'node:path';
import { analyticsCases, SCALES, type Scale } from './analytics-case';
import {
  importCase,
  readCases,
  seedReadableStartups,
  workflowCase,
  type CaseResult,
} from './cases';
import { seedWorld, signIn, startPlatform } from './platform';

export interface BenchOptions {
  scale: Scale;
  /** Counted seconds of each HTTP load (a fifth more to warm up). */
  seconds: number;
  connections: number;
  /** Startups in the database for the read cases. */
  readStartups: number;
  transitions: number;
  importRows: number;
  /** Warm runs of each roll-up figure in P4. */
  analyticsRuns: number;
  reseed: boolean;
  out: string;
  /** Folder where the API and the worker write CPU profiles (`.cpuprofile`), when given. */
  profile: string;
  /** Progress lines on stdout. */
  echo: boolean;
}

export const DEFAULT_OPTIONS: BenchOptions = {
  scale: 'small',
  seconds: 10,
  connections: 100,
  readStartups: 5_000,
  transitions: 300,
  importRows: 10_000,
  analyticsRuns: 20,
  reseed: false,
  out: 'dist/bench/bench-results.json',
  profile: '',
  echo: true,
};

export interface BenchReport {
  machine: {
    cores: number;
    cpu: string;
    memoryMb: number;
    node: string;
    platform: string;
    loadAverageAtStart: number[];
    loadAverageAtEnd: number[];
  };
  options: Omit<BenchOptions, 'echo'>;
  startedAt: string;
  finishedAt: string;
  cases: CaseResult[];
  table: string;
}

/** Runs every case and its baseline, writes the JSON report and returns it. */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const say = (line: string) => options.echo && console.log(line);
  const startedAt = new Date().toISOString();
  const loadAverageAtStart = loadavg().map((l) => Math.round(l * 100) / 100);
  const cases: CaseResult[] = [];

  say(`Platform: building the database and starting dist/apps/api and dist/apps/worker…`);
  const platform = await startPlatform(options.profile || undefined);
  try {
    const world = await seedWorld(platform.db);
    const token = await signIn(platform.baseUrl, world.managerEmail);
    const readable = await seedReadableStartups(platform, world, options.readStartups);
    say(`P1, P2, P7: reads (${options.connections} connections, ${options.seconds} s each side)…`);
    cases.push(...(await readCases(platform, world, token, readable, options)));
    say(`P3: ${options.transitions} moves and as many raw flows…`);
    cases.push(await workflowCase(platform, world, token, options.transitions));
    say(`P5: import of ${options.importRows} rows and COPY of the same…`);
    cases.push(await importCase(platform, world, token, options.importRows));
  } finally {
    await platform.stop();
  }
  const size = SCALES[options.scale];
  say(
    `P4: analytics at ${options.scale} scale (${size.startups} startups, ${size.events} events)…`,
  );
  cases.push(
    ...(await analyticsCases({
      scale: options.scale,
      serverUrl: testDatabaseServerUrl(),
      reseed: options.reseed,
      runs: options.analyticsRuns,
      echo: options.echo,
    })),
  );
  cases.sort((a, b) => a.id.localeCompare(b.id));

  const recorded: Partial<BenchOptions> = { ...options };
  delete recorded.echo;
  const report: BenchReport = {
    machine: {
      cores: cpus().length,
      cpu: cpus()[0]?.model ?? 'unknown',
      memoryMb: Math.round(totalmem() / 2 ** 20),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      loadAverageAtStart,
      loadAverageAtEnd: loadavg().map((l) => Math.round(l * 100) / 100),
    },
    options: recorded as Omit<BenchOptions, 'echo'>,
    startedAt,
    finishedAt: new Date().toISOString(),
    cases,
    table: '',
  };
  report.table = renderTable(report);
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, JSON.stringify(report, null, 2) + '\n');
  return report;
}

const figure = (side: CaseResult['parcours']) => {
  const p99 = typeof side['p99Ms'] === 'number' ? ` (p99 ${side['p99Ms']} ms)` : '';
  return `${side.value.toLocaleString('en')} ${side.unit}${p99}`;
};

export function renderTable(report: Omit<BenchReport, 'table'>): string {
  const m = report.machine;
  const lines = [
    `Machine: ${m.cores} cores (${m.cpu}), ${m.memoryMb} MB, Node ${m.node}, ${m.platform}; ` +
      `load average ${m.loadAverageAtStart.join(' ')} at start, ${m.loadAverageAtEnd.join(' ')} at end`,
    `Scale: ${report.options.scale}; ${report.startedAt} → ${report.finishedAt}`,
    '',
    '| case | what | Parcours | raw baseline | ratio | goal | met |',
    '|---|---|---|---|---|---|---|',
    ...report.cases.map(
      (c) =>
        `| ${c.id} | ${c.title} | ${figure(c.parcours)} | ${figure(c.raw)} | ${c.ratio}× | ${c.goal} | ${c.met ? 'yes' : 'NO'} |`,
    ),
  ];
  const notes = report.cases.flatMap((c) => c.notes.map((note) => `- ${c.id}: ${note}`));
  return [...lines, '', ...notes].join('\n');
}
