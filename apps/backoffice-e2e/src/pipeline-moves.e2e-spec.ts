import type { Locator, Page } from 'playwright-core';
import { accessibilityViolations } from './support/browser';
import { boardColumnsRegion, signInWithForm, until, waitForLoadedBoard } from './support/pages';
import {
  DEMO_PASSWORD,
  startBackofficePlatform,
  type BackofficePlatform,
  DEMO_ACCOUNTS,
} from './support/platform';

/*
 * Stage moves in the browser: a Rouen manager moves nursery startups to the accelerator by
 * dragging a card and with the keyboard; the FFWD manager approves in the decision inbox; the
 * move's detail shows its workflow steps completing; the card has moved; a cohort is moved in bulk
 * with its progress; notifications are read. French, then English; axe-core on every page added.
 */

const MANAGER_ROUEN = DEMO_ACCOUNTS.managerRouen;
const MANAGER_FFWD = DEMO_ACCOUNTS.managerFfwd;
const ADMIN = DEMO_ACCOUNTS.admin;
const FOUNDER = DEMO_ACCOUNTS.founder;

interface StartupRow {
  id: string;
  name: string;
  status: string;
  stage: string;
  cohortId: string | null;
}

interface ChecklistRow {
  id: string;
  required: boolean;
  status: string;
  current: boolean;
  version: number;
}

let platform: BackofficePlatform;

beforeAll(async () => {
  platform = await startBackofficePlatform({ album: 'backoffice-e2e-moves' });
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

/**
 * Rouen nursery startups on the first page of the board's Pépinière column, with no move pending
 * and no founder account (a move of theirs into the accelerator waits for the founders' consent).
 */
async function movableNurseryStartups(): Promise<StartupRow[]> {
  const pending = await api<{ items: { startupId: string }[] }>(
    ADMIN,
    'GET',
    '/transitions?status=REQUESTED&limit=200',
  );
  const waiting = new Set(pending.items.map((transition) => transition.startupId));
  // The founder's own startup would first ask for their consent (a journey of its own).
  const founders = await api<{ items: { id: string }[] }>(FOUNDER, 'GET', '/startups');
  for (const startup of founders.items) waiting.add(startup.id);
  const page = await api<{ items: StartupRow[] }>(
    MANAGER_ROUEN,
    'GET',
    '/startups?stage=NURSERY&territory=ROUEN&limit=50',
  );
  return page.items.filter((startup) => startup.status === 'ACTIVE' && !waiting.has(startup.id));
}

/** What a manager does in the dossier: validate or waive each required item still open. */
async function completeChecklist(startupId: string): Promise<void> {
  const { items } = await api<{ items: ChecklistRow[] }>(
    MANAGER_ROUEN,
    'GET',
    `/startups/${startupId}/checklist`,
  );
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
        authorization: `Bearer ${await platform.apiToken(MANAGER_ROUEN)}`,
        'content-type': 'application/json',
        'if-match': `"${item.version}"`,
      },
      body: JSON.stringify({ status: 'WAIVED', note: 'Validé en comité de pépinière' }),
    });
    if (!response.ok) throw new Error(`waiving ${item.id}: ${response.status}`);
  }
}

async function openChecklistItems(startupId: string): Promise<number> {
  const { items } = await api<{ items: ChecklistRow[] }>(
    MANAGER_ROUEN,
    'GET',
    `/startups/${startupId}/checklist`,
  );
  return items.filter(
    (item) => item.current && item.required && item.status !== 'DONE' && item.status !== 'WAIVED',
  ).length;
}

async function signedIn(email: string, landing = '**/tableau'): Promise<Page> {
  const page = await platform.newPage();
  await page.goto('/');
  await signInWithForm(page, email, DEMO_PASSWORD);
  await page.waitForURL(landing);
  await page
    .getByRole('navigation', { name: /^(Navigation principale|Main navigation)$/ })
    .waitFor();
  return page;
}

const column = (page: Page, name: RegExp): Locator =>
  boardColumnsRegion(page).getByRole('region', { name });

