import type { EntityManager } from 'typeorm';

/** A column filled by `bulkInsert`, with the SQL type its JSON value is read as. */
export interface ColumnSpec<Row> {
  name: Extract<keyof Row, string>;
  type: string;
}

/** Rows per statement: large enough to be fast, small enough to keep each parameter modest. */
const ROWS_PER_STATEMENT = 2_500;

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/**
 * Inserts many rows with one statement per chunk: the rows travel as one JSON parameter and
 * `jsonb_to_recordset` turns them back into typed columns. Rows are inserted in array order
 * (serial ids, such as the timeline's, follow it). Returns how many rows were written.
 */
export async function bulkInsert<Row extends object>(
  em: EntityManager,
  table: string,
  columns: readonly ColumnSpec<Row>[],
  rows: readonly Row[],
): Promise<number> {
  if (rows.length === 0) {
    return 0;
  }
  const names = columns.map((column) => quote(column.name)).join(', ');
  const definitions = columns.map((column) => `${quote(column.name)} ${column.type}`).join(', ');
  const sql = `INSERT INTO ${quote(table)} (${names})
    SELECT ${names}
      FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (${definitions}))
           WITH ORDINALITY AS source (${names}, ordinal)
     ORDER BY ordinal`;
  for (let offset = 0; offset < rows.length; offset += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(offset, offset + ROWS_PER_STATEMENT).map((row) => {
      const picked: Record<string, unknown> = {};
      for (const column of columns) {
        picked[column.name] = row[column.name];
      }
      return picked;
    });
    await em.query(sql, [JSON.stringify(chunk)]);
  }
  return rows.length;
}
