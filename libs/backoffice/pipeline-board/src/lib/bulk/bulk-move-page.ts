import { DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
  signal,
  untracked,
} from '@angular/core';
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatOption } from '@angular/material/core';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelect } from '@angular/material/select';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import {
  ProblemMessage,
  ProgrammesApi,
  StartupsApi,
  TransitionsApi,
  problemMessage,
} from '@parcours/backoffice-data-access';
import { EmptyState, LoadingState, ProblemState } from '@parcours/backoffice-ui';
import {
  PIPELINE_STAGES,
  isPipelineStage,
  type CohortView,
  type PipelineStage,
  type Stage,
  type StartupView,
  type TransitionBatchView,
} from '@parcours/contracts';
import { GUARD_CODES } from '@parcours/domain';
import { Subscription, forkJoin, map, of, switchMap, takeWhile, timer } from 'rxjs';
import { filtersFromQueryParams } from '../board-filters';
import {
  ExplainedGuard,
  guardFromApiError,
  moveTargets,
  reasonRequired,
} from '../move/move-options';
import { BATCH_POLL_INTERVAL_MS, batchFinished, batchProgressPercent } from './bulk-progress';

/** One request lists the startups of a stage; a cohort is far smaller. */
const STARTUPS_PER_STAGE = 200;
/** A batch followed after a reload may hold hundreds of startups: name the first ones only. */
const MAX_NAME_LOOKUPS = 50;

/**
 * Moving a cohort (or any group of startups of one stage) at once: pick the stage, narrow to a
 * cohort, tick the startups, choose where they go; then follow the batch until each startup has
 * its outcome. The batch id is kept in the URL, so a reload keeps following it.
 */
@Component({
  selector: 'bo-bulk-move-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DecimalPipe,
    FormsModule,
    RouterLink,
    MatButton,
    MatCheckbox,
    MatFormField,
    MatLabel,
    MatHint,
    MatInput,
    MatOption,
    MatSelect,
    MatProgressBar,
    TranslocoPipe,
    EmptyState,
    LoadingState,
    ProblemState,
  ],
  templateUrl: './bulk-move-page.html',
  styleUrl: './bulk-move-page.scss',
})
export class BulkMovePage {
  // Query parameters, bound by the router.
  readonly territory = input<string>();
  readonly domain = input<string>();
  readonly structure = input<string>();
  readonly stage = input<string>();
  readonly batch = input<string>();

  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly startupsApi = inject(StartupsApi);
  private readonly programmesApi = inject(ProgrammesApi);
  private readonly transitionsApi = inject(TransitionsApi);
  private readonly destroyRef = inject(DestroyRef);
  private readonly transloco = inject(TranslocoService);

  protected readonly stages = PIPELINE_STAGES;
  protected readonly locale = computed(() => this.transloco.activeLang());
  private readonly filters = computed(() =>
    filtersFromQueryParams({
      territory: this.territory(),
      domain: this.domain(),
      structure: this.structure(),
    }),
  );
  protected readonly boardQueryParams = computed(() => ({
    territory: this.filters().territory,
    domain: this.filters().domain,
    structure: this.filters().structureId,
  }));

  protected readonly fromStage = linkedSignal<PipelineStage>(() => {
    const requested = this.stage();
    return requested && isPipelineStage(requested) ? requested : 'ACCELERATION';
  });

  protected readonly startups = rxResource({
    params: () => ({ ...this.filters(), stage: this.fromStage(), limit: STARTUPS_PER_STAGE }),
    stream: ({ params }) => this.startupsApi.list(params),
  });
  private readonly sourceProgrammes = rxResource({
    params: () => this.fromStage(),
    stream: ({ params }) => this.programmesApi.list({ stage: params }),
  });
  /** Cohorts of the stage's cohort-based programmes: what "move a cohort" picks from. */
  private readonly sourceCohorts = rxResource({
    params: () =>
      this.sourceProgrammes.hasValue()
        ? this.sourceProgrammes
            .value()
            .items.filter((programme) => programme.mode === 'COHORT')
            .map((programme) => programme.id)
        : [],
    stream: ({ params }) =>
      params.length === 0
        ? of([] as CohortView[])
        : forkJoin(params.map((id) => this.programmesApi.cohorts(id))).pipe(
            map((pages) => pages.flatMap((page) => page.items)),
          ),
  });
  protected readonly cohortOptions = computed(() =>
    this.sourceCohorts.hasValue()
      ? [...this.sourceCohorts.value()].sort((a, b) => b.startsOn.localeCompare(a.startsOn))
      : [],
  );
  protected readonly fromCohortId = linkedSignal<string | null>(() => {
    this.fromStage();
    return null;
  });

