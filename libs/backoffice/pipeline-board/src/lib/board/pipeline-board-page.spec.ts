import { provideHttpClient } from '@angular/common/http';
import {
  HttpTestingController,
  TestRequest,
  provideHttpClientTesting,
} from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatSelectHarness } from '@angular/material/select/testing';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { translocoForTests } from '@parcours/backoffice-data-access/testing';
import type { Page, PipelineStage, Stage, StartupView, StructureView } from '@parcours/contracts';
import { pipelineBoardRoutes } from '../pipeline-board.routes';
import { CURRENT_TIME } from '../time-in-stage';

const NOW = new Date('2026-11-26T12:00:00.000Z');

const COUNTS: Record<Stage, number> = {
  DETECTION: 120,
  INCUBATION: 34,
  NURSERY: 1,
  ACCELERATION: 0,
  INTERNATIONALISATION: 3,
  ALUMNI: 41,
  EXITED: 17,
};

function startup(
  id: string,
  stage: PipelineStage,
  overrides: Partial<StartupView> = {},
): StartupView {
  return {
    id,
    name: `Startup ${id}`,
    legalName: null,
    siren: null,
    domain: 'SMART_CITIES',
    territory: 'ROUEN',
    foundedOn: null,
    stage,
    stageEnteredAt: '2026-11-16T12:00:00.000Z',
    status: 'ACTIVE',
    tags: [],
    description: null,
    website: null,
    structureId: null,
    programmeId: null,
    cohortId: null,
    version: 1,
    ...overrides,
  };
}

const STRUCTURES: Page<StructureView> = {
  items: [
    {
      id: 's-nursery',
      name: 'Pépinière Seine Innopolis',
      kind: 'NURSERY',
      territory: 'ROUEN',
      placeId: null,
      version: 1,
    },
    {
      id: 's-funder',
      name: 'Région Normandie',
      kind: 'FUNDER',
      territory: null,
      placeId: null,
      version: 1,
    },
    {
      id: 's-incubator',
      name: 'Incubateur Rouen',
      kind: 'INCUBATOR',
      territory: 'ROUEN',
      placeId: null,
      version: 1,
    },
  ],
  nextCursor: null,
};

async function openBoard(url: string): Promise<{
  harness: RouterTestingHarness;
  http: HttpTestingController;
  element: () => HTMLElement;
  settle: () => Promise<void>;
}> {
  TestBed.configureTestingModule({
    imports: [translocoForTests('fr')],
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter(
        [{ path: 'tableau', children: pipelineBoardRoutes }],
        withComponentInputBinding(),
      ),
      { provide: CURRENT_TIME, useValue: () => NOW },
    ],
  });
  const harness = await RouterTestingHarness.create();
  // Not awaited: the board is only stable once its requests are answered.
  void harness.navigateByUrl(url);
  const settle = async (): Promise<void> => {
    await new Promise((resolve) => setTimeout(resolve, 0));
    harness.fixture.detectChanges();
  };
  await settle();
  return {
    harness,
    http: TestBed.inject(HttpTestingController),
    element: () => harness.fixture.nativeElement as HTMLElement,
    settle,
  };
}

function columnRequest(http: HttpTestingController, stage: PipelineStage): TestRequest {
  return http.expectOne(
    (request) => request.url === '/api/v1/startups' && request.params.get('stage') === stage,
  );
}

/** Text as a screen reader gets it: without what is aria-hidden. */
function spokenText(element: Element): string {
  const copy = element.cloneNode(true) as Element;
  copy.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
  return (copy.textContent ?? '').replace(/\s+/g, ' ').trim();
}

function columnTitles(element: HTMLElement): { spoken: string; badge: string }[] {
  return Array.from(element.querySelectorAll('bo-pipeline-column h2')).map((heading) => ({
    spoken: spokenText(heading),
    badge: heading.querySelector('.column__count')?.textContent?.trim() ?? '',
  }));
}

// The first test compiles the board with its columns, menus and drag and drop, which takes a
// few seconds on a busy two-core machine.
jest.setTimeout(20_000);

