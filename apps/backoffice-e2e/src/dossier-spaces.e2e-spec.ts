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
 * The dossier, the mentor space and the founder space in the browser, on the demo data: the
 * mentor logs a session with two action items with the keyboard only, in under a minute; the
 * founder sees the shared session, uploads a document against an expected checklist item and
 * submits a quarterly KPI report; the Rouen manager validates the item on the dossier. French
 * first, then English; axe-core on every page; a screenshot of each.
 */

const MANAGER_ROUEN = DEMO_ACCOUNTS.managerRouen;
const MENTOR = DEMO_ACCOUNTS.mentor;
const FOUNDER = DEMO_ACCOUNTS.founder;
/** The founder account's startup in the demo data (SHOWCASE_STARTUP_NAME). */
const SHOWCASE = SHOWCASE_STARTUP;

interface StartupRow {
  id: string;
  name: string;
}
interface ChecklistRow {
  id: string;
  title: string;
  status: string;
  current: boolean;
  documentId: string | null;
}
interface SessionRow {
  mentorName: string;
  sharedWithFounders: boolean;
  topics: string[];
  actionItems: { title: string; status: string }[];
}
interface KpiRow {
  quarter: string;
  headcount: number;
  jobsCreated: number;
  revenueEur: number;
}

let platform: BackofficePlatform;
let showcaseId: string;

beforeAll(async () => {
  // A screenshot folder of its own (where the platform takes the option), so that suites keep
  // each other's pictures.
  const start = startBackofficePlatform as (options?: {
    album?: string;
  }) => Promise<BackofficePlatform>;
  platform = await start({ album: 'backoffice-e2e-dossier-spaces' });
  const found = await api<{ items: StartupRow[] }>(
    MANAGER_ROUEN,
    'GET',
    `/startups?q=${encodeURIComponent(SHOWCASE)}`,
  );
  const showcase = found.items.find((startup) => startup.name === SHOWCASE);
  if (!showcase) throw new Error(`${SHOWCASE} is not in the demo data of the Rouen manager`);
  showcaseId = showcase.id;
  // The demo mentor follows accelerator startups; the nursery's manager assigns them this one.
  await api(MANAGER_ROUEN, 'POST', `/startups/${showcaseId}/mentors`, { email: MENTOR });
});

afterEach(async () => {
  await platform?.closePages();
});

afterAll(async () => {
  await platform?.stop();
});

async function api<T>(email: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${platform.apiUrl}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await platform.apiToken(email)}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  }
  return (await response.json()) as T;
}

async function signedIn(email: string, landing: string): Promise<Page> {
  const page = await platform.newPage();
  await page.goto('/');
  await signInWithForm(page, email, DEMO_PASSWORD);
  await page.waitForURL(`**${landing}`);
  return page;
}

/** Presses Tab until the element with this id has the focus, as a keyboard user would. */
async function tabTo(page: Page, id: string, maxPresses = 80): Promise<void> {
  for (let presses = 0; presses < maxPresses; presses++) {
    if (await page.evaluate((wanted) => document.activeElement?.id === wanted, id)) return;
    await page.keyboard.press('Tab');
  }
  const focused = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120));
  throw new Error(`#${id} never got the focus with Tab; the focus is on ${focused}`);
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

