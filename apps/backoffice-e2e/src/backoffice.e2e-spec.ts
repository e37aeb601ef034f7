import { PIPELINE_STAGES } from '@parcours/contracts';
import type { Page } from 'playwright-core';
import { accessibilityViolations } from './support/browser';
import {
  boardColumnsRegion,
  countsOf,
  readBoardColumns,
  signInForm,
  signInWithForm,
  until,
  waitForLoadedBoard,
} from './support/pages';
import {
  DEMO_PASSWORD,
  startBackofficePlatform,
  type BackofficePlatform,
  DEMO_ACCOUNTS,
} from './support/platform';

const MANAGER_ROUEN = DEMO_ACCOUNTS.managerRouen;
const FOUNDER = DEMO_ACCOUNTS.founder;

const FRENCH_STAGES = [
  'Détection',
  'Incubation',
  'Pépinière',
  'Accélération',
  'Internationalisation',
];
const ENGLISH_STAGES = [
  'Talent detection',
  'Incubation',
  'Nursery',
  'Acceleration',
  'Internationalisation',
];

let platform: BackofficePlatform;

beforeAll(async () => {
  platform = await startBackofficePlatform();
});

afterEach(async () => {
  await platform?.closePages();
});

afterAll(async () => {
  await platform?.stop();
});

/** The API's own stage counts for an account, to check the board against. */
async function apiStageCounts(
  email: string,
  query: Record<string, string> = {},
): Promise<number[]> {
  const response = await fetch(
    `${platform.apiUrl}/api/v1/startups/stage-counts?${new URLSearchParams(query)}`,
    { headers: { authorization: `Bearer ${await platform.apiToken(email)}` } },
  );
  const { counts } = (await response.json()) as { counts: Record<string, number> };
  return PIPELINE_STAGES.map((stage) => counts[stage] ?? 0);
}

/**
 * A manager of Rouen, signed in and on the board: from the home page by default, or from a link
 * to a filtered board, which the sign-in page brings them back to.
 */
