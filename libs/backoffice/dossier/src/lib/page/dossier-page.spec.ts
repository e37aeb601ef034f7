import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import {
  AuthSession,
  SESSION_STORAGE_KEY,
  type ChecklistItem,
} from '@parcours/backoffice-data-access';
import { translocoForTests } from '@parcours/backoffice-data-access/testing';
import type { MeResponse, RoleGrant, StartupView } from '@parcours/contracts';
import { DOSSIER_CLOCK } from '../dossier-clock';
import { dossierRoutes } from '../dossier.routes';
import { KPI_CHARTS_ENABLED } from '../kpi/kpi-panel';

const NOW = new Date('2026-11-26T12:00:00.000Z');
const ID = '0b6f1f7e-0000-4000-8000-000000000001';

const STARTUP: StartupView = {
  id: ID,
  name: 'Portflow',
  legalName: 'Portflow SAS',
  siren: '732829320',
  domain: 'SMART_PORTS_LOGISTICS',
  territory: 'LE_HAVRE',
  foundedOn: '2024-03-01',
  stage: 'NURSERY',
  stageEnteredAt: '2026-11-16T12:00:00.000Z',
  status: 'ACTIVE',
  tags: ['logistique'],
  description: 'Suivi des conteneurs',
  website: null,
  structureId: 'nursery-lh',
  programmeId: null,
  cohortId: null,
  version: 3,
};

const ITEM: ChecklistItem = {
  id: 'item-1',
  startupId: ID,
  stage: 'NURSERY',
  key: 'hosting-agreement',
  title: "Convention d'hébergement signée",
  required: true,
  status: 'SUBMITTED',
  note: null,
  waiverReason: null,
  validatedById: null,
  documentId: null,
  current: true,
  version: 2,
  updatedAt: '2026-11-20T12:00:00.000Z',
};

async function signIn(roles: MeResponse['roles'], grants: RoleGrant[]): Promise<void> {
  sessionStorage.setItem(
    SESSION_STORAGE_KEY,
    JSON.stringify({ accessToken: 't', expiresAt: Date.now() + 60_000 }),
  );
  const restoring = TestBed.inject(AuthSession).restore();
  TestBed.inject(HttpTestingController)
    .expectOne('/api/v1/me')
    .flush({ id: 'u1', email: 'x@demo.parcours.test', displayName: 'X', roles, grants });
  await restoring;
}

async function openDossier(roles: MeResponse['roles'], grants: RoleGrant[]) {
  TestBed.configureTestingModule({
    imports: [translocoForTests('fr')],
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([{ path: 'dossiers', children: dossierRoutes }], withComponentInputBinding()),
      { provide: DOSSIER_CLOCK, useValue: () => NOW },
      { provide: KPI_CHARTS_ENABLED, useValue: false },
    ],
  });
  await signIn(roles, grants);
  const harness = await RouterTestingHarness.create();
  void harness.navigateByUrl(`/dossiers/${ID}`);
  const settle = async (): Promise<void> => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    harness.fixture.detectChanges();
    await new Promise((resolve) => setTimeout(resolve, 0));
    harness.fixture.detectChanges();
  };
  await settle();
  const http = TestBed.inject(HttpTestingController);
  const element = () => harness.fixture.nativeElement as HTMLElement;
  return { http, element, settle };
}

