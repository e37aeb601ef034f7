import type { Page } from 'playwright-core';
import { accessibilityViolations } from './support/browser';
import { signInWithForm, until } from './support/pages';
import {
  DEMO_PASSWORD,
  startBackofficePlatform,
  type BackofficePlatform,
  DEMO_ACCOUNTS,
  SHOWCASE_STARTUP,
} from './support/platform';

/*
 * Nursery hosting in the browser, on the demo data: the Rouen manager, who runs the nursery of
 * Seine Innopolis, opens Hébergement from the navigation, adds an office, opens a startup's
 * dossier and signs a hosting agreement on that office, is told in words when someone else
 * changed the agreement before their own change, and sees the place's occupancy grow by the
 * agreement's seats. French first, then English; axe-core on every page; a screenshot of each.
 */

const MANAGER_ROUEN = DEMO_ACCOUNTS.managerRouen;
const PLACE = 'Seine Innopolis';
/** A startup of the Rouen nursery in the demo data (SHOWCASE_STARTUP_NAME). */
const SHOWCASE = SHOWCASE_STARTUP;
const UNIT = 'Bureau 42';
const SEATS = 2;

interface StartupRow {
  id: string;
  name: string;
}
interface AgreementRow {
  id: string;
  unitId: string;
  endsOn: string | null;
  version: number;
}

let platform: BackofficePlatform;
let showcaseId: string;

beforeAll(async () => {
  const start = startBackofficePlatform as (options?: {
    album?: string;
  }) => Promise<BackofficePlatform>;
  platform = await start({ album: 'backoffice-e2e-hosting' });
  const found = await api<{ items: StartupRow[] }>(
    'GET',
    `/startups?q=${encodeURIComponent(SHOWCASE)}`,
  );
  const showcase = found.items.find((startup) => startup.name === SHOWCASE);
  if (!showcase) throw new Error(`${SHOWCASE} is not in the demo data of the Rouen manager`);
  showcaseId = showcase.id;
});

afterEach(async () => {
  await platform?.closePages();
});

afterAll(async () => {
  await platform?.stop();
});

let token: Promise<string> | undefined;

async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  token ??= fetch(`${platform.apiUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: MANAGER_ROUEN, password: DEMO_PASSWORD }),
  })
    .then((response) => response.json() as Promise<{ accessToken: string }>)
    .then((answer) => answer.accessToken);
  const response = await fetch(`${platform.apiUrl}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  }
  return (await response.json()) as T;
}

/** A day as `<input type="date">` and the API write it, in the browser's (the machine's) zone. */
function isoDay(date: Date): string {
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
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

async function expectNoAccessibilityViolation(page: Page): Promise<void> {
  expect(await accessibilityViolations(page)).toEqual([]);
}

/** The place's bar as screen readers get it: seats taken, seats in all, and the words. */
async function readMeter(page: Page, name: string) {
  const meter = page.getByRole('meter', { name });
  await meter.waitFor();
  return {
    taken: Number(await meter.getAttribute('aria-valuenow')),
    capacity: Number(await meter.getAttribute('aria-valuemax')),
    words: await meter.getAttribute('aria-valuetext'),
  };
}

/** The cells of the units table's row of a unit, as read on the page. */
async function unitRow(page: Page, unit: string): Promise<string[]> {
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: unit }) });
  await row.waitFor();
  return (await row.getByRole('cell').allTextContents()).map((cell) => cell.trim());
}

