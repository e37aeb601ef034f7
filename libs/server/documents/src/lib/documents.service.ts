import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import {
  AUDIT_ACTIONS,
  AUDIT_ENTITY_TYPES,
  MAX_DOCUMENT_BYTES,
  type DocumentMediaType,
  type DocumentView,
} from '@parcours/contracts';
import { recordAudit } from '@parcours/server-audit';
import {
  forbiddenProblem,
  notFoundProblem,
  payloadTooLargeProblem,
  unsupportedMediaTypeProblem,
  validationProblem,
} from '@parcours/server-http';
import { startupVisibility, type Actor } from '@parcours/server-identity';
import { DataSource, type EntityManager } from 'typeorm';
import { DocumentStorage } from './document-storage';
import { sniffMediaType, TextProbe } from './sniff-media-type';

/** An upload as it arrives: the name the client gave and the bytes, not yet read. */
export interface IncomingFile {
  fileName: string;
  content: Readable;
  /** Set by the multipart parser when the content was cut at the size limit. */
  truncated?: () => boolean;
}

interface DocumentRow {
  id: string;
  startup_id: string;
  file_name: string;
  media_type: DocumentMediaType;
  size_bytes: number;
  sha256: string;
  storage_key: string;
  uploaded_by_id: string | null;
  created_at: Date;
}

const toView = (row: DocumentRow): DocumentView => ({
  id: row.id,
  startupId: row.startup_id,
  fileName: row.file_name,
  mediaType: row.media_type,
  sizeBytes: row.size_bytes,
  sha256: row.sha256,
  uploadedById: row.uploaded_by_id,
  uploadedAt: new Date(row.created_at).toISOString(),
});

/** The file name as stored and served: no path, no control characters, bounded length. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = base
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(-200);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'document' : cleaned;
}

/** Funders read a dossier but never its documents (they may hold founders' personal data). */
function withoutFunderGrants(actor: Actor): Pick<Actor, 'grants'> {
  return { grants: actor.grants.filter((grant) => grant.role !== 'funder') };
}

