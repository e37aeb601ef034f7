import {
  builtApp,
  createTestDatabase,
  type TestDatabase,
  deleteQueueKeys,
  freePort,
  startService,
  uniqueQueuePrefix,
  waitForHttpOk,
  type ServiceProcess,
} from '@parcours/server-testing';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ScreenshotAlbum, launchChromium } from './browser';
import { startStaticServer } from './static-server';

const WORKSPACE_ROOT = resolve(__dirname, '../../../..');
const BACKOFFICE_BUILD = join(WORKSPACE_ROOT, 'dist/apps/backoffice/browser');
export const SCREENSHOT_DIRECTORY = join(WORKSPACE_ROOT, 'test-output/screenshots/backoffice-e2e');

export interface BackofficePlatformOptions {
  /** A folder of `test-output/screenshots` of the spec's own, so that suites keep each other's. */
  album?: string;
  /** More settings for the API and the worker. */
  env?: Record<string, string>;
}

const TEST_JWT_SECRET = 'backoffice-e2e-secret-that-is-long-enough-for-hs256-0123456789';

/** SPEC §6: every demo account signs in with this password unless DEMO_PASSWORD says otherwise. */
export const DEMO_PASSWORD = 'parcours-demo-2026';

/** The demo accounts the journeys sign in as (SPEC §6), and the founder account's startup. */
export const DEMO_ACCOUNTS = {
  admin: 'admin@demo.parcours.test',
  managerRouen: 'manager.rouen@demo.parcours.test',
  managerFfwd: 'manager.ffwd@demo.parcours.test',
  mentor: 'mentor@demo.parcours.test',
  founder: 'founder@demo.parcours.test',
  funder: 'funder@demo.parcours.test',
} as const;
export const SHOWCASE_STARTUP = 'Seinergie';

/** A laptop screen: the navigation sits beside the content (the shell's wide layout). */
const LAPTOP_VIEWPORT = { width: 1366, height: 768 };

export interface BackofficePlatform {
  /** Where the browser goes: the built back-office, with the API behind the same origin. */
  url: string;
  apiUrl: string;
  /** The platform's database, for arranging what the browser cannot (a broken template). */
  db: TestDatabase;
  browser: Browser;
  screenshots: ScreenshotAlbum;
  /** A page in a fresh browser context: no session, no remembered language. */
  newPage(): Promise<Page>;
  /** An API access token of a demo account: signed in once per suite, then reused. */
  apiToken(email: string): Promise<string>;
  /** Closes the pages of the test; fails when one of them threw an uncaught error. */
  closePages(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The whole platform for the suite: a fresh database, a queue prefix of its own, the built API
 * (demo mode: it migrates and seeds the demo data before it listens) and worker as real
 * processes, the built back-office behind a small web server, and Chromium.
 */
export async function startBackofficePlatform(
  options: BackofficePlatformOptions = {},
): Promise<BackofficePlatform> {
  if (!existsSync(join(BACKOFFICE_BUILD, 'index.html'))) {
    throw new Error(`${BACKOFFICE_BUILD} is missing: build it first (npx nx build backoffice)`);
  }
  // Undone in reverse order by stop(), or straight away when a later step fails.
  const cleanups: (() => Promise<unknown>)[] = [];
  const stop = async () => {
    const errors: unknown[] = [];
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup().catch((error: unknown) => errors.push(error));
    }
    if (errors.length > 0) throw new AggregateError(errors, 'backoffice-e2e clean-up failed');
  };

  try {
    // Both at once, and each one undone even when the other failed.
    const [dbStarted, browserStarted] = await Promise.allSettled([
      createTestDatabase(),
      launchChromium(),
    ]);
    if (dbStarted.status === 'fulfilled') cleanups.push(() => dbStarted.value.drop());
    if (browserStarted.status === 'fulfilled') cleanups.push(() => browserStarted.value.close());
    if (dbStarted.status === 'rejected') throw dbStarted.reason;
    if (browserStarted.status === 'rejected') throw browserStarted.reason;
    const db = dbStarted.value;
    const browser = browserStarted.value;

    const port = await freePort();
    const redisUrl = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
    const queuePrefix = uniqueQueuePrefix('bo-e2e');
    cleanups.push(() => deleteQueueKeys(redisUrl, queuePrefix));
    const env: Record<string, string> = {
      NODE_ENV: 'test',
      DEMO_MODE: 'true',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: db.url,
      DATABASE_POOL_SIZE: '5',
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: queuePrefix,
      JWT_SECRET: TEST_JWT_SECRET,
      OUTBOX_POLL_MS: '200',
      WORKER_CONCURRENCY: '2',
      ...options.env,
    };
    const services: ServiceProcess[] = [];
    cleanups.push(() => Promise.all(services.map((service) => service.stop('SIGTERM'))));
    const api = startService('api', builtApp('api'), env);
    services.push(api);
    // The clone is already migrated, so the worker need not wait for the API's start-up.
    const worker = startService('worker', builtApp('worker'), env);
    services.push(worker);
    const apiUrl = `http://127.0.0.1:${port}`;
    await waitForHttpOk(`${apiUrl}/health/ready`, api, 60_000);
    if (worker.child.exitCode !== null) {
      throw new Error(`worker exited with ${worker.child.exitCode}:\n${worker.output()}`);
    }

    const web = await startStaticServer({ root: BACKOFFICE_BUILD, apiUrl });
    cleanups.push(() => web.close());

    const screenshots = new ScreenshotAlbum(
      options.album ? join(SCREENSHOT_DIRECTORY, '..', options.album) : SCREENSHOT_DIRECTORY,
    );
    await screenshots.reset();

    const openContexts: BrowserContext[] = [];
    const pageErrors = new Map<Page, Error[]>();
    const apiTokens = new Map<string, Promise<string>>();
    return {
      url: web.url,
      apiUrl,
      db,
      browser,
      screenshots,
      async newPage() {
        const context = await browser.newContext({
          baseURL: web.url,
          viewport: LAPTOP_VIEWPORT,
          locale: 'fr-FR',
          reducedMotion: 'reduce',
        });
        openContexts.push(context);
        const page = await context.newPage();
        const errors: Error[] = [];
        pageErrors.set(page, errors);
        page.on('pageerror', (error) => errors.push(error));
        return page;
      },
      apiToken(email) {
        let token = apiTokens.get(email);
        if (!token) {
          token = fetch(`${apiUrl}/api/v1/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email, password: DEMO_PASSWORD }),
          })
            .then((response) => response.json() as Promise<{ accessToken: string }>)
            .then((body) => body.accessToken);
          apiTokens.set(email, token);
        }
        return token;
      },
      async closePages() {
        const uncaught = [...pageErrors.values()].flat();
        pageErrors.clear();
        await Promise.all(openContexts.splice(0).map((context) => context.close()));
        if (uncaught.length > 0) {
          throw new Error(
            `the page threw uncaught errors:\n${uncaught.map((error) => error.stack ?? error.message).join('\n')}`,
          );
        }
      },
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
