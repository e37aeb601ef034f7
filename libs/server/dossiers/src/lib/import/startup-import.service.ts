import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Injectable } from '@nestjs/common';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, type StartupImportReport } from '@parcours/contracts';
import {
  payloadTooLargeProblem,
  validationProblem,
  type ProblemFieldError,
} from '@parcours/server-http';
import type { Actor } from '@parcours/server-identity';
import { TransitionsService } from '@parcours/server-transitions';
import { parse } from 'csv-parse';
import { DataSource, type EntityManager } from 'typeorm';
import { StartupsService, type NewStartup } from '../startups.service';
import { mapHeader, validateImportRow, type ImportColumns } from './import-columns';

/** Import files above this are refused with 413 (10,000 startups with long descriptions fit). */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
/** Valid rows written per transaction, each statement of the transaction covering them all. */
export const IMPORT_BATCH_SIZE = 250;

interface PendingRow {
  row: number;
  id: string;
  startup: NewStartup;
}

const PG_UNIQUE_VIOLATION = '23505';

/** `;` or `,`, whichever the header line holds more of (outside quotes, roughly). */
export function detectDelimiter(headerLine: string): ';' | ',' {
  const unquoted = headerLine.replace(/"[^"]*"/g, '');
  const count = (char: string) => unquoted.split(char).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/** The bytes of the source, failing past the limit before the parser could see a cut row. */
async function* limited(source: Readable, limit: number): AsyncGenerator<Buffer> {
  let seen = 0;
  for await (const chunk of source) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    seen += bytes.length;
    if (seen > limit)
      throw payloadTooLargeProblem(`An import file may hold at most ${limit} bytes`);
    yield bytes;
  }
}

/**
 * A parser for the file, whose delimiter is read from its header line: the first bytes are
 * read ahead until a line break, then fed to the parser with the rest.
 */
async function csvRecords(
  source: Readable,
  limit: number,
): Promise<{ records: AsyncIterable<string[]>; done: Promise<void> }> {
  const chunks = limited(source, limit);
  let head = Buffer.alloc(0);
  let ended = false;
  while (!head.includes(0x0a) && head.length < 64 * 1024) {
    const next = await chunks.next();
    if (next.done) {
      ended = true;
      break;
    }
    head = Buffer.concat([head, next.value]);
  }
  const firstLine = head.toString('utf8').split(/\r?\n/)[0] ?? '';
  const parser = parse({
    bom: true,
    delimiter: detectDelimiter(firstLine),
    relax_column_count: true,
    // Blank lines stay records: row numbers then match the rows of a spreadsheet.
    skip_empty_lines: false,
  });
  async function* all(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    if (!ended) yield* chunks;
  }
  const done = pipeline(Readable.from(all(), { objectMode: false }), parser);
  // A failure (413, malformed CSV) also surfaces through the parser's iterator.
  done.catch(() => undefined);
  return { records: parser as AsyncIterable<string[]>, done };
}

/**
 * `POST /startups/import`: reads a CSV (UTF-8, BOM or not, `;` or `,`) as a stream, validates each
 * row like `POST /startups`, and creates the valid ones in batches — one transaction per batch of
 * about ten set-based statements (startups, transitions, timeline, stays, workflow steps,
 * outbox, audit chain), whatever the batch's size — leaving the same rows as as many
 * `POST /startups`, so imported startups count in analytics exactly like the others. A row is
 * created whole or reported, never half. Memory stays flat: only the current batch and the
 * report of rejected rows are held.
 */
