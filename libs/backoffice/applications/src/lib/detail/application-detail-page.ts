import { DatePipe, DecimalPipe, PercentPipe } from '@angular/common';
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
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatRadioButton, MatRadioGroup } from '@angular/material/radio';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import {
  ApplicationsApi,
  AuthSession,
  TransitionsApi,
  problemMessage,
  type ProblemMessage,
} from '@parcours/backoffice-data-access';
import { LoadingState, ProblemState } from '@parcours/backoffice-ui';
import {
  APPLICATION_SCORE_MAX,
  type ApplicationDecision,
  type TransitionView,
} from '@parcours/contracts';
import { EMPTY, catchError, of } from 'rxjs';
import {
  checkReview,
  draftWeightedScore,
  emptyDraft,
  hasReviewed,
  openedMoveKey,
  shownAverage,
  weightShare,
  type ScoreDraft,
} from '../application-review';

/**
 * One application for its committee: the founder's answers, the weighted criteria, the reviews so
 * far, the signed-in reviewer's scoring form until they have reviewed, then — once every required
 * review is in — the decision. An acceptance opens the stage move, shown with what it waits for.
 */
@Component({
  selector: 'bo-application-detail-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    DecimalPipe,
    PercentPipe,
    FormsModule,
    RouterLink,
    MatButton,
    MatFormField,
    MatHint,
    MatInput,
    MatLabel,
    MatRadioButton,
    MatRadioGroup,
    TranslocoPipe,
    LoadingState,
    ProblemState,
  ],
  templateUrl: './application-detail-page.html',
  styleUrl: './application-detail-page.scss',
})
export class ApplicationDetailPage {
  /** Route parameter, bound by the router. */
  readonly id = input.required<string>();

  private readonly applicationsApi = inject(ApplicationsApi);
  private readonly transitionsApi = inject(TransitionsApi);
  private readonly session = inject(AuthSession);
  private readonly destroyRef = inject(DestroyRef);
  private readonly transloco = inject(TranslocoService);

  protected readonly locale = computed(() => this.transloco.activeLang());
  protected readonly scoreValues = Array.from({ length: APPLICATION_SCORE_MAX + 1 }, (_, i) => i);
  protected readonly scoreMax = APPLICATION_SCORE_MAX;

  private readonly loaded = rxResource({
    params: () => this.id(),
    stream: ({ params }) => this.applicationsApi.get(params),
  });
  /** The application as last answered by the API, including after a review or a decision. */
  protected readonly application = linkedSignal(() =>
    this.loaded.hasValue() ? this.loaded.value() : null,
  );
  protected readonly problem = computed(() => {
    const error = this.loaded.error();
    return error ? problemMessage(error) : null;
  });

  // Own signals, so that a review or a decision (a new application object) fetches nothing again.
  private readonly programmeId = computed(() => this.application()?.programmeId);
  private readonly transitionId = computed(() => this.application()?.transitionId ?? null);

  protected readonly form = rxResource({
    params: () => this.programmeId(),
    stream: ({ params }) => this.applicationsApi.form(params),
  });
  protected readonly formProblem = computed(() => {
    const error = this.form.error();
    return error ? problemMessage(error) : null;
  });
  protected readonly criteria = computed(() =>
    this.form.hasValue() ? this.form.value().criteria : [],
  );
  protected readonly criterionLabels = computed(
    () => new Map(this.criteria().map((criterion) => [criterion.key, criterion.label])),
  );

  protected readonly average = computed(() => {
    const application = this.application();
    return application ? shownAverage(application) : null;
  });
  /** The API hands the reviews to reviewers only: their presence says the person is one. */
  protected readonly isReviewer = computed(() => this.application()?.reviews !== undefined);
  protected readonly myId = computed(() => this.session.user()?.id ?? null);
  protected readonly reviewed = computed(() => {
    const application = this.application();
    return application !== null && hasReviewed(application, this.myId());
  });
  protected readonly open = computed(() => this.application()?.status === 'SUBMITTED');
  protected readonly canScore = computed(
    () => this.isReviewer() && this.open() && !this.reviewed() && this.criteria().length > 0,
  );
  protected readonly canDecide = computed(
    () => this.isReviewer() && this.open() && this.application()?.reviewsComplete === true,
  );

