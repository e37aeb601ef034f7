import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { translocoForTests } from '@parcours/backoffice-data-access/testing';
import type { StartupView } from '@parcours/contracts';
import { BoardFilters, NO_FILTERS } from '../board-filters';
import { MoveRequest, PipelineColumn } from './pipeline-column';

function startup(id: string): StartupView {
  return {
    id,
    name: `Startup ${id}`,
    legalName: null,
    siren: null,
    domain: 'SMART_CITIES',
    territory: 'CAEN',
    foundedOn: null,
    stage: 'INCUBATION',
    stageEnteredAt: '2026-11-01T00:00:00.000Z',
    status: 'ACTIVE',
    tags: [],
    description: null,
    website: null,
    structureId: null,
    programmeId: null,
    cohortId: null,
    version: 1,
  };
}

async function settle(fixture: ComponentFixture<PipelineColumn>): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  fixture.detectChanges();
}

function cardNames(fixture: ComponentFixture<PipelineColumn>): string[] {
  return Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('h3')).map(
    (h) => h.textContent?.trim() ?? '',
  );
}

describe('PipelineColumn', () => {
  let fixture: ComponentFixture<PipelineColumn>;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [PipelineColumn, translocoForTests('fr')],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(PipelineColumn);
    fixture.componentRef.setInput('stage', 'INCUBATION');
    fixture.componentRef.setInput('filters', NO_FILTERS);
    fixture.componentRef.setInput('count', 3);
    fixture.componentRef.setInput('now', new Date('2026-11-26T00:00:00.000Z'));
    await settle(fixture);
  });

  afterEach(() => http.verify());

  function answerFirstPage(
    filters: Partial<BoardFilters>,
    ids: string[],
    next: string | null,
  ): void {
    http
      .expectOne(
        (r) =>
          r.url === '/api/v1/startups' &&
          r.params.get('cursor') === null &&
          r.params.get('territory') === (filters.territory ?? null),
      )
      .flush({ items: ids.map(startup), nextCursor: next });
  }

  it('shows that it is loading, then its cards', async () => {
    expect((fixture.nativeElement as HTMLElement).textContent).toContain(
      'Chargement des startups…',
    );

    answerFirstPage({}, ['a', 'b'], null);
    await settle(fixture);

    expect(cardNames(fixture)).toEqual(['Startup a', 'Startup b']);
    expect(
      (fixture.nativeElement as HTMLElement).querySelector('ul li bo-startup-card'),
    ).not.toBeNull();
  });

  it('links each card to its dossier with a link named after the startup', async () => {
    fixture.componentRef.setInput('movable', true);
    answerFirstPage({}, ['a', 'b'], null);
    await settle(fixture);

    const links = Array.from(
      (fixture.nativeElement as HTMLElement).querySelectorAll<HTMLAnchorElement>(
        '.column__item h3 a',
      ),
    );
    expect(links.map((link) => [link.textContent?.trim(), link.getAttribute('href')])).toEqual([
      ['Startup a', '/dossiers/a'],
      ['Startup b', '/dossiers/b'],
    ]);
    // The link sits inside the draggable item, beside its "Déplacer…" menu, which stays.
    expect(links[0]?.closest('.cdk-drag')).not.toBeNull();
    expect(links[0]?.closest('li')?.querySelector('.column__move')).not.toBeNull();
  });

  it('starts over from the first page when the filters change', async () => {
    answerFirstPage({}, ['a'], 'c2');
    await settle(fixture);
    (fixture.nativeElement as HTMLElement)
      .querySelector<HTMLButtonElement>('.column__load-more')
      ?.click();
    http
      .expectOne((r) => r.params.get('cursor') === 'c2')
      .flush({ items: [startup('b')], nextCursor: null });
    await settle(fixture);
    expect(cardNames(fixture)).toEqual(['Startup a', 'Startup b']);

    fixture.componentRef.setInput('filters', { ...NO_FILTERS, territory: 'CAEN' });
    await settle(fixture);
    answerFirstPage({ territory: 'CAEN' }, ['z'], null);
    await settle(fixture);

    expect(cardNames(fixture)).toEqual(['Startup z']);
  });

  it('says so, in words, when loading more fails, and keeps the cards it has', async () => {
    answerFirstPage({}, ['a'], 'c2');
    await settle(fixture);

    (fixture.nativeElement as HTMLElement)
      .querySelector<HTMLButtonElement>('.column__load-more')
      ?.click();
    http
      .expectOne((r) => r.params.get('cursor') === 'c2')
      .flush(null, { status: 500, statusText: 'Server Error' });
    await settle(fixture);

    const element = fixture.nativeElement as HTMLElement;
    expect(cardNames(fixture)).toEqual(['Startup a']);
    expect(element.querySelector('.column__load-more-error')?.textContent?.trim()).toBe(
      'Impossible de joindre le service pour le moment. Vérifiez votre connexion puis réessayez.',
    );
    expect(element.querySelector('.column__load-more')).not.toBeNull();
  });

  it('offers the keyboard a "Déplacer…" menu with the moves the state machine allows', async () => {
    fixture.componentRef.setInput('movable', true);
    const requested: MoveRequest[] = [];
    fixture.componentInstance.moveRequested.subscribe((move) => requested.push(move));
    answerFirstPage({}, ['a'], null);
    await settle(fixture);

    const element = fixture.nativeElement as HTMLElement;
    const menuButton = element.querySelector<HTMLButtonElement>('.column__move');
    // "Déplacer…" on screen; the startup's name for screen readers, after the visible words.
    expect(menuButton?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Déplacer… Startup a');
    expect(menuButton?.querySelector('.cdk-visually-hidden')?.textContent?.trim()).toBe(
      'Startup a',
    );
    menuButton?.click();
    await settle(fixture);
    const items = Array.from(document.querySelectorAll<HTMLButtonElement>('[mat-menu-item]'));
    // From Incubation: back to Détection, on to Pépinière, or out of the pipeline.
    expect(items.map((item) => item.textContent?.trim())).toEqual([
      'Vers Détection',
      'Vers Pépinière',
      'Vers Sortie du parcours',
    ]);

    items[1]?.click();

    expect(requested).toEqual([{ startup: startup('a'), toStage: 'NURSERY' }]);
  });

  it('offers no move to people who may not request one', async () => {
    answerFirstPage({}, ['a'], null);
    await settle(fixture);

    const element = fixture.nativeElement as HTMLElement;
    expect(element.querySelector('.column__move')).toBeNull();
    expect(element.querySelector('.column__item.cdk-drag-disabled')).not.toBeNull();
  });
});
