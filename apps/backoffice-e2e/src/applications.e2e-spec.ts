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
 * Reviewing an application in the back-office, on the demo data: the FFWD manager opens the
 * applications, narrows them to those under review, opens the demo founder's application and
 * scores it; the admin, the other member of the committee, scores it too; the average appears
 * and the committee accepts; the stage move it opened is shown in words with its link. French
 * first, then English on the detail page; the dossier lists the application. axe-core on every
 * page; a screenshot of each.
 */

const MANAGER_FFWD = DEMO_ACCOUNTS.managerFfwd;
const MANAGER_ROUEN = DEMO_ACCOUNTS.managerRouen;
const ADMIN = DEMO_ACCOUNTS.admin;
/** The founder account's startup in the demo data (SHOWCASE_STARTUP_NAME). */
const SHOWCASE = SHOWCASE_STARTUP;
const PROGRAMME = 'Accélérateur FFWD Normandie';

interface ChecklistRow {
  id: string;
  status: string;
  required: boolean;
  current: boolean;
  version: number;
}

let platform: BackofficePlatform;
let applicationId: string;
let showcaseId: string;

beforeAll(async () => {
  const start = startBackofficePlatform as (options?: {
    album?: string;
  }) => Promise<BackofficePlatform>;
  platform = await start({ album: 'backoffice-e2e-applications' });
  const [startup] = await platform.db.dataSource.query<{ id: string }[]>(
    `SELECT id FROM startup WHERE name = $1`,
    [SHOWCASE],
  );
  if (!startup) throw new Error(`${SHOWCASE} is not in the demo data`);
  showcaseId = startup.id;
  const [application] = await platform.db.dataSource.query<{ id: string }[]>(
    `SELECT id FROM application WHERE startup_id = $1 AND status = 'SUBMITTED'`,
    [showcaseId],
  );
  if (!application) throw new Error(`${SHOWCASE} has no application under review in the demo`);
  applicationId = application.id;
  // The demo gives this application the FFWD manager's review already; the journey starts
  // before it, so that both members of the committee score it in the browser.
  await platform.db.dataSource.query(`DELETE FROM application_review WHERE application_id = $1`, [
    applicationId,
  ]);
});

afterEach(async () => {
  await platform?.closePages();
});

afterAll(async () => {
  await platform?.stop();
});

/** What the nursery's manager does in the dossier: waive each required item still open. */
async function completeChecklist(startupId: string): Promise<void> {
  const headers = async () => ({
    authorization: `Bearer ${await platform.apiToken(MANAGER_ROUEN)}`,
  });
  const listed = await fetch(`${platform.apiUrl}/api/v1/startups/${startupId}/checklist`, {
    headers: await headers(),
  });
  if (!listed.ok) throw new Error(`checklist of ${startupId}: ${listed.status}`);
  const { items } = (await listed.json()) as { items: ChecklistRow[] };
  for (const item of items.filter(
    (candidate) =>
      candidate.current &&
      candidate.required &&
      candidate.status !== 'DONE' &&
      candidate.status !== 'WAIVED',
  )) {
    const response = await fetch(`${platform.apiUrl}/api/v1/checklist-items/${item.id}`, {
      method: 'PATCH',
      headers: {
        ...(await headers()),
        'content-type': 'application/json',
        'if-match': `"${item.version}"`,
      },
      body: JSON.stringify({ status: 'WAIVED', note: 'Validé en comité de pépinière' }),
    });
    if (!response.ok) throw new Error(`waiving ${item.id}: ${response.status}`);
  }
}