describe('mentor space', () => {
  it('logs a session with two action items with the keyboard only, in under a minute', async () => {
    const page = await signedIn(MENTOR, '/mentorat');
    const heading = page.getByRole('heading', { level: 1 });
    await heading.waitFor();
    expect(await heading.textContent()).toBe('Espace mentor');
    expect(await page.title()).toBe('Espace mentor · Parcours');
    await page.getByRole('heading', { level: 3, name: SHOWCASE }).waitFor();
    await page.getByRole('heading', { name: 'Mes actions à mener' }).waitFor();
    await platform.screenshots.take(page, '01-mentor-space-fr');
    await expectNoAccessibilityViolation(page);

    const startedAt = Date.now();
    await page.locator('body').focus();
    await tabTo(page, 'session-startup');
    // A closed native select takes the typed letters as a choice.
    await page.keyboard.type(SHOWCASE.slice(0, 5));
    await until(
      'the startup chosen by typing its name',
      () => page.locator('#session-startup option:checked').textContent(),
      (text) => text?.trim() === SHOWCASE,
    );
    await tabTo(page, 'session-topics');
    await page.keyboard.type('Financement, recrutement');
    await tabTo(page, 'session-notes');
    await page.keyboard.type('Point sur la levée de fonds et le premier recrutement.');
    await tabTo(page, 'add-action-item');
    await page.keyboard.press('Enter');
    await until(
      'the focus in the first action item',
      () => page.evaluate(() => document.activeElement?.id ?? ''),
      (id) => id === 'action-title-1',
    );
    await page.keyboard.type('Préparer le plan de financement');
    await tabTo(page, 'add-action-item');
    await page.keyboard.press('Enter');
    await until(
      'the focus in the second action item',
      () => page.evaluate(() => document.activeElement?.id ?? ''),
      (id) => id === 'action-title-2',
    );
    await page.keyboard.type('Envoyer le prévisionnel au comité');
    // Enter in a field sends the form.
    await page.keyboard.press('Enter');

    const done = page.locator('.session-form__done');
    await until(
      'the confirmation of the session',
      async () => (await done.textContent())?.trim(),
      (text) => text === `Séance enregistrée pour ${SHOWCASE}, avec 2 actions à mener.`,
    );
    const elapsedMs = Date.now() - startedAt;
    expect(elapsedMs).toBeLessThan(60_000);
    await platform.screenshots.take(page, '02-mentor-session-logged-fr');

    const sessions = await api<{ items: SessionRow[] }>(
      MENTOR,
      'GET',
      `/startups/${showcaseId}/sessions`,
    );
    expect(sessions.items).toHaveLength(1);
    expect(sessions.items[0]).toMatchObject({
      sharedWithFounders: true,
      topics: ['Financement', 'recrutement'],
    });
    expect(sessions.items[0].actionItems.map((item) => item.title)).toEqual([
      'Préparer le plan de financement',
      'Envoyer le prévisionnel au comité',
    ]);
    // The new action items are listed among mine.
    await page
      .getByRole('heading', { level: 3, name: 'Préparer le plan de financement' })
      .waitFor();
  });
});

describe('founder space', () => {
  it('shows the shared session, uploads against an expected item and submits a KPI report', async () => {
    const page = await signedIn(FOUNDER, '/ma-startup');
    await page.getByRole('heading', { level: 1, name: 'Ma startup' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Ce qui est attendu de vous' }).waitFor();
    const sessionTitle = page
      .getByRole('region', { name: 'Séances de mentorat partagées avec vous' })
      .getByRole('heading', { level: 3 });
    await sessionTitle.first().waitFor();
    expect(await sessionTitle.first().textContent()).toMatch(/^\s*Séance du .+ avec .+\s*$/);
    await page.getByText('Point sur la levée de fonds et le premier recrutement.').waitFor();
    await page.locator('#document-checklist-item').waitFor();
    await platform.screenshots.take(page, '03-founder-space-fr');
    await expectNoAccessibilityViolation(page);

    // Upload against the first item still expected.
    const before = await api<{ items: ChecklistRow[] }>(
      FOUNDER,
      'GET',
      `/startups/${showcaseId}/checklist`,
    );
    const expected = before.items.find((item) => item.current && item.status === 'OPEN');
    if (!expected) throw new Error('the showcase startup has no open checklist item');
    await page.locator('#document-file').setInputFiles({
      name: 'attestation-urssaf.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
    });
    await page.locator('#document-checklist-item').selectOption(expected.id);
    await page.getByRole('button', { name: 'Déposer le fichier' }).click();
    await until(
      'the upload confirmation',
      async () => (await page.locator('.documents__status').textContent())?.trim(),
      (text) => text === '« attestation-urssaf.pdf » est déposé.',
    );
    const after = await api<{ items: ChecklistRow[] }>(
      FOUNDER,
      'GET',
      `/startups/${showcaseId}/checklist`,
    );
    const submitted = after.items.find((item) => item.id === expected.id);
    expect(submitted?.status).toBe('SUBMITTED');
    expect(submitted?.documentId).toEqual(expect.any(String));

    // A quarterly KPI report for the current quarter, which nobody reported yet.
    const now = new Date();
    const quarter = `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
    await page.locator('#kpi-quarter').selectOption(quarter);
    const figures: Record<string, string> = {
      headcount: '14',
      jobsCreated: '3',
      revenueEur: '182 500',
      fundsRaisedEur: '400000',
      customers: '37',
    };
    for (const [field, value] of Object.entries(figures)) {
      await page.locator(`#kpi-${field}`).fill(value);
    }
    await page.locator('#kpi-exportCountries').fill('BE, DE');
    await page.getByRole('button', { name: `Transmettre les indicateurs ${quarter}` }).click();
    await until(
      'the KPI report confirmation',
      async () => (await page.locator('.kpi-form__done').textContent())?.trim(),
      (text) => text === `Indicateurs ${quarter} transmis.`,
    );
    const reports = await api<{ items: KpiRow[] }>(
      FOUNDER,
      'GET',
      `/startups/${showcaseId}/kpi-reports`,
    );
    expect(reports.items.find((report) => report.quarter === quarter)).toMatchObject({
      headcount: 14,
      jobsCreated: 3,
      revenueEur: 182500,
    });
    await page
      .getByRole('table', { name: 'Indicateurs par trimestre, du plus récent au plus ancien' })
      .getByRole('rowheader', { name: quarter })
      .waitFor();
    // The chart beside the table drew: ECharts arrived from its lazy chunks.
    await page.locator('bo-kpi-chart svg').first().waitFor();
    await platform.screenshots.take(page, '04-founder-uploaded-and-reported-fr');
    await expectNoAccessibilityViolation(page);

    // The personal data export is a JSON download.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Exporter mes données personnelles' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(
      /^parcours-donnees-personnelles-\d{4}-\d{2}-\d{2}\.json$/,
    );
    const path = await file.path();
    const { readFile } = await import('node:fs/promises');
    const exported = JSON.parse(await readFile(path, 'utf8')) as { sections: unknown[] };
    expect(exported.sections.length).toBeGreaterThan(0);
  });
});

