import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import {
  JOBS,
  QUEUES,
  type AnalyticsFilters,
  type ExportJobResponse,
  type ExportJobStatus,
  type ExportKind,
  type ExportLanguage,
  type ExportRunPayload,
} from '@parcours/contracts';
import type { AnalyticsQuery } from '@parcours/server-analytics';
import { AppConfig } from '@parcours/server-config';
import { returnedRows } from '@parcours/server-db';
import { conflictProblem, notFoundProblem, ProblemException } from '@parcours/server-http';
import { ActorDirectory, hasRole, type Actor } from '@parcours/server-identity';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { valuesOf } from './export-columns';
import type { KeysetPosition } from './export-reader';
import {
  EXPORT_CONTENT_TYPES,
  exportFileName,
  ExportsService,
  type ExportFile,
} from './exports.service';
import { funderReportPdf } from './funder-report';
import { batchesOf, csvHeader, csvLines, writeXlsx, type TabularExport } from './tabular-export';

interface ExportJobRow {
  id: string;
  requested_by_id: string;
  kind: ExportKind;
  lang: ExportLanguage;
  filters: AnalyticsFilters;
  period_to: Date;
  status: ExportJobStatus;
  rows_done: number;
  rows_total: number | null;
  checkpoint_key: (string | number)[] | null;
  checkpoint_bytes: string;
  error: string | null;
  size_bytes: string | null;
  created_at: Date;
  finished_at: Date | null;
  expires_at: Date | null;
}

/** Another run took the job over (a stalled duplicate): this one stops without a trace. */
class LostClaim extends Error {}

export const EXPORT_ROLES = ['funder', 'admin', 'manager'] as const;

const goneProblem = (detail: string) =>
  new ProblemException({
    type: 'urn:parcours:problem:gone',
    title: 'Gone',
    status: HttpStatus.GONE,
    detail,
  });

/** The job's query: its filters and the end of period fixed when it was asked for. */
export function queryOfJob(filters: AnalyticsFilters, periodTo: Date): AnalyticsQuery {
  return {
    from: filters.from ? new Date(filters.from) : null,
    to: periodTo,
    territory: filters.territory,
    domain: filters.domain,
    structureId: filters.structureId,
    programmeId: filters.programmeId,
    cohortId: filters.cohortId,
  };
}

/**
 * Background exports (`POST /exports`): a row per request, one BullMQ job per row (fixed
 * jobId), the worker writing the file under EXPORT_DIR. CSV exports checkpoint after every
 * batch (keyset position and bytes, the file fsynced first), so a worker that dies mid-way is
 * resumed by the next attempt from the last checkpoint; the XLSX and the PDF start again. A run
 * claims the job with a fresh token, and a run whose token was replaced stops at its next write.
 */
@Injectable()
export class ExportJobsService {
  private readonly logger = new Logger(ExportJobsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly exports: ExportsService,
    private readonly actors: ActorDirectory,
    private readonly config: AppConfig,
    @InjectQueue(QUEUES.exports) private readonly queue: Queue,
  ) {}

