#!/usr/bin/env node
// Makes sure PostgreSQL and Redis answer at DATABASE_URL and REDIS_URL. When one does not and its
// URL points at this machine, starts a private server under .data/ from locally installed binaries,
// so a developer needs no root access, no systemd and no Docker.
//
//   node tools/dev/ensure-services.mjs          check, start what is missing, exit 0 when both answer
//   node tools/dev/ensure-services.mjs --stop   stop the private servers started from .data/
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Redis } from 'ioredis';

export const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/parcours';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../..');
const DATA_DIR = join(ROOT, '.data');
const PG_DIR = join(DATA_DIR, 'postgres');
const REDIS_DIR = join(DATA_DIR, 'redis');
const CHECK_TIMEOUT_MS = 2000;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '0.0.0.0', '']);

class ServiceError extends Error {}

// A server that answers but refuses us (bad password, TLS...) must not get a second server on its
// port: only these errors mean "nobody is listening".
const NOT_LISTENING = new Set([
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ECONNRESET',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const isNotListening = (error) =>
  NOT_LISTENING.has(error?.code) || /timeout|ECONNREFUSED|closed/i.test(String(error?.message));

const log = (message) => console.log(`[services] ${message}`);
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** 'up', 'down' (nobody listening) or the error of a server that answers but refuses us. */
async function probePostgres(url) {
  const serverUrl = new URL(url);
  serverUrl.pathname = '/postgres'; // the application database may not exist yet: the API creates it
  const client = new pg.Client({
    connectionString: serverUrl.href,
    connectionTimeoutMillis: CHECK_TIMEOUT_MS,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
    return 'up';
  } catch (error) {
    return isNotListening(error) ? 'down' : error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function probeRedis(url) {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: CHECK_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG' ? 'up' : new Error('PING did not answer PONG');
  } catch (error) {
    return isNotListening(error) ? 'down' : error;
  } finally {
    redis.disconnect();
  }
}

async function waitUntilUp(probe, url, seconds) {
  for (let elapsed = 0; elapsed < seconds * 4; elapsed += 1) {
    if ((await probe(url)) === 'up') return true;
    await sleep(250);
  }
  return false;
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error?.message ?? ''}`;
    throw new ServiceError(`${command} ${args.join(' ')} failed:\n${output.trim()}`);
  }
  return result.stdout;
}

function which(command) {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  return dirs.map((dir) => join(dir, command)).find((path) => existsSync(path));
}

/** The newest PostgreSQL whose initdb and pg_ctl are installed (Debian layout first, then PATH). */
function findPostgresBin() {
  const candidates = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  if (existsSync('/usr/lib/postgresql')) {
    const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => `/usr/lib/postgresql/${version}/bin`));
  }
  const onPath = which('pg_ctl');
  if (onPath) candidates.push(resolve(onPath, '..'));
  return candidates.find(
    (dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')),
  );
}

/** PostgreSQL refuses to run as root: as root we act as the `postgres` system user. */
function postgresOwner() {
  if (process.getuid?.() !== 0) return undefined;
  if (spawnSync('id', ['-u', 'postgres']).status !== 0) {
    throw new ServiceError(
      'PostgreSQL cannot run as root and there is no `postgres` user: ' +
        'run as a normal user, or create one with `useradd --system postgres`.',
    );
  }
  return 'postgres';
}

function runAsPostgresOwner(command, args) {
  const owner = postgresOwner();
  return owner ? run('runuser', ['-u', owner, '--', command, ...args]) : run(command, args);
}

function startPrivatePostgres(url) {
  const bin = findPostgresBin();
  if (!bin) {
    throw new ServiceError(
      'PostgreSQL is not installed. Install it (Debian/Ubuntu: `apt-get install postgresql`) ' +
        'or set DATABASE_URL to a server that runs elsewhere.',
    );
  }
  const { hostname, port, username } = new URL(url);
  const host = hostname.replace(/^\[|\]$/g, '') || 'localhost';
  const dataDir = join(PG_DIR, 'data');
  const owner = postgresOwner();

  mkdirSync(DATA_DIR, { recursive: true });
  mkdirSync(PG_DIR, { recursive: true, mode: 0o700 });
  if (owner) {
    // The owner must be able to reach its folder through .data/.
    chmodSync(DATA_DIR, statSync(DATA_DIR).mode | 0o711);
    run('chown', ['-R', `${owner}:`, PG_DIR]);
  }
  const installedVersion = run(join(bin, 'pg_ctl'), ['--version']).match(/(\d+)/)?.[1];
  if (existsSync(join(dataDir, 'PG_VERSION'))) {
    const dataVersion = readFileSync(join(dataDir, 'PG_VERSION'), 'utf8').trim();
    if (dataVersion !== installedVersion) {
      throw new ServiceError(
        `${dataDir} holds PostgreSQL ${dataVersion} data but ${bin} is PostgreSQL ${installedVersion}: ` +
          'delete .data/postgres (it holds only local demo data) or set PG_BIN.',
      );
    }
  } else {
    log(`creating a private PostgreSQL ${installedVersion} cluster in ${dataDir}`);
    // prettier-ignore
    runAsPostgresOwner(join(bin, 'initdb'), [
      '-D', dataDir,
      '-U', decodeURIComponent(username) || 'postgres',
      '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8',
    ]);
  }
  log(`starting a private PostgreSQL on ${host}:${port || 5432} (log: .data/postgres/server.log)`);
  // TCP only: the machine's own cluster may own the default socket directory.
  const serverOptions = `-p ${port || 5432} -h ${host} -c unix_socket_directories=''`;
  // prettier-ignore
  runAsPostgresOwner(join(bin, 'pg_ctl'), [
    '-D', dataDir,
    '-l', join(PG_DIR, 'server.log'),
    '-o', serverOptions,
    '-w', '-t', '60',
    'start',
  ]);
}

function startPrivateRedis(url) {
  const redisServer = which('redis-server');
  if (!redisServer) {
    throw new ServiceError(
      'Redis is not installed. Install it (Debian/Ubuntu: `apt-get install redis-server`) ' +
        'or set REDIS_URL to a server that runs elsewhere.',
    );
  }
  const { hostname, port, password } = new URL(url);
  const host = hostname.replace(/^\[|\]$/g, '');
  // "-::1": bind IPv6 loopback too when the machine has it (Node may resolve localhost to ::1).
  const bind = host === 'localhost' || host === '' ? ['127.0.0.1', '-::1'] : [host];
  // One folder per port: two private servers must not share an append-only file.
  const dir = join(REDIS_DIR, port || '6379');
  mkdirSync(dir, { recursive: true });
  log(`starting a private Redis on ${host || 'localhost'}:${port || 6379} (log: ${dir}/redis.log)`);
  // prettier-ignore
  run(redisServer, [
    '--port', port || '6379',
    '--bind', ...bind,
    '--dir', dir,
    '--daemonize', 'yes',
    '--pidfile', join(dir, 'redis.pid'),
    '--logfile', join(dir, 'redis.log'),
    '--save', '',
    '--appendonly', 'yes',
    // BullMQ loses jobs if Redis evicts keys.
    '--maxmemory-policy', 'noeviction',
    ...(password ? ['--requirepass', decodeURIComponent(password)] : []),
  ]);
}

const SERVICES = [
  {
    name: 'PostgreSQL',
    variable: 'DATABASE_URL',
    fallback: DEFAULT_DATABASE_URL,
    probe: probePostgres,
    start: startPrivatePostgres,
  },
  {
    name: 'Redis',
    variable: 'REDIS_URL',
    fallback: DEFAULT_REDIS_URL,
    probe: probeRedis,
    start: startPrivateRedis,
  },
];

async function ensureService({ name, variable, fallback, probe, start }, env) {
  const url = env[variable] || fallback;
  const shown = url.replace(/\/\/[^@/]*:[^@/]*@/, '//***@'); // never print a password
  const state = await probe(url);
  if (state === 'up') return log(`${name} answers at ${shown}`);
  if (state !== 'down') {
    throw new ServiceError(
      `${name} at ${shown} answers but refuses us: ${state.message}. Check ${variable}.`,
    );
  }
  if (!LOCAL_HOSTS.has(new URL(url).hostname)) {
    throw new ServiceError(
      `${name} does not answer at ${shown}. Check ${variable}, or unset it to use a local server.`,
    );
  }
  log(`${name} does not answer at ${shown}`);
  start(url);
  if (!(await waitUntilUp(probe, url, 30))) {
    throw new ServiceError(
      `the private ${name} started but does not answer at ${shown}: see its log under .data/`,
    );
  }
  log(`${name} answers at ${shown}`);
}

/** Resolves when PostgreSQL and Redis both answer; throws a ServiceError that says what to do. */
export async function ensureServices(env = process.env) {
  for (const service of SERVICES) await ensureService(service, env);
}

/** Stops the private servers that ensureServices started; machine-wide servers are left alone. */
export function stopPrivateServices() {
  const dataDir = join(PG_DIR, 'data');
  const bin = findPostgresBin();
  if (bin && existsSync(join(dataDir, 'postmaster.pid'))) {
    runAsPostgresOwner(join(bin, 'pg_ctl'), ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
    log('private PostgreSQL stopped');
  }
  const ports = existsSync(REDIS_DIR) ? readdirSync(REDIS_DIR) : [];
  for (const pidFile of ports.map((port) => join(REDIS_DIR, port, 'redis.pid'))) {
    if (!existsSync(pidFile)) continue;
    try {
      process.kill(Number(readFileSync(pidFile, 'utf8')), 'SIGTERM');
      log(`private Redis stopped (${pidFile})`);
    } catch {
      log(`private Redis was not running (${pidFile})`);
    }
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    if (process.argv.includes('--stop')) stopPrivateServices();
    else await ensureServices();
  } catch (error) {
    console.error(`[services] ${error instanceof ServiceError ? error.message : error}`);
    process.exit(1);
  }
}