const cardItem = (page: Page, startupName: string): Locator =>
  boardColumnsRegion(page)
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { level: 3, name: startupName, exact: true }) });

const moveDialog = (page: Page): Locator => page.getByRole('dialog');

/** A CDK drag: press, move past the drag threshold in steps, then onto the target, and release. */
async function dragCard(page: Page, card: Locator, target: Locator): Promise<void> {
  const from = await card.boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error('the card or the column is not on screen');
  await page.mouse.move(from.x + from.width / 2, from.y + 20);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + 30, { steps: 5 });
  await page.mouse.move(to.x + to.width / 2, to.y + 80, { steps: 20 });
  await page.mouse.move(to.x + to.width / 2, to.y + 90, { steps: 5 });
  await page.mouse.up();
}

async function switchLanguage(page: Page, to: 'en' | 'fr'): Promise<void> {
  await page
    .getByRole('radiogroup', { name: /^(Langue de l'interface|Interface language)$/ })
    .getByRole('radio', { name: to === 'en' ? 'English (EN)' : 'Français (FR)' })
    .click();
  await page.waitForFunction((lang) => document.documentElement.lang === lang, to);
}

/**
 * The language chosen is remembered (in the browser, and on the account where the API keeps it):
 * tests that switch to English come back to French, so that the next sign-in speaks French.
 */
async function backToFrench(page: Page): Promise<void> {
  await switchLanguage(page, 'fr');
  // Let the choice reach the account before the page closes.
  await page.waitForLoadState('networkidle');
}

/** Shared between the tests, in order: the startups moved and the move approved. */
const journey: { dragged?: StartupRow; keyboard?: StartupRow } = {};

describe('moving startups on the board', () => {
  it('lists unmet requirements, then requests a move into the accelerator by dragging a card', async () => {
    const candidates = await movableNurseryStartups();
    const withOpenItems = [];
    for (const candidate of candidates) {
      if ((await openChecklistItems(candidate.id)) > 0) withOpenItems.push(candidate);
    }
    const dragged = withOpenItems[0] ?? candidates[0];
    expect(dragged).toBeDefined();
    if (!dragged) return;
    journey.dragged = dragged;
    journey.keyboard = candidates.find((candidate) => candidate.id !== dragged.id);

    const page = await signedIn(MANAGER_ROUEN);
    await page.goto('/tableau?territory=ROUEN');
    await waitForLoadedBoard(page);
    const acceleration = column(page, /^Accélération/);
    const card = cardItem(page, dragged.name);
    await card.waitFor();

    if (withOpenItems.includes(dragged)) {
      // First try: the checklist of the nursery is not done, and the dialog says so before sending.
      await dragCard(page, card, acceleration);
      await moveDialog(page)
        .getByRole('heading', { name: `Déplacer ${dragged.name}` })
        .waitFor();
      await moveDialog(page).getByText("Ce passage n'est pas encore possible :").waitFor();
      expect(
        await moveDialog(page).getByRole('button', { name: 'Demander le passage' }).isDisabled(),
      ).toBe(true);
      expect(
        await moveDialog(page)
          .getByText(/^La pièce attendue « .+ » doit être/)
          .count(),
      ).toBe(await openChecklistItems(dragged.id));
      await platform.screenshots.take(page, '01-move-dialog-fr-unmet-requirements');
      expect(await accessibilityViolations(page)).toEqual([]);
      await moveDialog(page).getByRole('button', { name: 'Annuler' }).click();
      await moveDialog(page).waitFor({ state: 'detached' });
      await completeChecklist(dragged.id);
    }

    await dragCard(page, card, acceleration);
    const dialog = moveDialog(page);
    await dialog.getByText('Toutes les conditions connues sont remplies.').waitFor();
    expect(await dialog.getByText('De Pépinière vers Accélération').count()).toBe(1);
    expect(
      await dialog.getByRole('combobox', { name: "Programme d'accueil" }).textContent(),
    ).toContain('Accélérateur FFWD Normandie');
    await dialog.getByText(/^Double validation : une autre personne/).waitFor();
    await dialog
      .getByRole('textbox', { name: 'Motif (facultatif)' })
      .fill('Premiers clients signés, prête pour la promotion FFWD');
    await platform.screenshots.take(page, '02-move-dialog-fr-ready');
    const requested = page.waitForResponse(
      (response) =>
        response.url().endsWith(`/api/v1/startups/${dragged.id}/transitions`) &&
        response.request().method() === 'POST',
    );
    await dialog.getByRole('button', { name: 'Demander le passage' }).click();

    expect((await requested).status()).toBe(201);
    await dialog
      .getByText("Demande enregistrée : elle attend la décision d'un·e second·e responsable.")
      .waitFor();
    await platform.screenshots.take(page, '03-move-dialog-fr-requested');
    await dialog.getByRole('button', { name: 'Fermer' }).click();
    await page
      .getByRole('status')
      .filter({
        hasText: 'Demande de passage vers Accélération enregistrée, en attente de décision.',
      })
      .waitFor();
    // Awaiting a decision, the startup stays in its column.
    await column(page, /^Pépinière/)
      .getByRole('heading', { level: 3, name: dragged.name, exact: true })
      .waitFor();
  });

  it('requests the same move with the keyboard only, from the card\'s "Déplacer…" menu', async () => {
    const startup = journey.keyboard;
    expect(startup).toBeDefined();
    if (!startup) return;
    await completeChecklist(startup.id);

    const page = await signedIn(MANAGER_ROUEN);
    await page.goto('/tableau?territory=ROUEN');
    await waitForLoadedBoard(page);
    const menuButton = boardColumnsRegion(page).getByRole('button', {
      name: `Déplacer… ${startup.name}`,
    });
    await menuButton.focus();
    await page.keyboard.press('Enter');
    const menu = page.getByRole('menu');
    await menu.waitFor();
    expect((await menu.getByRole('menuitem').allTextContents()).map((text) => text.trim())).toEqual(
      ['Vers Incubation', 'Vers Accélération', 'Vers Sortie du parcours'],
    );
    await platform.screenshots.take(page, '04-board-fr-move-menu');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');

    const dialog = moveDialog(page);
    await dialog.getByText('Toutes les conditions connues sont remplies.').waitFor();
    const submit = dialog.getByRole('button', { name: 'Demander le passage' });
    await until(
      'focus on the submit button by pressing Tab',
      async () => {
        await page.keyboard.press('Tab');
        return submit.evaluate((element) => element === document.activeElement);
      },
      (focused) => focused,
      5_000,
    );
    await page.keyboard.press('Enter');
    await dialog
      .getByText("Demande enregistrée : elle attend la décision d'un·e second·e responsable.")
      .waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });
});

describe('deciding', () => {
  it('shows the FFWD manager the pending moves; approving one runs its workflow to the end', async () => {
    const startup = journey.dragged;
    expect(startup).toBeDefined();
    if (!startup) return;
    const page = await signedIn(MANAGER_FFWD);
    await page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: 'Décisions à prendre' })
      .click();
    await page.waitForURL('**/decisions');
    expect(await page.title()).toBe('Décisions à prendre · Parcours');
    const request = page.getByRole('article').filter({
      has: page.getByRole('heading', { level: 2, name: startup.name, exact: true }),
    });
    await request.waitFor();
    expect(await request.getByText('De Pépinière vers Accélération').count()).toBe(1);
    expect(
      await request.getByText('Premiers clients signés, prête pour la promotion FFWD').count(),
    ).toBe(1);
    await platform.screenshots.take(page, '05-inbox-fr');
    expect(await accessibilityViolations(page)).toEqual([]);

    await request
      .getByRole('textbox', { name: 'Note de décision (facultative)' })
      .fill('Dossier solide, accord du comité FFWD');
    // From the note, the keyboard: Tab to "Approuver", Enter.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(
      'Approuver',
    );
    await page.keyboard.press('Enter');
    const done = page.getByRole('status').filter({
      hasText: `Vous avez approuvé le passage de ${startup.name}.`,
    });
    await done.waitFor();
    // The request left with its buttons: the focus is on the sentence, whose link comes next.
    await until(
      'the focus on the decision told',
      () => page.evaluate(() => document.activeElement?.className ?? ''),
      (className) => className.includes('inbox__announce'),
    );
    await platform.screenshots.take(page, '06-inbox-fr-approved');

    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(
      'Détail du passage',
    );
    await page.keyboard.press('Enter');
    await page.waitForURL('**/transitions/*');
    await page.getByRole('heading', { level: 1, name: `Passage de ${startup.name}` }).waitFor();
    const steps = page.getByRole('table');
    const readSteps = () =>
      steps
        .getByRole('row')
        .evaluateAll((rows) =>
          rows
            .slice(1)
            .map((row) => Array.from(row.children).map((cell) => cell.textContent?.trim())),
        );
    const finished = await until(
      'every workflow step done',
      readSteps,
      (rows) =>
        rows.length === 6 &&
        rows.every((cells) => cells[1] === 'Fait' || cells[1] === 'Sans objet'),
      30_000,
    );
    expect(finished.map((cells) => cells[0])).toEqual([
      "Clôture de l'étape précédente",
      "Ouverture des pièces attendues de l'étape",
      'Inscription au programme et à la promotion',
      "Information des porteurs de projet et des chargé·es d'accompagnement",
      "Programmation de la revue d'étape",
      'Mise à jour des indicateurs',
    ]);
    await until(
      'the move completed',
      () => page.getByText('Terminé', { exact: true }).count(),
      (count) => count > 0,
    );
    expect(await page.getByText('Note : Dossier solide, accord du comité FFWD').count()).toBe(1);
    await platform.screenshots.take(page, '07-transition-detail-fr-completed');
    expect(await accessibilityViolations(page)).toEqual([]);

    await switchLanguage(page, 'en');
    await page.getByRole('heading', { level: 1, name: `Move of ${startup.name}` }).waitFor();
    await page.getByText('Close the previous stage').waitFor();
    await platform.screenshots.take(page, '08-transition-detail-en-completed');
    expect(await accessibilityViolations(page)).toEqual([]);
    await backToFrench(page);
  });

  it('moves the card: the Rouen board shows the startup in Accélération', async () => {
    const startup = journey.dragged;
    if (!startup) throw new Error('no startup was moved');
    const page = await signedIn(MANAGER_ROUEN);
    await page.goto('/tableau?territory=ROUEN');
    await waitForLoadedBoard(page);

    await column(page, /^Accélération/)
      .getByRole('heading', { level: 3, name: startup.name, exact: true })
      .waitFor();
    expect(
      await column(page, /^Pépinière/)
        .getByRole('heading', { level: 3, name: startup.name, exact: true })
        .count(),
    ).toBe(0);
    await platform.screenshots.take(page, '09-board-fr-card-moved');
  });
});