  protected readonly draft = linkedSignal<ScoreDraft>(() => emptyDraft(this.criteria()));
  protected readonly comment = signal('');
  protected readonly preview = computed(() => draftWeightedScore(this.criteria(), this.draft()));
  /** Criteria the last attempt to send left unscored, named to the reviewer. */
  protected readonly unscored = signal<readonly string[]>([]);
  protected readonly sendingReview = signal(false);
  protected readonly reviewProblem = signal<ProblemMessage | null>(null);
  protected readonly reviewSent = signal(false);

  protected readonly note = signal('');
  protected readonly deciding = signal(false);
  protected readonly decisionProblem = signal<ProblemMessage | null>(null);

  /** The move the acceptance opened, from the decision's answer or read again on a later visit. */
  protected readonly openedMove = linkedSignal<string | null, TransitionView | null | undefined>({
    source: () => this.transitionId(),
    computation: () => undefined,
  });
  private readonly moveLookup = rxResource({
    params: () => {
      const transitionId = this.transitionId();
      return transitionId && this.openedMove() === undefined ? transitionId : undefined;
    },
    // A move waiting for the founders' consent is not readable yet by the receiving structure.
    stream: ({ params }) =>
      params ? this.transitionsApi.get(params).pipe(catchError(() => of(null))) : EMPTY,
  });
  protected readonly move = computed(() => {
    const known = this.openedMove();
    if (known !== undefined) return known;
    return this.moveLookup.hasValue() ? this.moveLookup.value() : undefined;
  });
  protected readonly moveKey = computed(() => {
    const move = this.move();
    return move === undefined ? null : openedMoveKey(move);
  });

  constructor() {
    // A new application (another id in the same page) starts with an empty form and no messages.
    effect(() => {
      this.id();
      untracked(() => {
        this.comment.set('');
        this.note.set('');
        this.unscored.set([]);
        this.reviewProblem.set(null);
        this.reviewSent.set(false);
        this.decisionProblem.set(null);
      });
    });
  }

  protected setScore(criterion: string, score: number): void {
    this.draft.update((draft) => ({ ...draft, [criterion]: score }));
    this.unscored.update((keys) => keys.filter((key) => key !== criterion));
  }

  protected sendReview(): void {
    const application = this.application();
    if (!application || this.sendingReview()) return;
    const check = checkReview(this.criteria(), this.draft());
    this.reviewProblem.set(null);
    if (!check.ok) {
      this.unscored.set([...check.unscored, ...check.outOfRange]);
      return;
    }
    this.unscored.set([]);
    this.sendingReview.set(true);
    this.applicationsApi
      .review(application.id, { scores: check.scores, comment: this.comment() })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (updated) => {
          this.sendingReview.set(false);
          this.reviewSent.set(true);
          this.application.set(updated);
        },
        error: (error: unknown) => {
          this.sendingReview.set(false);
          this.reviewProblem.set(problemMessage(error));
        },
      });
  }

  protected decide(decision: ApplicationDecision): void {
    const application = this.application();
    if (!application || this.deciding()) return;
    this.deciding.set(true);
    this.decisionProblem.set(null);
    this.applicationsApi
      .decide(application.id, decision, this.note())
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (result) => {
          this.deciding.set(false);
          this.application.set(result.application);
          if (result.application.transitionId) this.openedMove.set(result.transition);
        },
        error: (error: unknown) => {
          this.deciding.set(false);
          this.decisionProblem.set(problemMessage(error));
        },
      });
  }

  protected weightShareOf(key: string): number {
    const criteria = this.criteria();
    const criterion = criteria.find((c) => c.key === key);
    return criterion ? weightShare(criteria, criterion) : 0;
  }

  protected retry(): void {
    this.loaded.reload();
  }
}