  async create(
    actor: Actor,
    kind: ExportKind,
    query: AnalyticsQuery,
    lang: ExportLanguage,
  ): Promise<{ id: string }> {
    const filters: AnalyticsFilters = {
      ...(query.from ? { from: query.from.toISOString() } : {}),
      to: query.to.toISOString(),
      ...(query.territory ? { territory: query.territory } : {}),
      ...(query.domain ? { domain: query.domain } : {}),
      ...(query.structureId ? { structureId: query.structureId } : {}),
      ...(query.programmeId ? { programmeId: query.programmeId } : {}),
      ...(query.cohortId ? { cohortId: query.cohortId } : {}),
    };
    const rows: { id: string }[] = await this.dataSource.query(
      `INSERT INTO export_job (requested_by_id, kind, lang, filters, period_to)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [actor.id, kind, lang, JSON.stringify(filters), query.to],
    );
    const id = rows[0].id;
    await this.enqueue(id);
    return { id };
  }

  private enqueue(id: string) {
    const payload: ExportRunPayload = { exportId: id };
    // A fixed jobId: adding it again (a retried request, a re-drive) never runs it twice.
    return this.queue.add(JOBS.exportRun, payload, { jobId: `export-${id}` });
  }

  /** The requester's export; anyone else's is missing (404), admins' included. */
  async get(actor: Actor, id: string): Promise<ExportJobResponse> {
    return toResponse(await this.ownJob(actor, id));
  }

  private async ownJob(actor: Actor, id: string): Promise<ExportJobRow> {
    const rows: ExportJobRow[] = await this.dataSource.query(
      `SELECT * FROM export_job WHERE id = $1 AND requested_by_id = $2`,
      [id, actor.id],
    );
    if (!rows[0]) throw notFoundProblem('Export');
    return rows[0];
  }

  async content(actor: Actor, id: string): Promise<ExportFile> {
    const job = await this.ownJob(actor, id);
    if (
      job.status === 'EXPIRED' ||
      (job.status === 'DONE' && job.expires_at !== null && job.expires_at <= new Date())
    ) {
      throw goneProblem('This export has expired and its file was deleted: ask for it again');
    }
    if (job.status !== 'DONE') {
      throw conflictProblem(`This export is ${job.status.toLowerCase()}: its file is not ready`);
    }
    const path = this.finalPath(job);
    try {
      await stat(path);
    } catch {
      throw goneProblem('The file of this export is no longer there: ask for it again');
    }
    return {
      stream: createReadStream(path),
      contentType: EXPORT_CONTENT_TYPES[job.kind],
      fileName: exportFileName(job.kind, job.created_at),
    };
  }

  private finalPath(job: Pick<ExportJobRow, 'id' | 'kind'>): string {
    return join(this.config.EXPORT_DIR, `${job.id}.${job.kind.split('.')[1]}`);
  }

  /** The worker's run of one export; `lastAttempt` marks it failed instead of retrying. */
  async run(exportId: string, lastAttempt: boolean): Promise<void> {
    const token = randomUUID();
    const claimed = returnedRows<ExportJobRow>(
      await this.dataSource.query(
        `UPDATE export_job SET run_token = $2, status = 'RUNNING', started_at = coalesce(started_at, now())
          WHERE id = $1 AND status IN ('QUEUED', 'RUNNING') RETURNING *`,
        [exportId, token],
      ),
    );
    const job = claimed[0];
    if (!job) return; // finished, failed, expired or deleted: nothing to do
    try {
      const actor = await this.actors.actorFor(job.requested_by_id);
      if (!actor || !hasRole(actor, ...EXPORT_ROLES)) {
        await this.fail(job.id, token, 'the person who asked for this export may no longer export');
        return;
      }
      await mkdir(this.config.EXPORT_DIR, { recursive: true });
      const query = queryOfJob(job.filters, new Date(job.period_to));
      const size = await this.write(job, token, actor, query);
      const done = returnedRows(
        await this.dataSource.query(
          `UPDATE export_job
              SET status = 'DONE', size_bytes = $3, finished_at = now(),
                  expires_at = now() + make_interval(hours => $4), rows_done = coalesce(rows_total, rows_done)
            WHERE id = $1 AND run_token = $2 RETURNING id`,
          [job.id, token, size, this.config.EXPORT_RETENTION_HOURS],
        ),
      );
      if (done.length === 0) throw new LostClaim();
    } catch (error) {
      if (error instanceof LostClaim) return;
      if (lastAttempt) {
        await this.fail(job.id, token, (error as Error).message);
        return;
      }
      throw error;
    }
  }

  private async fail(id: string, token: string, message: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE export_job SET status = 'FAILED', error = $3, finished_at = now()
        WHERE id = $1 AND run_token = $2`,
      [id, token, message.slice(0, 500)],
    );
  }

  /** Writes the file (resuming a CSV from its checkpoint) and renames it into place. */
  private async write(
    job: ExportJobRow,
    token: string,
    actor: Actor,
    query: AnalyticsQuery,
  ): Promise<number> {
    const finalPath = this.finalPath(job);
    const partPath = `${finalPath}.part`;
    if (job.kind === 'funder-report.pdf') {
      const data = await this.exports.reportData(actor, query, job.lang);
      await this.setProgress(job.id, token, 0, 1);
      await pipeline(await funderReportPdf(data, job.lang), createWriteStream(partPath));
      await this.setProgress(job.id, token, 1, 1);
    } else {
      const reader = this.exports.reader(actor, query);
      await reader.prepare();
      if (job.kind === 'startups.xlsx') {
        await this.setProgress(job.id, token, 0, await reader.countStartups());
        const out = new PassThrough();
        const file = pipeline(out, createWriteStream(partPath));
        await writeXlsx(this.exports.startupsSpec(reader, job.lang), 'Startups', out, (done) =>
          this.setProgress(job.id, token, done),
        );
        await file;
      } else if (job.kind === 'startups.csv') {
        const total = await reader.countStartups();
        await this.writeCsv(
          job,
          token,
          partPath,
          this.exports.startupsSpec(reader, job.lang),
          total,
        );
      } else {
        const total = await reader.countTransitions();
        await this.writeCsv(
          job,
          token,
          partPath,
          this.exports.transitionsSpec(reader, job.lang),
          total,
        );
      }
    }
    const { size } = await stat(partPath);
    await rename(partPath, finalPath);
    return size;
  }