  protected readonly candidates = computed<StartupView[]>(() => {
    if (!this.startups.hasValue()) return [];
    const cohortId = this.fromCohortId();
    return this.startups
      .value()
      .items.filter((startup) => cohortId === null || startup.cohortId === cohortId);
  });
  /** Everyone shown is ticked at first: moving a whole cohort is the common case. */
  protected readonly selected = linkedSignal<StartupView[], ReadonlySet<string>>({
    source: this.candidates,
    computation: (candidates) => new Set(candidates.map((startup) => startup.id)),
  });
  protected readonly selectedCount = computed(() => this.selected().size);
  protected readonly allSelected = computed(
    () => this.candidates().length > 0 && this.selectedCount() === this.candidates().length,
  );

  protected readonly targetOptions = computed<Stage[]>(() =>
    moveTargets({ stage: this.fromStage(), status: 'ACTIVE' }, new Set()),
  );
  protected readonly toStage = linkedSignal<Stage | null>(() => this.targetOptions()[0] ?? null);
  private readonly targetProgrammes = rxResource({
    params: () => {
      const to = this.toStage();
      return to !== null && isPipelineStage(to) ? to : undefined;
    },
    stream: ({ params }) => this.programmesApi.list({ stage: params }),
  });
  protected readonly programmeOptions = computed(() =>
    this.targetProgrammes.hasValue() &&
    this.toStage() !== null &&
    isPipelineStage(this.toStage() ?? '')
      ? [...this.targetProgrammes.value().items].sort((a, b) => a.name.localeCompare(b.name))
      : [],
  );
  protected readonly programmeId = linkedSignal<string | null>(() => {
    const options = this.programmeOptions();
    return options.length === 1 ? (options[0]?.id ?? null) : null;
  });
  private readonly targetProgramme = computed(
    () => this.programmeOptions().find((p) => p.id === this.programmeId()) ?? null,
  );
  private readonly targetCohorts = rxResource({
    params: () => {
      const programme = this.targetProgramme();
      return programme?.mode === 'COHORT' ? programme.id : undefined;
    },
    stream: ({ params }) => this.programmesApi.cohorts(params),
  });
  protected readonly targetCohortOptions = computed(() =>
    this.targetCohorts.hasValue() && this.targetProgramme()?.mode === 'COHORT'
      ? [...this.targetCohorts.value().items].sort((a, b) => b.startsOn.localeCompare(a.startsOn))
      : [],
  );
  protected readonly cohortId = linkedSignal<string | null>(() => {
    this.programmeId();
    return null;
  });
  protected readonly reason = signal('');
  protected readonly needsReason = computed(() => {
    const to = this.toStage();
    return to !== null && reasonRequired(this.fromStage(), to);
  });

  protected readonly listProblem = computed(() => {
    const error = this.startups.error();
    return error ? problemMessage(error) : null;
  });
  protected readonly submitting = signal(false);
  protected readonly submitProblem = signal<ProblemMessage | null>(null);
  protected readonly canSubmit = computed(
    () =>
      this.selectedCount() > 0 &&
      this.toStage() !== null &&
      (!this.needsReason() || this.reason().trim() !== '') &&
      !this.submitting(),
  );

