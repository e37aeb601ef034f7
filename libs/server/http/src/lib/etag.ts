import { validationProblem } from './problem';

/** Versions travel as strong ETags: `"3"`. */
export const etagOf = (version: number) => `"${version}"`;

/** `If-Match: "3"` (or a bare 3) → 3; absent → null; anything else is a 400 naming the header. */
export function parseIfMatch(header: string | undefined): number | null {
  if (header === undefined) return null;
  const match = /^\s*(?:W\/)?"?(\d+)"?\s*$/.exec(header);
  if (!match) {
    throw validationProblem([
      { path: 'If-Match', message: 'expected the ETag of a previous read' },
    ]);
  }
  return Number(match[1]);
}