/**
 * Documents of a dossier: uploaded by its founders, its mentors, the managers who see it and
 * admins; listed and downloaded by the same people. Funders are refused (403) even in scope;
 * anyone out of scope gets 404. The type is decided from the bytes, the SHA-256 recorded, the
 * bytes kept by the DocumentStorage driver, and each upload is audited and on the timeline.
 */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly storage: DocumentStorage,
  ) {}

  /** 404 out of scope, 403 for funders; to be called before the upload is read. */
  async assertMayHandle(actor: Actor, startupId: string): Promise<void> {
    await this.assertAllowed(this.dataSource.manager, actor, startupId, 'Startup');
  }

  async upload(actor: Actor, startupId: string, file: IncomingFile): Promise<DocumentView> {
    await this.assertMayHandle(actor, startupId);
    const spool = await mkdtemp(join(tmpdir(), 'parcours-upload-'));
    const spooled = join(spool, 'content');
    try {
      const probe = new TextProbe();
      const hash = createHash('sha256');
      let size = 0;
      await pipeline(
        file.content,
        new Transform({
          transform(chunk: Buffer, _encoding, done) {
            size += chunk.length;
            hash.update(chunk);
            probe.push(chunk);
            done(null, chunk);
          },
        }),
        createWriteStream(spooled),
      );
      if (file.truncated?.() || size > MAX_DOCUMENT_BYTES) {
        throw payloadTooLargeProblem(
          `A document may hold at most ${MAX_DOCUMENT_BYTES} bytes (20 MB)`,
        );
      }
      if (size === 0) throw validationProblem([{ path: 'file', message: 'the file is empty' }]);
      const mediaType = await sniffMediaType(spooled, probe);
      if (!mediaType) {
        throw unsupportedMediaTypeProblem(
          'Accepted documents: PDF, PNG, JPEG, DOCX, XLSX, PPTX and CSV, recognised from their content',
        );
      }
      return await this.store(actor, startupId, {
        fileName: cleanFileName(file.fileName),
        mediaType,
        sizeBytes: size,
        sha256: hash.digest('hex'),
        content: () => createReadStream(spooled),
      });
    } finally {
      await rm(spool, { recursive: true, force: true });
    }
  }

  /**
   * Stores already-checked content and records it (the demo seed writes its generated files
   * through here too): bytes first, then the row, audit and timeline in one transaction; the
   * bytes are removed again if that transaction fails.
   */
  async store(
    actor: Pick<Actor, 'id'>,
    startupId: string,
    document: {
      fileName: string;
      mediaType: DocumentMediaType;
      sizeBytes: number;
      sha256: string;
      content: () => Readable;
      id?: string;
    },
  ): Promise<DocumentView> {
    const id = document.id ?? randomUUID();
    const storageKey = `${startupId}/${id}`;
    await this.storage.write(storageKey, document.content());
    try {
      const row = await this.dataSource.transaction(async (em) => {
        const rows: DocumentRow[] = await em.query(
          `INSERT INTO document (id, startup_id, file_name, media_type, size_bytes, sha256, storage_key,
                                 uploaded_by_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
          [
            id,
            startupId,
            document.fileName,
            document.mediaType,
            document.sizeBytes,
            document.sha256,
            storageKey,
            actor.id,
          ],
        );
        const created = rows[0];
        const summary = {
          documentId: id,
          fileName: created.file_name,
          mediaType: created.media_type,
          sizeBytes: created.size_bytes,
          sha256: created.sha256,
        };
        await em.query(
          `INSERT INTO timeline_event (startup_id, occurred_at, kind, actor_id, payload)
           VALUES ($1, $2, 'DOCUMENT_UPLOADED', $3, $4)`,
          [startupId, created.created_at, actor.id, summary],
        );
        await recordAudit(em, {
          action: AUDIT_ACTIONS.documentUploaded,
          entityType: AUDIT_ENTITY_TYPES.document,
          entityId: id,
          startupId,
          actorId: actor.id,
          after: { ...summary, storageKey },
        });
        return created;
      });
      return toView(row);
    } catch (error) {
      await this.storage.remove(storageKey).catch(() => undefined);
      throw error;
    }
  }

  async list(actor: Actor, startupId: string): Promise<{ items: DocumentView[] }> {
    await this.assertMayHandle(actor, startupId);
    const rows: DocumentRow[] = await this.dataSource.query(
      `SELECT * FROM document WHERE startup_id = $1 ORDER BY created_at DESC, id`,
      [startupId],
    );
    return { items: rows.map(toView) };
  }

  /** The document and its bytes, for a download. */
  async open(
    actor: Actor,
    documentId: string,
  ): Promise<{ document: DocumentView; content: Readable }> {
    const rows: DocumentRow[] = await this.dataSource.query(
      `SELECT * FROM document WHERE id = $1`,
      [documentId],
    );
    const row = rows[0];
    if (!row) throw notFoundProblem('Document');
    await this.assertAllowed(this.dataSource.manager, actor, row.startup_id, 'Document');
    return { document: toView(row), content: await this.storage.read(row.storage_key) };
  }

  private async assertAllowed(
    em: EntityManager,
    actor: Actor,
    startupId: string,
    what: string,
  ): Promise<void> {
    const visible = await this.isVisible(em, actor, startupId);
    if (!visible) throw notFoundProblem(what);
    if (!(await this.isVisible(em, withoutFunderGrants(actor), startupId))) {
      throw forbiddenProblem('Funders do not read or add the documents of a dossier');
    }
  }

  private async isVisible(
    em: EntityManager,
    actor: Pick<Actor, 'grants'>,
    startupId: string,
  ): Promise<boolean> {
    const visibility = startupVisibility(actor, 's');
    const row = await em
      .createQueryBuilder()
      .select('s.id')
      .from('startup', 's')
      .where('s.id = :startupId', { startupId })
      .andWhere(visibility.sql, visibility.params)
      .getRawOne();
    return Boolean(row);
  }
}