describe('PipelineBoardPage', () => {
  afterEach(() => TestBed.inject(HttpTestingController).verify());

  it('shows the five stages in order, each with its count, and the outcomes', async () => {
    const { http, element, settle } = await openBoard('/tableau?territory=ROUEN');

    const counts = http.expectOne((r) => r.url === '/api/v1/startups/stage-counts');
    expect(counts.request.params.toString()).toBe('territory=ROUEN');
    counts.flush({ counts: COUNTS });
    http.expectOne('/api/v1/structures').flush(STRUCTURES);
    http.expectOne('/api/v1/programmes').flush({ items: [], nextCursor: null });
    for (const stage of [
      'DETECTION',
      'INCUBATION',
      'NURSERY',
      'ACCELERATION',
      'INTERNATIONALISATION',
    ] as const) {
      const request = columnRequest(http, stage);
      expect(request.request.params.get('territory')).toBe('ROUEN');
      expect(request.request.params.get('limit')).toBe('50');
      request.flush({ items: [], nextCursor: null });
    }
    await settle();

    expect(columnTitles(element())).toEqual([
      { spoken: 'Détection (120 startups)', badge: '120' },
      { spoken: 'Incubation (34 startups)', badge: '34' },
      { spoken: 'Pépinière (1 startup)', badge: '1' },
      { spoken: 'Accélération (0 startup)', badge: '0' },
      { spoken: 'Internationalisation (3 startups)', badge: '3' },
    ]);
    const outcomes = element()
      .querySelector('bo-outcomes-summary')
      ?.textContent?.replace(/\s+/g, ' ');
    expect(outcomes).toContain('Alumni (parcours achevé) 41');
    expect(outcomes).toContain('Sorties du parcours 17');
  });

  it('shows cards with territory, domain and days in stage, then loads more with the cursor', async () => {
    const { http, element, settle } = await openBoard('/tableau');

    http.expectOne((r) => r.url === '/api/v1/startups/stage-counts').flush({ counts: COUNTS });
    http.expectOne('/api/v1/structures').flush(STRUCTURES);
    http.expectOne('/api/v1/programmes').flush({ items: [], nextCursor: null });
    columnRequest(http, 'DETECTION').flush({
      items: [
        startup('a', 'DETECTION', {
          name: 'Portflow',
          territory: 'LE_HAVRE',
          domain: 'SMART_PORTS_LOGISTICS',
        }),
      ],
      nextCursor: 'cursor-2',
    });
    for (const stage of [
      'INCUBATION',
      'NURSERY',
      'ACCELERATION',
      'INTERNATIONALISATION',
    ] as const) {
      columnRequest(http, stage).flush({ items: [], nextCursor: null });
    }
    await settle();

    const detection = (): HTMLElement => {
      const column = element().querySelector<HTMLElement>('bo-pipeline-column');
      if (!column) throw new Error('no column');
      return column;
    };
    const card = detection().querySelector('bo-startup-card');
    expect(card?.querySelector('h3')?.textContent?.trim()).toBe('Portflow');
    expect(card?.textContent).toContain('Le Havre');
    expect(card?.textContent).toContain('Smart Ports & Logistics');
    expect(card?.textContent).toContain("10 jours dans l'étape");
    expect(detection().textContent).toContain('Affichage : 1 sur 120');

    const loadMore = detection().querySelector<HTMLButtonElement>('.column__load-more');
    loadMore?.click();
    const more = http.expectOne(
      (r) => r.url === '/api/v1/startups' && r.params.get('cursor') === 'cursor-2',
    );
    expect(more.request.params.get('stage')).toBe('DETECTION');
    more.flush({ items: [startup('b', 'DETECTION', { name: 'Hublot' })], nextCursor: null });
    await settle();

    const names = Array.from(detection().querySelectorAll('bo-startup-card h3')).map((h) =>
      h.textContent?.trim(),
    );
    expect(names).toEqual(['Portflow', 'Hublot']);
    expect(detection().querySelector('.column__load-more')).toBeNull();
  });

  it('shows empty columns and failed ones in words', async () => {
    const { http, element, settle } = await openBoard('/tableau?domain=SMART_INDUSTRIES');

    http
      .expectOne((r) => r.url === '/api/v1/startups/stage-counts')
      .flush(null, { status: 503, statusText: 'Service Unavailable' });
    http.expectOne('/api/v1/structures').flush(STRUCTURES);
    http.expectOne('/api/v1/programmes').flush({ items: [], nextCursor: null });
    columnRequest(http, 'DETECTION').error(new ProgressEvent('error'), { status: 0 });
    for (const stage of [
      'INCUBATION',
      'NURSERY',
      'ACCELERATION',
      'INTERNATIONALISATION',
    ] as const) {
      columnRequest(http, stage).flush({ items: [], nextCursor: null });
    }
    await settle();

    const connection =
      'Impossible de joindre le service pour le moment. Vérifiez votre connexion puis réessayez.';
    expect(element().querySelector('.board__problem-text')?.textContent?.trim()).toBe(connection);
    const columns = Array.from(element().querySelectorAll('bo-pipeline-column'));
    expect(columns[0].querySelector('bo-state-message')?.textContent).toContain(connection);
    expect(columns[1].querySelector('bo-state-message')?.textContent?.trim()).toBe(
      'Aucune startup à cette étape pour ces filtres.',
    );
    expect(element().textContent).not.toMatch(/\b(0|503)\b/);

    columns[0].querySelector<HTMLButtonElement>('bo-state-message button')?.click();
    await settle();
    columnRequest(http, 'DETECTION').flush({
      items: [startup('c', 'DETECTION')],
      nextCursor: null,
    });
    await settle();

    expect(columns[0].querySelectorAll('bo-startup-card')).toHaveLength(1);
  });

  it('keeps the filters in the URL and reloads with them', async () => {
    const { harness, http, settle } = await openBoard('/tableau?territory=CAEN');
    http.expectOne((r) => r.url === '/api/v1/startups/stage-counts').flush({ counts: COUNTS });
    http.expectOne('/api/v1/structures').flush(STRUCTURES);
    http.expectOne('/api/v1/programmes').flush({ items: [], nextCursor: null });
    for (const stage of [
      'DETECTION',
      'INCUBATION',
      'NURSERY',
      'ACCELERATION',
      'INTERNATIONALISATION',
    ] as const) {
      columnRequest(http, stage).flush({ items: [], nextCursor: null });
    }
    await settle();

    const loader = TestbedHarnessEnvironment.loader(harness.fixture);
    const [territory, domain, structure] = await loader.getAllHarnesses(MatSelectHarness);
    expect(await territory.getValueText()).toBe('Caen');
    expect(structure).toBeDefined();
    await structure.open();
    const structureOptions = await structure.getOptions();
    expect(await Promise.all(structureOptions.map((o) => o.getText()))).toEqual([
      'Toutes',
      'Incubateur Rouen',
      'Pépinière Seine Innopolis',
    ]);
    await structure.close();

    // Picked through the DOM: the harness would wait for the board to be stable, which it only
    // is once the requests that the new filter starts are answered.
    await domain.open();
    const option = Array.from(document.querySelectorAll<HTMLElement>('mat-option')).find(
      (candidate) => candidate.textContent?.trim() === 'Smart Ports & Logistics',
    );
    option?.click();
    await settle();

    expect(TestBed.inject(Router).url).toBe('/tableau?territory=CAEN&domain=SMART_PORTS_LOGISTICS');
    const counts = http.expectOne((r) => r.url === '/api/v1/startups/stage-counts');
    expect(counts.request.params.toString()).toBe('territory=CAEN&domain=SMART_PORTS_LOGISTICS');
    counts.flush({ counts: COUNTS });
    const detection = columnRequest(http, 'DETECTION');
    expect(detection.request.params.get('domain')).toBe('SMART_PORTS_LOGISTICS');
    detection.flush({ items: [], nextCursor: null });
    for (const stage of [
      'INCUBATION',
      'NURSERY',
      'ACCELERATION',
      'INTERNATIONALISATION',
    ] as const) {
      columnRequest(http, stage).flush({ items: [], nextCursor: null });
    }
    await settle();
  });
});
