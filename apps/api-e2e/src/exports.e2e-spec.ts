import { DOMAINS, TERRITORIES } from '@parcours/contracts';
import { parse } from 'csv-parse/sync';
import * as ExcelJS from 'exceljs';
import fc from 'fast-check';
import { signIn, startPlatform, type Platform } from './support/platform';
import { buildScenario, completeCurrentChecklist } from './support/scenario';

type Api = Awaited<ReturnType<typeof signIn>>;

interface FlowItem {
  fromStage: string | null;
  toStage: string;
  count: number;
}
interface ExportJob {
  id: string;
  kind: string;
  status: string;
  progress: { done: number; total: number | null };
  error?: string;
}

/*
 * Exports over HTTP (SPEC §3): header keys, the transitions export against /analytics/flows for
 * random filters, pseudonymisation for funders, a manager's scope, who may export, and a
 * background export followed to its file.
 */
describe('exports over HTTP', () => {
  let platform: Platform;
  let scenario: Awaited<ReturnType<typeof buildScenario>>;
  let rouen: Api;
  let admin: Api;
  let funder: Api;
  let funderToken: string;
  const instants: string[] = [];
  const FOUNDER_EMAIL = 'camille.porteuse@founders.test';

  /** The raw bytes of a download (binary files do not survive the JSON/text client). */
  const download = async (path: string, token: string) => {
    const response = await fetch(`${platform.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return { response, bytes: Buffer.from(await response.arrayBuffer()) };
  };
  const csvRecords = (text: string) =>
    parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];

  beforeAll(async () => {
    platform = await startPlatform();
    scenario = await buildScenario(platform);
    rouen = await signIn(platform, scenario.users.managerRouen);
    admin = await signIn(platform, scenario.users.admin);
    const caen = await signIn(platform, scenario.users.managerCaen);
    await platform.builders.user('funder@test.parcours', [{ role: 'funder' }]);
    const login = await fetch(`${platform.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        email: 'funder@test.parcours',
        password: 'correct-horse-battery-staple',
      }),
    });
    funderToken = ((await login.json()) as { accessToken: string }).accessToken;
    funder = await signIn(platform, 'funder@test.parcours');

    const create = async (api: Api, body: Record<string, unknown>) => {
      const created = await api.post<{ id: string }>('/api/v1/startups', {
        stage: 'INCUBATION',
        ...body,
      });
      expect(created.status).toBe(201);
      return created.body.id;
    };
    instants.push(new Date().toISOString());
    const rouenStartups = [];
    for (const [index, domain] of DOMAINS.entries()) {
      rouenStartups.push(
        await create(rouen, {
          name: `Seine ${index}`,
          territory: 'ROUEN',
          domain,
          structureId: scenario.structures.rouenIncubator,
          programmeId: scenario.programmes.incubation,
        }),
      );
    }
    await create(caen, {
      name: 'Caen Elsewhere',
      territory: 'CAEN',
      domain: 'SMART_INDUSTRIES',
      structureId: scenario.structures.caenIncubator,
    });
    await create(admin, {
      name: 'Port du Havre',
      territory: 'LE_HAVRE',
      domain: 'SMART_PORTS_LOGISTICS',
      stage: 'DETECTION',
    });
    await platform.drain();
    instants.push(new Date().toISOString());
    for (const startupId of rouenStartups.slice(0, 2)) {
      await completeCurrentChecklist(platform, startupId);
      const moved = await rouen.post(`/api/v1/startups/${startupId}/transitions`, {
        toStage: 'NURSERY',
        programmeId: scenario.programmes.nursery,
      });
      expect(moved.status).toBe(201);
    }
    await platform.drain();
    instants.push(new Date(Date.now() + 1000).toISOString());
    await platform.builders.user(FOUNDER_EMAIL, [{ role: 'founder', startupId: rouenStartups[0] }]);
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it('names the columns with stable English keys on request, French titles by default', async () => {
    const startups = await funder.get<string>('/api/v1/exports/startups.csv?lang=en');
    expect(startups.status).toBe(200);
    expect(startups.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(startups.headers.get('content-disposition')).toMatch(
      /^attachment; filename="parcours-startups-\d{8}\.csv"$/,
    );
    const startupKeys = startups.body.split('\r\n')[0].split(',');
    expect(startupKeys).toEqual(
      expect.arrayContaining(['startupId', 'name', 'stage', 'territory', 'domain']),
    );
    const rows = csvRecords(startups.body);
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((row) => row['territory']))).toEqual(
      new Set(['ROUEN', 'CAEN', 'LE_HAVRE']),
    );

    const transitions = await funder.get<string>('/api/v1/exports/transitions.csv?lang=en');
    expect(transitions.status).toBe(200);
    expect(transitions.body.split('\r\n')[0].split(',')).toEqual(
      expect.arrayContaining(['transitionId', 'startupId', 'fromStage', 'toStage', 'effectiveAt']),
    );
    const moves = csvRecords(transitions.body);
    expect(moves).toHaveLength(7);
    const first = moves.find((row) => row['toStage'] === 'DETECTION');
    expect(first?.['fromStage']).toBe('');
    expect(first?.['effectiveAt']).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);

    const french = await funder.get<string>('/api/v1/exports/transitions.csv');
    expect(french.body.split('\r\n')[0]).toContain('Identifiant du passage');
    expect(french.body.split('\r\n')[0]).not.toContain('transitionId');
  });

  it('lists exactly the moves /analytics/flows counts, for random filters and scopes', async () => {
    const filters = fc.sample(
      fc.record({
        from: fc.option(fc.constantFrom(instants[0], instants[1]), { nil: undefined }),
        to: fc.option(fc.constantFrom(instants[1], instants[2]), { nil: undefined }),
        territory: fc.option(fc.constantFrom(...TERRITORIES), { nil: undefined }),
        domain: fc.option(fc.constantFrom(...DOMAINS), { nil: undefined }),
        structureId: fc.option(
          fc.constantFrom(scenario.structures.rouenIncubator, scenario.structures.rouenNursery),
          { nil: undefined },
        ),
      }),
      { numRuns: 16, seed: 20261126 },
    );
    for (const [index, filter] of filters.entries()) {
      if (filter.from && filter.to && filter.from >= filter.to) delete filter.from;
      const query = new URLSearchParams(
        Object.entries(filter).filter((entry): entry is [string, string] => entry[1] !== undefined),
      ).toString();
      const api = index % 2 === 0 ? funder : rouen;
      const flows = await api.get<{ items: FlowItem[] }>(`/api/v1/analytics/flows?${query}`);
      const csv = await api.get<string>(`/api/v1/exports/transitions.csv?lang=en&${query}`);
      expect([flows.status, csv.status]).toEqual([200, 200]);
      const counted: Record<string, number> = {};
      for (const row of csvRecords(csv.body ?? '')) {
        const key = `${row['fromStage']}>${row['toStage']}`;
        counted[key] = (counted[key] ?? 0) + 1;
      }
      expect({ query, counted }).toEqual({
        query,
        counted: Object.fromEntries(
          flows.body.items.map((item) => [`${item.fromStage ?? ''}>${item.toStage}`, item.count]),
        ),
      });
    }
  });

  it("never shows a funder the founders' personal data, in any format", async () => {
    const csv = await funder.get<string>('/api/v1/exports/startups.csv?lang=en');
    expect(csv.body).not.toContain('camille');
    expect(csv.body).not.toContain('founders.test');
    const withFounder = csvRecords(csv.body).find((row) => row['name'] === 'Seine 0');
    expect(withFounder?.['founders']).toMatch(/^P-[0-9a-f]{10}$/);

    const xlsx = await download('/api/v1/exports/startups.xlsx?lang=en', funderToken);
    expect(xlsx.response.status).toBe(200);
    expect(xlsx.response.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(1).values).toEqual(
      expect.arrayContaining(['startupId', 'name', 'stage', 'territory', 'domain', 'founders']),
    );
    expect(sheet.rowCount).toBe(6);
    expect(JSON.stringify(sheet.getSheetValues())).not.toContain('camille');

    const pdf = await download('/api/v1/exports/funder-report.pdf?from=2020-01-01', funderToken);
    expect(pdf.response.status).toBe(200);
    expect(pdf.response.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');

    // Staff who follow the startup do see who its founders are.
    const forManager = await rouen.get<string>('/api/v1/exports/startups.csv?lang=en');
    expect(forManager.body).toContain(FOUNDER_EMAIL);
  });

  it("exports only a manager's startups, and refuses mentors, founders and bad filters", async () => {
    const csv = await rouen.get<string>('/api/v1/exports/startups.csv?lang=en');
    const rows = csvRecords(csv.body);
    expect(rows.map((row) => row['name']).sort()).toEqual(['Seine 0', 'Seine 1', 'Seine 2']);
    const moves = csvRecords(
      (await rouen.get<string>('/api/v1/exports/transitions.csv?lang=en')).body,
    );
    expect(new Set(moves.map((row) => row['startupId']))).toEqual(
      new Set(rows.map((row) => row['startupId'])),
    );

    await platform.builders.user('mentor@test.parcours', [
      { role: 'mentor', startupId: rows[0]['startupId'] },
    ]);
    await platform.builders.user('founder.only@test.parcours', [
      { role: 'founder', startupId: rows[0]['startupId'] },
    ]);
    for (const email of ['mentor@test.parcours', 'founder.only@test.parcours']) {
      const api = await signIn(platform, email);
      for (const path of [
        '/api/v1/exports/startups.csv',
        '/api/v1/exports/startups.xlsx',
        '/api/v1/exports/transitions.csv',
        '/api/v1/exports/funder-report.pdf',
      ]) {
        expect((await api.get(path)).status).toBe(403);
      }
      expect((await api.post('/api/v1/exports', { kind: 'startups.csv' })).status).toBe(403);
    }

    const bad = await funder.get<{ errors: { path: string }[] }>(
      '/api/v1/exports/startups.csv?territory=PARIS&lang=de&from=2026-01-01&to=2025-01-01',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((error) => error.path).sort()).toEqual(['lang', 'territory']);
    const badJob = await funder.post<{ errors: { path: string }[] }>('/api/v1/exports', {
      kind: 'everything.zip',
      filters: { domain: 'SPACE' },
    });
    expect(badJob.status).toBe(400);
    expect(badJob.body.errors.map((error) => error.path).sort()).toEqual([
      'filters.domain',
      'kind',
    ]);
  });

  it('runs a background export in the worker, with progress, for its requester only', async () => {
    const created = await funder.post<{ id: string }>('/api/v1/exports', {
      kind: 'transitions.csv',
      filters: { territory: 'ROUEN' },
      lang: 'en',
    });
    expect(created.status).toBe(202);
    const id = created.body.id;

    let job: ExportJob | undefined;
    for (let attempt = 0; attempt < 100; attempt += 1) {
      job = (await funder.get<ExportJob>(`/api/v1/exports/${id}`)).body;
      if (job.status === 'DONE' || job.status === 'FAILED') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(job).toMatchObject({
      id,
      kind: 'transitions.csv',
      status: 'DONE',
      progress: { done: 5, total: 5 },
    });

    const content = await funder.get<string>(`/api/v1/exports/${id}/content`);
    expect(content.status).toBe(200);
    expect(content.headers.get('content-type')).toMatch(/^text\/csv/);
    const direct = await funder.get<string>(
      `/api/v1/exports/transitions.csv?lang=en&territory=ROUEN&to=${encodeURIComponent(
        new Date().toISOString(),
      )}`,
    );
    expect(content.body).toBe(direct.body);

    expect((await admin.get(`/api/v1/exports/${id}`)).status).toBe(404);
    expect((await admin.get(`/api/v1/exports/${id}/content`)).status).toBe(404);
    expect((await rouen.get(`/api/v1/exports/${id}`)).status).toBe(404);
  });

  it('runs the PDF report and the workbook in the background too', async () => {
    for (const kind of ['funder-report.pdf', 'startups.xlsx']) {
      const created = await funder.post<{ id: string }>('/api/v1/exports', { kind });
      expect(created.status).toBe(202);
      let job: ExportJob | undefined;
      for (let attempt = 0; attempt < 100; attempt += 1) {
        job = (await funder.get<ExportJob>(`/api/v1/exports/${created.body.id}`)).body;
        if (job.status === 'DONE' || job.status === 'FAILED') break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(job?.status).toBe('DONE');
      const file = await download(`/api/v1/exports/${created.body.id}/content`, funderToken);
      expect(file.response.status).toBe(200);
      expect(file.bytes.length).toBeGreaterThan(1000);
    }
  });
});
