import { Builders } from '@parcours/server-testing';
import { generate } from 'otplib';
import type { Page } from 'playwright-core';
import { accessibilityViolations } from './support/browser';
import { signInForm, signInWithForm, until } from './support/pages';
import {
  DEMO_PASSWORD,
  startBackofficePlatform,
  type BackofficePlatform,
  DEMO_ACCOUNTS,
} from './support/platform';

/*
 * Administration in the browser: accounts and roles, structures, programmes, ecosystem targets,
 * workflow health with a step that really fails; an invitation accepted and a two-step
 * verification enrolled, then used to sign in with a code computed here. French, then English.
 */

const ADMIN = DEMO_ACCOUNTS.admin;
const MANAGER_ROUEN = DEMO_ACCOUNTS.managerRouen;
const NEW_PASSWORD = 'Bocage-normand-2026-pommier';

let platform: BackofficePlatform;

beforeAll(async () => {
  platform = await startBackofficePlatform({ album: 'backoffice-e2e-administration' });
});

afterEach(async () => {
  await platform?.closePages();
});

afterAll(async () => {
  await platform?.stop();
});

async function api<T = Record<string, unknown>>(
  method: string,
  path: string,
  token: string | null,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${platform.apiUrl}/api/v1${path}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

async function tokenOf(email: string, password = DEMO_PASSWORD): Promise<string> {
  const { status, body } = await api<{ accessToken: string }>('POST', '/auth/login', null, {
    email,
    password,
  });
  if (status !== 200) throw new Error(`sign-in of ${email}: ${status}`);
  return body.accessToken;
}

async function expectNoAxeViolations(page: Page): Promise<void> {
  expect(await accessibilityViolations(page)).toEqual([]);
}

async function adminOn(path: string): Promise<Page> {
  const page = await platform.newPage();
  await page.goto(path);
  await signInWithForm(page, ADMIN, DEMO_PASSWORD);
  await page.waitForURL(`**${path}`);
  return page;
}

/** A move of a new Rouen startup into a nursery programme whose template is broken: it fails. */
async function failingMove(): Promise<{ transitionId: string; programmeId: string; name: string }> {
  const [nursery] = await platform.db.dataSource.query(
    `SELECT s.id FROM role_grant g JOIN app_user u ON u.id = g.user_id
       JOIN structure s ON s.id = g.structure_id
      WHERE u.email = $1 AND s.kind = 'NURSERY' LIMIT 1`,
    [MANAGER_ROUEN],
  );
  const [incubator] = await platform.db.dataSource.query(
    `SELECT s.id FROM role_grant g JOIN app_user u ON u.id = g.user_id
       JOIN structure s ON s.id = g.structure_id
      WHERE u.email = $1 AND s.kind = 'INCUBATOR' LIMIT 1`,
    [MANAGER_ROUEN],
  );
  const programmeId = await new Builders(platform.db.dataSource).programme(nursery.id, 'NURSERY', {
    name: 'Pépinière au modèle cassé',
  });
  // An item without a title: the checklist table refuses it, so the step fails for real.
  await platform.db.dataSource.query(
    `UPDATE programme SET checklist_template = '[{"key": "bail"}]' WHERE id = $1`,
    [programmeId],
  );
  const manager = await tokenOf(MANAGER_ROUEN);
  const name = 'Bocage Robotique';
  const created = await api<{ id: string }>('POST', '/startups', manager, {
    name,
    domain: 'SMART_INDUSTRIES',
    territory: 'ROUEN',
    stage: 'INCUBATION',
    structureId: incubator.id,
  });
  expect(created.status).toBe(201);
  await platform.db.dataSource.query(
    `UPDATE checklist_item c SET status = 'DONE' FROM stage_stay st
      WHERE st.id = c.stay_id AND st.startup_id = $1 AND st.left_at IS NULL`,
    [created.body.id],
  );
  const moved = await api<{ id: string }>(
    'POST',
    `/startups/${created.body.id}/transitions`,
    manager,
    {
      toStage: 'NURSERY',
      programmeId,
    },
  );
  expect(moved.status).toBe(201);
  return { transitionId: moved.body.id, programmeId, name };
}

describe('administration', () => {
  it('lets an admin create a user, grant a role, and see every page without an axe violation', async () => {
    const page = await adminOn('/administration/utilisateurs');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Administration');
    await page.getByRole('cell', { name: ADMIN }).waitFor();
    await platform.screenshots.take(page, '01-users-fr');
    await expectNoAxeViolations(page);

    const invite = page.getByRole('region', { name: 'Inviter une personne' });
    await invite.getByLabel('Adresse e-mail').fill('louise.martin@exemple.fr');
    await invite.getByLabel('Nom affiché').fill('Louise Martin');
    await invite.getByRole('combobox', { name: /^Rôle/ }).selectOption('manager');
    // A select's name ends with its selected option, hence the prefixes.
    const structure = invite.getByRole('combobox', { name: /^Structure/ });
    await structure.selectOption({ index: 1 });
    await invite.getByRole('button', { name: 'Créer et inviter' }).click();
    const notice = page.getByTestId('invitation-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain(
      'Invitation envoyée par e-mail à louise.martin@exemple.fr',
    );

    // The new account is selected: grant it a funder role over Caen.
    const detail = page.getByRole('region', { name: 'Louise Martin' });
    await detail.waitFor();
    const grantForm = detail.getByRole('form', { name: 'Attribuer un rôle' });
    await grantForm.getByRole('combobox', { name: /^Rôle/ }).selectOption('funder');
    await grantForm.getByRole('combobox', { name: /^Périmètre/ }).selectOption('TERRITORY');
    await grantForm.getByRole('combobox', { name: /^Territoire/ }).selectOption('CAEN');
    await grantForm.getByRole('button', { name: 'Attribuer' }).click();
    await detail.getByText('Rôle attribué.').waitFor();
    // Without a password yet, the account waits on its invitation, and says so.
    await page
      .getByRole('row', { name: /Louise Martin/ })
      .getByRole('cell', { name: 'Invitation en attente', exact: true })
      .waitFor();
    await platform.screenshots.take(page, '02-user-granted-fr');

    const admin = await tokenOf(ADMIN);
    const users = await api<{ items: { email: string; roles: string[]; passwordSet: boolean }[] }>(
      'GET',
      '/users?q=louise.martin',
      admin,
    );
    expect(users.body.items).toEqual([
      expect.objectContaining({
        email: 'louise.martin@exemple.fr',
        roles: expect.arrayContaining(['manager', 'funder']),
        passwordSet: false,
      }),
    ]);

    const sections = [
      {
        link: 'Structures',
        path: 'structures',
        shot: '03-structures-fr',
        heading: 'Nouvelle structure',
      },
      {
        link: 'Programmes et promotions',
        path: 'programmes',
        shot: '04-programmes-fr',
        heading: 'Nouveau programme',
      },
      {
        link: 'Objectifs de l’écosystème',
        path: 'objectifs',
        shot: '05-targets-fr',
        heading: 'Objectifs de l’écosystème',
      },
    ];
    for (const section of sections) {
      await page.getByRole('tab', { name: section.link, exact: true }).click();
      await page.waitForURL(`**/administration/${section.path}`);
      await page.getByRole('heading', { level: 2, name: section.heading, exact: true }).waitFor();
      await page.getByText('Chargement…').first().waitFor({ state: 'detached' });
      await platform.screenshots.take(page, section.shot);
      await expectNoAxeViolations(page);
    }
    // The demo carries the bid's published targets.
    expect(await page.locator('tbody tr').count()).toBe(10);
  });

  it('retries a failed workflow step from the workflow health page', async () => {
    const failing = await failingMove();
    const admin = await tokenOf(ADMIN);
    await until(
      'the move to fail',
      async () =>
        (await api<{ status: string }>('GET', `/transitions/${failing.transitionId}`, admin)).body
          .status,
      (status) => status === 'FAILED',
      90_000,
    );

    const page = await adminOn('/administration/flux');
    const item = page.getByRole('listitem', { name: failing.name });
    await item.waitFor();
    // Each step in a French sentence: its name, a spaced colon, its state and its attempts.
    expect((await item.textContent())?.replace(/\s+/g, ' ')).toMatch(
      / : En échec · tentatives : \d+/,
    );
    await platform.screenshots.take(page, '06-workflow-failed-fr');
    await expectNoAxeViolations(page);

    // The cause is fixed, then the operator retries.
    await platform.db.dataSource.query(
      `UPDATE programme SET checklist_template = '[{"key": "bail", "title": "Convention d''hébergement", "required": true}]'
        WHERE id = $1`,
      [failing.programmeId],
    );
    await item.getByRole('button', { name: `Relancer ${failing.name}` }).click();
    await page.getByText('Relance demandée').waitFor();
    await until(
      'the retried move to complete',
      async () =>
        (await api<{ status: string }>('GET', `/transitions/${failing.transitionId}`, admin)).body
          .status,
      (status) => status === 'COMPLETED',
      60_000,
    );
    await page.getByRole('button', { name: 'Actualiser' }).click();
    await page.getByRole('listitem', { name: failing.name }).waitFor({ state: 'detached' });
    await platform.screenshots.take(page, '07-workflow-retried-fr');
  });

  it('switches to English and remembers the choice on the account', async () => {
    const page = await adminOn('/administration/utilisateurs');
    await page
      .getByRole('radiogroup', { name: "Langue de l'interface" })
      .getByRole('radio', { name: 'English (EN)' })
      .click();
    await page.getByRole('heading', { level: 2, name: 'Invite someone' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page
      .getByRole('row', { name: /Louise Martin/ })
      .getByRole('cell', { name: 'Invitation pending', exact: true })
      .waitFor();
    await platform.screenshots.take(page, '08-users-en');
    await expectNoAxeViolations(page);
    const admin = await tokenOf(ADMIN);
    const me = await until(
      'the language saved on the account',
      async () => (await api<{ locale: string }>('GET', '/me', admin)).body.locale,
      (locale) => locale === 'en',
    );
    expect(me).toBe('en');

    // A new visit, in a browser that remembers nothing, opens in the account's language.
    const later = await platform.newPage();
    await later.goto('/');
    await signInWithForm(later, ADMIN, DEMO_PASSWORD);
    await later.waitForFunction(() => document.documentElement.lang === 'en');
    await later.getByRole('link', { name: 'Administration' }).click();
    await later.getByRole('tab', { name: 'Workflow health' }).click();
    await later.getByRole('heading', { level: 2, name: 'Queues' }).waitFor();
    await platform.screenshots.take(later, '09-workflow-en');
    await expectNoAxeViolations(later);
    await api('PATCH', '/me', admin, { locale: 'fr' });
  });
});

describe('invitation and two-step verification', () => {
  it('accepts an invitation, enrols an authenticator, then signs in with a code', async () => {
    const admin = await tokenOf(ADMIN);
    const created = await api<{ invitation: { link: string } }>('POST', '/users', admin, {
      email: 'jeanne.funder@exemple.fr',
      displayName: 'Jeanne Dupont',
      grants: [{ role: 'funder', scope: 'GLOBAL' }],
    });
    expect(created.status).toBe(201);
    const link = new URL(created.body.invitation.link);

    const page = await platform.newPage();
    await page.goto(`${link.pathname}${link.hash}`);
    await page.getByRole('heading', { level: 1, name: 'Choisir votre mot de passe' }).waitFor();
    await platform.screenshots.take(page, '10-invitation-fr');
    await expectNoAxeViolations(page);
    await page.getByLabel('Nouveau mot de passe').fill(NEW_PASSWORD);
    await page.getByLabel('Confirmer le mot de passe').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Enregistrer mon mot de passe' }).click();
    await page.getByText('Votre mot de passe est enregistré').waitFor();
    await page.getByRole('link', { name: 'Aller à la connexion' }).click();

    await page.waitForURL('**/connexion');
    await signInWithForm(page, 'jeanne.funder@exemple.fr', NEW_PASSWORD);
    await page.waitForURL('**/financeurs');
    await page.goto('/securite');
    await page.getByText('La vérification en deux étapes n’est pas activée.').waitFor();
    await page.getByRole('button', { name: 'Activer la vérification en deux étapes' }).click();
    const secretElement = page.getByTestId('mfa-secret');
    await secretElement.waitFor();
    await platform.screenshots.take(page, '11-mfa-enrolment-fr');
    await expectNoAxeViolations(page);
    const secret = ((await secretElement.textContent()) ?? '').trim();
    await page.getByLabel('Code à 6 chiffres').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Activer la vérification en deux étapes' }).click();
    await page.getByRole('heading', { name: 'Vos codes de secours' }).waitFor();
    expect(
      await page.getByRole('list', { name: 'Vos codes de secours' }).getByRole('listitem').count(),
    ).toBe(10);
    await platform.screenshots.take(page, '12-recovery-codes-fr');
    await page.getByRole('button', { name: 'J’ai noté mes codes, continuer' }).click();
    await page.getByText('Codes de secours restants : 10').waitFor();
    await platform.screenshots.take(page, '13-security-fr');
    await expectNoAxeViolations(page);

    // A later sign-in asks for a code; each time step is accepted once, so wait for the next.
    const stepAtEnrolment = Math.floor(Date.now() / 30_000);
    const second = await platform.newPage();
    await second.goto('/');
    await signInWithForm(second, 'jeanne.funder@exemple.fr', NEW_PASSWORD);
    const code = second.getByLabel('Code à 6 chiffres');
    await code.waitFor();
    await platform.screenshots.take(second, '14-sign-in-code-fr');
    await expectNoAxeViolations(second);
    while (Math.floor(Date.now() / 30_000) <= stepAtEnrolment) {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    await code.fill(await generate({ secret }));
    await second.getByRole('button', { name: 'Vérifier' }).click();
    await second.waitForURL('**/financeurs');
    expect(await signInForm(second).alert.count()).toBe(0);
  });
});