  /**
   * Appends batch after batch; after each one the file is fsynced, then the checkpoint (keyset
   * position, bytes, rows) recorded. A resumed run cuts the file back to the checkpoint (a batch
   * written but not recorded is written again) and goes on from the position.
   */
  private async writeCsv<Row>(
    job: ExportJobRow,
    token: string,
    partPath: string,
    spec: TabularExport<Row>,
    total: number,
  ): Promise<void> {
    let after: KeysetPosition = job.checkpoint_key;
    let bytes = Number(job.checkpoint_bytes);
    let done = job.rows_done;
    const resumable = after !== null && (await stat(partPath).catch(() => null)) !== null;
    const handle = await open(partPath, resumable ? 'r+' : 'w');
    try {
      if (resumable) {
        await handle.truncate(bytes);
        this.logger.log(`export ${job.id} resumed after ${done} rows`);
      } else {
        after = null;
        done = 0;
        const header = Buffer.from(csvHeader(spec));
        await handle.write(header, 0, header.length, 0);
        bytes = header.length;
      }
      await this.setProgress(job.id, token, done, total);
      for await (const batch of batchesOf(spec, after)) {
        const chunk = Buffer.from(csvLines(batch.rows.map((row) => valuesOf(spec.columns, row))));
        await handle.write(chunk, 0, chunk.length, bytes);
        await handle.sync();
        bytes += chunk.length;
        done += batch.rows.length;
        after = batch.next;
        await this.checkpoint(job.id, token, after, bytes, done);
      }
      await handle.truncate(bytes);
    } finally {
      await handle.close();
    }
  }

  private async checkpoint(
    id: string,
    token: string,
    after: KeysetPosition,
    bytes: number,
    done: number,
  ): Promise<void> {
    const rows = returnedRows(
      await this.dataSource.query(
        `UPDATE export_job SET checkpoint_key = $3, checkpoint_bytes = $4, rows_done = $5
          WHERE id = $1 AND run_token = $2 RETURNING id`,
        [id, token, JSON.stringify(after), bytes, done],
      ),
    );
    if (rows.length === 0) throw new LostClaim();
  }

  private async setProgress(id: string, token: string, done: number, total?: number) {
    const rows = returnedRows(
      await this.dataSource.query(
        `UPDATE export_job SET rows_done = $3, rows_total = coalesce($4, rows_total)
          WHERE id = $1 AND run_token = $2 RETURNING id`,
        [id, token, done, total ?? null],
      ),
    );
    if (rows.length === 0) throw new LostClaim();
  }

  /**
   * Deletes the files of exports past their expiry (and marks them EXPIRED), and the partial
   * files of failed ones. Runs hourly in the worker; safe to run on several workers at once.
   */
  async cleanup(now = new Date()): Promise<{ expired: number }> {
    const expired = returnedRows<Pick<ExportJobRow, 'id' | 'kind'>>(
      await this.dataSource.query(
        `UPDATE export_job SET status = 'EXPIRED'
          WHERE status = 'DONE' AND expires_at <= $1 RETURNING id, kind`,
        [now],
      ),
    );
    const failed: Pick<ExportJobRow, 'id' | 'kind'>[] = await this.dataSource.query(
      `SELECT id, kind FROM export_job
        WHERE status = 'FAILED' AND finished_at <= $1::timestamptz - make_interval(hours => $2)`,
      [now, this.config.EXPORT_RETENTION_HOURS],
    );
    const remove = (path: string) =>
      unlink(path).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
      });
    for (const job of expired) await remove(this.finalPath(job));
    for (const job of failed) await remove(`${this.finalPath(job)}.part`);
    return { expired: expired.length };
  }
}

function toResponse(job: ExportJobRow): ExportJobResponse {
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    progress: { done: job.rows_done, total: job.rows_total },
    ...(job.error ? { error: job.error } : {}),
    createdAt: new Date(job.created_at).toISOString(),
    finishedAt: job.finished_at ? new Date(job.finished_at).toISOString() : null,
    expiresAt: job.expires_at ? new Date(job.expires_at).toISOString() : null,
    sizeBytes: job.size_bytes === null ? null : Number(job.size_bytes),
  };
}
