import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import { AuthSession, SESSION_STORAGE_KEY } from '@parcours/backoffice-data-access';
import { translocoForTests } from '@parcours/backoffice-data-access/testing';
import type { MeResponse, ProgrammeView, StartupView, TransitionView } from '@parcours/contracts';
import { MoveDialog, MoveDialogData, MoveDialogResult } from './move-dialog';

const STARTUP: StartupView = {
  id: 'st-1',
  name: 'Portflow',
  legalName: null,
  siren: null,
  domain: 'SMART_PORTS_LOGISTICS',
  territory: 'ROUEN',
  foundedOn: null,
  stage: 'NURSERY',
  stageEnteredAt: '2025-01-10T09:00:00.000Z',
  status: 'ACTIVE',
  tags: [],
  description: null,
  website: null,
  structureId: 's-rouen-nursery',
  programmeId: null,
  cohortId: null,
  version: 3,
};

const ACCELERATOR: ProgrammeView = {
  id: 'p-ffwd',
  structureId: 's-ffwd',
  name: 'Accélérateur FFWD Normandie',
  stage: 'ACCELERATION',
  mode: 'COHORT',
  capacity: 24,
  reviewIntervalDays: 30,
  timeInStageLimitDays: 180,
  allowsDirectEntry: true,
  checklistTemplate: [],
  targets: {},
  version: 1,
};

function checklistItem(key: string, title: string, status: string) {
  return {
    id: key,
    startupId: 'st-1',
    stage: 'NURSERY',
    key,
    title,
    required: true,
    status,
    current: true,
  };
}

function transition(status: TransitionView['status']): TransitionView {
  return {
    id: 'tr-1',
    startupId: 'st-1',
    status,
    fromStage: 'NURSERY',
    toStage: 'ACCELERATION',
    programmeId: 'p-ffwd',
    cohortId: 'c-next',
    reason: null,
    requestedById: 'u1',
    requestedAt: '2026-11-26T09:00:00.000Z',
    decidedById: null,
    decidedAt: null,
    decisionNote: null,
    effectiveAt: null,
    requiresFourEyes: true,
    consent: null,
    version: 1,
  };
}