describe('bulk move of a cohort', () => {
  it("moves a cohort out of the accelerator and shows each startup's outcome as it comes", async () => {
    const programmes = await api<{ items: { id: string }[] }>(
      MANAGER_FFWD,
      'GET',
      '/programmes?stage=ACCELERATION',
    );
    const programme = programmes.items[0];
    if (!programme) throw new Error('no accelerator programme');
    const cohorts = await api<{ items: { id: string; name: string; startsOn: string }[] }>(
      MANAGER_FFWD,
      'GET',
      `/programmes/${programme.id}/cohorts`,
    );
    const accelerated = await api<{ items: StartupRow[] }>(
      MANAGER_FFWD,
      'GET',
      '/startups?stage=ACCELERATION&limit=200',
    );
    const cohort = [...cohorts.items]
      .sort((a, b) => b.startsOn.localeCompare(a.startsOn))
      .find((candidate) => accelerated.items.some((startup) => startup.cohortId === candidate.id));
    if (!cohort) throw new Error('no cohort with startups in the accelerator');
    const members = accelerated.items.filter((startup) => startup.cohortId === cohort.id);

    const page = await signedIn(MANAGER_FFWD);
    await page.getByRole('link', { name: 'Déplacer une promotion' }).click();
    await page.waitForURL('**/tableau/deplacement-groupe*');
    await page.getByRole('heading', { level: 1, name: 'Déplacer une promotion' }).waitFor();
    await page.getByRole('combobox', { name: 'Promotion' }).first().click();
    await page.getByRole('option', { name: cohort.name }).click();
    await page.getByText(`Tout sélectionner (${members.length} sur ${members.length})`).waitFor();
    await page.getByRole('combobox', { name: "Étape d'arrivée" }).click();
    await page.getByRole('option', { name: 'Alumni (parcours achevé)' }).click();
    await page.getByRole('textbox', { name: 'Motif (facultatif)' }).fill('Fin de la promotion');
    await platform.screenshots.take(page, '10-bulk-move-fr-form');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page
      .getByRole('button', { name: `Déplacer les startups sélectionnées (${members.length})` })
      .click();
    await page.waitForURL('**batch=*');
    const summary = await until(
      'every startup of the batch with its outcome',
      async () =>
        (await page
          .getByRole('status')
          .filter({ hasText: /Terminé :/ })
          .count()) > 0
          ? ((await page
              .getByRole('status')
              .filter({ hasText: /Terminé :/ })
              .textContent()) ?? '')
          : '',
      (text) => text !== '',
      60_000,
    );
    const [succeeded, failed, total] = (summary.match(/\d+/g) ?? []).map(Number);
    expect(total).toBe(members.length);
    expect((succeeded ?? 0) + (failed ?? 0)).toBe(members.length);
    expect(await page.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
    const outcomes = await page
      .getByRole('table')
      .getByRole('row')
      .evaluateAll((rows) =>
        rows.slice(1).map((row) => row.children[1]?.textContent?.trim() ?? ''),
      );
    expect(outcomes).toHaveLength(members.length);
    for (const outcome of outcomes) expect(outcome).toMatch(/^(Demande enregistrée|Refusée)/);
    await platform.screenshots.take(page, '11-bulk-move-fr-done');
    expect(await accessibilityViolations(page)).toEqual([]);
  });
});

describe('notifications', () => {
  it('counts the unread ones in the toolbar, lists them and marks them all read', async () => {
    // The deciders of pending four-eyes moves and the managers of a completed move are told by
    // the worker; the toolbar asks when the page opens.
    await until(
      'notifications for the FFWD manager',
      () => api<{ unread: number }>(MANAGER_FFWD, 'GET', '/me/notifications/unread-count'),
      (count) => count.unread > 0,
      60_000,
    );
    const page = await signedIn(MANAGER_FFWD);
    const bell = page.getByRole('link', { name: /^Notifications, / });
    const label = await until(
      'the unread count in the toolbar',
      async () => (await bell.getAttribute('aria-label')) ?? '',
      (text) => /^Notifications, \d+ non lues?$/.test(text),
    );
    const unread = Number(/\d+/.exec(label)?.[0]);
    expect(unread).toBeGreaterThan(0);

    await bell.click();
    await page.waitForURL('**/notifications');
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await page.getByRole('article').first().waitFor();
    await platform.screenshots.take(page, '12-notifications-fr');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Tout marquer comme lu' }).click();
    await page.getByText('Toutes les notifications sont marquées comme lues.').waitFor();
    await until(
      'the toolbar without unread notifications',
      async () => (await bell.getAttribute('aria-label')) ?? '',
      (text) => text === 'Notifications, aucune non lue',
    );
    const count = await api<{ unread: number }>(
      MANAGER_FFWD,
      'GET',
      '/me/notifications/unread-count',
    );
    expect(count.unread).toBe(0);

    await switchLanguage(page, 'en');
    await page.getByRole('link', { name: 'Notifications, none unread' }).waitFor();
    await page.getByRole('button', { name: 'Mark all as read' }).waitFor();
    await platform.screenshots.take(page, '13-notifications-en');
    expect(await accessibilityViolations(page)).toEqual([]);
    await backToFrench(page);
  });
});