describe('dossier', () => {
  it('lets the Rouen manager validate the submitted item, then reads in English', async () => {
    const checklist = await api<{ items: ChecklistRow[] }>(
      MANAGER_ROUEN,
      'GET',
      `/startups/${showcaseId}/checklist`,
    );
    const item = checklist.items.find((each) => each.documentId && each.status === 'SUBMITTED');
    if (!item) throw new Error('no submitted item with a document to validate');

    const page = await signedIn(MANAGER_ROUEN, '/tableau');
    await page.goto(`/dossiers/${showcaseId}`);
    await page.getByRole('heading', { level: 1, name: SHOWCASE }).waitFor();
    expect(await page.title()).toBe('Dossier · Parcours');
    await page.getByRole('heading', { level: 2, name: 'Historique' }).waitFor();
    // The document's name in the documents list (the timeline's sentence names it too).
    await page.getByText('attestation-urssaf.pdf', { exact: true }).waitFor();
    await page
      .getByRole('region', { name: 'Séances de mentorat' })
      .getByText(/Préparer le plan de financement/)
      .waitFor();
    await platform.screenshots.take(page, '05-dossier-manager-fr');
    await expectNoAccessibilityViolation(page);

    // From the keyboard: the button focused, then Enter.
    await page.getByRole('button', { name: `Valider « ${item.title} »` }).focus();
    await page.keyboard.press('Enter');
    await until(
      'the validation announced',
      async () => (await page.locator('bo-checklist-panel [role="status"]').textContent())?.trim(),
      (text) => text === `« ${item.title} » est validée.`,
    );
    // Its buttons changed with its state: the focus stays on the item.
    await until(
      'the focus on the validated item',
      () => page.evaluate(() => document.activeElement?.textContent?.trim() ?? ''),
      (text) => text === item.title,
    );
    const after = await api<{ items: ChecklistRow[] }>(
      MANAGER_ROUEN,
      'GET',
      `/startups/${showcaseId}/checklist`,
    );
    expect(after.items.find((each) => each.id === item.id)?.status).toBe('DONE');
    await page.getByText(`Pièce attendue « `, { exact: false }).first().waitFor();
    await platform.screenshots.take(page, '06-dossier-item-validated-fr');

    await switchLanguage(page, 'English (EN)');
    await page.getByRole('heading', { level: 2, name: 'Timeline' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Checklist' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Quarterly KPI reports' }).waitFor();
    expect(await page.title()).toBe('Startup file · Parcours');
    await platform.screenshots.take(page, '07-dossier-manager-en');
    await expectNoAccessibilityViolation(page);
    await switchLanguage(page, 'Français (FR)');
  });

  it('shows the mentor and the founder spaces in English too', async () => {
    const mentor = await signedIn(MENTOR, '/mentorat');
    await switchLanguage(mentor, 'English (EN)');
    await mentor.getByRole('heading', { level: 1, name: 'Mentor space' }).waitFor();
    await mentor.getByRole('heading', { level: 2, name: 'Log a mentoring session' }).waitFor();
    await platform.screenshots.take(mentor, '08-mentor-space-en');
    await expectNoAccessibilityViolation(mentor);

    const founder = await signedIn(FOUNDER, '/ma-startup');
    await switchLanguage(founder, 'English (EN)');
    await founder.getByRole('heading', { level: 1, name: 'My startup' }).waitFor();
    await founder.getByRole('heading', { level: 2, name: 'What is expected of you' }).waitFor();
    await platform.screenshots.take(founder, '09-founder-space-en');
    await expectNoAccessibilityViolation(founder);
  });
});

