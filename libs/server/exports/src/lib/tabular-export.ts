import { once } from 'node:events';
import { PassThrough, Readable } from 'node:stream';
import type { ExportLanguage } from '@parcours/contracts';
import { stringify } from 'csv-stringify/sync';
import { headerOf, valuesOf, type ExportColumn } from './export-columns';
import type { KeysetPosition, RowBatch } from './export-reader';

export type BatchSource<Row> = (after: KeysetPosition, limit: number) => Promise<RowBatch<Row>>;

/** What a tabular export is made of: its columns and where its rows come from. */
export interface TabularExport<Row> {
  columns: readonly ExportColumn<Row>[];
  read: BatchSource<Row>;
  batchRows: number;
  lang: ExportLanguage;
}

/** Called after every batch written, with the rows written so far. */
export type ProgressListener = (rowsDone: number) => unknown;

/**
 * A spreadsheet opening the file runs a cell that starts with = + - @ (or a tab, a carriage
 * return) as a formula; free text from a dossier must not be able to do that (OWASP "CSV
 * injection"). Such text is prefixed with an apostrophe, which spreadsheets show as text.
 */
export function neutraliseFormula(value: string | number | null): string | number | null {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** RFC 4180 lines (CRLF), empty cells for null. */
export function csvLines(records: (string | number | null)[][]): string {
  return stringify(
    records.map((record) => record.map(neutraliseFormula)),
    { record_delimiter: 'windows' },
  );
}

export const csvHeader = <Row>(spec: TabularExport<Row>) =>
  csvLines([headerOf(spec.columns, spec.lang)]);

/** The rows of a tabular export, batch by batch, from a keyset position. */
export async function* batchesOf<Row>(
  spec: TabularExport<Row>,
  from: KeysetPosition = null,
): AsyncGenerator<RowBatch<Row>> {
  let after = from;
  for (;;) {
    const batch = await spec.read(after, spec.batchRows);
    if (batch.rows.length === 0) return;
    yield batch;
    if (batch.rows.length < spec.batchRows) return;
    after = batch.next;
  }
}

/**
 * The CSV as a stream: the next batch is read only when the reply has taken the previous one
 * (Readable.from pulls from the generator as the consumer reads), so memory stays flat and a
 * slow client slows the reads down instead of filling the memory.
 */
export function csvStream<Row>(spec: TabularExport<Row>, onProgress?: ProgressListener): Readable {
  async function* chunks(): AsyncGenerator<Buffer> {
    yield Buffer.from(csvHeader(spec));
    let done = 0;
    for await (const batch of batchesOf(spec)) {
      yield Buffer.from(csvLines(batch.rows.map((row) => valuesOf(spec.columns, row))));
      done += batch.rows.length;
      await onProgress?.(done);
    }
  }
  return Readable.from(chunks(), { objectMode: false });
}

/**
 * The workbook with exceljs's streaming writer: every row is committed (and leaves memory) as
 * it is added; after each batch the writer waits until the destination has taken what it was
 * given before reading the next batch.
 */
export async function writeXlsx<Row>(
  spec: TabularExport<Row>,
  sheetName: string,
  out: PassThrough,
  onProgress?: ProgressListener,
): Promise<void> {
  // Loaded by the first workbook rather than at start: about 35 MB of resident memory that most
  // processes never use.
  const ExcelJS = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = headerOf(spec.columns, spec.lang).map((header, index) => ({
    header,
    key: spec.columns[index].key,
    width: Math.max(12, Math.min(40, header.length + 4)),
  }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let done = 0;
  for await (const batch of batchesOf(spec)) {
    for (const row of batch.rows) {
      sheet.addRow(valuesOf(spec.columns, row).map(neutraliseFormula)).commit();
    }
    done += batch.rows.length;
    await onProgress?.(done);
    if (out.writableNeedDrain) await once(out, 'drain');
  }
  sheet.commit();
  await workbook.commit();
}

/** The workbook as a stream; a failure while writing destroys the stream (the reply aborts). */
export function xlsxStream<Row>(spec: TabularExport<Row>, sheetName: string): Readable {
  const out = new PassThrough();
  writeXlsx(spec, sheetName, out).catch((error: Error) => out.destroy(error));
  return out;
}