@Injectable()
export class StartupImportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly startups: StartupsService,
    private readonly transitions: TransitionsService,
  ) {}

  async import(
    actor: Actor,
    source: Readable,
    options: { structureId?: string | null; maxBytes?: number } = {},
  ): Promise<StartupImportReport> {
    const structureId = this.startups.structureForNewStartup(actor, options.structureId ?? null);
    const report: StartupImportReport = { created: 0, rejected: [] };
    let columns: ImportColumns | null = null;
    let batch: PendingRow[] = [];
    let row = 0;
    try {
      const { records, done } = await csvRecords(source, options.maxBytes ?? MAX_IMPORT_BYTES);
      for await (const record of records) {
        row += 1;
        if (!columns) {
          const header = mapHeader(record);
          if ('errors' in header) {
            throw validationProblem(
              header.errors,
              'The header row names unknown or missing columns',
            );
          }
          columns = header.columns;
          continue;
        }
        // A blank row of a spreadsheet: nothing to import, nothing to report.
        if (record.every((value) => value.trim() === '')) continue;
        const checked = validateImportRow(record, columns);
        if ('errors' in checked) {
          report.rejected.push({ row, errors: checked.errors });
          continue;
        }
        batch.push({ row, id: randomUUID(), startup: checked.startup });
        if (batch.length >= IMPORT_BATCH_SIZE) {
          await this.flush(actor, structureId, batch, report, columns.siren?.name);
          batch = [];
        }
      }
      await done;
    } catch (error) {
      source.resume();
      throw this.asProblem(error);
    }
    if (!columns) {
      throw validationProblem([{ path: 'file', message: 'empty: a header row is required' }]);
    }
    await this.flush(actor, structureId, batch, report, columns.siren?.name);
    report.rejected.sort((a, b) => a.row - b.row);
    return report;
  }

  /** Creates a batch: SIRENs already registered are reported first, the rest in one transaction. */
  private async flush(
    actor: Actor,
    structureId: string | null,
    batch: PendingRow[],
    report: StartupImportReport,
    sirenColumn = 'siren',
  ): Promise<void> {
    if (batch.length === 0) return;
    const valid = await this.withoutDuplicateSirens(batch, report, sirenColumn);
    if (valid.length === 0) return;
    try {
      await this.dataSource.transaction((em) => this.create(em, actor, structureId, valid));
      report.created += valid.length;
    } catch {
      // Something only the database could see (a SIREN registered meanwhile, a constraint): each
      // row alone, so that one bad row does not cost the batch.
      for (const pending of valid) {
        try {
          await this.dataSource.transaction((em) => this.create(em, actor, structureId, [pending]));
          report.created += 1;
        } catch (error) {
          report.rejected.push({ row: pending.row, errors: [this.reasonOf(error, sirenColumn)] });
        }
      }
    }
  }

  private async withoutDuplicateSirens(
    batch: PendingRow[],
    report: StartupImportReport,
    sirenColumn: string,
  ): Promise<PendingRow[]> {
    const sirens = batch.map((pending) => pending.startup.siren).filter((s): s is string => !!s);
    const registered = new Set<string>(
      sirens.length === 0
        ? []
        : (
            (await this.dataSource.query(`SELECT siren FROM startup WHERE siren = ANY($1)`, [
              sirens,
            ])) as { siren: string }[]
          ).map((found) => found.siren),
    );
    const seen = new Map<string, number>();
    return batch.filter((pending) => {
      const siren = pending.startup.siren;
      if (!siren) return true;
      const earlier = seen.get(siren);
      if (registered.has(siren) || earlier !== undefined) {
        report.rejected.push({
          row: pending.row,
          errors: [
            {
              path: sirenColumn,
              message:
                earlier !== undefined ? `same SIREN as row ${earlier}` : 'already registered',
            },
          ],
        });
        return false;
      }
      seen.set(siren, pending.row);
      return true;
    });
  }

  private async create(
    em: EntityManager,
    actor: Actor,
    structureId: string | null,
    rows: PendingRow[],
  ): Promise<void> {
    const byId = new Map(rows.map((pending) => [pending.id, pending]));
    await em.query(
      `INSERT INTO startup (id, name, legal_name, siren, domain, territory_code, founded_on, stage,
                            stage_entered_at, status, tags, description, website,
                            current_structure_id, created_by_id, updated_by_id)
       SELECT r.id, r.name, r.legal_name, r.siren, r.domain, r.territory_code, r.founded_on, r.stage,
              now(), 'ACTIVE', r.tags, r.description, r.website, $2, $3, $3
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, name text, legal_name text, siren text,
              domain text, territory_code text, founded_on date, stage text, tags text[],
              description text, website text)`,
      [
        JSON.stringify(
          rows.map(({ id, startup }) => ({
            id,
            name: startup.name,
            legal_name: startup.legalName ?? null,
            siren: startup.siren ?? null,
            domain: startup.domain,
            territory_code: startup.territory,
            founded_on: startup.foundedOn ?? null,
            stage: startup.stage ?? 'DETECTION',
            tags: startup.tags ?? [],
            description: startup.description ?? null,
            website: startup.website ?? null,
          })),
        ),
        structureId,
        actor.id,
      ],
    );
    await this.transitions.firstEntries(
      em,
      actor,
      rows.map(({ id, startup }) => ({
        id,
        structureId,
        toStage: startup.stage ?? 'DETECTION',
      })),
      (startupId) => {
        const { row, startup } = byId.get(startupId) as PendingRow;
        return [
          {
            action: AUDIT_ACTIONS.startupCreated,
            entityType: AUDIT_ENTITY_TYPES.startup,
            entityId: startupId,
            startupId,
            actorId: actor.id,
            after: {
              ...startup,
              stage: startup.stage ?? 'DETECTION',
              structureId,
              importedFromRow: row,
            },
          },
        ];
      },
    );
  }

  private reasonOf(error: unknown, sirenColumn: string): ProblemFieldError {
    if ((error as { code?: string }).code === PG_UNIQUE_VIOLATION) {
      return { path: sirenColumn, message: 'already registered' };
    }
    const detail = (error as { response?: { detail?: string } }).response?.detail;
    return { path: 'row', message: detail ?? 'could not be created' };
  }

  /** Parser errors become a 400 naming the line; problems pass through. */
  private asProblem(error: unknown): unknown {
    if ((error as { getStatus?: unknown }).getStatus) return error;
    const code = (error as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('CSV_')) {
      const lines = (error as { lines?: number }).lines;
      return validationProblem([
        { path: 'file', message: `${(error as Error).message}${lines ? ` (line ${lines})` : ''}` },
      ]);
    }
    return error;
  }
}
