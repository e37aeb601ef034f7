import { validationProblem } from './problem';

/**
 * Opaque keyset cursors: the sort key of the last row seen, base64url-encoded JSON.
 * A cursor that does not decode into the expected shape is a 400 naming `cursor`.
 */
export function encodeCursor(values: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): (string | number)[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((v) => typeof v === 'string' || typeof v === 'number')
    ) {
      return values as (string | number)[];
    }
  } catch {
    // fall through to the problem below
  }
  throw validationProblem([{ path: 'cursor', message: 'invalid cursor' }]);
}
