import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBar } from '@angular/material/progress-bar';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  AuthSession,
  ProgrammesApi,
  StartupsApi,
  StructuresApi,
  problemMessage,
} from '@parcours/backoffice-data-access';
import { StateMessage } from '@parcours/backoffice-ui';
import { PIPELINE_STAGES, type TransitionView } from '@parcours/contracts';
import {
  BoardFilters,
  filtersFromQueryParams,
  queryParamsFromFilters,
  sameFilters,
} from '../board-filters';
import { MoveRequest, PipelineColumn } from '../column/pipeline-column';
import { MoveDialog, MoveDialogData, MoveDialogResult } from '../move/move-dialog';
import { directEntryStages } from '../move/move-options';
import { BoardFiltersBar } from '../filters/board-filters-bar';
import { OutcomesSummary } from '../outcomes/outcomes-summary';
import { CURRENT_TIME } from '../time-in-stage';

@Component({
  selector: 'bo-pipeline-board-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
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
  private readonly programmesApi = inject(ProgrammesApi);
  private readonly session = inject(AuthSession);
  private readonly dialog = inject(MatDialog);
  private readonly destroyRef = inject(DestroyRef);

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

  /** Bumped after a move was requested: counts and columns load again. */
  protected readonly refresh = signal(0);
  /** The last move requested from the board, announced until the next one. */
  protected readonly lastMove = signal<TransitionView | null>(null);
  protected readonly movable = computed(() => this.session.hasAnyRole(['manager', 'admin']));

  protected readonly stageCounts = rxResource({
    params: () => ({ ...this.filters(), refresh: this.refresh() }),
    stream: ({ params }) => this.startupsApi.stageCounts(params),
  });

  /** Which stages can be entered by skipping others; without the list, no skip is offered. */
  private readonly programmes = rxResource({ stream: () => this.programmesApi.list() });
  protected readonly directEntry = computed(() =>
    directEntryStages(this.programmes.hasValue() ? this.programmes.value().items : []),
  );
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

  protected readonly bulkQueryParams = computed(() => queryParamsFromFilters(this.filters()));

  protected applyFilters(filters: BoardFilters): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: queryParamsFromFilters(filters),
      queryParamsHandling: 'merge',
    });
  }

  protected openMoveDialog(move: MoveRequest): void {
    const data: MoveDialogData = { startup: move.startup, toStage: move.toStage };
    this.dialog
      .open<MoveDialog, MoveDialogData, MoveDialogResult>(MoveDialog, {
        data,
        ariaLabelledBy: 'move-dialog-title',
        autoFocus: 'first-tabbable',
        width: '560px',
        maxWidth: '95vw',
      })
      .afterClosed()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe((transition) => {
        if (!transition) return;
        this.lastMove.set(transition);
        this.refresh.update((value) => value + 1);
      });
  }

  protected reloadCounts(): void {
    this.stageCounts.reload();
  }
}
