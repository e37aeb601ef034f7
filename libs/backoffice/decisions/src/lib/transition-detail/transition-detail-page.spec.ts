import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { translocoForTests } from '@parcours/backoffice-data-access/testing';
import type { TransitionView } from '@parcours/contracts';
import { transitionDetailRoutes } from '../decisions.routes';

jest.setTimeout(20_000);

const COMPLETED: TransitionView = {
  id: 'tr-1',
  startupId: 'st-1',
  status: 'COMPLETED',
  fromStage: 'NURSERY',
  toStage: 'ACCELERATION',
  programmeId: 'p-ffwd',
  cohortId: null,
  reason: null,
  requestedById: 'u-rouen',
  requestedAt: '2026-11-20T09:30:00.000Z',
  decidedById: 'u-ffwd',
  decidedAt: '2026-11-21T10:00:00.000Z',
  decisionNote: 'Dossier solide',
  effectiveAt: '2026-11-21T10:00:00.000Z',
  requiresFourEyes: true,
  consent: null,
  version: 3,
  steps: [
    {
      name: 'NOTIFY_STAKEHOLDERS',
      status: 'FAILED',
      attempts: 3,
      lastError: 'SMTP unreachable',
      completedAt: null,
    },
    {
      name: 'CLOSE_PREVIOUS_STAGE',
      status: 'DONE',
      attempts: 1,
      lastError: null,
      completedAt: '2026-11-21T10:00:01.000Z',
    },
  ],
};

describe('TransitionDetailPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('shows the status, the route, the decision and each step with attempts and last error', async () => {
    TestBed.configureTestingModule({
      imports: [translocoForTests('fr')],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(
          [{ path: 'transitions/:id', children: transitionDetailRoutes }],
          withComponentInputBinding(),
        ),
      ],
    });
    const http = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    void harness.navigateByUrl('/transitions/tr-1');
    const settle = async (): Promise<void> => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      harness.fixture.detectChanges();
    };
    await settle();
    const element = harness.fixture.nativeElement as HTMLElement;
    expect(element.textContent).toContain('Chargement du passage…');
    // The first poll leaves on the next turn of the event loop.
    await settle();

    http.expectOne('/api/v1/transitions/tr-1').flush(COMPLETED);
    await settle();
    http.expectOne('/api/v1/startups/st-1').flush({ id: 'st-1', name: 'Portflow' });
    await settle();

    const text = element.textContent?.replace(/\s+/g, ' ') ?? '';
    expect(element.querySelector('h1')?.textContent?.trim()).toBe('Passage de Portflow');
    expect(text).toContain('Terminé');
    expect(text).toContain('De Pépinière vers Accélération');
    expect(text).toContain('Note : Dossier solide');
    expect(element.querySelector('.detail__dossier a')?.getAttribute('href')).toBe(
      '/dossiers/st-1',
    );
    const rows = Array.from(element.querySelectorAll('tbody tr')).map((row) =>
      Array.from(row.children).map((cell) => cell.textContent?.trim()),
    );
    // In the workflow's order, whatever the API's.
    expect(rows[0]?.slice(0, 3)).toEqual(["Clôture de l'étape précédente", 'Fait', '1']);
    expect(rows[1]).toEqual([
      "Information des porteurs de projet et des chargé·es d'accompagnement",
      'En échec',
      '3',
      '—',
      'SMTP unreachable',
    ]);
  });

  it("says that a move waits for the founders' consent", async () => {
    TestBed.configureTestingModule({
      imports: [translocoForTests('fr')],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(
          [{ path: 'transitions/:id', children: transitionDetailRoutes }],
          withComponentInputBinding(),
        ),
      ],
    });
    const http = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    void harness.navigateByUrl('/transitions/tr-2');
    const settle = async (): Promise<void> => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      harness.fixture.detectChanges();
    };
    await settle();
    await settle();
    http.expectOne('/api/v1/transitions/tr-2').flush({
      ...COMPLETED,
      id: 'tr-2',
      status: 'PENDING_CONSENT',
      decidedById: null,
      decidedAt: null,
      decisionNote: null,
      effectiveAt: null,
      consent: { status: 'PENDING', decidedById: null, decidedAt: null, note: null },
      steps: [],
    });
    await settle();
    http.expectOne('/api/v1/startups/st-1').flush({ id: 'st-1', name: 'Portflow' });
    await settle();

    const text = (harness.fixture.nativeElement as HTMLElement).textContent?.replace(/\s+/g, ' ');
    expect(text).toContain('En attente du consentement du porteur de projet');
    expect(text).toContain(
      'Consentement des porteurs de projet demandé : en attente de leur réponse.',
    );
    expect(text).toContain('Décision en attente.');
    expect(text).toContain('Le déroulé commence une fois le passage approuvé.');
  });
});
