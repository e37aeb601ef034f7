import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { ActivatedRoute, Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { StartupsApi, StructuresApi, problemMessage } from '@parcours/backoffice-data-access';
import { StateMessage } from '@parcours/backoffice-ui';
import { PIPELINE_STAGES } from '@parcours/contracts';
import {
  BoardFilters,
  filtersFromQueryParams,
  queryParamsFromFilters,
  sameFilters,
} from '../board-filters';
import { PipelineColumn } from '../column/pipeline-column';
import { BoardFiltersBar } from '../filters/board-filters-bar';
import { OutcomesSummary } from '../outcomes/outcomes-summary';
import { CURRENT_TIME } from '../time-in-stage';

@Component({
  selector: 'bo-pipeline-board-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButton,
    MatProgressBar,
    TranslocoPipe,
    StateMessage,
    PipelineColumn,
    BoardFiltersBar,
    OutcomesSummary,
  ],
  templateUrl: './pipeline-board-page.html',
  styleUrl: './pipeline-board-page.scss',
})
export class PipelineBoardPage {
  // Query parameters, bound by the router (withComponentInputBinding).
  readonly territory = input<string>();
  readonly domain = input<string>();
  readonly structure = input<string>();

  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly startupsApi = inject(StartupsApi);
  private readonly structuresApi = inject(StructuresApi);

  protected readonly stages = PIPELINE_STAGES;
  protected readonly now = inject(CURRENT_TIME)();

  protected readonly filters = computed<BoardFilters>(
    () =>
      filtersFromQueryParams({
        territory: this.territory(),
        domain: this.domain(),
        structure: this.structure(),
      }),
    { equal: sameFilters },
  );

  protected readonly stageCounts = rxResource({
    params: () => this.filters(),
    stream: ({ params }) => this.startupsApi.stageCounts(params),
  });
  protected readonly counts = computed(() =>
    this.stageCounts.hasValue() ? this.stageCounts.value().counts : null,
  );
  protected readonly countsProblem = computed(() => {
    const error = this.stageCounts.error();
    return error ? problemMessage(error) : null;
  });

  /** The structure filter is a convenience: without the list the board works all the same. */
  private readonly structures = rxResource({ stream: () => this.structuresApi.list() });
  protected readonly structureOptions = computed(() =>
    this.structures.hasValue()
      ? this.structures
          .value()
          .items.filter((structure) => structure.kind !== 'FUNDER')
          .sort((a, b) => a.name.localeCompare(b.name))
      : [],
  );

  protected applyFilters(filters: BoardFilters): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: queryParamsFromFilters(filters),
      queryParamsHandling: 'merge',
    });
  }

  protected reloadCounts(): void {
    this.stageCounts.reload();
  }
}