describe('nursery hosting in the back-office', () => {
  it('adds a unit, signs an agreement on it from a dossier, and sees the occupancy grow', async () => {
    const page = await platform.newPage();
    await page.goto('/');
    await signInWithForm(page, MANAGER_ROUEN, DEMO_PASSWORD);
    await page.waitForURL('**/tableau');

    // Hébergement, from the navigation of managers.
    await page
      .getByRole('navigation', { name: /^(Navigation principale|Main navigation)$/ })
      .getByRole('link', { name: 'Hébergement' })
      .click();
    await page.waitForURL('**/hebergement');
    await page.getByRole('heading', { level: 1, name: 'Hébergement' }).waitFor();
    await page.getByRole('heading', { level: 2, name: PLACE }).waitFor();
    expect(await page.title()).toBe('Hébergement · Parcours');
    const before = await readMeter(page, `Occupation de ${PLACE}`);
    expect(before.capacity).toBeGreaterThan(0);
    expect(before.words).toBe(`${before.taken} places occupées sur ${before.capacity}`);
    // The demo's offices of four seats are listed with their seats taken.
    expect((await unitRow(page, 'Bureau 01')).slice(0, 2)).toEqual(['Bureau', '4']);
    await platform.screenshots.take(page, '01-hosting-fr');
    await expectNoAccessibilityViolation(page);

    // A new office of three seats.
    const unitForm = page.getByRole('form', { name: `Ajouter une unité à ${PLACE}` });
    await unitForm.getByRole('textbox', { name: /^Nom de l'unité/ }).fill(UNIT);
    await unitForm.getByRole('combobox', { name: /^Type/ }).selectOption({ label: 'Bureau' });
    await unitForm.getByRole('textbox', { name: /^Places/ }).fill('3');
    await unitForm.getByRole('button', { name: "Ajouter l'unité" }).click();
    await unitForm.getByRole('status').getByText(`Unité « ${UNIT} » ajoutée.`).waitFor();
    expect(await unitRow(page, UNIT)).toEqual(['Bureau', '3', '0 sur 3', '0']);
    const withUnit = await until(
      'the new seats counted in the place',
      () => readMeter(page, `Occupation de ${PLACE}`),
      (meter) => meter.capacity === before.capacity + 3,
    );
    expect(withUnit.taken).toBe(before.taken);
    await platform.screenshots.take(page, '02-hosting-unit-added-fr');

    // The startup's dossier: a hosting agreement on the new office, from today.
    await page.goto(`/dossiers/${showcaseId}`);
    await page.getByRole('heading', { level: 1, name: SHOWCASE }).waitFor();
    const panel = page.getByRole('region', { name: 'Hébergement' });
    const agreementForm = panel.getByRole('form', { name: "Nouvelle convention d'hébergement" });
    await agreementForm.getByRole('combobox', { name: /^Lieu/ }).waitFor();
    await agreementForm
      .getByRole('combobox', { name: /^Unité/ })
      .selectOption({ label: `${UNIT} (Bureau, 3 places)` });
    const today = isoDay(new Date());
    expect(await agreementForm.getByLabel(/^Début/).inputValue()).toBe(today);
    await agreementForm.getByRole('textbox', { name: /^Places/ }).fill(String(SEATS));
    await agreementForm.getByRole('textbox', { name: /^Loyer mensuel HT/ }).fill('380');
    await agreementForm.getByRole('button', { name: 'Enregistrer la convention' }).click();
    await panel
      .getByRole('status')
      .getByText(`Convention d'hébergement enregistrée dans « ${UNIT} ».`)
      .waitFor();
    const agreementRow = panel
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: UNIT }) });
    await agreementRow.waitFor();
    const cells = (await agreementRow.getByRole('cell').allTextContents()).map((cell) =>
      cell.replace(/\s+/g, ' ').trim(),
    );
    expect(cells[0]).toBe(PLACE);
    expect(cells.slice(2, 5)).toEqual(['Sans date de fin', String(SEATS), '380,00 €']);
    await platform.screenshots.take(page, '03-dossier-agreement-signed-fr');
    await expectNoAccessibilityViolation(page);

    // Someone else ends the agreement while the manager is choosing its end: told, reloaded.
    await panel
      .getByRole('button', { name: `Modifier la fin de la convention pour ${UNIT}` })
      .click();
    const endField = panel.locator('#hosting-end');
    await endField.waitFor();
    const placeId = (
      await api<{ items: { id: string; name: string }[] }>('GET', '/places')
    ).items.find((place) => place.name === PLACE)?.id;
    const unitId = (
      await api<{ items: { id: string; name: string }[] }>('GET', `/places/${placeId}/units`)
    ).items.find((unit) => unit.name === UNIT)?.id;
    const signed = (
      await api<{ items: AgreementRow[] }>('GET', `/startups/${showcaseId}/hosting-agreements`)
    ).items.find((agreement) => agreement.unitId === unitId);
    if (!signed) throw new Error(`no agreement of ${SHOWCASE} on ${UNIT}`);
    expect(signed).toMatchObject({ endsOn: null, version: 1 });
    const inTwoYears = new Date();
    inTwoYears.setFullYear(inTwoYears.getFullYear() + 2);
    await api(
      'PATCH',
      `/hosting-agreements/${signed.id}`,
      { endsOn: isoDay(inTwoYears) },
      { 'if-match': `"${signed.version}"` },
    );
    const inOneYear = new Date();
    inOneYear.setFullYear(inOneYear.getFullYear() + 1);
    await endField.fill(isoDay(inOneYear));
    await panel.getByRole('button', { name: 'Enregistrer la fin' }).click();
    await panel
      .getByRole('alert')
      .getByText(/^Quelqu'un a modifié cette convention entre-temps/)
      .waitFor();
    await until(
      'the other change shown',
      async () => (await agreementRow.getByRole('cell').nth(2).textContent())?.trim(),
      (text) => text !== undefined && text !== 'Sans date de fin',
    );
    await platform.screenshots.take(page, '04-dossier-agreement-changed-meanwhile-fr');
    await expectNoAccessibilityViolation(page);

    // Started again from the latest version: saved.
    await panel
      .getByRole('button', { name: `Modifier la fin de la convention pour ${UNIT}` })
      .click();
    await panel.locator('#hosting-end').fill(isoDay(inOneYear));
    await panel.getByRole('button', { name: 'Enregistrer la fin' }).click();
    await panel.getByRole('status').getByText('Fin de la convention enregistrée.').waitFor();
    const ended = await api<{ items: AgreementRow[] }>(
      'GET',
      `/startups/${showcaseId}/hosting-agreements`,
    );
    expect(ended.items.find((agreement) => agreement.id === signed.id)).toMatchObject({
      endsOn: isoDay(inOneYear),
      version: 3,
    });

    // Back on Hébergement: the agreement's seats are taken today.
    await page.goto('/hebergement');
    await page.getByRole('heading', { level: 1, name: 'Hébergement' }).waitFor();
    const after = await readMeter(page, `Occupation de ${PLACE}`);
    expect(after).toEqual({
      taken: withUnit.taken + SEATS,
      capacity: withUnit.capacity,
      words: `${withUnit.taken + SEATS} places occupées sur ${withUnit.capacity}`,
    });
    expect(await unitRow(page, UNIT)).toEqual(['Bureau', '3', `${SEATS} sur 3`, '1']);
    await platform.screenshots.take(page, '05-hosting-occupied-fr');

    // In English, and on another day: before the agreement, the office is free.
    await switchLanguage(page, 'English (EN)');
    await page.getByRole('heading', { level: 1, name: 'Hosting' }).waitFor();
    expect(await page.title()).toBe('Hosting · Parcours');
    expect(await unitRow(page, UNIT)).toEqual(['Office', '3', `${SEATS} of 3`, '1']);
    const yesterday = new Date();
    yesterday.setDate(yesterday.getDate() - 1);
    await page.getByLabel(/^Occupancy on/).fill(isoDay(yesterday));
    await until(
      "yesterday's occupancy",
      () => unitRow(page, UNIT),
      (cells) => cells[2] === '0 of 3',
    );
    const english = await readMeter(page, `Occupancy of ${PLACE}`);
    expect(english.words).toBe(`${english.taken} seats taken out of ${english.capacity}`);
    await platform.screenshots.take(page, '06-hosting-other-day-en');
    await expectNoAccessibilityViolation(page);
    // The language is saved on the account: French again for the next suite.
    await switchLanguage(page, 'Français (FR)');
  });
});
