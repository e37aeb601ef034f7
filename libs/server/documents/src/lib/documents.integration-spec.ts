import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { Actor } from '@parcours/server-identity';
import { Builders, createTestDatabase, type TestDatabase } from '@parcours/server-testing';
import { seedDemoDocuments } from './demo-documents';
import { LocalDiskDocumentStorage } from './document-storage';
import { DocumentsService } from './documents.service';

describe('documents against PostgreSQL and the local disk', () => {
  let db: TestDatabase;
  let folder: string;
  let documents: DocumentsService;
  let founder: Actor;
  let funder: Actor;
  let startupId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    folder = await mkdtemp(join(tmpdir(), 'documents-it-'));
    documents = new DocumentsService(db.dataSource, new LocalDiskDocumentStorage(folder));
    const builders = new Builders(db.dataSource);
    await builders.territories();
    const rows: { id: string }[] = await db.dataSource.query(
      `INSERT INTO startup (name, domain, territory_code, stage, stage_entered_at)
       VALUES ('Atelier Pièces', 'SMART_INDUSTRIES', 'CAEN', 'DETECTION', now()) RETURNING id`,
    );
    startupId = rows[0].id;
    const founderId = await builders.user('fondatrice@test.parcours', [
      { role: 'founder', startupId },
    ]);
    const funderId = await builders.user('financeur@test.parcours', [{ role: 'funder' }]);
    founder = {
      id: founderId,
      email: 'fondatrice@test.parcours',
      displayName: 'fondatrice',
      roles: ['founder'],
      grants: [{ role: 'founder', scope: 'STARTUP', scopeId: startupId }],
    };
    funder = {
      id: funderId,
      email: 'financeur@test.parcours',
      displayName: 'financeur',
      roles: ['funder'],
      grants: [{ role: 'funder', scope: 'GLOBAL', scopeId: null }],
    };
  });

  afterAll(async () => {
    await db?.drop();
    await rm(folder, { recursive: true, force: true });
  });

  it('records the upload, its audit entry and timeline event in one go, and reads it back', async () => {
    const csv = Buffer.from('trimestre;emplois\n2026-Q3;4\n');
    const view = await documents.upload(founder, startupId, {
      fileName: '../../kpi\u0007.csv',
      content: Readable.from([csv.subarray(0, 5), csv.subarray(5)]),
    });
    expect(view).toMatchObject({
      startupId,
      fileName: 'kpi.csv',
      mediaType: 'text/csv',
      sizeBytes: csv.length,
      sha256: createHash('sha256').update(csv).digest('hex'),
      uploadedById: founder.id,
    });
    const opened = await documents.open(founder, view.id);
    expect(await buffer(opened.content)).toEqual(csv);
    const [audit]: { action: string; entity_type: string }[] = await db.dataSource.query(
      `SELECT action, entity_type FROM audit_entry WHERE entity_id = $1`,
      [view.id],
    );
    expect(audit).toEqual({ action: 'document.uploaded', entity_type: 'document' });
    const [event]: { kind: string; payload: { sha256: string } }[] = await db.dataSource.query(
      `SELECT kind, payload FROM timeline_event WHERE startup_id = $1 AND kind = 'DOCUMENT_UPLOADED'`,
      [startupId],
    );
    expect(event.payload.sha256).toBe(view.sha256);
    await expect(documents.open(funder, view.id)).rejects.toMatchObject({ status: 403 });
  });

  it('keeps no bytes when the row cannot be written', async () => {
    const before = await readdir(folder, { recursive: true });
    await expect(
      documents.store(founder, '00000000-0000-4000-8000-000000000000', {
        fileName: 'orphelin.pdf',
        mediaType: 'application/pdf',
        sizeBytes: 9,
        sha256: 'a'.repeat(64),
        content: () => Readable.from([Buffer.from('%PDF-1.7\n')]),
      }),
    ).rejects.toThrow();
    const after = await readdir(folder, { recursive: true });
    expect(after.filter((path) => path.split('/').length === 2)).toEqual(
      before.filter((path) => path.split('/').length === 2),
    );
  });

  it('seeds demo documents once, and writes back bytes that went missing', async () => {
    const builders = new Builders(db.dataSource);
    await builders.user('admin@demo.parcours.test', [{ role: 'admin' }]);
    await builders.user('founder@demo.parcours.test', [{ role: 'founder', startupId }]);
    const storage = new LocalDiskDocumentStorage(folder);
    expect(await seedDemoDocuments(db.dataSource, storage)).toBe('2 demo documents written');
    expect(await seedDemoDocuments(db.dataSource, storage)).toBe('0 demo documents written');
    const seeded: { storage_key: string; sha256: string; media_type: string }[] =
      await db.dataSource.query(
        `SELECT storage_key, sha256, media_type FROM document d JOIN app_user u ON u.id = d.uploaded_by_id
          WHERE u.email = 'founder@demo.parcours.test' ORDER BY media_type`,
      );
    expect(seeded.map((d) => d.media_type)).toEqual(['application/pdf', 'image/png']);
    await storage.remove(seeded[0].storage_key);
    await seedDemoDocuments(db.dataSource, storage);
    const restored = await buffer(await storage.read(seeded[0].storage_key));
    expect(createHash('sha256').update(restored).digest('hex')).toBe(seeded[0].sha256);
  });
});
