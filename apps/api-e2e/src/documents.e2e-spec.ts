import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import { signIn, startPlatform, type Platform } from './support/platform';
import { buildScenario } from './support/scenario';
import { accessToken } from './support/access-scenario';

type Api = Awaited<ReturnType<typeof signIn>>;
interface DocumentBody {
  id: string;
  startupId: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedById: string;
}
interface Problem {
  type: string;
  status: number;
  errors?: { path: string }[];
}

const MAX = 20 * 1024 * 1024;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
/** A PDF as far as any sniffer is concerned: its signature, then padding to the size asked. */
const pdfOf = (size: number) => {
  const bytes = Buffer.alloc(size, 0x20);
  bytes.write('%PDF-1.7\n');
  return bytes;
};
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
/** The start of a Windows executable (MZ header and PE signature). */
const EXE = (() => {
  const bytes = Buffer.alloc(512);
  bytes.write('MZ');
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write('PE\0\0', 0x80, 'latin1');
  return bytes;
})();

describe('documents: upload, type from the bytes, limits, download, scope', () => {
  let platform: Platform;
  let tokens: Record<'rouen' | 'caen' | 'founder' | 'mentor' | 'funder' | 'admin', string>;
  let rouen: Api;
  let founder: Api;
  let funder: Api;
  let caen: Api;
  let admin: Api;
  let startupId: string;
  let otherStartupId: string;

  const upload = async (
    token: string,
    id: string,
    bytes: Buffer,
    fileName: string,
    declaredType = 'application/pdf',
  ) => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(bytes)], { type: declaredType }), fileName);
    const response = await fetch(`${platform.baseUrl}/api/v1/startups/${id}/documents`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    return {
      status: response.status,
      contentType: response.headers.get('content-type'),
      body: (await response.json()) as DocumentBody & Problem,
    };
  };
  const download = async (token: string, documentId: string) => {
    const response = await fetch(`${platform.baseUrl}/api/v1/documents/${documentId}/content`, {
      headers: { authorization: `Bearer ${token}` },
    });
    return {
      status: response.status,
      headers: response.headers,
      bytes: Buffer.from(await response.arrayBuffer()),
    };
  };

  beforeAll(async () => {
    platform = await startPlatform();
    const scenario = await buildScenario(platform);
    rouen = await signIn(platform, scenario.users.managerRouen);
    caen = await signIn(platform, scenario.users.managerCaen);
    admin = await signIn(platform, scenario.users.admin);
    const created = await rouen.post<{ id: string }>('/api/v1/startups', {
      name: 'Documents SAS',
      domain: 'SMART_CITIES',
      territory: 'ROUEN',
      stage: 'INCUBATION',
      structureId: scenario.structures.rouenIncubator,
      programmeId: scenario.programmes.incubation,
    });
    startupId = created.body.id;
    const other = await rouen.post<{ id: string }>('/api/v1/startups', {
      name: 'Autre Startup',
      domain: 'SMART_CITIES',
      territory: 'ROUEN',
      structureId: scenario.structures.rouenIncubator,
    });
    otherStartupId = other.body.id;
    const b = platform.builders;
    await b.user('fondateur.docs@test.parcours', [{ role: 'founder', startupId }]);
    await b.user('mentor.docs@test.parcours', [{ role: 'mentor', startupId }]);
    await b.user('financeur.docs@test.parcours', [{ role: 'funder' }]);
    founder = await signIn(platform, 'fondateur.docs@test.parcours');
    funder = await signIn(platform, 'financeur.docs@test.parcours');
    tokens = {
      rouen: await accessToken(platform, scenario.users.managerRouen),
      caen: await accessToken(platform, scenario.users.managerCaen),
      admin: await accessToken(platform, scenario.users.admin),
      founder: await accessToken(platform, 'fondateur.docs@test.parcours'),
      mentor: await accessToken(platform, 'mentor.docs@test.parcours'),
      funder: await accessToken(platform, 'financeur.docs@test.parcours'),
    };
    await platform.drain();
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it('stores a founder’s upload with its SHA-256, serves it back as an attachment, on the timeline and in the audit trail', async () => {
    const bytes = pdfOf(5000);
    const uploaded = await upload(tokens.founder, startupId, bytes, 'Statuts signés.pdf');
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({
      startupId,
      fileName: 'Statuts signés.pdf',
      mediaType: 'application/pdf',
      sizeBytes: 5000,
      sha256: sha256(bytes),
    });

    const served = await download(tokens.rouen, uploaded.body.id);
    expect(served.status).toBe(200);
    expect(sha256(served.bytes)).toBe(sha256(bytes));
    expect(served.headers.get('content-type')).toBe('application/pdf');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    expect(served.headers.get('content-disposition')).toBe(
      `attachment; filename="Statuts signes.pdf"; filename*=UTF-8''Statuts%20sign%C3%A9s.pdf`,
    );
    expect(served.headers.get('repr-digest')).toBe(
      `sha-256=:${createHash('sha256').update(bytes).digest('base64')}:`,
    );

    const list = await founder.get<{ items: DocumentBody[] }>(
      `/api/v1/startups/${startupId}/documents`,
    );
    expect(list.status).toBe(200);
    expect(list.body.items.map((d) => d.id)).toContain(uploaded.body.id);

    const timeline = await rouen.get<{
      items: { kind: string; payload: { documentId?: string } }[];
    }>(`/api/v1/startups/${startupId}/timeline?order=desc`);
    expect(
      timeline.body.items.find((event) => event.kind === 'DOCUMENT_UPLOADED')?.payload.documentId,
    ).toBe(uploaded.body.id);
    const audit = await admin.get<{ items: { action: string }[] }>(
      `/api/v1/audit?entityId=${uploaded.body.id}`,
    );
    expect(audit.body.items.map((entry) => entry.action)).toEqual(['document.uploaded']);
  });

  it('decides the type from the bytes, whatever the name and the declared type', async () => {
    const png = await upload(tokens.mentor, startupId, PNG, 'photo.pdf', 'application/pdf');
    expect(png.status).toBe(201);
    expect(png.body.mediaType).toBe('image/png');
    expect((await download(tokens.founder, png.body.id)).headers.get('content-type')).toBe(
      'image/png',
    );

    const csv = Buffer.from('\uFEFFnom;ville\nAtelier Bleu;Caen\n', 'utf8');
    const text = await upload(tokens.rouen, startupId, csv, 'export.txt', 'text/plain');
    expect(text.status).toBe(201);
    expect(text.body.mediaType).toBe('text/csv');

    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('KPI').addRow(['emplois', 4]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    const sheet = await upload(
      tokens.admin,
      startupId,
      xlsx,
      'kpi.bin',
      'application/octet-stream',
    );
    expect(sheet.status).toBe(201);
    expect(sheet.body.mediaType).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
  });

  it('refuses an executable renamed .pdf with 415, and stores nothing', async () => {
    const before = await rouen.get<{ items: DocumentBody[] }>(
      `/api/v1/startups/${startupId}/documents`,
    );
    const refused = await upload(tokens.founder, startupId, EXE, 'facture.pdf');
    expect(refused.status).toBe(415);
    expect(refused.contentType).toContain('application/problem+json');
    expect(refused.body.status).toBe(415);
    const binary = await upload(tokens.founder, startupId, Buffer.from([0, 1, 2, 3, 0]), 'a.csv');
    expect(binary.status).toBe(415);
    const after = await rouen.get<{ items: DocumentBody[] }>(
      `/api/v1/startups/${startupId}/documents`,
    );
    expect(after.body.items).toHaveLength(before.body.items.length);
  });

  it('accepts 20 MB and refuses 20 MB and one byte with 413', async () => {
    const largest = await upload(tokens.rouen, startupId, pdfOf(MAX), 'plus-grand.pdf');
    expect(largest.status).toBe(201);
    expect(largest.body.sizeBytes).toBe(MAX);

    const tooLarge = await upload(tokens.rouen, startupId, pdfOf(MAX + 1), 'trop-grand.pdf');
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.contentType).toContain('application/problem+json');
    const rows: { n: number }[] = await platform.db.dataSource.query(
      `SELECT count(*)::int AS n FROM document WHERE file_name = 'trop-grand.pdf'`,
    );
    expect(rows[0].n).toBe(0);
  });

  it('answers 404 outside scope and 403 to funders, for upload, list and download', async () => {
    const own = await upload(tokens.founder, startupId, pdfOf(100), 'scope.pdf');
    expect(own.status).toBe(201);

    expect((await download(tokens.caen, own.body.id)).status).toBe(404);
    expect((await upload(tokens.caen, startupId, pdfOf(100), 'x.pdf')).status).toBe(404);
    expect((await caen.get(`/api/v1/startups/${startupId}/documents`)).status).toBe(404);

    expect((await download(tokens.funder, own.body.id)).status).toBe(403);
    expect((await upload(tokens.funder, startupId, pdfOf(100), 'x.pdf')).status).toBe(403);
    expect((await funder.get(`/api/v1/startups/${startupId}/documents`)).status).toBe(403);

    // The founder of this startup does not see another one's documents.
    const elsewhere = await upload(tokens.rouen, otherStartupId, pdfOf(100), 'autre.pdf');
    expect(elsewhere.status).toBe(201);
    expect((await download(tokens.founder, elsewhere.body.id)).status).toBe(404);
    expect((await download(tokens.admin, elsewhere.body.id)).status).toBe(200);
  });

  it('lets a founder submit a checklist item with a document of the same startup only', async () => {
    const checklist = await founder.get<{ items: { id: string; key: string }[] }>(
      `/api/v1/startups/${startupId}/checklist`,
    );
    const item = checklist.body.items[0];
    const own = await upload(tokens.founder, startupId, pdfOf(300), 'convention.pdf');
    const foreign = await upload(tokens.rouen, otherStartupId, pdfOf(300), 'autre-convention.pdf');

    const refused = await founder.patch<Problem>(`/api/v1/checklist-items/${item.id}`, {
      status: 'SUBMITTED',
      documentId: foreign.body.id,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors?.map((e) => e.path)).toEqual(['documentId']);

    const submitted = await founder.patch<{ status: string; documentId: string }>(
      `/api/v1/checklist-items/${item.id}`,
      { status: 'SUBMITTED', documentId: own.body.id },
    );
    expect(submitted.status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'SUBMITTED', documentId: own.body.id });

    const waived = await rouen.patch<{ status: string; waiverReason: string }>(
      `/api/v1/checklist-items/${item.id}`,
      { status: 'WAIVED', note: 'Convention signée hors plateforme' },
    );
    expect(waived.status).toBe(200);
    expect(waived.body).toMatchObject({
      status: 'WAIVED',
      waiverReason: 'Convention signée hors plateforme',
    });
  });
});
