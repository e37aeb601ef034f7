import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { AuthSession, SESSION_STORAGE_KEY } from '@parcours/backoffice-data-access';
import { translocoForTests } from '@parcours/backoffice-data-access/testing';
import type { MeResponse, TransitionView } from '@parcours/contracts';
import { decisionInboxRoutes } from '../decisions.routes';

jest.setTimeout(20_000);

function transition(id: string, overrides: Partial<TransitionView> = {}): TransitionView {
  return {
    id,
    startupId: `st-${id}`,
    status: 'REQUESTED',
    fromStage: 'NURSERY',
    toStage: 'ACCELERATION',
    programmeId: 'p-ffwd',
    cohortId: null,
    reason: 'Premiers clients signés',
    requestedById: 'u-rouen',
    requestedAt: '2026-11-20T09:30:00.000Z',
    decidedById: null,
    decidedAt: null,
    decisionNote: null,
    effectiveAt: null,
    requiresFourEyes: true,
    consent: null,
    version: 1,
    ...overrides,
  };
}

async function openInbox(language: 'fr' | 'en' = 'fr') {
  TestBed.configureTestingModule({
    imports: [translocoForTests(language)],
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter(
        [{ path: 'decisions', children: decisionInboxRoutes }],
        withComponentInputBinding(),
      ),
    ],
  });
  const http = TestBed.inject(HttpTestingController);
  sessionStorage.setItem(
    SESSION_STORAGE_KEY,
    JSON.stringify({ accessToken: 't', expiresAt: Date.now() + 60_000 }),
  );
  const restoring = TestBed.inject(AuthSession).restore();
  const me: MeResponse = {
    id: 'u-ffwd',
    email: 'manager.ffwd@demo.parcours.test',
    displayName: 'Hugo FFWD',
    roles: ['manager'],
    grants: [{ role: 'manager', scope: 'STRUCTURE', scopeId: 's-ffwd' }],
  };
  http.expectOne('/api/v1/me').flush(me);
  await restoring;
  const harness = await RouterTestingHarness.create();
  void harness.navigateByUrl('/decisions');
  const settle = async (): Promise<void> => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    harness.fixture.detectChanges();
  };
  await settle();
  const text = () =>
    (harness.fixture.nativeElement as HTMLElement).textContent?.replace(/\s+/g, ' ') ?? '';
  return {
    http,
    harness,
    settle,
    text,
    element: () => harness.fixture.nativeElement as HTMLElement,
  };
}

describe('DecisionInboxPage', () => {
  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    sessionStorage.clear();
  });

  it('lists pending moves with their startup, and approves one with a note', async () => {
    const { http, settle, text, element } = await openInbox();
    expect(text()).toContain('Chargement des demandes…');

    const inbox = http.expectOne((r) => r.url === '/api/v1/transitions');
    expect(inbox.request.params.get('status')).toBe('REQUESTED');
    inbox.flush({ items: [transition('a'), transition('b')], nextCursor: null });
    await settle();
    http.expectOne('/api/v1/startups/st-a').flush({ id: 'st-a', name: 'Portflow' });
    http.expectOne('/api/v1/startups/st-b').flush({ id: 'st-b', name: 'Seine Robotics' });
    await settle();

    expect(text()).toContain('2 demandes en attente');
    expect(Array.from(element().querySelectorAll('h2')).map((h) => h.textContent?.trim())).toEqual([
      'Portflow',
      'Seine Robotics',
    ]);
    expect(text()).toContain('De Pépinière vers Accélération');
    expect(text()).toContain('Double validation');
    expect(text()).toContain('Motif : Premiers clients signés');
    // Each row leads to the startup's dossier; its link names the startup for screen readers.
    const dossierLinks = Array.from(
      element().querySelectorAll<HTMLAnchorElement>('a[href^="/dossiers/"]'),
    );
    expect(
      dossierLinks.map((link) => [
        link.getAttribute('href'),
        link.textContent?.replace(/\s+/g, ' ').trim(),
      ]),
    ).toEqual([
      ['/dossiers/st-a', 'Ouvrir le dossier de la startup (Portflow)'],
      ['/dossiers/st-b', 'Ouvrir le dossier de la startup (Seine Robotics)'],
    ]);

    const note = element().querySelector<HTMLTextAreaElement>('textarea');
    if (!note) throw new Error('no note');
    note.value = 'Dossier solide';
    note.dispatchEvent(new Event('input'));
    await settle();
    const approve = Array.from(element().querySelectorAll<HTMLButtonElement>('button')).find(
      (button) => button.textContent?.trim() === 'Approuver',
    );
    approve?.click();
    await settle();

    const decision = http.expectOne('/api/v1/transitions/a/decision');
    expect(decision.request.body).toEqual({ decision: 'APPROVE', note: 'Dossier solide' });
    decision.flush(transition('a', { status: 'EXECUTING' }));
    await settle();

    expect(text()).toContain('Vous avez approuvé le passage de Portflow.');
    // The button pressed left with its request: the focus is on the sentence, not lost.
    expect(document.activeElement).toBe(element().querySelector('.inbox__announce'));
    expect(Array.from(element().querySelectorAll('h2')).map((h) => h.textContent?.trim())).toEqual([
      'Seine Robotics',
    ]);
    expect(text()).toContain('1 demande en attente');
  });

  it('reads in English with English punctuation', async () => {
    const { http, settle, text } = await openInbox('en');
    http
      .expectOne((r) => r.url === '/api/v1/transitions')
      .flush({ items: [transition('a')], nextCursor: null });
    await settle();
    http.expectOne('/api/v1/startups/st-a').flush({ id: 'st-a', name: 'Portflow' });
    await settle();

    expect(text()).toContain('1 request waiting');
    // French puts a space before the colon; English does not.
    expect(text()).toContain('Reason: Premiers clients signés');
    expect(text()).not.toContain('Reason :');
  });

  it('tells the requester of a four-eyes move why they cannot decide it', async () => {
    const { http, settle, text, element } = await openInbox();
    http
      .expectOne((r) => r.url === '/api/v1/transitions')
      .flush({
        items: [
          transition('a', {
            requestedById: 'u-ffwd',
            toStage: 'INTERNATIONALISATION',
            fromStage: 'ACCELERATION',
          }),
        ],
        nextCursor: null,
      });
    await settle();
    http.expectOne('/api/v1/startups/st-a').flush({ id: 'st-a', name: 'Portflow' });
    await settle();

    expect(text()).toContain(
      "Vous avez demandé ce passage : la double validation impose qu'une autre personne en décide.",
    );
    expect(text()).toContain('Demandé par vous le');
    const labels = Array.from(element().querySelectorAll('button')).map((b) =>
      b.textContent?.trim(),
    );
    expect(labels).not.toContain('Approuver');
    expect(labels).not.toContain('Refuser');
  });

  it('says in words, never with a status code, when the inbox cannot be read', async () => {
    const { http, settle, text } = await openInbox();
    http
      .expectOne((r) => r.url === '/api/v1/transitions')
      .flush(null, { status: 503, statusText: 'Unavailable' });
    await settle();

    expect(text()).toContain('Impossible de joindre le service pour le moment.');
    expect(text()).not.toContain('503');
  });
});