  // Following a batch.
  protected readonly batchView = signal<TransitionBatchView | null>(null);
  protected readonly batchProblem = signal<ProblemMessage | null>(null);
  protected readonly progress = computed(() => {
    const batch = this.batchView();
    return batch ? batchProgressPercent(batch) : 0;
  });
  protected readonly finished = computed(() => {
    const batch = this.batchView();
    return batch !== null && batchFinished(batch);
  });
  /** Names of the startups of the batch, from the list shown or fetched one by one. */
  private readonly names = signal<ReadonlyMap<string, string>>(new Map());
  protected readonly outcomes = computed(() => {
    const batch = this.batchView();
    const names = this.names();
    return (batch?.items ?? []).map((item) => ({
      ...item,
      name: names.get(item.startupId) ?? null,
      // Unmet requirements named by the API are said in the person's language.
      guards: (item.error?.errors ?? [])
        .map((error) => guardFromApiError(error.message))
        .filter((guard): guard is ExplainedGuard => guard !== null),
    }));
  });
  private polling: Subscription | null = null;

  constructor() {
    effect(() => {
      const batchId = this.batch();
      untracked(() => this.follow(batchId ?? null));
    });
    effect(() => {
      if (!this.startups.hasValue()) return;
      const listed = this.startups.value().items;
      untracked(() =>
        this.names.update((names) => {
          const next = new Map(names);
          for (const startup of listed) next.set(startup.id, startup.name);
          return next;
        }),
      );
    });
    this.destroyRef.onDestroy(() => this.polling?.unsubscribe());
  }

  protected chooseStage(stage: PipelineStage): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { stage },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
    this.fromStage.set(stage);
  }

  protected toggle(startupId: string, checked: boolean): void {
    this.selected.update((selected) => {
      const next = new Set(selected);
      if (checked) next.add(startupId);
      else next.delete(startupId);
      return next;
    });
  }

  protected toggleAll(checked: boolean): void {
    this.selected.set(
      checked ? new Set(this.candidates().map((startup) => startup.id)) : new Set(),
    );
  }

  protected submit(): void {
    const toStage = this.toStage();
    if (!this.canSubmit() || toStage === null) return;
    this.submitting.set(true);
    this.submitProblem.set(null);
    this.transitionsApi
      .bulk({
        startupIds: this.candidates()
          .filter((startup) => this.selected().has(startup.id))
          .map((startup) => startup.id),
        toStage,
        programmeId: this.programmeId(),
        cohortId: this.cohortId(),
        reason: this.reason(),
      })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: ({ batchId }) => {
          this.submitting.set(false);
          void this.router.navigate([], {
            relativeTo: this.route,
            queryParams: { batch: batchId },
            queryParamsHandling: 'merge',
          });
        },
        error: (error: unknown) => {
          this.submitProblem.set(problemMessage(error));
          this.submitting.set(false);
        },
      });
  }

  protected guardKey(guard: ExplainedGuard): string {
    return (GUARD_CODES as readonly string[]).includes(guard.code)
      ? `move.guards.${guard.code}`
      : 'move.guards.OTHER';
  }

  protected startAnother(): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { batch: null },
      queryParamsHandling: 'merge',
    });
    this.startups.reload();
  }

  protected retryBatch(): void {
    this.follow(this.batch() ?? null);
  }

  private follow(batchId: string | null): void {
    this.polling?.unsubscribe();
    this.polling = null;
    this.batchView.set(null);
    this.batchProblem.set(null);
    if (batchId === null) return;
    this.polling = timer(0, BATCH_POLL_INTERVAL_MS)
      .pipe(
        switchMap(() => this.transitionsApi.batch(batchId)),
        takeWhile((batch) => !batchFinished(batch), true),
      )
      .subscribe({
        next: (batch) => {
          this.batchView.set(batch);
          this.fetchMissingNames(batch);
        },
        error: (error: unknown) => this.batchProblem.set(problemMessage(error)),
      });
  }

  private readonly nameRequests = new Set<string>();

  private fetchMissingNames(batch: TransitionBatchView): void {
    for (const item of batch.items) {
      if (this.names().has(item.startupId) || this.nameRequests.has(item.startupId)) continue;
      if (this.nameRequests.size >= MAX_NAME_LOOKUPS) return;
      this.nameRequests.add(item.startupId);
      this.startupsApi
        .get(item.startupId)
        .pipe(takeUntilDestroyed(this.destroyRef))
        .subscribe({
          next: (startup) =>
            this.names.update((names) => new Map(names).set(startup.id, startup.name)),
          error: () => undefined,
        });
    }
  }
}