/** Presses Tab until the focused element reads this text, as a keyboard user would. */
async function tabToText(page: Page, text: string, maxPresses = 80): Promise<void> {
  for (let presses = 0; presses < maxPresses; presses++) {
    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
    if (focused === text) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`"${text}" never got the focus with Tab`);
}

const focusedClass = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('class') ?? '');

describe('founder answers', () => {
  it('gives consent to a move and applies to a programme with the keyboard, then reads in English', async () => {
    // The nursery's manager clears what the startup still owes, then asks for the accelerator,
    // whose structure has not followed the startup yet: the move waits for the founder's consent.
    const checklist = await api<{ items: (ChecklistRow & { required: boolean })[] }>(
      MANAGER_ROUEN,
      'GET',
      `/startups/${showcaseId}/checklist`,
    );
    for (const item of checklist.items) {
      if (!item.current || !item.required || item.status === 'DONE') continue;
      await api(MANAGER_ROUEN, 'PATCH', `/checklist-items/${item.id}`, {
        status: item.status === 'SUBMITTED' ? 'DONE' : 'WAIVED',
        ...(item.status === 'SUBMITTED' ? {} : { note: 'Fournie hors plateforme' }),
      });
    }
    const programmes = await api<{ items: { id: string; stage: string }[] }>(
      MANAGER_ROUEN,
      'GET',
      '/programmes',
    );
    const accelerator = programmes.items.find((programme) => programme.stage === 'ACCELERATION');
    if (!accelerator) throw new Error('no accelerator programme in the demo data');
    const move = await api<{ id: string; status: string }>(
      MANAGER_ROUEN,
      'POST',
      `/startups/${showcaseId}/transitions`,
      { toStage: 'ACCELERATION', programmeId: accelerator.id, reason: 'Prête pour FFWD' },
    );
    expect(move.status).toBe('PENDING_CONSENT');

    const page = await signedIn(FOUNDER, '/ma-startup');
    // The account kept the English of the previous test.
    await switchLanguage(page, 'Français (FR)');
    await page.getByText('Votre consentement est demandé (1) :').waitFor();
    await platform.screenshots.take(page, '10-founder-consent-asked-fr');
    await expectNoAccessibilityViolation(page);

    await page.locator('body').focus();
    await tabToText(page, "J'accepte");
    await page.keyboard.press('Enter');
    const outcome = page.locator('.founder__consent-outcome');
    await until(
      'the consent told in words',
      async () => (await outcome.textContent())?.trim(),
      (text) => text === 'Consentement donné : la structure peut désormais voir votre dossier.',
    );
    // The pressed button went away with the request: the focus is on the sentence.
    expect(await focusedClass(page)).toContain('founder__consent-outcome');
    const consented = await api<{ status: string }>(
      MANAGER_ROUEN,
      'GET',
      `/transitions/${move.id}`,
    );
    expect(consented.status).not.toBe('PENDING_CONSENT');

    // Applying: the programme chosen by typing its name; this one asks no question.
    await tabTo(page, 'application-programme');
    await page.keyboard.type('Digital');
    await until(
      'the programme chosen by typing its name',
      async () => (await page.locator('#application-programme option:checked').textContent()) ?? '',
      (text) => text.includes('Digital Seine Gateway'),
    );
    await tabToText(page, 'Envoyer la candidature');
    await page.keyboard.press('Enter');
    const sent = page.locator('.application__sent');
    await until(
      'the application confirmed',
      async () => (await sent.textContent())?.trim() ?? '',
      (text) => /^Candidature envoyée à « Digital Seine Gateway.* »\./.test(text),
    );
    expect(await focusedClass(page)).toContain('application__sent');
    const applications = await api<{ items: { programmeName: string; status: string }[] }>(
      FOUNDER,
      'GET',
      `/applications?startupId=${showcaseId}`,
    );
    expect(applications.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          programmeName: expect.stringMatching(/^Digital Seine Gateway/),
          status: 'SUBMITTED',
        }),
      ]),
    );
    await platform.screenshots.take(page, '11-founder-consented-and-applied-fr');
    await expectNoAccessibilityViolation(page);

    await switchLanguage(page, 'English (EN)');
    await until(
      'the confirmations in English',
      async () => [(await outcome.textContent())?.trim(), (await sent.textContent())?.trim()],
      ([consent, application]) =>
        consent === 'Consent given: the structure can now see your file.' &&
        /^Application sent to “Digital Seine Gateway.*”\./.test(application ?? ''),
    );
    await page.getByRole('heading', { level: 2, name: 'Apply to a programme' }).waitFor();
    await platform.screenshots.take(page, '12-founder-consented-and-applied-en');
    await expectNoAccessibilityViolation(page);
    await switchLanguage(page, 'Français (FR)');
  });
});