const text = (element: Element | null | undefined) =>
  (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

function answerSections(
  http: HttpTestingController,
  items: ChecklistItem[] = [ITEM],
  more: { sessions?: unknown[]; documents?: unknown[]; reports?: unknown[] } = {},
) {
  // The documents panel of a founder reads the checklist too, to link an upload to an item.
  for (const request of http.match(`/api/v1/startups/${ID}/checklist`)) request.flush({ items });
  http.expectOne(`/api/v1/startups/${ID}/documents`).flush({ items: more.documents ?? [] });
  http.expectOne(`/api/v1/startups/${ID}/sessions`).flush({ items: more.sessions ?? [] });
  http.expectOne(`/api/v1/startups/${ID}/kpi-reports`).flush({ items: more.reports ?? [] });
  // The hosting panel reads the agreements and the places together (no unit without a place).
  http.expectOne(`/api/v1/startups/${ID}/hosting-agreements`).flush({ items: [] });
  http.expectOne('/api/v1/places').flush({ items: [] });
  // The applications panel, for staff and founders (mentors do not read applications).
  for (const request of http.match((r) => r.url === '/api/v1/applications')) {
    request.flush({ items: [] });
  }
  const timeline = http.expectOne((r) => r.url === `/api/v1/startups/${ID}/timeline`);
  expect(timeline.request.params.get('order')).toBe('desc');
  timeline.flush({
    items: [
      {
        id: '12',
        occurredAt: '2026-11-16T12:00:00.000Z',
        kind: 'STAGE_ENTERED',
        actorId: null,
        transitionId: 't-1',
        payload: { stage: 'NURSERY', fromStage: 'INCUBATION' },
      },
    ],
    nextCursor: 'next-1',
  });
}

// The first test compiles every panel of the page (JIT) on a shared, busy machine.
jest.setTimeout(30_000);

describe('DossierPage', () => {
  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    sessionStorage.clear();
  });

  it('shows the stage, the time in stage, the profile, the checklist and the timeline', async () => {
    const { http, element, settle } = await openDossier(
      ['manager'],
      [{ role: 'manager', scope: 'STRUCTURE', scopeId: 'nursery-lh' }],
    );
    http.expectOne(`/api/v1/startups/${ID}`).flush(STARTUP, { headers: { ETag: '"3"' } });
    await settle();
    answerSections(http);
    await settle();

    expect(text(element().querySelector('h1'))).toBe('Portflow');
    expect(text(element().querySelector('.dossier__stage'))).toContain('Pépinière');
    expect(text(element().querySelector('.dossier__stage'))).toContain(
      "Durée dans l'étape 10 jours depuis le 16 novembre 2026",
    );
    expect(text(element().querySelector('bo-profile-panel'))).toContain('Le Havre');
    expect(text(element().querySelector('bo-checklist-panel'))).toContain(
      "Convention d'hébergement signée Transmise Obligatoire",
    );
    expect(text(element().querySelector('bo-timeline-panel'))).toContain('Entrée en Pépinière');

    // Older events come with the cursor of the first page.
    element().querySelector<HTMLButtonElement>('.timeline__more')?.click();
    const older = http.expectOne(
      (r) => r.url === `/api/v1/startups/${ID}/timeline` && r.params.get('cursor') === 'next-1',
    );
    older.flush({
      items: [
        {
          id: '11',
          occurredAt: '2026-11-10T09:00:00.000Z',
          kind: 'TRANSITION_REQUESTED',
          actorId: 'u2',
          transitionId: 't-1',
          payload: {
            fromStage: 'INCUBATION',
            toStage: 'NURSERY',
            reason: 'Prête pour la pépinière',
          },
        },
      ],
      nextCursor: null,
    });
    await settle();
    const events = Array.from(element().querySelectorAll('.timeline__sentence')).map(text);
    expect(events).toEqual(['Entrée en Pépinière', 'Demande de passage de Incubation à Pépinière']);
    expect(element().querySelector('.timeline__more')).toBeNull();

    // A move unfolds into its workflow steps.
    element().querySelector<HTMLButtonElement>('.timeline__steps-toggle')?.click();
    await settle();
    http.expectOne('/api/v1/transitions/t-1').flush({
      id: 't-1',
      status: 'COMPLETED',
      requiresFourEyes: false,
      steps: [
        {
          name: 'CLOSE_PREVIOUS_STAGE',
          status: 'DONE',
          attempts: 1,
          lastError: null,
          completedAt: null,
        },
        {
          name: 'NOTIFY_STAKEHOLDERS',
          status: 'FAILED',
          attempts: 3,
          lastError: 'smtp',
          completedAt: null,
        },
      ],
    });
    await settle();
    const steps = text(element().querySelector('bo-transition-steps'));
    expect(steps).toContain('État du passage : terminé');
    expect(steps).toContain("Clôture de l'étape précédente : fait");
    expect(steps).toContain('Information des personnes concernées : en échec');
  });

  it('lets a manager validate a submitted item with its version, then refreshes the timeline', async () => {
    const { http, element, settle } = await openDossier(
      ['manager'],
      [{ role: 'manager', scope: 'STRUCTURE', scopeId: 'nursery-lh' }],
    );
    http.expectOne(`/api/v1/startups/${ID}`).flush(STARTUP, { headers: { ETag: '"3"' } });
    await settle();
    answerSections(http);
    await settle();

    const buttons = Array.from(
      element().querySelectorAll<HTMLButtonElement>(
        'bo-checklist-panel .checklist__buttons button',
      ),
    );
    expect(buttons.map((button) => button.getAttribute('aria-label'))).toEqual([
      "Valider « Convention d'hébergement signée »",
      "Dispenser « Convention d'hébergement signée »",
    ]);
    buttons[0].click();
    const patch = http.expectOne('/api/v1/checklist-items/item-1');
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.headers.get('If-Match')).toBe('"2"');
    expect(patch.request.body).toEqual({ status: 'DONE' });
    patch.flush({ ...ITEM, status: 'DONE', version: 3 });
    await settle();
    http
      .expectOne((r) => r.url === `/api/v1/startups/${ID}/timeline`)
      .flush({ items: [], nextCursor: null });
    await settle();

    expect(text(element().querySelector('.checklist__item'))).toContain('Validée');
    expect(text(element().querySelector('bo-checklist-panel [role="status"]'))).toBe(
      "« Convention d'hébergement signée » est validée.",
    );
    // The buttons pressed went away with the new state: the focus is on the item, not lost.
    expect(document.activeElement).toBe(element().querySelector('#checklist-item-item-1'));
  });

  it('asks a manager for the reason of a waiver before sending it', async () => {
    const { http, element, settle } = await openDossier(['admin'], []);
    http.expectOne(`/api/v1/startups/${ID}`).flush(STARTUP, { headers: { ETag: '"3"' } });
    await settle();
    answerSections(http, [{ ...ITEM, status: 'OPEN' }]);
    await settle();

    element()
      .querySelectorAll<HTMLButtonElement>('bo-checklist-panel .checklist__buttons button')[1]
      .click();
    await settle();
    // The reason's field replaces the buttons and takes the focus.
    expect(document.activeElement).toBe(element().querySelector('.checklist__waiver textarea'));
    const form = element().querySelector<HTMLFormElement>('.checklist__waiver');
    form?.dispatchEvent(new Event('submit'));
    await settle();
    expect(text(element().querySelector('.checklist__problem'))).toBe(
      'Indiquez le motif de la dispense.',
    );
    http.expectNone('/api/v1/checklist-items/item-1');

    const reason = element().querySelector<HTMLTextAreaElement>('.checklist__waiver textarea');
    if (!reason) throw new Error('no reason field');
    reason.value = 'Convention signée hors plateforme';
    reason.dispatchEvent(new Event('input'));
    await settle();
    form?.dispatchEvent(new Event('submit'));
    const patch = http.expectOne('/api/v1/checklist-items/item-1');
    expect(patch.request.body).toEqual({
      status: 'WAIVED',
      note: 'Convention signée hors plateforme',
    });
    patch.flush({ ...ITEM, status: 'WAIVED', waiverReason: 'Convention signée hors plateforme' });
    await settle();
    http
      .expectOne((r) => r.url === `/api/v1/startups/${ID}/timeline`)
      .flush({ items: [], nextCursor: null });
    await settle();
    expect(text(element().querySelector('.checklist__item'))).toContain(
      'Motif de la dispense : Convention signée hors plateforme',
    );
  });

  it('lets a founder submit an open item, and only that', async () => {
    const { http, element, settle } = await openDossier(
      ['founder'],
      [{ role: 'founder', scope: 'STARTUP', scopeId: ID }],
    );
    http.expectOne(`/api/v1/startups/${ID}`).flush(STARTUP, { headers: { ETag: '"3"' } });
    await settle();
    answerSections(http, [
      { ...ITEM, status: 'OPEN' },
      { ...ITEM, id: 'item-2', status: 'DONE' },
    ]);
    await settle();

    const buttons = Array.from(
      element().querySelectorAll<HTMLButtonElement>(
        'bo-checklist-panel .checklist__buttons button',
      ),
    );
    expect(buttons.map(text)).toEqual(['Marquer comme transmise']);
    expect(text(element().querySelector('bo-profile-panel button'))).toBe(
      'Modifier le profil public',
    );
  });

  it('saves the profile with If-Match and, when someone saved first, loads their version', async () => {
    const { http, element, settle } = await openDossier(
      ['founder'],
      [{ role: 'founder', scope: 'STARTUP', scopeId: ID }],
    );
    http.expectOne(`/api/v1/startups/${ID}`).flush(STARTUP, { headers: { ETag: '"3"' } });
    await settle();
    answerSections(http);
    await settle();

    const edit = element().querySelector<HTMLButtonElement>('bo-profile-panel button');
    // Saved without a change, the form closes and the focus goes back to "Modifier".
    edit?.click();
    await settle();
    element().querySelector<HTMLFormElement>('.profile__form')?.dispatchEvent(new Event('submit'));
    await settle();
    expect(text(element().querySelector('bo-profile-panel'))).toContain(
      'Aucune modification à enregistrer.',
    );
    expect(document.activeElement).toBe(element().querySelector('bo-profile-panel button'));

    element().querySelector<HTMLButtonElement>('bo-profile-panel button')?.click();
    await settle();
    // Founders get the public profile only.
    expect(element().querySelector('bo-profile-panel input[name="name"]')).toBeNull();
    const website = element().querySelector<HTMLInputElement>('input[name="website"]');
    if (!website) throw new Error('no website field');
    website.value = 'https://portflow.example';
    website.dispatchEvent(new Event('input'));
    await settle();
    element().querySelector<HTMLFormElement>('.profile__form')?.dispatchEvent(new Event('submit'));

    const patch = http.expectOne((r) => r.method === 'PATCH' && r.url === `/api/v1/startups/${ID}`);
    expect(patch.request.headers.get('If-Match')).toBe('"3"');
    expect(patch.request.body).toEqual({ website: 'https://portflow.example' });
    patch.flush(
      { type: 'about:blank', title: 'Precondition Failed', status: 412 },
      { status: 412, statusText: 'Precondition Failed' },
    );
    await settle();

    expect(text(element().querySelector('bo-profile-panel [role="alert"]'))).toBe(
      "Quelqu'un a modifié ce dossier entre-temps. La dernière version vient d'être chargée : reprenez votre modification.",
    );
    http
      .expectOne((r) => r.method === 'GET' && r.url === `/api/v1/startups/${ID}`)
      .flush(
        { ...STARTUP, description: 'Changée ailleurs', version: 4 },
        { headers: { ETag: '"4"' } },
      );
    await settle();
    expect(text(element().querySelector('bo-profile-panel'))).toContain('Changée ailleurs');
    // The form closed with the focus in it: back on "Modifier".
    expect(document.activeElement).toBe(element().querySelector('bo-profile-panel button'));
  });

  it('lets a founder upload against an expected item, with progress, then report a quarter', async () => {
    const { http, element, settle } = await openDossier(
      ['founder'],
      [{ role: 'founder', scope: 'STARTUP', scopeId: ID }],
    );
    http.expectOne(`/api/v1/startups/${ID}`).flush(STARTUP, { headers: { ETag: '"3"' } });
    await settle();
    answerSections(http, [{ ...ITEM, status: 'OPEN' }], {
      sessions: [
        {
          id: 'm1',
          startupId: ID,
          mentorId: 'u9',
          mentorName: 'Alex Mentor',
          heldAt: '2026-11-20T09:00:00.000Z',
          durationMinutes: 45,
          format: 'VIDEO',
          topics: ['financement'],
          notes: 'Préparer la levée',
          sharedWithFounders: true,
          actionItems: [],
          createdAt: '2026-11-20T10:00:00.000Z',
        },
      ],
    });
    await settle();
    expect(text(element().querySelector('.sessions__title'))).toBe(
      'Séance du 20 novembre 2026 avec Alex Mentor',
    );

    const fileInput = element().querySelector<HTMLInputElement>('#document-file');
    if (!fileInput) throw new Error('no file input');
    const file = new File(['%PDF-1.7'], 'convention.pdf', { type: 'application/pdf' });
    Object.defineProperty(fileInput, 'files', { value: [file] });
    fileInput.dispatchEvent(new Event('change'));
    const link = element().querySelector<HTMLSelectElement>('#document-checklist-item');
    if (!link) throw new Error('no checklist link');
    link.value = 'item-1';
    link.dispatchEvent(new Event('change'));
    await settle();
    element()
      .querySelector<HTMLFormElement>('.documents__upload')
      ?.dispatchEvent(new Event('submit'));

    const upload = http.expectOne(`/api/v1/startups/${ID}/documents`);
    expect(upload.request.method).toBe('POST');
    expect((upload.request.body as FormData).get('file')).toBeInstanceOf(File);
    upload.event({ type: 1, loaded: 5, total: 10 });
    await settle();
    expect(text(element().querySelector('.documents__status'))).toBe('Envoi : 50 %');
    upload.flush({
      id: 'd1',
      startupId: ID,
      fileName: 'convention.pdf',
      mediaType: 'application/pdf',
      sizeBytes: 2048,
      sha256: 'abc',
      uploadedById: 'u1',
      uploadedAt: '2026-11-26T11:00:00.000Z',
    });
    const submit = http.expectOne('/api/v1/checklist-items/item-1');
    expect(submit.request.body).toEqual({ status: 'SUBMITTED', documentId: 'd1' });
    submit.flush({ ...ITEM, status: 'SUBMITTED', documentId: 'd1', version: 3 });
    await settle();
    expect(text(element().querySelector('.documents__status'))).toBe(
      '« convention.pdf » est déposé.',
    );
    // The checklist, the documents and the timeline are read again.
    for (const request of http.match(`/api/v1/startups/${ID}/checklist`)) {
      request.flush({ items: [{ ...ITEM, status: 'SUBMITTED', documentId: 'd1' }] });
    }
    http.match(`/api/v1/startups/${ID}/documents`).forEach((r) => r.flush({ items: [] }));
    http
      .match((r) => r.url === `/api/v1/startups/${ID}/timeline`)
      .forEach((r) => r.flush({ items: [], nextCursor: null }));
    await settle();
    expect(text(element().querySelector('.checklist__status'))).toBe('Transmise');

    // The quarter that ended last is the one proposed.
    expect(element().querySelector<HTMLSelectElement>('#kpi-quarter')?.value).toBe('2026-Q3');
    const figures: Record<string, string> = {
      headcount: '12',
      jobsCreated: '2',
      revenueEur: '150 000',
      fundsRaisedEur: '500000',
      customers: '31',
    };
    for (const [field, value] of Object.entries(figures)) {
      const input = element().querySelector<HTMLInputElement>(`#kpi-${field}`);
      if (!input) throw new Error(`no ${field}`);
      input.value = value;
      input.dispatchEvent(new Event('input'));
    }
    await settle();
    element().querySelector<HTMLFormElement>('.kpi-form')?.dispatchEvent(new Event('submit'));
    const report = http.expectOne(`/api/v1/startups/${ID}/kpi-reports`);
    expect(report.request.method).toBe('POST');
    expect(report.request.body).toEqual({
      quarter: '2026-Q3',
      headcount: 12,
      jobsCreated: 2,
      revenueEur: 150000,
      fundsRaisedEur: 500000,
      customers: 31,
      exportCountries: [],
      tradeShows: [],
    });
    report.flush({
      ...report.request.body,
      id: 'k1',
      startupId: ID,
      quarterStartsOn: '2026-07-01',
      submittedById: 'u1',
      submittedAt: '2026-11-26T11:00:00.000Z',
      updatedById: null,
      updatedAt: '2026-11-26T11:00:00.000Z',
      version: 1,
    });
    await settle();
    http
      .match((r) => r.url === `/api/v1/startups/${ID}/timeline`)
      .forEach((r) => r.flush({ items: [], nextCursor: null }));
    await settle();
    expect(text(element().querySelector('.kpi-form__done'))).toBe('Indicateurs 2026-Q3 transmis.');
    const row = Array.from(element().querySelectorAll('.kpi__table tbody tr')[0].children).map(
      text,
    );
    expect(row).toEqual(['2026-Q3', '12', '2', '150 000 €', '500 000 €', '31', '', '']);
  });

  it('says in words when the dossier cannot be found', async () => {
    const { http, element, settle } = await openDossier(['mentor'], []);
    http
      .expectOne(`/api/v1/startups/${ID}`)
      .flush(
        { type: 'about:blank', title: 'Not Found', status: 404 },
        { status: 404, statusText: 'Not Found' },
      );
    await settle();

    expect(text(element().querySelector('[role="alert"]'))).toBe(
      'Cet élément est introuvable. Il a peut-être été supprimé, ou il ne fait pas partie de votre périmètre.',
    );
  });
});
