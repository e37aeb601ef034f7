import { isValidSiren } from '@parcours/domain';
import { signIn, startPlatform, type Platform } from './support/platform';
import { accessToken } from './support/access-scenario';
import { buildScenario } from './support/scenario';

type Api = Awaited<ReturnType<typeof signIn>>;
interface Report {
  created: number;
  rejected: { row: number; errors: { path: string; message: string }[] }[];
}
interface Problem {
  status: number;
  errors?: { path: string; message: string }[];
}

/** The SIREN with the 8 digits given and the check digit that makes it valid. */
function sirenFrom(prefix: number): string {
  const head = String(prefix).padStart(8, '0');
  for (let digit = 0; digit <= 9; digit += 1) {
    if (isValidSiren(`${head}${digit}`)) return `${head}${digit}`;
  }
  throw new Error(`no check digit for ${head}`);
}

describe('startup import: CSV streamed, validated per row, created in batches', () => {
  let platform: Platform;
  let scenario: Awaited<ReturnType<typeof buildScenario>>;
  let rouen: Api;
  let caen: Api;
  let tokens: { rouen: string; caen: string; admin: string };

  const importCsv = async (
    token: string,
    csv: string | Buffer,
    options: { as?: 'multipart' | 'body'; query?: string } = {},
  ) => {
    const url = `${platform.baseUrl}/api/v1/startups/import${options.query ?? ''}`;
    let init: RequestInit;
    const bytes = typeof csv === 'string' ? Buffer.from(csv, 'utf8') : csv;
    if (options.as === 'body') {
      init = {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv; charset=utf-8' },
        body: new Uint8Array(bytes),
      };
    } else {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(bytes)], { type: 'text/csv' }), 'startups.csv');
      init = { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form };
    }
    const response = await fetch(url, init);
    return { status: response.status, body: (await response.json()) as Report & Problem };
  };
  const count = async (sql: string, params: unknown[] = []) =>
    ((await platform.db.dataSource.query(sql, params)) as { n: number }[])[0].n;

  beforeAll(async () => {
    platform = await startPlatform();
    scenario = await buildScenario(platform);
    rouen = await signIn(platform, scenario.users.managerRouen);
    caen = await signIn(platform, scenario.users.managerCaen);
    tokens = {
      rouen: await accessToken(platform, scenario.users.managerRouen),
      caen: await accessToken(platform, scenario.users.managerCaen),
      admin: await accessToken(platform, scenario.users.admin),
    };
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it('takes `,` without BOM as the body, English headers, quotes; refuses SIRENs already known or repeated; imported startups count like created ones', async () => {
    const known = sirenFrom(40_000_003);
    const fresh = sirenFrom(41_000_000);
    await rouen.post('/api/v1/startups', {
      name: 'Déjà Connue',
      siren: known,
      domain: 'SMART_CITIES',
      territory: 'CAEN',
      structureId: scenario.structures.rouenIncubator,
    });
    await platform.drain();
    const before = await rouen.get<{ stages: { stage: string; entered: number }[] }>(
      '/api/v1/analytics/funnel',
    );
    const enteredBefore = before.body.stages.find((s) => s.stage === 'DETECTION')?.entered ?? 0;
    const csv = [
      'Name,Domain,Territory,SIREN,Description,Website',
      `"Virgule, et Cie",SMART_CITIES,LE_HAVRE,${fresh},"Une description, avec ""guillemets""",https://virgule.example.fr`,
      `Doublon Connu,SMART_CITIES,CAEN,${known},,`,
      `Doublon Fichier,SMART_CITIES,CAEN,${fresh},,`,
      '',
      'Sans Siren,smart cities,le havre,,,',
      'Mauvais Site,SMART_CITIES,CAEN,,,ftp://nope',
    ].join('\n');
    const result = await importCsv(tokens.rouen, csv, {
      as: 'body',
      query: `?structureId=${scenario.structures.rouenIncubator}`,
    });
    expect(result.status).toBe(200);
    expect(result.body.created).toBe(2);
    expect(result.body.rejected).toEqual([
      { row: 3, errors: [{ path: 'SIREN', message: 'already registered' }] },
      { row: 4, errors: [{ path: 'SIREN', message: 'same SIREN as row 2' }] },
      { row: 7, errors: [expect.objectContaining({ path: 'Website' })] },
    ]);
    const list = await rouen.get<{ items: { name: string; description: string }[] }>(
      `/api/v1/startups?q=${encodeURIComponent('Virgule')}`,
    );
    expect(list.body.items.map((s) => [s.name, s.description])).toContainEqual([
      'Virgule, et Cie',
      'Une description, avec "guillemets"',
    ]);

    await platform.drain();
    const after = await rouen.get<{ stages: { stage: string; entered: number }[] }>(
      '/api/v1/analytics/funnel',
    );
    expect(after.body.stages.find((s) => s.stage === 'DETECTION')?.entered).toBe(enteredBefore + 2);
    // Another structure's manager sees none of them.
    const other = await caen.get<{ items: unknown[] }>(`/api/v1/startups?q=Virgule`);
    expect(other.body.items).toEqual([]);
  });

  it('refuses an unusable header row with 400 naming each column, and creates nothing', async () => {
    const result = await importCsv(tokens.admin, 'nom;pays;nom\nA;France;B\n');
    expect(result.status).toBe(400);
    expect(result.body.errors).toEqual([
      { path: 'pays', message: 'unknown column' },
      { path: 'nom', message: 'a second column for nom' },
      { path: 'domaine', message: 'required column missing' },
      { path: 'territoire', message: 'required column missing' },
    ]);
    expect(await count(`SELECT count(*)::int AS n FROM startup WHERE name = 'A'`)).toBe(0);
  });

  it('asks a manager of several structures which one, and refuses other roles', async () => {
    const csv = 'nom;domaine;territoire\nSans Structure;SMART_CITIES;ROUEN\n';
    const ambiguous = await importCsv(tokens.rouen, csv);
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.errors?.map((e) => e.path)).toEqual(['structureId']);
    const single = await importCsv(tokens.caen, csv);
    expect(single.body).toEqual({ created: 1, rejected: [] });
    const notCsv = await fetch(`${platform.baseUrl}/api/v1/startups/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.caen}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(notCsv.status).toBe(415);

    await platform.builders.user('fondatrice.import@test.parcours', []);
    const founderToken = await accessToken(platform, 'fondatrice.import@test.parcours');
    expect((await importCsv(founderToken, csv)).status).toBe(403);
  });

  it('serves the template, which imports as it is', async () => {
    const template = await fetch(`${platform.baseUrl}/api/v1/startups/import/template`, {
      headers: { authorization: `Bearer ${tokens.caen}` },
    });
    expect(template.status).toBe(200);
    expect(template.headers.get('content-type')).toContain('text/csv');
    expect(template.headers.get('content-disposition')).toContain('attachment');
    const csv = Buffer.from(await template.arrayBuffer());
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const result = await importCsv(tokens.caen, csv);
    expect(result.body).toEqual({ created: 1, rejected: [] });
  });
});