async function managerOnTheBoard(link = '/', boardPath = '/tableau'): Promise<Page> {
  const page = await platform.newPage();
  await page.goto(link);
  await signInWithForm(page, MANAGER_ROUEN, DEMO_PASSWORD);
  await page.waitForURL(`**${boardPath}`);
  await waitForLoadedBoard(page);
  return page;
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

describe('sign-in', () => {
  it('speaks French, and says so in the alert region when the password is wrong', async () => {
    const page = await platform.newPage();
    await page.goto('/');

    await page.waitForURL('**/connexion');
    const form = signInForm(page);
    await form.heading.waitFor();
    expect(await page.title()).toBe('Connexion · Parcours');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    expect(await form.heading.textContent()).toBe('Connexion à Parcours');
    expect(await page.getByLabel('Adresse e-mail').count()).toBe(1);
    expect(await page.getByLabel('Mot de passe').count()).toBe(1);
    expect(await form.submit.textContent()).toMatch(/^\s*Se connecter\s*$/);
    expect((await form.alert.textContent())?.trim()).toBe('');
    await platform.screenshots.take(page, '01-sign-in-fr');

    await signInWithForm(page, MANAGER_ROUEN, 'not-the-password');

    await until(
      'the alert after a wrong password',
      async () => (await form.alert.textContent())?.trim(),
      (text) => text !== '',
    );
    expect((await form.alert.textContent())?.trim()).toBe('E-mail ou mot de passe incorrect.');
    expect(page.url()).toMatch(/\/connexion$/);
    await platform.screenshots.take(page, '02-sign-in-fr-wrong-password');
  });
});

describe('pipeline board', () => {
  it('shows a manager the five stages in order, each with a count and its cards', async () => {
    const page = await managerOnTheBoard();

    expect(await page.title()).toBe('Tableau du parcours · Parcours');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Tableau du parcours');
    const columns = await readBoardColumns(page);
    expect(columns.map((column) => column.title)).toEqual(FRENCH_STAGES);
    for (const column of columns) expect(column.count).toMatch(/^\d+$/);
    expect(countsOf(columns)).toEqual(await apiStageCounts(MANAGER_ROUEN));
    expect(columns.reduce((cards, column) => cards + column.cards, 0)).toBeGreaterThan(0);
    const firstCard = boardColumnsRegion(page).getByRole('article').first();
    expect(await firstCard.isVisible()).toBe(true);
    // What the footer of a column says matches what is on screen.
    const detection = boardColumnsRegion(page).getByRole('region', { name: /^Détection/ });
    const detectionCards = await detection.getByRole('article').count();
    expect((await detection.getByText(/Affichage :/).textContent())?.trim()).toBe(
      `Affichage : ${detectionCards} sur ${columns[0]?.count}`,
    );
    await platform.screenshots.take(page, '03-board-fr-manager-rouen');
  });

  it('narrows the board by territory and by domain, keeping the filters in the URL', async () => {
    const page = await managerOnTheBoard();
    const filters = page.getByRole('group', { name: 'Filtrer les startups' });

    await filters.getByRole('combobox', { name: 'Territoire' }).click();
    const countsRequested = page.waitForResponse((response) =>
      response.url().includes('/api/v1/startups/stage-counts?territory=ROUEN'),
    );
    await page.getByRole('option', { name: 'Rouen' }).click();

    await page.waitForURL('**/tableau?territory=ROUEN');
    expect((await countsRequested).status()).toBe(200);
    const rouen = await waitForLoadedBoard(page);
    expect(countsOf(rouen)).toEqual(await apiStageCounts(MANAGER_ROUEN, { territory: 'ROUEN' }));
    // The first term of a card is its territory.
    const territoriesShown = await boardColumnsRegion(page)
      .getByRole('article')
      .evaluateAll((cards) => cards.map((card) => card.querySelector('dd')?.textContent?.trim()));
    expect(territoriesShown.length).toBeGreaterThan(0);
    expect(new Set(territoriesShown)).toEqual(new Set(['Rouen']));
    expect(await filters.getByRole('button', { name: 'Effacer les filtres' }).isVisible()).toBe(
      true,
    );
    await platform.screenshots.take(page, '04-board-fr-territory-rouen');

    // Everything a Rouen manager sees is in Rouen; a domain shows the counts following the filter.
    await filters.getByRole('combobox', { name: 'Filière' }).click();
    await page.getByRole('option', { name: 'Smart Cities' }).click();

    await page.waitForURL('**/tableau?territory=ROUEN&domain=SMART_CITIES');
    const expected = await apiStageCounts(MANAGER_ROUEN, {
      territory: 'ROUEN',
      domain: 'SMART_CITIES',
    });
    expect(expected).not.toEqual(countsOf(rouen));
    const smartCities = await until(
      'the counts of Smart Cities in Rouen',
      () => readBoardColumns(page),
      (columns) => JSON.stringify(countsOf(columns)) === JSON.stringify(expected),
    );
    expect(smartCities.map((column) => column.title)).toEqual(FRENCH_STAGES);
    await platform.screenshots.take(page, '05-board-fr-rouen-smart-cities');

    // The URL is the filter: opening it again gives the same board.
    await page.reload();
    const reloaded = await waitForLoadedBoard(page);
    expect(countsOf(reloaded)).toEqual(expected);
    expect(await filters.getByRole('combobox', { name: 'Filière' }).textContent()).toContain(
      'Smart Cities',
    );
  });

  it('switches to English: stage titles, headings and document title', async () => {
    const page = await managerOnTheBoard();

    await switchLanguage(page, 'English (EN)');

    const columns = await until(
      'the columns in English',
      () => readBoardColumns(page),
      (read) => read[0]?.title === ENGLISH_STAGES[0],
    );
    expect(columns.map((column) => column.title)).toEqual(ENGLISH_STAGES);
    for (const column of columns) expect(column.count).toMatch(/^\d+$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Pipeline board');
    await until(
      'the English document title',
      () => page.title(),
      (title) => title === 'Pipeline board · Parcours',
    );
    await platform.screenshots.take(page, '06-board-en-manager-rouen');

    // The choice is remembered: a reload stays in English.
    await page.reload();
    const reloaded = await waitForLoadedBoard(page);
    expect(reloaded.map((column) => column.title)).toEqual(ENGLISH_STAGES);

    // The choice is saved on the account too: back to French for the tests that follow.
    await switchLanguage(page, 'Français (FR)');
    await until(
      'the columns in French again',
      () => readBoardColumns(page),
      (read) => read[0]?.title === FRENCH_STAGES[0],
    );
  });
});

describe('navigation by role', () => {
  it('shows a founder the founder space only, and keeps the board closed', async () => {
    const page = await platform.newPage();
    await page.goto('/');
    await signInWithForm(page, FOUNDER, DEMO_PASSWORD);

    await page.waitForURL('**/ma-startup');
    const navigation = page.getByRole('navigation', { name: 'Navigation principale' });
    await navigation.getByRole('link').first().waitFor();
    const entries = await navigation.getByRole('link').allTextContents();
    expect(entries.map((entry) => entry.trim())).toEqual(['Espace fondateur·rice']);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Ma startup');
    expect(await page.getByRole('button', { name: 'Compte de Léa Fontaine' }).isVisible()).toBe(
      true,
    );
    await platform.screenshots.take(page, '07-founder-space-fr');

    await page.goto('/tableau');
    await page.waitForURL('**/ma-startup');
    expect(await page.getByRole('heading', { name: 'Tableau du parcours' }).count()).toBe(0);
  });
});

describe('keyboard only', () => {
  it('signs in with Tab and Enter and reaches the board, then skips to its content', async () => {
    const page = await platform.newPage();
    await page.goto('/');
    const form = signInForm(page);
    await form.heading.waitFor();
    const isFocused = (locator: typeof form.email) =>
      locator.evaluate((element) => element === document.activeElement);

    const tabsToEmail = await until(
      'focus on the e-mail field by pressing Tab',
      async () => {
        await page.keyboard.press('Tab');
        return isFocused(form.email);
      },
      (focused) => focused,
      3_000,
    );
    expect(tabsToEmail).toBe(true);
    await page.keyboard.type(MANAGER_ROUEN);
    await page.keyboard.press('Tab');
    expect(await isFocused(form.password)).toBe(true);
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');

    await page.waitForURL('**/tableau');
    const columns = await waitForLoadedBoard(page);
    expect(columns.map((column) => column.title)).toEqual(FRENCH_STAGES);

    // The first stop on the board is the skip link, which takes focus to the main content.
    await page.keyboard.press('Tab');
    const skipLink = page.getByRole('link', { name: 'Aller au contenu principal' });
    expect(await isFocused(skipLink)).toBe(true);
    await platform.screenshots.take(page, '08-board-fr-keyboard-skip-link');
    await page.keyboard.press('Enter');
    expect(await isFocused(page.getByRole('main'))).toBe(true);
  });
});

describe('accessibility: axe-core finds no WCAG 2.1 A/AA violation', () => {
  it('on the sign-in page, in French and in English', async () => {
    const page = await platform.newPage();
    await page.goto('/connexion');
    await signInForm(page).heading.waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await switchLanguage(page, 'English (EN)');
    await until(
      'the English sign-in page',
      () => signInForm(page).heading.textContent(),
      (text) => text === 'Sign in to Parcours',
    );
    await platform.screenshots.take(page, '09-sign-in-en');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('on the board, in French and in English', async () => {
    // Narrowed to one domain: every kind of element of the board (filters set, reset button,
    // cards with and without the on-hold badge, column footers) with a third of the cards, and
    // a third of axe's time.
    const filtered = '/tableau?domain=SMART_CITIES';
    const page = await managerOnTheBoard(filtered, filtered);
    const columns = await readBoardColumns(page);
    expect(countsOf(columns)).toEqual(
      await apiStageCounts(MANAGER_ROUEN, { domain: 'SMART_CITIES' }),
    );
    expect(await accessibilityViolations(page)).toEqual([]);

    await switchLanguage(page, 'English (EN)');
    await until(
      'the English board',
      () => readBoardColumns(page),
      (columns) => columns[0]?.title === ENGLISH_STAGES[0],
    );
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('and the check does catch one: a field without a label', async () => {
    const page = await platform.newPage();
    await page.setContent(
      '<html lang="fr"><head><title>Témoin</title></head><body><main><h1>Témoin</h1><input></main></body></html>',
    );

    const violations = await accessibilityViolations(page);

    expect(violations.map((violation) => violation.rule)).toEqual(['label']);
  });
});
