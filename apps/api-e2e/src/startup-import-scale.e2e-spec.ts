import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isValidSiren } from '@parcours/domain';
import { startPlatform, type Platform } from './support/platform';
import { accessToken } from './support/access-scenario';
import { buildScenario } from './support/scenario';

interface Report {
  created: number;
  rejected: { row: number; errors: { path: string; message: string }[] }[];
}

/** The SIREN with the 8 digits given and the check digit that makes it valid. */
function sirenFrom(prefix: number): string {
  const head = String(prefix).padStart(8, '0');
  for (let digit = 0; digit <= 9; digit += 1) {
    if (isValidSiren(`${head}${digit}`)) return `${head}${digit}`;
  }
  throw new Error(`no check digit for ${head}`);
}
const badSiren = (prefix: number) => {
  const good = sirenFrom(prefix);
  return `${good.slice(0, 8)}${(Number(good[8]) + 1) % 10}`;
};

/** The API's memory after a full garbage collection, as `support/memory-probe.cjs` writes it. */
interface MemorySample {
  at: number;
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}
const PROBE_INTERVAL_MS = 500;
const MiB = 1024 * 1024;

/** 10,000 by default; `IMPORT_SCALE_ROWS` measures another size (the README's figures). */
const ROWS = Number(process.env['IMPORT_SCALE_ROWS'] ?? 10_000);
/** The first import, a quarter of the second: what grows with the rows shows as a difference. */
const SMALL_ROWS = Math.round(ROWS / 4);
/**
 * Long descriptions (about 4 KB a row) make the file several times larger than what the import
 * may hold at once: memory that stays flat then shows the file was never held whole. The ’ makes
 * every row a two-byte string in V8: 42 MiB of file would be 84 MiB of heap if held as text.
 */
const DESCRIPTION = 'Plateforme de jumeaux numériques pour l’industrie. '.repeat(80).trim();
const HEADER =
  'nom;raison_sociale;siren;domaine;territoire;date_creation;etape;etiquettes;description';

/**
 * The API of this file runs with its old generation capped: what it holds at rest (about 80 MiB
 * after a collection) plus the 10,000-row file as text (84 MiB) does not fit, so an import that
 * kept the file or its rows would crash the process instead of passing.
 */
const MAX_OLD_SPACE_MIB = 144;
/**
 * What an import may add to the API's memory after a full collection (heap plus buffers
 * outside it), in MiB: one batch of 250 rows with its statements, the parser's and the upload's
 * buffers, the report. Measured on the development machine: about +13 MiB (8.5 of heap, 4.7
 * outside it) for 10,000 rows (42 MiB) as for 2,500 (10.5 MiB).
 */
const MAX_RETAINED_GROWTH_MIB = 32;
/** How much more the large import may retain than the small one, with four times its rows. */
const MAX_GROWTH_WITH_ROWS_MIB = 12;

