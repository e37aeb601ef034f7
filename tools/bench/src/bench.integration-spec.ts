import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_OPTIONS, runBench, type BenchReport } from './run-bench';

/*
 * The bench at tiny sizes, end to end: built API and worker, raw baselines, a small seed-scale
 * history. Timings depend on the machine and on whatever else runs, so none is asserted; what is
 * asserted is that every case ran on both sides and that the JSON says so.
 */
describe('npm run bench, tiny', () => {
  const folder = mkdtempSync(join(tmpdir(), 'parcours-bench-'));
  const out = join(folder, 'bench-results.json');
  let report: BenchReport;

  beforeAll(async () => {
    report = await runBench({
      ...DEFAULT_OPTIONS,
      scale: 'tiny',
      seconds: 1,
      connections: 10,
      readStartups: 120,
      transitions: 4,
      importRows: 30,
      analyticsRuns: 2,
      out,
      echo: false,
    });
  });

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('writes a JSON report with the machine and every case on both sides', () => {
    const written = JSON.parse(readFileSync(out, 'utf8')) as BenchReport;
    expect(written).toEqual(report);
    expect(written.machine.cores).toBeGreaterThan(0);
    expect(written.machine.node).toBe(process.version);
    expect(written.cases.map((c) => c.id)).toEqual(['P1', 'P2', 'P3', 'P4', 'P4', 'P5', 'P7']);
    expect(written.cases.map((c) => c.title)).toEqual([
      expect.stringContaining('GET /api/v1/startups/:id'),
      expect.stringContaining('GET /api/v1/startups,'),
      expect.stringContaining('transition workflows'),
      expect.stringMatching(/^funnel/),
      expect.stringMatching(/^time-in-stage/),
      expect.stringContaining('CSV import of 30 rows'),
      expect.stringContaining('resident memory'),
    ]);
    for (const result of written.cases) {
      expect(result.parcours.value).toBeGreaterThan(0);
      expect(result.raw.value).toBeGreaterThan(0);
      expect(Number.isFinite(result.ratio)).toBe(true);
      expect(typeof result.met).toBe('boolean');
      expect(result.goal).not.toBe('');
    }
  });

  it('compares like with like: same bodies, same figures, every row and move done', () => {
    const cases = (id: string) => report.cases.filter((c) => c.id === id);
    expect(cases('P1')[0].notes).toContain('both sides answered the same body');
    expect(cases('P2')[0].notes).toContain('both sides answered the same body');
    expect(cases('P4')).toHaveLength(2);
    for (const analytics of cases('P4')) {
      expect(analytics.notes).toContain('roll-ups and naive SQL gave the same figures');
    }
    expect(cases('P3')[0].parcours['refused']).toBe(0);
    expect(cases('P5')[0].parcours['created']).toBe(30);
    expect(cases('P5')[0].parcours['rejected']).toBe(0);
  });

  it('prints the table with one row per case', () => {
    expect(report.table).toMatch(/^Machine: \d+ cores/);
    const rows = report.table.split('\n').filter((line) => /^\| P\d /.test(line));
    expect(rows).toHaveLength(7);
  });
});
