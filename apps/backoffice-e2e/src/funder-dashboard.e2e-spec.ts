import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { accessibilityViolations } from './support/browser';
import { signInWithForm, until } from './support/pages';
import {
  DEMO_PASSWORD,
  startBackofficePlatform,
  type BackofficePlatform,
  DEMO_ACCOUNTS,
} from './support/platform';

/*
 * The funder's journey: the demo funder opens the dashboard, narrows it to Le Havre, Smart
 * Ports & Logistics and 2025, reads the funnel and time in stage from their tables (what a
 * screen reader reads), and downloads the PDF report; in French, then in English.
 */

const FUNDER = DEMO_ACCOUNTS.funder;
const FILTERS = 'territory=LE_HAVRE&domain=SMART_PORTS_LOGISTICS&from=2025-01-01&to=2026-01-01';

let platform: BackofficePlatform;

beforeAll(async () => {
  platform = await startBackofficePlatform({ album: 'backoffice-e2e-funder-dashboard' });
});

afterEach(async () => {
  await platform?.closePages();
});

afterAll(async () => {
  await platform?.stop();
});

async function funderApi<T>(path: string): Promise<T> {
  const login = await fetch(`${platform.apiUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: FUNDER, password: DEMO_PASSWORD }),
  });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const response = await fetch(`${platform.apiUrl}/api/v1${path}`, {
    headers: { authorization: `Bearer ${accessToken}` },
  });
  return (await response.json()) as T;
}

/** The body rows of a table: the row header, then the cells. */
async function tableRows(page: Page, id: string): Promise<string[][]> {
  return page
    .locator(`#${id} tbody tr`)
    .evaluateAll((rows) =>
      rows.map((row) =>
        Array.from(row.querySelectorAll('th, td')).map((cell) => (cell.textContent ?? '').trim()),
      ),
    );
}

async function choose(page: Page, label: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

async function switchLanguage(page: Page, to: 'English (EN)' | 'Français (FR)'): Promise<void> {
  await page
    .getByRole('radiogroup', { name: /^(Langue de l'interface|Interface language)$/ })
    .getByRole('radio', { name: to })
    .click();
  await page.waitForFunction(
    (lang) => document.documentElement.lang === lang,
    to.slice(-3, -1).toLowerCase(),
  );
}

describe('funder dashboard', () => {
  it('filters, reads the figures as tables and downloads the report, in French then English', async () => {
    const page = await platform.newPage();
    await page.goto('/financeurs');
    await signInWithForm(page, FUNDER, DEMO_PASSWORD);
    await page.waitForURL('**/financeurs**');
    await page.getByRole('heading', { level: 1, name: 'Tableau de bord financeurs' }).waitFor();
    // Unfiltered, the ecosystem's published targets sit beside the programmes': named apart.
    const allTargets = await until(
      'the targets of the whole programme',
      () => tableRows(page, 'kpi-targets-table'),
      (rows) => rows.some((row) => row[0] === 'Emplois créés (objectif de l’écosystème à 3 ans)'),
      30_000,
    );
    const targetNames = allTargets.map((row) => row[0]);
    expect(targetNames.filter((name, index) => targetNames.indexOf(name) !== index)).toEqual([]);

    await choose(page, 'Territoire', 'Le Havre');
    await choose(page, 'Filière', 'Smart Ports & Logistics');
    await choose(page, 'Année', '2025');
    await page.waitForURL((url) => FILTERS.split('&').every((pair) => url.search.includes(pair)));

    const funnel = await funderApi<{ stages: { entered: number; current: number }[] }>(
      `/analytics/funnel?${FILTERS}`,
    );
    const time = await funderApi<{ stages: { completedStays: number }[] }>(
      `/analytics/time-in-stage?${FILTERS}`,
    );
    const funnelTable = page.getByRole('table', { name: 'Entonnoir par étape' });
    await funnelTable.waitFor();
    // The tables show the API's figures for these filters (numbers in French format).
    const readNumber = (text: string) => Number(text.replace(/\s/g, ''));
    let funnelRows: string[][] = [];
    for (let attempt = 0; attempt < 50; attempt += 1) {
      funnelRows = await tableRows(page, 'funnel-table');
      if (
        funnelRows.map((row) => readNumber(row[1])).join() ===
        funnel.stages.map((s) => s.entered).join()
      )
        break;
      await page.waitForTimeout(200);
    }
    expect(funnelRows.map((row) => row[0])).toEqual([
      'Détection',
      'Incubation',
      'Pépinière',
      'Accélération',
      'Internationalisation',
    ]);
    expect(funnelRows.map((row) => readNumber(row[1]))).toEqual(
      funnel.stages.map((s) => s.entered),
    );
    expect(funnelRows.map((row) => readNumber(row[5]))).toEqual(
      funnel.stages.map((s) => s.current),
    );
    expect(funnel.stages.some((stage) => stage.entered > 0)).toBe(true);
    // The funnel's chart, and every other chart shown, drew beside its table: ECharts and its
    // charts arrived from their lazy chunks.
    await page.locator('[aria-labelledby="funnel-heading"] [echarts] svg').waitFor();
    for (const chart of await page.locator('[echarts]').all()) await chart.locator('svg').waitFor();

    const timeRows = await tableRows(page, 'time-in-stage-table');
    expect(timeRows.map((row) => readNumber(row[1]))).toEqual(
      time.stages.map((s) => s.completedStays),
    );
    // Every target named in words, its figures written the French way (1 000, 7,6 %).
    const targetRows = await tableRows(page, 'kpi-targets-table');
    expect(targetRows.filter((row) => /^[a-z]+\./.test(row[0]))).toEqual([]);
    const jobsTargets = targetRows.filter((row) => row[0] === 'Emplois créés (objectif à 3 ans)');
    expect(jobsTargets.length).toBeGreaterThan(0);
    for (const row of jobsTargets) expect(row[2]).toMatch(/^1[\u202f\u00a0]000$/);
    expect(
      targetRows.flatMap((row) => row.slice(1)).filter((cell) => /\d[.,]\d{3}\b|\d\.\d/.test(cell)),
    ).toEqual([]);
    await platform.screenshots.take(page, '01-dashboard-le-havre-2025-fr');
    expect(await accessibilityViolations(page)).toEqual([]);

    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.getByRole('button', { name: 'Rapport financeur (PDF)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^parcours-funder-report-\d{8}\.pdf$/);
    const pdf = await readFile(await download.path());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.getByRole('status').filter({ hasText: 'Rapport financeur (PDF) : prêt' }).waitFor();
    await platform.screenshots.take(page, '02-report-downloaded-fr');

    await switchLanguage(page, 'English (EN)');
    await page.getByRole('heading', { level: 1, name: 'Funder dashboard' }).waitFor();
    await page.getByRole('table', { name: 'Funnel per stage' }).waitFor();
    const englishRows = await tableRows(page, 'funnel-table');
    expect(englishRows.map((row) => row[0])).toEqual([
      'Talent detection',
      'Incubation',
      'Nursery',
      'Acceleration',
      'Internationalisation',
    ]);
    expect(englishRows.map((row) => readNumber(row[1].replace(/,/g, '')))).toEqual(
      funnel.stages.map((s) => s.entered),
    );
    await page.getByRole('table', { name: 'Time in stage, in days' }).waitFor();
    const englishTargets = await tableRows(page, 'kpi-targets-table');
    const englishJobs = englishTargets.filter((row) => row[0] === 'Jobs created (3-year target)');
    expect(englishJobs.length).toBeGreaterThan(0);
    for (const row of englishJobs) expect(row[2]).toBe('1,000');
    await platform.screenshots.take(page, '03-dashboard-le-havre-2025-en');
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});
