import { CdkDrag, CdkDragDrop, CdkDropList } from '@angular/cdk/drag-drop';
import { DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  linkedSignal,
  output,
} from '@angular/core';
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatMenu, MatMenuContent, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import {
  ProblemMessage,
  StartupListQuery,
  StartupsApi,
  problemMessage,
} from '@parcours/backoffice-data-access';
import { EmptyState, LoadingState, ProblemState, StartupCard } from '@parcours/backoffice-ui';
import {
  PIPELINE_STAGES,
  type Page,
  type PipelineStage,
  type Stage,
  type StartupView,
} from '@parcours/contracts';
import { BoardFilters, hasAnyFilter } from '../board-filters';
import { droppableStages, moveTargets } from '../move/move-options';
import { daysInStage } from '../time-in-stage';

/** Cards fetched per request; more come with "load more". */
export const COLUMN_PAGE_SIZE = 50;

/** A card dropped on another column, or a target chosen in its "Déplacer…" menu. */
export interface MoveRequest {
  startup: StartupView;
  toStage: Stage;
}

export function columnDropListId(stage: PipelineStage): string {
  return `board-drop-${stage}`;
}

/**
 * One stage of the board. Each column pages through its own startups, so a long Détection column
 * does not hold back the others. Its cards can be dragged to another column, or moved with their
 * "Déplacer…" menu (the keyboard way); both offer only the moves the shared state machine allows.
 */
@Component({
  selector: 'bo-pipeline-column',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CdkDropList,
    CdkDrag,
    DecimalPipe,
    MatButton,
    MatMenu,
    MatMenuContent,
    MatMenuItem,
    MatMenuTrigger,
    TranslocoPipe,
    StartupCard,
    EmptyState,
    LoadingState,
    ProblemState,
  ],
  templateUrl: './pipeline-column.html',
  styleUrl: './pipeline-column.scss',
})
export class PipelineColumn {
  readonly stage = input.required<PipelineStage>();
  readonly filters = input.required<BoardFilters>();
  /** From the stage counts; null while unknown. */
  readonly count = input<number | null>(null);
  readonly now = input.required<Date>();
  /** Whether the person may request moves (managers and admins). */
  readonly movable = input(false);
  /** Stages whose programmes accept startups skipping the stages before. */
  readonly directEntry = input<ReadonlySet<Stage>>(new Set());
  /** Bumped by the board after a move, so that every column reloads its cards. */
  readonly refresh = input(0);
  readonly moveRequested = output<MoveRequest>();

  private readonly startupsApi = inject(StartupsApi);
  private readonly destroyRef = inject(DestroyRef);
  private readonly transloco = inject(TranslocoService);

  private readonly query = computed<StartupListQuery & { refresh: number }>(() => ({
    ...this.filters(),
    stage: this.stage(),
    limit: COLUMN_PAGE_SIZE,
    refresh: this.refresh(),
  }));

  protected readonly firstPage = rxResource({
    params: () => this.query(),
    stream: ({ params }) => this.startupsApi.list(params),
  });

  /** Pages fetched with "load more"; emptied whenever the filters change. */
  private readonly laterPages = linkedSignal<StartupListQuery, Page<StartupView>[]>({
    source: this.query,
    computation: () => [],
  });
  protected readonly loadingMore = linkedSignal({ source: this.query, computation: () => false });
  protected readonly loadMoreProblem = linkedSignal<StartupListQuery, ProblemMessage | null>({
    source: this.query,
    computation: () => null,
  });

  private readonly pages = computed(() =>
    this.firstPage.hasValue() ? [this.firstPage.value(), ...this.laterPages()] : [],
  );
  protected readonly cards = computed(() => {
    const now = this.now();
    return this.pages()
      .flatMap((page) => page.items)
      .map((startup) => ({
        startup,
        daysInStage: daysInStage(startup.stageEnteredAt, now),
        targets: moveTargets(startup, this.directEntry()),
      }));
  });
  protected readonly dropListId = computed(() => columnDropListId(this.stage()));
  protected readonly connectedDropLists = computed(() =>
    PIPELINE_STAGES.filter((stage) => stage !== this.stage()).map(columnDropListId),
  );
  /** A column lights up, and takes the card, only for a move the state machine allows. */
  protected readonly acceptsDrop = (drag: CdkDrag<StartupView>): boolean =>
    droppableStages(drag.data, this.directEntry()).includes(this.stage());
  protected readonly nextCursor = computed(() => this.pages().at(-1)?.nextCursor ?? null);
  protected readonly problem = computed(() => {
    const error = this.firstPage.error();
    return error ? problemMessage(error) : null;
  });
  protected readonly emptyKey = computed(() =>
    hasAnyFilter(this.filters()) ? 'board.emptyFiltered' : 'board.empty',
  );
  protected readonly headingId = computed(() => `board-column-${this.stage()}`);
  protected readonly countKey = computed(() =>
    new Intl.PluralRules(this.locale()).select(this.count() ?? 0) === 'one'
      ? 'board.columnCountOne'
      : 'board.columnCount',
  );
  protected readonly locale = computed(() => this.transloco.activeLang());

  protected loadMore(): void {
    const cursor = this.nextCursor();
    if (cursor === null || this.loadingMore()) return;
    const query = this.query();
    // An answer for filters that have since changed belongs to no column any more.
    const stillCurrent = (): boolean => this.query() === query;
    this.loadingMore.set(true);
    this.loadMoreProblem.set(null);
    this.startupsApi
      .list({ ...query, cursor })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (page) => {
          if (stillCurrent()) this.laterPages.update((pages) => [...pages, page]);
        },
        error: (error: unknown) => {
          if (!stillCurrent()) return;
          this.loadMoreProblem.set(problemMessage(error));
          this.loadingMore.set(false);
        },
        complete: () => {
          if (stillCurrent()) this.loadingMore.set(false);
        },
      });
  }

  protected dropped(event: CdkDragDrop<PipelineStage, PipelineStage, StartupView>): void {
    if (event.previousContainer === event.container) return;
    this.moveRequested.emit({ startup: event.item.data, toStage: event.container.data });
  }

  protected requestMove(startup: StartupView, toStage: Stage): void {
    this.moveRequested.emit({ startup, toStage });
  }

  protected retry(): void {
    this.firstPage.reload();
  }
}
