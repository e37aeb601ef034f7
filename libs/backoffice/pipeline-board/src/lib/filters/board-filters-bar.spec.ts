import { Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatSelectHarness } from '@angular/material/select/testing';
import { translocoForTests } from '@parcours/backoffice-data-access/testing';
import type { StructureView } from '@parcours/contracts';
import { BoardFilters, NO_FILTERS } from '../board-filters';
import { BoardFiltersBar } from './board-filters-bar';

@Component({
  imports: [BoardFiltersBar],
  template: `<bo-board-filters-bar
    [filters]="filters()"
    [structures]="structures()"
    (filtersChange)="changes.push($event)"
  />`,
})
class Host {
  readonly filters = signal<BoardFilters>(NO_FILTERS);
  readonly structures = signal<readonly StructureView[]>([]);
  readonly changes: BoardFilters[] = [];
}

async function render(filters: BoardFilters = NO_FILTERS) {
  TestBed.configureTestingModule({ imports: [Host, translocoForTests('fr')] });
  const fixture = TestBed.createComponent(Host);
  fixture.componentInstance.filters.set(filters);
  await fixture.whenStable();
  return {
    fixture,
    host: fixture.componentInstance,
    element: fixture.nativeElement as HTMLElement,
    loader: TestbedHarnessEnvironment.loader(fixture),
  };
}

describe('BoardFiltersBar', () => {
  it('offers the territories and domains by their names, and "all" first', async () => {
    const { loader } = await render();
    const [territory, domain] = await loader.getAllHarnesses(MatSelectHarness);

    await territory.open();
    const territories = await Promise.all((await territory.getOptions()).map((o) => o.getText()));
    await territory.close();
    await domain.open();
    const domains = await Promise.all((await domain.getOptions()).map((o) => o.getText()));

    expect(territories).toEqual(['Tous', 'Caen', 'Rouen', 'Le Havre']);
    expect(domains).toEqual([
      'Toutes',
      'Smart Cities',
      'Smart Ports & Logistics',
      'Smart Industries',
    ]);
  });

  it('emits the filters with the territory chosen, keeping the others', async () => {
    const { loader, host } = await render({ ...NO_FILTERS, domain: 'SMART_CITIES' });
    const [territory] = await loader.getAllHarnesses(MatSelectHarness);

    await territory.open();
    await territory.clickOptions({ text: 'Le Havre' });

    expect(host.changes).toEqual([
      { territory: 'LE_HAVRE', domain: 'SMART_CITIES', structureId: null },
    ]);
  });

  it('offers the structure filter only when there are structures', async () => {
    const { loader, fixture } = await render();
    expect(await loader.getAllHarnesses(MatSelectHarness)).toHaveLength(2);

    fixture.componentInstance.structures.set([
      {
        id: 's1',
        name: 'Incubateur Caen',
        kind: 'INCUBATOR',
        territory: 'CAEN',
        placeId: null,
        version: 1,
      },
    ]);
    await fixture.whenStable();

    expect(await loader.getAllHarnesses(MatSelectHarness)).toHaveLength(3);
  });

  it('clears every filter at once, and offers it only when something is filtered', async () => {
    const unfiltered = await render();
    expect(unfiltered.element.querySelector('.filters__reset')).toBeNull();
    TestBed.resetTestingModule();

    const { element, host } = await render({ territory: 'ROUEN', domain: null, structureId: 's1' });
    element.querySelector<HTMLButtonElement>('.filters__reset')?.click();

    expect(element.querySelector('.filters__reset')?.textContent?.trim()).toBe(
      'Effacer les filtres',
    );
    expect(host.changes).toEqual([NO_FILTERS]);
  });
});
