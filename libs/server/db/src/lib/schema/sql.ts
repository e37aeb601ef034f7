/**
 * Tiny SQL rendering helpers shared by the entities' CHECK decorators and the migrations, so
 * that both spell a constraint the same way.
 */

/** Renders a string as a SQL literal; doubling quotes is the whole of PostgreSQL's escaping rule. */
export function sqlLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** Renders an identifier (table, column, database name) safely quoted. */
export function sqlIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** `"column" IN ('A', 'B')`: a CHECK body restricting a text column to an enum's values. */
export function sqlIn(column: string, values: readonly string[]): string {
  if (values.length === 0) {
    throw new Error(`sqlIn(${column}): an empty list of values would refuse every row`);
  }
  return `${sqlIdentifier(column)} IN (${values.map(sqlLiteral).join(', ')})`;
}
