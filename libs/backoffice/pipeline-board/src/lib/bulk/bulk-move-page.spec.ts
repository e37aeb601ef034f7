import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { translocoForTests } from '@parcours/backoffice-data-access/testing';
import type { StartupView, TransitionBatchView } from '@parcours/contracts';
import { pipelineBoardRoutes } from '../pipeline-board.routes';

jest.setTimeout(60_000);

function startup(id: string, cohortId: string | null): StartupView {
  return {
    id,
    name: `Startup ${id}`,
    legalName: null,
    siren: null,
    domain: 'SMART_CITIES',
    territory: 'CAEN',
    foundedOn: null,
    stage: 'ACCELERATION',
    stageEnteredAt: '2026-03-01T00:00:00.000Z',
    status: 'ACTIVE',
    tags: [],
    description: null,
    website: null,
    structureId: 's-ffwd',
    programmeId: 'p-ffwd',
    cohortId,
    version: 1,
  };
}

function batch(pending: number): TransitionBatchView {
  return {
    id: 'b1',
    status: pending > 0 ? 'RUNNING' : 'DONE',
    toStage: 'ALUMNI',
    programmeId: null,
    cohortId: null,
    total: 2,
    succeeded: 2 - pending > 0 ? 1 : 0,
    failed: pending === 0 ? 1 : 0,
    pending,
    createdAt: '2026-11-26T09:00:00.000Z',
    items: [
      {
        startupId: 'a',
        status: pending < 2 ? 'SUCCEEDED' : 'PENDING',
        transitionId: pending < 2 ? 't-a' : null,
        transitionStatus: pending < 2 ? 'COMPLETED' : null,
        error: null,
      },
      {
        startupId: 'b',
        status: pending === 0 ? 'FAILED' : 'PENDING',
        transitionId: null,
        transitionStatus: null,
        error:
          pending === 0
            ? {
                status: 422,
                detail: '1 requirement(s) not met',
                errors: [
                  {
                    path: 'checklist.pitch',
                    message:
                      'CHECKLIST_ITEM_INCOMPLETE: Required checklist item "Pitch deck" is OPEN; it must be validated or waived before the startup moves on.',
                  },
                ],
              }
            : null,
      },
    ],
  };
}

describe('BulkMovePage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('moves the ticked startups of a cohort, then shows the progress and each outcome', async () => {
    TestBed.configureTestingModule({
      imports: [translocoForTests('fr')],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(
          [{ path: 'tableau', children: pipelineBoardRoutes }],
          withComponentInputBinding(),
        ),
      ],
    });
    const http = TestBed.inject(HttpTestingController);
    const harness = await RouterTestingHarness.create();
    void harness.navigateByUrl('/tableau/deplacement-groupe?stage=ACCELERATION');
    const settle = async (): Promise<void> => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      harness.fixture.detectChanges();
    };
    await settle();
    const element = harness.fixture.nativeElement as HTMLElement;
    const text = () => element.textContent?.replace(/\s+/g, ' ') ?? '';
    const answerTargetProgrammes = (): void =>
      http
        .match((r) => r.url === '/api/v1/programmes' && r.params.get('stage') !== 'ACCELERATION')
        .forEach((request) => request.flush({ items: [], nextCursor: null }));

    const list = http.expectOne((r) => r.url === '/api/v1/startups');
    expect(list.request.params.get('stage')).toBe('ACCELERATION');
    list.flush({
      items: [startup('a', 'c1'), startup('b', 'c1'), startup('z', 'c0')],
      nextCursor: null,
    });
    http
      .expectOne((r) => r.url === '/api/v1/programmes' && r.params.get('stage') === 'ACCELERATION')
      .flush({
        items: [{ id: 'p-ffwd', mode: 'COHORT', stage: 'ACCELERATION' }],
        nextCursor: null,
      });
    await settle();
    http.expectOne('/api/v1/programmes/p-ffwd/cohorts').flush({
      items: [
        {
          id: 'c1',
          programmeId: 'p-ffwd',
          name: 'FFWD #2',
          startsOn: '2025-02-16',
          endsOn: null,
          capacity: 12,
        },
        {
          id: 'c0',
          programmeId: 'p-ffwd',
          name: 'FFWD #1',
          startsOn: '2024-02-16',
          endsOn: null,
          capacity: 12,
        },
      ],
      nextCursor: null,
    });
    await settle();
    // The first target offered from the accelerator is the nursery (back-move): its programmes.
    answerTargetProgrammes();
    await settle();

    expect(text()).toContain('Tout sélectionner (3 sur 3)');
    // Narrowed to the cohort FFWD #2, through the select.
    element.querySelector<HTMLElement>('mat-select[name="fromCohort"]')?.click();
    await settle();
    Array.from(document.querySelectorAll<HTMLElement>('mat-option'))
      .find((option) => option.textContent?.trim() === 'FFWD #2')
      ?.click();
    await settle();
    expect(text()).toContain('Tout sélectionner (2 sur 2)');
    expect(text()).not.toContain('Startup z');

    element.querySelector<HTMLElement>('mat-select[name="toStage"]')?.click();
    await settle();
    Array.from(document.querySelectorAll<HTMLElement>('mat-option'))
      .find((option) => option.textContent?.trim() === 'Alumni (parcours achevé)')
      ?.click();
    await settle();
    answerTargetProgrammes();
    const submit = Array.from(element.querySelectorAll<HTMLButtonElement>('button')).find((b) =>
      b.textContent?.includes('Déplacer les startups sélectionnées (2)'),
    );
    expect(submit?.disabled).toBe(false);
    submit?.click();
    await settle();

    const bulk = http.expectOne('/api/v1/transitions/bulk');
    expect(bulk.request.body).toEqual({ startupIds: ['a', 'b'], toStage: 'ALUMNI' });
    bulk.flush({ batchId: 'b1' });
    await settle();
    await settle();
    expect(TestBed.inject(Router).url).toBe(
      '/tableau/deplacement-groupe?stage=ACCELERATION&batch=b1',
    );

    http.expectOne('/api/v1/transition-batches/b1').flush(batch(1));
    await settle();
    expect(text()).toContain('1 startups traitées sur 2…');
    expect(element.querySelector('mat-progress-bar')?.getAttribute('aria-valuenow')).toBe('50');

    await new Promise((resolve) => setTimeout(resolve, 1100));
    http.expectOne('/api/v1/transition-batches/b1').flush(batch(0));
    await settle();

    expect(text()).toContain('Terminé : 1 demandes enregistrées, 1 refusées, sur 2.');
    const rows = Array.from(element.querySelectorAll('tbody tr')).map((row) =>
      Array.from(row.children).map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim()),
    );
    expect(rows).toEqual([
      ['Startup a', 'Demande enregistrée', 'Terminé'],
      [
        'Startup b',
        'Refusée La pièce attendue « Pitch deck » doit être validée ou dispensée avant le passage.',
        '—',
      ],
    ]);
  });
});