describe('startup import at scale: 10,000 rows in one file, flat memory', () => {
  let platform: Platform;
  let scenario: Awaited<ReturnType<typeof buildScenario>>;
  let token: string;
  let adminToken: string;
  const probeDir = mkdtempSync(join(tmpdir(), 'parcours-import-memory-'));
  const probeFile = join(probeDir, 'api-memory.jsonl');

  beforeAll(async () => {
    // No worker: the first-entry workflows of the imported startups are not this file's subject.
    platform = await startPlatform({
      workers: 0,
      env: {
        NODE_OPTIONS: [
          `--max-old-space-size=${MAX_OLD_SPACE_MIB}`,
          '--expose-gc',
          `--require "${join(__dirname, 'support', 'memory-probe.cjs')}"`,
        ].join(' '),
        MEMORY_PROBE_FILE: probeFile,
        MEMORY_PROBE_INTERVAL_MS: String(PROBE_INTERVAL_MS),
      },
    });
    scenario = await buildScenario(platform);
    token = await accessToken(platform, scenario.users.managerRouen);
    adminToken = await accessToken(platform, scenario.users.admin);
  });

  afterAll(async () => {
    await platform?.stop();
    await rm(probeDir, { recursive: true, force: true });
  });

  const samples = (): MemorySample[] =>
    existsSync(probeFile)
      ? readFileSync(probeFile, 'utf8')
          .split('\n')
          // The last piece is empty, or a line the probe is still writing.
          .slice(0, -1)
          .map((line) => JSON.parse(line) as MemorySample)
      : [];
  const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

  /** Posts the file as a multipart upload; the API's memory before and during, from the probe. */
  async function importFile(csv: Buffer) {
    // A few samples with the API idle: the last one before the request is the baseline.
    await pause(3 * PROBE_INTERVAL_MS);
    const started = Date.now();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(csv)], { type: 'text/csv' }), 'startups.csv');
    const response = await fetch(
      `${platform.baseUrl}/api/v1/startups/import?structureId=${scenario.structures.rouenIncubator}`,
      { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form },
    ).catch((error: Error) => {
      // A crash (the capped heap exhausted) says so in the API's last words.
      throw new Error(`${error.message}\n--- api\n${platform.api.output().slice(-4000)}`);
    });
    const report = (await response.json()) as Report;
    const finished = Date.now();
    const all = samples();
    const baseline = all.filter((sample) => sample.at < started).at(-1);
    const during = all.filter((sample) => sample.at >= started && sample.at <= finished);
    if (!baseline || during.length === 0) throw new Error('the memory probe wrote no samples');
    const peak = (key: keyof MemorySample) => Math.max(...during.map((sample) => sample[key]));
    const heapGrowth = (peak('heapUsed') - baseline.heapUsed) / MiB;
    const externalGrowth = (peak('external') - baseline.external) / MiB;
    return {
      status: response.status,
      report,
      seconds: (finished - started) / 1000,
      fileMiB: csv.length / MiB,
      heapGrowth,
      externalGrowth,
      retainedGrowth: heapGrowth + externalGrowth,
      baselineHeap: baseline.heapUsed / MiB,
      baselineRss: baseline.rss / MiB,
      peakRss: peak('rss') / MiB,
      samples: during.length,
    };
  }

  /** The figures README.md and docs/documents-and-import.md quote come from these lines. */
  function describeRun(rows: number, run: Awaited<ReturnType<typeof importFile>>): string {
    return (
      `import of ${rows} rows (${run.fileMiB.toFixed(1)} MiB): ${run.seconds.toFixed(1)} s, ` +
      `${Math.round(rows / run.seconds)} rows/s; API after full collections (${run.samples} ` +
      `samples): heap ${run.baselineHeap.toFixed(0)} MiB at rest, ` +
      `+${run.heapGrowth.toFixed(1)} MiB heap, +${run.externalGrowth.toFixed(1)} MiB outside ` +
      `the heap at most; resident ${run.baselineRss.toFixed(0)} → ${run.peakRss.toFixed(0)} MiB`
    );
  }

  it('creates every valid row, reports the bad ones by row number, writes nothing for them, and holds no more for 10,000 rows than for 2,500', async () => {
    // A first request warms the process up.
    await fetch(`${platform.baseUrl}/api/v1/startups/import/template`, {
      headers: { authorization: `Bearer ${token}` },
    });

    const smallLines = [HEADER];
    for (let row = 2; row <= SMALL_ROWS + 1; row += 1) {
      const siren = sirenFrom(30_000_000 + row);
      smallLines.push(
        `Amorce ${row};Amorce SAS;${siren};SMART_INDUSTRIES;Rouen;2024-02-29;;lot-a;${DESCRIPTION}`,
      );
    }
    const small = await importFile(Buffer.from(`${smallLines.join('\r\n')}\r\n`, 'utf8'));
    smallLines.length = 0;
    console.log(describeRun(SMALL_ROWS, small));
    expect(small.status).toBe(200);
    expect(small.report).toEqual({ created: SMALL_ROWS, rejected: [] });

    const last = ROWS + 1;
    const bad = new Map<number, string>([
      [2, 'siren'], // the first data row
      [Math.round(ROWS * 0.1234), 'domaine'],
      [Math.round(ROWS * 0.5), 'nom'],
      [Math.round(ROWS * 0.7777), 'date_creation'],
      [last, 'etape'], // the last one
    ]);
    const lines = [HEADER];
    for (let row = 2; row <= last; row += 1) {
      const name = bad.get(row) === 'nom' ? '' : `Import ${row}`;
      const siren =
        bad.get(row) === 'siren' ? badSiren(40_000_000 + row) : sirenFrom(40_000_000 + row);
      const domain = bad.get(row) === 'domaine' ? 'AGRICULTURE' : 'SMART_INDUSTRIES';
      const founded = bad.get(row) === 'date_creation' ? '2024-02-30' : '2024-02-29';
      const stage = bad.get(row) === 'etape' ? 'ACCELERATION' : row % 2 ? 'INCUBATION' : '';
      lines.push(
        `${name};${name} SAS;${siren};${domain};Rouen;${founded};${stage};lot-a|lot-b;${DESCRIPTION}`,
      );
    }
    const large = await importFile(Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8'));
    lines.length = 0;
    console.log(describeRun(ROWS, large));

    expect(large.status).toBe(200);
    expect(large.report.created).toBe(ROWS - bad.size);
    expect(large.report.rejected.map((r) => [r.row, r.errors.map((e) => e.path)])).toEqual(
      [...bad.entries()].sort(([a], [b]) => a - b).map(([row, path]) => [row, [path]]),
    );
    if (ROWS >= 10_000) expect(large.fileMiB).toBeGreaterThan(30);
    // Flat: a bounded amount whatever the size, and not more for four times the rows.
    expect(large.retainedGrowth).toBeLessThan(MAX_RETAINED_GROWTH_MIB);
    expect(large.retainedGrowth - small.retainedGrowth).toBeLessThan(MAX_GROWTH_WITH_ROWS_MIB);

    const count = async (sql: string, params: unknown[] = []) =>
      ((await platform.db.dataSource.query(sql, params)) as { n: number }[])[0].n;
    expect(await count(`SELECT count(*)::int AS n FROM startup WHERE name LIKE 'Import %'`)).toBe(
      ROWS - bad.size,
    );
    for (const row of bad.keys()) {
      expect(
        await count(`SELECT count(*)::int AS n FROM startup WHERE name = $1`, [`Import ${row}`]),
      ).toBe(0);
    }
    // Each one created as POST /startups creates one: its completed first entry, its open stay,
    // its audit entries, followed by the importing manager's structure, marked for analytics.
    expect(
      await count(
        `SELECT count(*)::int AS n FROM startup s
           JOIN transition t ON t.startup_id = s.id AND t.from_stage IS NULL
                            AND t.status = 'APPROVED' AND t.to_stage = s.stage
           JOIN stage_stay st ON st.startup_id = s.id AND st.left_at IS NULL AND st.stage = s.stage
                             AND st.entered_by_transition_id = t.id
           JOIN outbox o ON o.aggregate_id = t.id
           JOIN analytics_dirty_startup d ON d.startup_id = s.id
          WHERE s.name LIKE 'Import %' AND s.current_structure_id = $1 AND s.version = 2`,
        [scenario.structures.rouenIncubator],
      ),
    ).toBe(ROWS - bad.size);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_entry WHERE action = 'startup.created'
            AND (after ->> 'importedFromRow') IS NOT NULL`,
      ),
    ).toBe(SMALL_ROWS + ROWS - bad.size);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM timeline_event e JOIN startup s ON s.id = e.startup_id
          WHERE s.name LIKE 'Import %'`,
      ),
    ).toBe(2 * (ROWS - bad.size));
    expect(
      await count(
        `SELECT count(*)::int AS n FROM startup WHERE name = 'Import 3' AND stage = 'INCUBATION'
            AND territory_code = 'ROUEN' AND founded_on = '2024-02-29'
            AND tags = ARRAY['lot-a', 'lot-b'] AND length(description) > 1000`,
      ),
    ).toBe(1);
    // Counted by the transitions export like any first entry.
    const transitions = await fetch(
      `${platform.baseUrl}/api/v1/exports/transitions.csv?structureId=${scenario.structures.rouenIncubator}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(transitions.status).toBe(200);
    const exported = (await transitions.text())
      .split('\n')
      .filter((line) => line.includes('Import '));
    expect(exported.length).toBe(ROWS - bad.size);
    // The audit chain, appended a batch at a time, verifies from the genesis value.
    const verification = await fetch(`${platform.baseUrl}/api/v1/audit/verify`, {
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(await verification.json()).toMatchObject({ valid: true });
  }, 600_000);
});
