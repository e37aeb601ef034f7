/** A JSON value as it comes back from a `jsonb` column. */
export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonValue[]
  | { [key: string]: JsonValue };

/**
 * The JSON value PostgreSQL will hand back for `value` once stored as jsonb: what
 * `JSON.stringify` keeps (Dates become ISO strings, undefined members disappear, NaN becomes
 * null). Hashing this form, rather than the caller's object, is what makes a hash computed at
 * write time reproducible from the stored row.
 */
export function toJsonValue(value: unknown): JsonValue {
  if (value === undefined) return null;
  const text = JSON.stringify(value);
  return text === undefined ? null : (JSON.parse(text) as JsonValue);
}

/**
 * Canonical JSON: object keys sorted by code unit at every depth, no whitespace, array order
 * kept, strings and numbers as `JSON.stringify` writes them. Two equal JSON values always give
 * the same text, whatever the key order PostgreSQL's jsonb chose.
 */
export function canonicalJson(value: unknown): string {
  return write(toJsonValue(value));
}

function write(value: JsonValue): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(write).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${write(value[key])}`).join(',')}}`;
}
