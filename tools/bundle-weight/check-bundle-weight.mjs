// Weighs the back-office's JavaScript as browsers download it: gzip at zlib's default level (6),
// the level nginx and most servers use (`gzip_comp_level` 1–6 in practice), not level 9. Angular's
// budgets only count raw bytes.
//
// Initial JavaScript: the scripts and modulepreload hints of index.html, and every chunk they
// import statically (what the first page load cannot do without). Lazy chunks: every other
// chunk, loaded with a route or an `import()`. Fails when the initial total or any lazy chunk is
// over its limit, ECharts' chunks included.
//
// With the build's esbuild metafile (`browser-stats.json` beside `browser/`, which the production
// build writes), it also adds up what the dossier and the funder dashboard load in all (initial
// JavaScript, the shell, the route and everything it may import, charts included), and fails when
// the dossier loads the dashboard-only charts (funnel, gauge, Sankey) or no ECharts at all.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const KB = 1000;
export const INITIAL_LIMIT_BYTES = 250 * KB;
export const LAZY_CHUNK_LIMIT_BYTES = 150 * KB;
/** A string only ECharts' core carries (its private-property prefix); survives minification. */
const ECHARTS_MARKER = '__ec_inner_';

/** The pages with charts whose total weight is reported, by the entry point of their route. */
const CHART_ROUTES = [
  { name: 'dossier (/dossiers/:id)', entryPoint: 'libs/backoffice/dossier/src/index.ts' },
  {
    name: 'funder dashboard (/financeurs)',
    entryPoint: 'libs/backoffice/funder-dashboard/src/index.ts',
  },
];
const SHELL_ENTRY_POINT = 'apps/backoffice/src/app/shell/shell.ts';
const DOSSIER_ENTRY_POINT = CHART_ROUTES[0].entryPoint;
/** ECharts' and its renderer's modules. */
const ECHARTS_MODULES = /node_modules\/(echarts|zrender)\//;
/** Modules of the charts only the funder dashboard draws. */
const DASHBOARD_ONLY_CHARTS = /node_modules\/echarts\/lib\/chart\/(funnel|gauge|sankey)\//;

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
const lazyRows = rows.filter((row) => row.kind !== 'initial');
const tooHeavy = lazyRows.filter((row) => row.gzip > LAZY_CHUNK_LIMIT_BYTES);

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
        `(limit ${kilobytes(LAZY_CHUNK_LIMIT_BYTES)})`,
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
      `${row.kind} chunk ${row.file} is ${kilobytes(row.gzip)} gzip, over ${kilobytes(LAZY_CHUNK_LIMIT_BYTES)}`,
  ),
];
if (initial.size === 0) failures.push('no initial script found in index.html');
if (!lazyRows.some((row) => row.kind === 'lazy (echarts)')) {
  failures.push('no ECharts chunk found: the charts are missing, or the marker changed');
}
failures.push(...chartRouteFailures());
for (const failure of failures) console.error(`FAIL ${failure}`);
process.exitCode = failures.length > 0 ? 1 : 0;

/**
 * Prints what each page with charts loads in all, from the esbuild metafile, and returns what is
 * wrong with it. Without the metafile (a build without `statsJson`), says so and checks nothing.
 */
function chartRouteFailures() {
  const statsFile = join(dirname(directory), 'browser-stats.json');
  if (!existsSync(statsFile)) {
    console.log(`no ${statsFile}: route totals skipped (build with --stats-json to get them)`);
    return [];
  }
  const { outputs } = JSON.parse(readFileSync(statsFile, 'utf8'));
  const outputOf = (entryPoint) =>
    Object.keys(outputs).find((path) => outputs[path].entryPoint === entryPoint);
  const fileName = (path) => path.split('/').pop();
  /** The output and every chunk it imports, statically or with `import()`, transitively. */
  const reachableFrom = (start) => {
    const seen = new Set();
    const pending = start ? [start] : [];
    while (pending.length > 0) {
      const path = pending.pop();
      if (seen.has(path)) continue;
      seen.add(path);
      // The initial chunks are loaded already; their `import()`s are the other routes.
      if (initial.has(fileName(path))) continue;
      pending.push(...(outputs[path]?.imports ?? []).map((each) => each.path));
    }
    return seen;
  };
  const gzipOf = new Map(rows.map((row) => [row.file, row]));
  const problems = [];
  for (const route of CHART_ROUTES) {
    const routeOutput = outputOf(route.entryPoint);
    if (!routeOutput) {
      problems.push(`no chunk for ${route.entryPoint} in ${statsFile}`);
      continue;
    }
    const files = new Set(
      [...reachableFrom(outputOf(SHELL_ENTRY_POINT)), ...reachableFrom(routeOutput)].map(fileName),
    );
    const lazy = [...files].filter((file) => !initial.has(file) && gzipOf.has(file));
    const lazyGzip = lazy.reduce((sum, file) => sum + gzipOf.get(file).gzip, 0);
    const echarts = lazy.filter((file) =>
      Object.keys(outputs[file]?.inputs ?? {}).some((input) => ECHARTS_MODULES.test(input)),
    );
    const echartsGzip = echarts.reduce((sum, file) => sum + gzipOf.get(file).gzip, 0);
    console.log(
      `${route.name}: ${kilobytes(initialGzip + lazyGzip)} gzip in all = initial ` +
        `${kilobytes(initialGzip)} + ${kilobytes(lazyGzip)} in ${lazy.length} lazy chunks ` +
        `(shell, route, every import() it may make), of which ECharts ` +
        `${kilobytes(echartsGzip)} in ${echarts.length} chunks`,
    );
    if (route.entryPoint === DOSSIER_ENTRY_POINT) {
      const paths = [...reachableFrom(routeOutput)];
      const dashboardCharts = paths.filter((path) =>
        Object.keys(outputs[path]?.inputs ?? {}).some((input) => DASHBOARD_ONLY_CHARTS.test(input)),
      );
      if (dashboardCharts.length > 0) {
        problems.push(
          `the dossier loads the dashboard-only charts (funnel, gauge, Sankey) in ` +
            dashboardCharts.map(fileName).join(', '),
        );
      }
      if (echartsGzip === 0) problems.push('the dossier loads no ECharts: its KPI chart is gone');
    }
  }
  return problems;
}