/** Not whenStable(): the dialog is only stable once its requests are answered. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  TestBed.inject(ApplicationRef).tick();
  await new Promise((resolve) => setTimeout(resolve, 0));
}

function dialogText(): string {
  return (document.querySelector('bo-move-dialog')?.textContent ?? '').replace(/\s+/g, ' ');
}

function submitButton(): HTMLButtonElement {
  const button = Array.from(
    document.querySelectorAll<HTMLButtonElement>('bo-move-dialog button[type="submit"]'),
  )[0];
  if (!button) throw new Error('no submit button');
  return button;
}

async function openDialog(data: MoveDialogData): Promise<{
  http: HttpTestingController;
  closed: Promise<MoveDialogResult>;
}> {
  TestBed.configureTestingModule({
    imports: [translocoForTests('fr')],
    providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
  });
  const http = TestBed.inject(HttpTestingController);
  sessionStorage.setItem(
    SESSION_STORAGE_KEY,
    JSON.stringify({ accessToken: 't', expiresAt: Date.now() + 60_000 }),
  );
  const restoring = TestBed.inject(AuthSession).restore();
  const me: MeResponse = {
    id: 'u1',
    email: 'manager.rouen@demo.parcours.test',
    displayName: 'Claire Rouen',
    roles: ['manager'],
    grants: [{ role: 'manager', scope: 'STRUCTURE', scopeId: 's-rouen-nursery' }],
  };
  http.expectOne('/api/v1/me').flush(me);
  await restoring;
  const ref = TestBed.inject(MatDialog).open<MoveDialog, MoveDialogData, MoveDialogResult>(
    MoveDialog,
    { data },
  );
  const closed = new Promise<MoveDialogResult>((resolve) =>
    ref.afterClosed().subscribe((result) => resolve(result)),
  );
  await settle();
  return { http, closed };
}

describe('MoveDialog', () => {
  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    TestBed.inject(MatDialog).closeAll();
    sessionStorage.clear();
  });

  it('lists the unmet guards from the shared domain and keeps the request from being sent', async () => {
    const { http } = await openDialog({ startup: STARTUP, toStage: 'ACCELERATION' });
    expect(dialogText()).toContain('Chargement des programmes et des pièces attendues…');

    const programmes = http.expectOne((r) => r.url === '/api/v1/programmes');
    expect(programmes.request.params.get('stage')).toBe('ACCELERATION');
    programmes.flush({ items: [ACCELERATOR], nextCursor: null });
    http.expectOne('/api/v1/startups/st-1/checklist').flush({
      items: [checklistItem('lease', 'Bail signé', 'OPEN'), checklistItem('kbis', 'Kbis', 'DONE')],
    });
    await settle();
    http.expectOne('/api/v1/programmes/p-ffwd/cohorts').flush({ items: [], nextCursor: null });
    await settle();

    expect(dialogText()).toContain('Déplacer Portflow');
    expect(dialogText()).toContain('De Pépinière vers Accélération');
    expect(dialogText()).toContain("Ce passage n'est pas encore possible");
    expect(dialogText()).toContain(
      'La pièce attendue « Bail signé » doit être validée ou dispensée avant le passage.',
    );
    expect(dialogText()).not.toContain('Kbis');
    expect(submitButton().disabled).toBe(true);
  });

  it('sends the move with programme and cohort, then says it awaits a second manager', async () => {
    const { http, closed } = await openDialog({ startup: STARTUP, toStage: 'ACCELERATION' });
    http
      .expectOne((r) => r.url === '/api/v1/programmes')
      .flush({ items: [ACCELERATOR], nextCursor: null });
    http.expectOne('/api/v1/startups/st-1/checklist').flush({
      items: [checklistItem('lease', 'Bail signé', 'WAIVED')],
    });
    await settle();
    http.expectOne('/api/v1/programmes/p-ffwd/cohorts').flush({
      items: [
        {
          id: 'c-next',
          programmeId: 'p-ffwd',
          name: 'FFWD #6 — printemps 2027',
          startsOn: '2099-02-16',
          endsOn: null,
          capacity: 12,
        },
        {
          id: 'c-old',
          programmeId: 'p-ffwd',
          name: 'FFWD #1 — printemps 2024',
          startsOn: '2024-02-16',
          endsOn: '2024-08-09',
          capacity: 12,
        },
      ],
      nextCursor: null,
    });
    await settle();

    expect(dialogText()).toContain('Toutes les conditions connues sont remplies.');
    expect(dialogText()).toContain('Double validation');
    expect(submitButton().disabled).toBe(false);
    // A finished cohort is not offered.
    const cohortSelect = document.querySelector<HTMLElement>(
      'bo-move-dialog mat-select[name="cohort"]',
    );
    cohortSelect?.click();
    await settle();
    const options = Array.from(document.querySelectorAll<HTMLElement>('mat-option')).map((o) =>
      o.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(options.some((text) => text?.startsWith('FFWD #6'))).toBe(true);
    expect(options.some((text) => text?.startsWith('FFWD #1'))).toBe(false);
    Array.from(document.querySelectorAll<HTMLElement>('mat-option'))
      .find((o) => o.textContent?.includes('FFWD #6'))
      ?.click();
    await settle();

    submitButton().click();
    await settle();
    const request = http.expectOne('/api/v1/startups/st-1/transitions');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({
      toStage: 'ACCELERATION',
      programmeId: 'p-ffwd',
      cohortId: 'c-next',
    });
    request.flush(transition('REQUESTED'));
    await settle();

    expect(dialogText()).toContain(
      "Demande enregistrée : elle attend la décision d'un·e second·e responsable.",
    );
    const close = Array.from(
      document.querySelectorAll<HTMLButtonElement>('bo-move-dialog button'),
    ).find((button) => button.textContent?.trim() === 'Fermer');
    close?.click();
    await expect(closed).resolves.toMatchObject({ id: 'tr-1', status: 'REQUESTED' });
  });

  it('asks for a reason before a back-move, and says in French what the API refused', async () => {
    const { http } = await openDialog({ startup: STARTUP, toStage: 'INCUBATION' });
    http.expectOne((r) => r.url === '/api/v1/programmes').flush({ items: [], nextCursor: null });
    http.expectOne('/api/v1/startups/st-1/checklist').flush({ items: [] });
    await settle();

    expect(dialogText()).toContain('Indiquez le motif de ce retour en arrière.');
    expect(submitButton().disabled).toBe(true);

    const reason = document.querySelector<HTMLTextAreaElement>('bo-move-dialog textarea');
    if (!reason) throw new Error('no reason field');
    reason.value = 'Le projet doit retravailler son offre';
    reason.dispatchEvent(new Event('input'));
    await settle();
    expect(submitButton().disabled).toBe(false);

    submitButton().click();
    await settle();
    const request = http.expectOne('/api/v1/startups/st-1/transitions');
    expect(request.request.body).toEqual({
      toStage: 'INCUBATION',
      reason: 'Le projet doit retravailler son offre',
    });
    request.flush(
      {
        type: 'about:blank',
        title: 'Unprocessable Content',
        status: 422,
        detail: 'Guards unmet',
        errors: [
          {
            path: 'programmeId',
            message: 'PROGRAMME_FULL: The target programme is full (24 of 24 places taken).',
          },
        ],
      },
      { status: 422, statusText: 'Unprocessable Content' },
    );
    await settle();

    expect(dialogText()).toContain('Certaines conditions ne sont pas encore remplies.');
    expect(dialogText()).toContain('Le programme choisi est complet.');
    expect(dialogText()).not.toContain('422');
    expect(dialogText()).not.toContain('places taken');
  });
});
