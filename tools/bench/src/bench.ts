/*
 * `npm run bench [-- --scale small|national --seconds 10 --connections 100 --transitions 300
 *    --import-rows 10000 --read-startups 5000 --analytics-runs 20 --reseed
 *    --out dist/bench/bench-results.json --profile dist/bench/profiles]`
 *
 * Each case of Parcours next to its raw baseline, in the same run, on databases of the bench's
 * own; prints the table with the ratios and writes it with every figure to the JSON file.
 * Exits 0 whether or not the goals are met (the table says which): a bench measures, it does not
 * gate; it exits non-zero only when a case could not run.
 */
import { SCALES, type Scale } from './analytics-case';
import { DEFAULT_OPTIONS, runBench, type BenchOptions } from './run-bench';

const FLAGS: Record<string, keyof BenchOptions> = {
  '--scale': 'scale',
  '--seconds': 'seconds',
  '--connections': 'connections',
  '--read-startups': 'readStartups',
  '--transitions': 'transitions',
  '--import-rows': 'importRows',
  '--analytics-runs': 'analyticsRuns',
  '--reseed': 'reseed',
  '--out': 'out',
  '--profile': 'profile',
};

export function parseBenchArguments(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = { ...DEFAULT_OPTIONS };
  for (let index = 0; index < argv.length; index += 1) {
    const [flag, inline] = argv[index].split('=', 2);
    const key = FLAGS[flag];
    if (!key)
      throw new Error(`Unknown option "${argv[index]}"; known: ${Object.keys(FLAGS).join(', ')}`);
    if (key === 'reseed') {
      options.reseed = inline !== 'false';
      continue;
    }
    const raw = inline ?? argv[(index += 1)];
    if (raw === undefined) throw new Error(`Option ${flag} needs a value`);
    if (key === 'scale') {
      if (!(raw in SCALES))
        throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
      options.scale = raw as Scale;
    } else if (key === 'out' || key === 'profile') {
      options[key] = raw;
    } else {
      const value = Number(raw);
      if (!Number.isInteger(value) || value <= 0)
        throw new Error(`${flag} needs a positive integer`);
      (options as unknown as Record<string, number>)[key] = value;
    }
  }
  return options;
}

async function main(): Promise<void> {
  const options = parseBenchArguments(process.argv.slice(2));
  const report = await runBench(options);
  console.log(`\n${report.table}\n\nWritten to ${options.out}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
