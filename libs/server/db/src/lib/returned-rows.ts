/**
 * TypeORM's PostgreSQL driver answers `UPDATE … RETURNING` and `DELETE … RETURNING` with
 * `[rows, affectedCount]`, but `INSERT … RETURNING` and `SELECT` with the rows alone. Every
 * raw UPDATE/DELETE that reads what it returned goes through this, or it would see a
 * two-element array whatever it changed.
 */
export function returnedRows<T>(result: unknown): T[] {
  if (
    Array.isArray(result) &&
    result.length === 2 &&
    Array.isArray(result[0]) &&
    typeof result[1] === 'number'
  ) {
    return result[0] as T[];
  }
  return result as T[];
}
