// Weighs the back-office's JavaScript as browsers download it: gzip at zlib's default level (6),
// the level nginx and most servers use (`gzip_comp_level` 1–6 in practice), not level 9. Angular's
// budgets only count raw bytes.
//
// Initial JavaScript: the scripts and modulepreload hints of index.html, and every chunk they
// import statically (what the first page load cannot do without). Lazy chunks: every other
// chunk, loaded with a route or an `import()`. Fails when the initial total or any lazy chunk is
// over its limit.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const KB = 1000;
export const INITIAL_LIMIT_BYTES = 250 * KB;
export const LAZY_CHUNK_LIMIT_BYTES = 150 * KB;
/**
 * The one chunk allowed past 150 kB: ECharts, shared by the dossier's KPI chart and the funder
 * dashboard. ECharts' core alone is 99 kB gzip and core + bar chart + grid + SVG renderer 156 kB
 * (measured with esbuild, minified), so no chunk holding what both pages draw fits in 150 kB.
 * This ceiling is what it weighs today plus a little: a chart type or component added without
 * thinking about its weight still fails the check.
 */
export const ECHARTS_CHUNK_LIMIT_BYTES = 190 * KB;
/** A string only ECharts' core carries (its private-property prefix); survives minification. */
const ECHARTS_MARKER = '__ec_inner_';

const directory = resolve(process.argv[2] ?? 'dist/apps/backoffice/browser');

/** `import{a as b}from"./chunk-X.js"` and `import"./chunk-X.js"`, never `import("./chunk-X.js")`. */
const STATIC_IMPORT = /import\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']\.\/([\w.-]+\.js)["']/g;

function read(file) {
  return readFileSync(join(directory, file));
}

function staticImportsOf(file) {
  return [...read(file).toString('utf8').matchAll(STATIC_IMPORT)].map((match) => match[1]);
}

function entryFiles() {
  const html = read('index.html').toString('utf8');
  const tags = [
    ...html.matchAll(/<script[^>]*\ssrc="([^"]+\.js)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g),
  ];
  return tags.map((match) => match[1]);
}

function initialFiles() {
  const seen = new Set();
  const pending = entryFiles();
  while (pending.length > 0) {
    const file = pending.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    pending.push(...staticImportsOf(file));
  }
  return seen;
}

const gzipped = (file) => gzipSync(read(file)).length;
const kilobytes = (bytes) => `${(bytes / KB).toFixed(1)} kB`;

const initial = initialFiles();
const rows = readdirSync(directory)
  .filter((file) => file.endsWith('.js'))
  .map((file) => ({
    file,
    kind: initial.has(file)
      ? 'initial'
      : read(file).includes(ECHARTS_MARKER)
        ? 'lazy (echarts)'
        : 'lazy',
    raw: read(file).length,
    gzip: gzipped(file),
  }))
  .sort((a, b) => a.kind.localeCompare(b.kind) || b.gzip - a.gzip);

const initialGzip = rows
  .filter((row) => row.kind === 'initial')
  .reduce((sum, r) => sum + r.gzip, 0);
const initialRaw = rows.filter((row) => row.kind === 'initial').reduce((sum, r) => sum + r.raw, 0);
const limitOf = (row) =>
  row.kind === 'lazy (echarts)' ? ECHARTS_CHUNK_LIMIT_BYTES : LAZY_CHUNK_LIMIT_BYTES;
const lazyRows = rows.filter((row) => row.kind !== 'initial');
const tooHeavy = lazyRows.filter((row) => row.gzip > limitOf(row));

console.log(
  `Back-office JavaScript in ${directory} (gzip, zlib default level 6; 1 kB = 1000 bytes)`,
);
console.log(['kind', 'file', 'raw', 'gzip'].join('\t'));
for (const row of rows) {
  console.log([row.kind, row.file, kilobytes(row.raw), kilobytes(row.gzip)].join('\t'));
}
console.log(
  `initial total: ${kilobytes(initialRaw)} raw, ${kilobytes(initialGzip)} gzip ` +
    `(limit ${kilobytes(INITIAL_LIMIT_BYTES)}) in ${initial.size} files`,
);
for (const kind of ['lazy', 'lazy (echarts)']) {
  const largest = lazyRows.filter((row) => row.kind === kind).sort((a, b) => b.gzip - a.gzip)[0];
  if (largest) {
    console.log(
      `largest ${kind} chunk: ${largest.file}, ${kilobytes(largest.gzip)} gzip ` +
        `(limit ${kilobytes(limitOf(largest))})`,
    );
  }
}

const failures = [
  ...(initialGzip > INITIAL_LIMIT_BYTES
    ? [
        `initial JavaScript is ${kilobytes(initialGzip)} gzip, over ${kilobytes(INITIAL_LIMIT_BYTES)}`,
      ]
    : []),
  ...tooHeavy.map(
    (row) =>
      `${row.kind} chunk ${row.file} is ${kilobytes(row.gzip)} gzip, over ${kilobytes(limitOf(row))}`,
  ),
];
if (initial.size === 0) failures.push('no initial script found in index.html');
if (!lazyRows.some((row) => row.kind === 'lazy (echarts)')) {
  failures.push('no ECharts chunk found: the charts are missing, or the marker changed');
}
for (const failure of failures) console.error(`FAIL ${failure}`);
process.exitCode = failures.length > 0 ? 1 : 0;
