import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatOption } from '@angular/material/core';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatSelect } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  DOMAINS,
  TERRITORIES,
  type DomainCode,
  type StructureView,
  type TerritoryCode,
} from '@parcours/contracts';
import { BoardFilters, NO_FILTERS, hasAnyFilter } from '../board-filters';

/** The board's filters. Stateless: the page owns them (in the URL) and applies the changes. */
@Component({
  selector: 'bo-board-filters-bar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatFormField, MatLabel, MatSelect, MatOption, MatButton, TranslocoPipe],
  templateUrl: './board-filters-bar.html',
  styleUrl: './board-filters-bar.scss',
})
export class BoardFiltersBar {
  readonly filters = input.required<BoardFilters>();
  /** Offered as a third filter when the API lists any. */
  readonly structures = input<readonly StructureView[]>([]);
  readonly filtersChange = output<BoardFilters>();

  protected readonly territories = TERRITORIES;
  protected readonly domains = DOMAINS;
  protected readonly canReset = computed(() => hasAnyFilter(this.filters()));

  protected filterByTerritory(territory: TerritoryCode | null): void {
    this.filtersChange.emit({ ...this.filters(), territory });
  }

  protected filterByDomain(domain: DomainCode | null): void {
    this.filtersChange.emit({ ...this.filters(), domain });
  }

  protected filterByStructure(structureId: string | null): void {
    this.filtersChange.emit({ ...this.filters(), structureId });
  }

  protected clearFilters(): void {
    this.filtersChange.emit(NO_FILTERS);
  }
}
