import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { AuthSession, SESSION_STORAGE_KEY } from '@parcours/backoffice-data-access';
import { translocoForTests } from '@parcours/backoffice-data-access/testing';
import { DOSSIER_CLOCK, KPI_CHARTS_ENABLED } from '@parcours/backoffice-dossier';
import type { StartupView } from '@parcours/contracts';
import { founderSpaceRoutes } from '../founder-space.routes';

const NOW = new Date('2026-11-26T12:00:00.000Z');
const ID = 'startup-1';

const STARTUP = {
  id: ID,
  name: 'Portflow',
  stage: 'NURSERY',
  stageEnteredAt: '2026-03-02T10:00:00.000Z',
  structureId: 'nursery',
  version: 2,
} as StartupView;

// The first test compiles every panel of the page (JIT) on a shared, busy machine.
jest.setTimeout(30_000);

async function openFounderSpace() {
  TestBed.configureTestingModule({
    imports: [translocoForTests('fr')],
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter(
        [{ path: 'ma-startup', children: founderSpaceRoutes }],
        withComponentInputBinding(),
      ),
      { provide: DOSSIER_CLOCK, useValue: () => NOW },
      { provide: KPI_CHARTS_ENABLED, useValue: false },
    ],
  });
  const http = TestBed.inject(HttpTestingController);
  sessionStorage.setItem(
    SESSION_STORAGE_KEY,
    JSON.stringify({ accessToken: 't', expiresAt: Date.now() + 60_000 }),
  );
  const restoring = TestBed.inject(AuthSession).restore();
  http.expectOne('/api/v1/me').flush({
    id: 'u1',
    email: 'founder@demo.parcours.test',
    displayName: 'Camille',
    roles: ['founder'],
    grants: [{ role: 'founder', scope: 'STARTUP', scopeId: ID }],
  });
  await restoring;
  const harness = await RouterTestingHarness.create();
  void harness.navigateByUrl('/ma-startup');
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      harness.fixture.detectChanges();
    }
  };
  await settle();
  http.expectOne(`/api/v1/startups/${ID}`).flush(STARTUP);
  const open = {
    id: 'item-1',
    startupId: ID,
    stage: 'NURSERY',
    key: 'kbis',
    title: 'Extrait Kbis',
    required: true,
    status: 'OPEN',
    current: true,
    version: 1,
  };
  for (const request of http.match(`/api/v1/startups/${ID}/checklist`)) {
    request.flush({ items: [open] });
  }
  for (const request of http.match(`/api/v1/startups/${ID}/kpi-reports`)) {
    request.flush({ items: [] });
  }
  http.expectOne('/api/v1/me/consents').flush({
    items: [
      {
        transitionId: 't1',
        startupId: ID,
        startupName: 'Portflow',
        fromStage: 'NURSERY',
        toStage: 'ACCELERATION',
        programmeId: 'p1',
        programmeName: 'FFWD',
        structureId: 's9',
        structureName: 'Accélérateur FFWD',
        reason: null,
        requestedByName: 'Dominique',
        requestedAt: '2026-11-20T10:00:00.000Z',
      },
    ],
    nextCursor: null,
  });
  await settle();
  http.expectOne(`/api/v1/startups/${ID}/documents`).flush({ items: [] });
  http.expectOne(`/api/v1/startups/${ID}/sessions`).flush({ items: [] });
  http.expectOne('/api/v1/me/action-items').flush({ items: [] });
  http.expectOne('/api/v1/programmes').flush({ items: [], nextCursor: null });
  await settle();
  return { http, settle, element: () => harness.fixture.nativeElement as HTMLElement };
}

const text = (element: Element | null | undefined) =>
  (element?.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('FounderSpacePage', () => {
  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    sessionStorage.clear();
  });

  it('says what is expected next: the item to submit, the KPI report due, the consent', async () => {
    const { http, element, settle } = await openFounderSpace();

    expect(text(element().querySelector('h1'))).toBe('Ma startup');
    expect(text(element().querySelector('.founder__startup'))).toBe(
      'Portflow · Pépinière · depuis le 2 mars 2026',
    );
    const expected = Array.from(element().querySelectorAll('.founder__expectations li')).map(text);
    expect(expected).toEqual([
      '1 pièce attendue à transmettre',
      'Les indicateurs trimestriels 2026-Q3 à transmettre',
      'Votre consentement est demandé (1) :',
    ]);
    expect(text(element().querySelector('.consents__text'))).toBe(
      'Partager votre dossier avec Accélérateur FFWD pour un passage en Accélération (demande du 20 novembre 2026).',
    );

    const grant = Array.from(
      element().querySelectorAll<HTMLButtonElement>('bo-consent-requests button'),
    ).find((button) => text(button) === "J'accepte");
    grant?.click();
    const consent = http.expectOne('/api/v1/transitions/t1/consent');
    expect(consent.request.body).toEqual({ decision: 'GRANT' });
    consent.flush({});
    await settle();
    expect(element().querySelector('.consents__item')).toBeNull();
    const outcome = element().querySelector<HTMLElement>('.founder__consent-outcome');
    expect(outcome?.getAttribute('role')).toBe('status');
    expect(text(outcome)).toBe(
      'Consentement donné : la structure peut désormais voir votre dossier.',
    );
    // The button pressed is gone: the focus is on the sentence, not lost on the page.
    await settle();
    expect(document.activeElement).toBe(outcome);
  });

  it('downloads the personal data export as a JSON file', async () => {
    const { http, element, settle } = await openFounderSpace();
    const created: Blob[] = [];
    const downloads: string[] = [];
    Object.assign(URL, {
      createObjectURL: (blob: Blob) => {
        created.push(blob);
        return 'blob:export';
      },
      revokeObjectURL: () => undefined,
    });
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      downloads.push(this.download);
    });

    const button = Array.from(element().querySelectorAll<HTMLButtonElement>('button')).find(
      (each) => text(each) === 'Exporter mes données personnelles',
    );
    button?.click();
    http.expectOne('/api/v1/me/export').flush({
      exportedAt: '2026-11-26T12:00:00.000Z',
      subject: { id: 'u1' },
      sections: [{ table: 'app_user', description: 'Votre compte', rows: [{ id: 'u1' }] }],
    });
    await settle();

    expect(downloads).toEqual(['parcours-donnees-personnelles-2026-11-26.json']);
    expect(created[0].type).toBe('application/json');
    // jsdom's Blob has no text(): read it the way older browsers do.
    const content = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(created[0]);
    });
    expect(JSON.parse(content)).toMatchObject({ subject: { id: 'u1' } });
    expect(text(element().querySelector('.founder__status'))).toBe(
      'Le fichier de vos données personnelles est téléchargé.',
    );
    click.mockRestore();
  });
});
