import { mkdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import lighthouse, { desktopConfig } from 'lighthouse';
import puppeteer, { type Page } from 'puppeteer-core';
import { CHROMIUM_ARGS, chromiumPath } from '../support/browser';
import { DEMO_PASSWORD, startBackofficePlatform, DEMO_ACCOUNTS } from '../support/platform';

/*
 * Lighthouse's desktop score of the funder dashboard, signed in as the demo funder: the demo
 * platform of the browser tests (fresh database, built API, worker and back-office behind a
 * server that compresses like the deployed nginx), Debian's Chromium driven by puppeteer-core,
 * the real sign-in form, then Lighthouse in the same tab. The session lives in sessionStorage,
 * which belongs to one tab: Lighthouse must audit that tab, and must not clear its storage (the
 * HTTP cache is emptied instead, so that every file is downloaded as on a first visit).
 *
 * Writes dist/lighthouse/funder-dashboard.report.{html,json}, prints the scores and the main
 * metrics, and fails when the performance score is under 90.
 */

const WORKSPACE_ROOT = resolve(__dirname, '../../../..');
const REPORT_DIRECTORY = join(WORKSPACE_ROOT, 'dist/lighthouse');
const REPORT_NAME = 'funder-dashboard.report';
const FUNDER = DEMO_ACCOUNTS.funder;
const DASHBOARD_PATH = '/financeurs';
const DASHBOARD_HEADINGS = ['Tableau de bord financeurs', 'Funder dashboard'];
const MINIMUM_PERFORMANCE_SCORE = 90;
const CATEGORIES = ['performance', 'accessibility', 'best-practices'] as const;
const METRICS = [
  'first-contentful-paint',
  'largest-contentful-paint',
  'total-blocking-time',
  'cumulative-layout-shift',
  'speed-index',
  'total-byte-weight',
] as const;

interface NetworkRequest {
  url: string;
  resourceType?: string;
  transferSize?: number;
}

/** Signs in the way a person does, with the form's accessible names, and waits for the page. */
async function signIn(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.locator('::-p-aria([name="Adresse e-mail"][role="textbox"])').fill(FUNDER);
  await page.locator('::-p-aria(Mot de passe)').fill(DEMO_PASSWORD);
  await page.locator('::-p-aria([name="Se connecter"][role="button"])').click();
  await page.waitForFunction(
    (headings: string[]) =>
      headings.includes(document.querySelector('h1')?.textContent?.trim() ?? ''),
    { timeout: 30_000 },
    DASHBOARD_HEADINGS,
  );
}

async function main(): Promise<void> {
  const platform = await startBackofficePlatform({ album: 'lighthouse' });
  const browser = await puppeteer
    .launch({
      executablePath: chromiumPath(),
      headless: true,
      // French, the product's first language, as the browser tests read it.
      args: [...CHROMIUM_ARGS, '--lang=fr-FR'],
    })
    .catch(async (error: unknown) => {
      await platform.stop();
      throw error;
    });
  try {
    const page = await browser.newPage();
    const url = `${platform.url}${DASHBOARD_PATH}`;
    await signIn(page, url);
    // Signing in filled the HTTP cache; without its reset (disableStorageReset) Lighthouse would
    // weigh a page whose scripts come from it. Emptied once every chart has drawn (the charts'
    // chunks come last) and the tab has left the page, the audit downloads every file, as a
    // first visit does.
    await page.waitForFunction(
      () => {
        const charts = [...document.querySelectorAll('[echarts]')];
        return charts.length > 0 && charts.every((chart) => chart.querySelector('svg'));
      },
      { timeout: 30_000 },
    );
    await page.goto('about:blank');
    const devtools = await page.createCDPSession();
    await devtools.send('Network.clearBrowserCache');
    await devtools.detach();

    const result = await lighthouse(
      url,
      { output: ['html', 'json'], logLevel: 'error', disableStorageReset: true },
      desktopConfig,
      page,
    );
    if (!result) throw new Error('Lighthouse returned no result');
    const { lhr } = result;
    const [html, json] = result.report as string[];
    await mkdir(REPORT_DIRECTORY, { recursive: true });
    await writeFile(join(REPORT_DIRECTORY, `${REPORT_NAME}.html`), html ?? '');
    await writeFile(join(REPORT_DIRECTORY, `${REPORT_NAME}.json`), json ?? '');

    // A report of the sign-in page instead would score well and prove nothing.
    if (!lhr.finalDisplayedUrl.includes(DASHBOARD_PATH)) {
      throw new Error(`Lighthouse ended on ${lhr.finalDisplayedUrl}, not the dashboard`);
    }
    const requests = ((lhr.audits['network-requests']?.details as { items?: NetworkRequest[] })
      ?.items ?? []) as NetworkRequest[];
    const scripts = requests.filter((request) => request.resourceType === 'Script');
    const cached = scripts.filter((request) => !request.transferSize);
    if (cached.length > 0) {
      throw new Error(
        `scripts taken from the cache, so not weighed: ${cached.map((r) => r.url).join(', ')}`,
      );
    }
    const scriptBytes = scripts.reduce((sum, request) => sum + (request.transferSize ?? 0), 0);

    console.log(`Lighthouse ${lhr.lighthouseVersion}, desktop preset, ${lhr.finalDisplayedUrl}`);
    for (const category of CATEGORIES) {
      const score = lhr.categories[category]?.score;
      console.log(
        `${category}: ${score === null || score === undefined ? '?' : Math.round(score * 100)}`,
      );
    }
    for (const metric of METRICS) {
      console.log(`  ${metric}: ${lhr.audits[metric]?.displayValue ?? '?'}`);
    }
    console.log(
      `  JavaScript transferred: ${(scriptBytes / 1000).toFixed(1)} kB in ${scripts.length} files`,
    );
    const reports = relative(process.cwd(), join(REPORT_DIRECTORY, REPORT_NAME));
    console.log(`report: ${reports}.html and ${reports}.json`);

    const performance = Math.round((lhr.categories['performance']?.score ?? 0) * 100);
    if (performance < MINIMUM_PERFORMANCE_SCORE) {
      console.error(`FAIL performance ${performance} is under ${MINIMUM_PERFORMANCE_SCORE}`);
      process.exitCode = 1;
    }
  } finally {
    await browser.close();
    await platform.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
