import { readFileSync } from 'node:fs';
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

/** Resident memory of a process, now and at its peak (VmHWM), in MiB (Linux). */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1]);
  return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
}

/** 10,000 by default; `IMPORT_SCALE_ROWS` measures another size (the README's figures). */
const ROWS = Number(process.env['IMPORT_SCALE_ROWS'] ?? 10_000);
/**
 * Long descriptions (about 4 KB a row) make the file several times larger than what the import
 * may hold at once: memory that stays flat then shows the file was never held whole.
 */
const DESCRIPTION = 'Plateforme de jumeaux numériques pour l’industrie. '.repeat(80).trim();

/**
 * How much the API's resident memory may grow during the import, in MiB. Most of the growth is
 * V8 letting its heap grow before collecting (3,000 rows, 12.6 MiB: +184 MiB; 10,000 rows,
 * 42 MiB: +282 MiB, on the development machine; the growth is far from proportional to the
 * file). The bound is a guard against an import that keeps every row with its copies (several
 * times the file), not a proof that memory is flat to the MiB.
 */
const MAX_GROWTH_MIB = Number(process.env['IMPORT_SCALE_MAX_GROWTH_MIB'] ?? 384);

describe('startup import at scale: 10,000 rows in one file, bounded memory', () => {
  let platform: Platform;
  let scenario: Awaited<ReturnType<typeof buildScenario>>;
  let token: string;
  let adminToken: string;

  beforeAll(async () => {
    // No worker: the first-entry workflows of the imported startups are not this file's subject.
    platform = await startPlatform({ workers: 0 });
    scenario = await buildScenario(platform);
    token = await accessToken(platform, scenario.users.managerRouen);
    adminToken = await accessToken(platform, scenario.users.admin);
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it('creates every valid row, reports the bad ones by row number, writes nothing for them, and stays within its memory bound', async () => {
    const last = ROWS + 1;
    const bad = new Map<number, string>([
      [2, 'siren'], // the first data row
      [Math.round(ROWS * 0.1234), 'domaine'],
      [Math.round(ROWS * 0.5), 'nom'],
      [Math.round(ROWS * 0.7777), 'date_creation'],
      [last, 'etape'], // the last one
    ]);
    const lines = [
      'nom;raison_sociale;siren;domaine;territoire;date_creation;etape;etiquettes;description',
    ];
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
    const csv = Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
    lines.length = 0;
    const fileMiB = csv.length / 1024 / 1024;

    const pid = platform.api.child.pid as number;
    // A first request warms the process up: its resident memory is then the baseline.
    await fetch(`${platform.baseUrl}/api/v1/startups/import/template`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const before = memoryOf(pid);
    let peak = before.rss;
    const sampler = setInterval(() => {
      try {
        peak = Math.max(peak, memoryOf(pid).rss);
      } catch {
        // the process is gone: the request below fails and says so
      }
    }, 50);
    const started = Date.now();
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(csv)], { type: 'text/csv' }), 'startups.csv');
    const response = await fetch(
      `${platform.baseUrl}/api/v1/startups/import?structureId=${scenario.structures.rouenIncubator}`,
      { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form },
    );
    const report = (await response.json().finally(() => clearInterval(sampler))) as Report;
    const seconds = (Date.now() - started) / 1000;
    const after = memoryOf(pid);
    // VmHWM catches a peak between two samples.
    peak = Math.max(peak, after.peak > before.peak ? after.peak : peak);
    const growth = peak - before.rss;
    // The figures the README quotes come from this line.
    console.log(
      `import of ${ROWS} rows (${fileMiB.toFixed(1)} MiB): ${seconds.toFixed(1)} s, ` +
        `${Math.round((ROWS - bad.size) / seconds)} rows/s; API resident memory ` +
        `${before.rss.toFixed(0)} MiB before, peak ${peak.toFixed(0)} MiB ` +
        `(+${growth.toFixed(0)} MiB), ${after.rss.toFixed(0)} MiB after`,
    );

    expect(response.status).toBe(200);
    expect(report.created).toBe(ROWS - bad.size);
    expect(report.rejected.map((r) => [r.row, r.errors.map((e) => e.path)])).toEqual(
      [...bad.entries()].sort(([a], [b]) => a - b).map(([row, path]) => [row, [path]]),
    );
    if (ROWS >= 10_000) expect(fileMiB).toBeGreaterThan(30);
    expect(growth).toBeLessThan(MAX_GROWTH_MIB);

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
    ).toBe(ROWS - bad.size);
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
