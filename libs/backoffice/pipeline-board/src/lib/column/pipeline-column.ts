import { DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  linkedSignal,
} from '@angular/core';
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import {
  ProblemMessage,
  StartupListQuery,
  StartupsApi,
  problemMessage,
} from '@parcours/backoffice-data-access';
import { StartupCard, StateMessage } from '@parcours/backoffice-ui';
import type { Page, PipelineStage, StartupView } from '@parcours/contracts';
import { BoardFilters, hasAnyFilter } from '../board-filters';
import { daysInStage } from '../time-in-stage';

/** Cards fetched per request; more come with "load more". */
export const COLUMN_PAGE_SIZE = 50;

/**
 * One stage of the board. Each column pages through its own startups, so a long Détection column
 * does not hold back the others. Cards sit in a plain list, ready to become a CDK drop list.
 */
@Component({
  selector: 'bo-pipeline-column',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DecimalPipe, MatButton, TranslocoPipe, StartupCard, StateMessage],
  templateUrl: './pipeline-column.html',
  styleUrl: './pipeline-column.scss',
})
export class PipelineColumn {
  readonly stage = input.required<PipelineStage>();
  readonly filters = input.required<BoardFilters>();
  /** From the stage counts; null while unknown. */
  readonly count = input<number | null>(null);
  readonly now = input.required<Date>();

  private readonly startupsApi = inject(StartupsApi);
  private readonly destroyRef = inject(DestroyRef);
  private readonly transloco = inject(TranslocoService);

  private readonly query = computed<StartupListQuery>(() => ({
    ...this.filters(),
    stage: this.stage(),
    limit: COLUMN_PAGE_SIZE,
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
      .map((startup) => ({ startup, daysInStage: daysInStage(startup.stageEnteredAt, now) }));
  });
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

  protected retry(): void {
    this.firstPage.reload();
  }
}
