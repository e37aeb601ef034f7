#!/usr/bin/env node
// `npm start`: the whole platform on a development machine, with demo data. Makes sure PostgreSQL
// and Redis answer, runs the API, the worker and the back-office with watch, and prints where to
// sign in once everything answers. Ctrl-C stops everything.
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { styleText } from 'node:util';
import { concurrently } from 'concurrently';
import { DEFAULT_DATABASE_URL, DEFAULT_REDIS_URL, ensureServices } from './ensure-services.mjs';
import { waitForUrls } from './wait-for.mjs';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const DEFAULT_DEMO_PASSWORD = 'parcours-demo-2026';
const READY_TIMEOUT_MS = Number(process.env.START_TIMEOUT_SECONDS ?? 600) * 1000;
const FORCE_KILL_AFTER_MS = 10_000;

// SPEC §6 (contract).
const DEMO_ACCOUNTS = [
  ['admin@demo.parcours.test', 'admin'],
  ['manager.rouen@demo.parcours.test', 'manager, Rouen incubator and nursery'],
  ['manager.caen@demo.parcours.test', 'manager, Caen incubator and nursery'],
  ['manager.lehavre@demo.parcours.test', 'manager, Le Havre incubator and nursery'],
  ['manager.ffwd@demo.parcours.test', 'manager, accelerator and internationalisation'],
  ['mentor@demo.parcours.test', 'mentor'],
  ['founder@demo.parcours.test', 'founder (startup in NURSERY, Rouen)'],
  ['funder@demo.parcours.test', 'funder, all territories'],
];

const env = {
  ...process.env,
  DEMO_MODE: process.env.DEMO_MODE ?? 'true',
  DATABASE_URL: process.env.DATABASE_URL || DEFAULT_DATABASE_URL,
  REDIS_URL: process.env.REDIS_URL || DEFAULT_REDIS_URL,
  // The project's Node 24 even when this script was started with the machine's node.
  PATH: [join(ROOT, 'node_modules', '.bin'), process.env.PATH].join(delimiter),
  // Nx's terminal UI would fight with the prefixed output.
  NX_TUI: 'false',
};
const apiPort = env.PORT || '3000';
const apiUrl = `http://localhost:${apiPort}`;
const backofficeUrl = 'http://localhost:4200';

function banner() {
  const bold = (text) => styleText('bold', text);
  const link = (text) => styleText(['bold', 'cyan'], text);
  const lines = [
    '',
    bold('Parcours is running.'),
    '',
    `  Sign in (back-office)  ${link(backofficeUrl)}`,
    `  API documentation      ${link(`${apiUrl}/api/docs`)}`,
    `  API readiness          ${apiUrl}/health/ready`,
  ];
  if (env.DEMO_MODE === 'true') {
    const password = env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;
    lines.push('', `  Demo accounts, all with the password ${bold(password)}:`);
    for (const [email, role] of DEMO_ACCOUNTS) lines.push(`    ${email.padEnd(38)} ${role}`);
  }
  lines.push('', '  Ctrl-C stops the API, the worker and the back-office.', '');
  const rule = styleText('green', '─'.repeat(78));
  return [rule, ...lines, rule].join('\n');
}

try {
  await ensureServices(env);
} catch (error) {
  console.error(`[services] ${error instanceof Error ? error.message : error}`);
  process.exit(1);
}

console.log(`[start] DEMO_MODE=${env.DEMO_MODE}; starting api, worker and backoffice...`);
const { commands, result } = concurrently(
  [
    { name: 'api', command: 'nx serve api', prefixColor: 'cyan', env },
    { name: 'worker', command: 'nx serve worker', prefixColor: 'magenta', env },
    { name: 'backoffice', command: 'nx serve backoffice', prefixColor: 'green', env },
  ],
  {
    cwd: ROOT,
    prefix: 'name',
    padPrefix: true,
    // A part that cannot start (port taken, bad configuration) takes the others down with it.
    killOthersOn: ['failure'],
    killTimeout: FORCE_KILL_AFTER_MS,
  },
);

// concurrently forwards Ctrl-C (and SIGTERM) to every process tree; a child that ignores it is
// killed after a grace period so that the terminal is never left with orphans.
const stopping = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (stopping.signal.aborted) return;
    stopping.abort();
    console.log(`\n[start] ${signal}: stopping api, worker and backoffice...`);
    setTimeout(
      () => commands.forEach((command) => command.kill('SIGKILL')),
      FORCE_KILL_AFTER_MS,
    ).unref();
  });
}

const finished = result.then(
  () => 0,
  () => (stopping.signal.aborted ? 0 : 1),
);
finished.then(() => stopping.abort());

const notAnswering = await waitForUrls([`${apiUrl}/health/ready`, `${backofficeUrl}/`], {
  timeoutMs: READY_TIMEOUT_MS,
  intervalMs: 2000,
  signal: stopping.signal,
});
if (!stopping.signal.aborted) {
  if (notAnswering.length === 0) console.log(banner());
  else {
    console.warn(
      `[start] still no answer from ${notAnswering.join(' and ')} after ` +
        `${READY_TIMEOUT_MS / 1000}s: see the output above. Still running; Ctrl-C stops.`,
    );
  }
}

process.exit(await finished);