async function signedIn(email: string, landing: string): Promise<Page> {
  const page = await platform.newPage();
  await page.goto('/');
  await signInWithForm(page, email, DEMO_PASSWORD);
  await page.waitForURL(`**${landing}`);
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

async function expectNoAccessibilityViolation(page: Page): Promise<void> {
  expect(await accessibilityViolations(page)).toEqual([]);
}

const text = async (page: Page, selector: string) =>
  ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

/** Scores every criterion of the demo form (Équipe ×3, Traction ×2, International ×2, Innovation ×1). */
async function score(page: Page, scores: Record<string, number>): Promise<void> {
  for (const [criterion, value] of Object.entries(scores)) {
    await page
      .getByRole('radiogroup', { name: new RegExp(`^${criterion}`) })
      .getByRole('radio', { name: String(value), exact: true })
      .check();
  }
}

describe('application review', () => {
  it('takes an application from the first review to the committee’s acceptance', async () => {
    // The FFWD manager: from the navigation to the list, narrowed to the applications under review.
    const manager = await signedIn(MANAGER_FFWD, '/tableau');
    await manager
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Candidatures' })
      .click();
    await manager.waitForURL('**/candidatures');
    expect(await manager.getByRole('heading', { level: 1 }).textContent()).toContain(
      'Candidatures',
    );
    expect(await manager.title()).toBe('Candidatures · Parcours');
    await manager.getByRole('table').waitFor();
    await manager.getByRole('combobox', { name: 'Statut' }).click();
    await manager.getByRole('option', { name: 'En évaluation' }).click();
    await manager.waitForURL('**/candidatures?status=SUBMITTED');
    const row = manager.getByRole('row', { name: new RegExp(SHOWCASE) });
    await row.waitFor();
    const rowText = ((await row.textContent()) ?? '').replace(/\s+/g, ' ');
    expect(rowText).toContain(PROGRAMME);
    expect(rowText).toContain('0 sur 2');
    expect(rowText).toContain('Après toutes les évaluations');
    expect(rowText).toContain('En évaluation');
    const statuses = await manager.locator('tbody td:last-child').allTextContents();
    expect(statuses.map((status) => status.trim())).not.toContain('Refusée');
    await platform.screenshots.take(manager, '01-applications-fr-manager-ffwd');
    await expectNoAccessibilityViolation(manager);

    // The detail: answers, weighted criteria, the scoring form.
    await row.getByRole('link', { name: SHOWCASE }).click();
    await manager.waitForURL(`**/candidatures/${applicationId}`);
    await manager.getByRole('heading', { level: 1, name: `Candidature de ${SHOWCASE}` }).waitFor();
    await manager.getByRole('heading', { name: 'Évaluer la candidature' }).waitFor();
    expect(await text(manager, '.detail__answers')).toContain(
      'Plateforme logicielle pour les acteurs portuaires',
    );
    expect(await text(manager, '.detail__criteria')).toContain('Équipe — coefficient 3 (38 %');
    await manager.getByText("Aucune évaluation pour l'instant.").waitFor();
    await platform.screenshots.take(manager, '02-application-fr-before-review');
    await expectNoAccessibilityViolation(manager);

    // Sending with a criterion left out is refused in words, and nothing is sent.
    await score(manager, { Équipe: 4, 'Traction commerciale': 3, 'Potentiel international': 4 });
    await manager.getByRole('button', { name: "Envoyer l'évaluation" }).click();
    await until(
      'the missing criterion named',
      () => manager.getByRole('alert').first().textContent(),
      (alert) => alert?.includes('sans note : 1') === true,
    );
    await score(manager, { Innovation: 5 });
    // (3×4 + 2×3 + 2×4 + 1×5) / 8 = 3.875
    await manager.getByText('Note pondérée de votre évaluation : 3,88 sur 5').waitFor();
    await manager
      .getByRole('textbox', { name: 'Commentaire (facultatif)' })
      .fill('Équipe solide, premiers clients en Belgique.');
    await manager.getByRole('button', { name: "Envoyer l'évaluation" }).click();
    await manager.getByText('Votre évaluation est enregistrée.').waitFor();
    await manager.getByRole('heading', { level: 3, name: 'Votre évaluation' }).waitFor();
    expect(await manager.getByRole('button', { name: "Envoyer l'évaluation" }).count()).toBe(0);
    await manager
      .getByText("Le comité décide une fois les 2 évaluations reçues (1 pour l'instant).")
      .waitFor();
    await platform.screenshots.take(manager, '03-application-fr-reviewed-once');
    await expectNoAccessibilityViolation(manager);

    // The admin, second member of the committee, scores it; the average appears.
    const admin = await signedIn(ADMIN, '/tableau');
    await admin.goto(`/candidatures/${applicationId}`);
    await admin.getByRole('heading', { name: 'Évaluer la candidature' }).waitFor();
    await admin.getByRole('heading', { level: 3, name: 'Évaluation de Nadia Benali' }).waitFor();
    expect(await text(admin, '.detail__reviews')).toContain(
      'Équipe solide, premiers clients en Belgique.',
    );
    await score(admin, {
      Équipe: 5,
      'Traction commerciale': 4,
      'Potentiel international': 4,
      Innovation: 3,
    });
    await admin.getByRole('button', { name: "Envoyer l'évaluation" }).click();
    await admin.getByText('Votre évaluation est enregistrée.').waitFor();
    // (3.875 + 4.25) / 2 = 4.0625, kept as 4.063 by the API.
    expect(await text(admin, '.detail__facts')).toContain('4,06 sur 5');
    await admin.getByRole('heading', { name: 'Décision du comité' }).waitFor();
    await platform.screenshots.take(admin, '04-application-fr-reviews-complete');
    await expectNoAccessibilityViolation(admin);

    // The committee accepts: the move opened is shown in words, with its link.
    await admin
      .getByRole('textbox', { name: 'Note de décision (facultative)' })
      .fill('Promotion de printemps');
    await admin.getByRole('button', { name: 'Accepter', exact: true }).click();
    // The move into the accelerator is refused while the nursery's checklist is open: said in
    // words, and the application stays under review.
    await until(
      'the refusal of the move in words',
      () => text(admin, 'bo-problem-state'),
      (alert) => alert.includes('Certaines conditions ne sont pas encore remplies.'),
    );
    expect(await text(admin, 'bo-problem-state')).toContain('Plan de financement');
    expect(await text(admin, '.detail__facts')).toContain('En évaluation');
    await platform.screenshots.take(admin, '05-application-fr-accept-refused');
    await expectNoAccessibilityViolation(admin);

    await completeChecklist(showcaseId);
    await admin.getByRole('button', { name: 'Accepter', exact: true }).click();
    await until(
      'the acceptance',
      () => text(admin, '.detail'),
      (page) => page.includes('Candidature acceptée le '),
      20_000,
    );
    const moveSentence = await text(admin, '.detail__move');
    expect(moveSentence).toMatch(
      /Le passage d'étape attend le consentement des porteurs de projet/,
    );
    expect(await text(admin, '.detail__facts')).toContain('Acceptée');
    expect(await admin.getByRole('heading', { name: 'Évaluer la candidature' }).count()).toBe(0);
    await platform.screenshots.take(admin, '06-application-fr-accepted');
    await expectNoAccessibilityViolation(admin);

    const [application] = await platform.db.dataSource.query<
      { status: string; transition_id: string | null }[]
    >(`SELECT status, transition_id FROM application WHERE id = $1`, [applicationId]);
    expect(application.status).toBe('ACCEPTED');
    expect(application.transition_id).not.toBeNull();
    const moveLink = admin.getByRole('link', { name: "Voir le passage d'étape" });
    expect(await moveLink.getAttribute('href')).toBe(`/transitions/${application.transition_id}`);

    // In English, the same page.
    await switchLanguage(admin, 'English (EN)');
    await admin.getByRole('heading', { level: 1, name: `Application from ${SHOWCASE}` }).waitFor();
    await until(
      'the acceptance in English',
      () => text(admin, '.detail'),
      (page) => page.includes('Application accepted on '),
    );
    expect(await text(admin, '.detail__move')).toMatch(
      /The stage move waits for the founders' consent/,
    );
    expect(await text(admin, '.detail__facts')).toContain('4.06 out of 5');
    await platform.screenshots.take(admin, '07-application-en-accepted');
    await expectNoAccessibilityViolation(admin);

    await admin.getByRole('link', { name: 'See the stage move' }).click();
    await admin.waitForURL(`**/transitions/${application.transition_id}`);
    await admin.getByRole('heading', { level: 1 }).waitFor();
    await platform.screenshots.take(admin, '08-transition-en');

    // The list in English, then the dossier's applications panel.
    await admin.goto('/candidatures?status=ACCEPTED');
    const accepted = admin.getByRole('row', { name: new RegExp(SHOWCASE) });
    await accepted.waitFor();
    const acceptedText = ((await accepted.textContent()) ?? '').replace(/\s+/g, ' ');
    expect(acceptedText).toContain('2 of 2');
    expect(acceptedText).toContain('4.06');
    expect(acceptedText).toContain('Accepted');
    await platform.screenshots.take(admin, '09-applications-en-accepted');
    await expectNoAccessibilityViolation(admin);

    await switchLanguage(admin, 'Français (FR)');
    await admin.goto(`/dossiers/${showcaseId}`);
    const panel = admin.getByRole('region', { name: 'Candidatures' });
    await panel.getByRole('heading', { level: 3, name: PROGRAMME }).waitFor();
    const panelText = ((await panel.textContent()) ?? '').replace(/\s+/g, ' ');
    expect(panelText).toContain('Acceptée');
    expect(panelText).toContain('Note moyenne : 4,06 sur 5');
    expect(
      await panel
        .getByRole('link', { name: `Ouvrir la candidature (Ouvrir la candidature à ${PROGRAMME})` })
        .getAttribute('href'),
    ).toBe(`/candidatures/${applicationId}`);
    await platform.screenshots.take(admin, '10-dossier-fr-applications-panel');
    await expectNoAccessibilityViolation(admin);
  });
});
