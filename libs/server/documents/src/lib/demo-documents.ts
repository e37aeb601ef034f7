import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import type { DocumentMediaType } from '@parcours/contracts';
import type { DataSource } from 'typeorm';
import type { DocumentStorage } from './document-storage';
import { DocumentsService } from './documents.service';

type PdfDocumentClass = new (options?: PDFKit.PDFDocumentOptions) => PDFKit.PDFDocument;

/**
 * pdfkit, loaded when demo documents are drawn rather than by every API process at start. It is
 * CommonJS (`module.exports = PDFDocument`): a bundler hands it over as `default`, Node as the
 * module itself.
 */
async function loadPdfDocument(): Promise<PdfDocumentClass> {
  const pdfkit: unknown = await import('pdfkit');
  return ((pdfkit as { default?: unknown }).default ?? pdfkit) as PdfDocumentClass;
}

/** A 1×1 PNG in the programme's blue: the logo placeholder of demo dossiers. */
const DEMO_LOGO_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** How many demo startups get documents, besides those of the demo founder and mentor. */
const OTHER_STARTUPS = 6;

/** The same id for the same startup and document on every run: what makes seeding idempotent. */
function demoDocumentId(startupId: string, kind: string): string {
  const hex = createHash('sha256').update(`demo-document:${startupId}:${kind}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

async function conventionPdf(startupName: string): Promise<Buffer> {
  const PDFDocument = await loadPdfDocument();
  // A fixed date makes the same bytes on every run, so a rewritten file keeps its SHA-256.
  const pdf = new PDFDocument({
    size: 'A4',
    info: { Title: 'Convention d’accompagnement', CreationDate: new Date(Date.UTC(2026, 0, 5)) },
  });
  pdf.fontSize(18).text('Convention d’accompagnement', { align: 'center' });
  pdf.moveDown().fontSize(12).text(`Startup : ${startupName}`);
  pdf.text('Programme unifié d’innovation — Normandie (document de démonstration).');
  pdf.end();
  return buffer(pdf as unknown as Readable);
}

/**
 * A few documents on demo dossiers — a generated PDF convention and a PNG logo — on the demo
 * founder's and mentor's startups and a handful of others, written through the storage driver
 * like uploads. Idempotent: fixed ids; a document whose bytes went missing (a fresh storage
 * folder on a seeded database) has them written again.
 */
export async function seedDemoDocuments(
  dataSource: DataSource,
  storage: DocumentStorage,
): Promise<string> {
  const documents = new DocumentsService(dataSource, storage);
  const startups: { id: string; name: string; uploader: string | null }[] = await dataSource.query(
    `WITH people AS (
       SELECT g.startup_id, u.id AS user_id FROM role_grant g JOIN app_user u ON u.id = g.user_id
        WHERE u.email IN ('founder@demo.parcours.test', 'mentor@demo.parcours.test')
          AND g.startup_id IS NOT NULL
     ), chosen AS (
       SELECT startup_id AS id, min(user_id::text)::uuid AS uploader FROM people GROUP BY startup_id
       UNION ALL
       SELECT id, NULL FROM (SELECT id FROM startup WHERE id NOT IN (SELECT startup_id FROM people)
                              ORDER BY id LIMIT $1) others
     )
     SELECT s.id, s.name, chosen.uploader FROM chosen JOIN startup s ON s.id = chosen.id ORDER BY s.id`,
    [OTHER_STARTUPS],
  );
  const [admin] = (await dataSource.query(
    `SELECT id FROM app_user WHERE email = 'admin@demo.parcours.test'`,
  )) as { id: string }[];
  if (!admin) return 'no demo accounts: no demo documents';
  let written = 0;
  for (const startup of startups) {
    const files: {
      kind: string;
      fileName: string;
      mediaType: DocumentMediaType;
      bytes: () => Promise<Buffer>;
    }[] = [
      {
        kind: 'convention',
        fileName: 'Convention d’accompagnement.pdf',
        mediaType: 'application/pdf',
        bytes: () => conventionPdf(startup.name),
      },
      {
        kind: 'logo',
        fileName: 'Logo.png',
        mediaType: 'image/png',
        bytes: async () => DEMO_LOGO_PNG,
      },
    ];
    for (const file of files) {
      const id = demoDocumentId(startup.id, file.kind);
      const [existing] = (await dataSource.query(`SELECT storage_key FROM document WHERE id = $1`, [
        id,
      ])) as { storage_key: string }[];
      if (existing) {
        if (!(await storage.exists(existing.storage_key))) {
          await storage.write(existing.storage_key, Readable.from([await file.bytes()]));
        }
        continue;
      }
      const bytes = await file.bytes();
      await documents.store({ id: startup.uploader ?? admin.id }, startup.id, {
        id,
        fileName: file.fileName,
        mediaType: file.mediaType,
        sizeBytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        content: () => Readable.from([bytes]),
      });
      written += 1;
    }
  }
  return `${written} demo documents written`;
}
