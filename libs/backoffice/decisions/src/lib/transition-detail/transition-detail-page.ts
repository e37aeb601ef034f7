import { DatePipe, DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import {
  AuthSession,
  ProblemMessage,
  StartupsApi,
  TransitionsApi,
  problemMessage,
} from '@parcours/backoffice-data-access';
import { LoadingState, ProblemState } from '@parcours/backoffice-ui';
import { WORKFLOW_STEPS, type TransitionStatus, type TransitionView } from '@parcours/contracts';
import { Subscription, switchMap, takeWhile, timer } from 'rxjs';
import { TRANSITION_POLL_INTERVAL_MS, transitionInProgress } from './transition-polling';

/** Statuses a move only reaches once approved. */
const DECIDED_STATUSES: readonly TransitionStatus[] = [
  'APPROVED',
  'EXECUTING',
  'COMPLETED',
  'FAILED',
];

/**
 * One stage move: its status, from and to, the request and the decision, and each workflow step
 * with its state, attempts and last error. Followed live while the worker carries it out.
 */
@Component({
  selector: 'bo-transition-detail-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, DecimalPipe, RouterLink, TranslocoPipe, LoadingState, ProblemState],
  templateUrl: './transition-detail-page.html',
  styleUrl: './transition-detail-page.scss',
})
export class TransitionDetailPage {
  /** Route parameter, bound by the router. */
  readonly id = input.required<string>();

  private readonly transitionsApi = inject(TransitionsApi);
  private readonly startupsApi = inject(StartupsApi);
  private readonly session = inject(AuthSession);
  private readonly destroyRef = inject(DestroyRef);
  private readonly transloco = inject(TranslocoService);

  protected readonly locale = computed(() => this.transloco.activeLang());
  protected readonly transition = signal<TransitionView | null>(null);
  protected readonly problem = signal<ProblemMessage | null>(null);
  protected readonly live = computed(() => {
    const transition = this.transition();
    return transition !== null && transitionInProgress(transition);
  });
  protected readonly startup = rxResource({
    params: () => this.transition()?.startupId,
    stream: ({ params }) => this.startupsApi.get(params),
  });
  protected readonly startupName = computed(() =>
    this.startup.hasValue() ? this.startup.value().name : null,
  );
  protected readonly requestedByMe = computed(
    () =>
      this.transition() !== null && this.transition()?.requestedById === this.session.user()?.id,
  );
  protected readonly decisionKey = computed(() => {
    const status = this.transition()?.status;
    if (status === 'REJECTED') return 'transition.history.rejected';
    if (status === 'CANCELLED') return 'transition.history.cancelled';
    return status !== undefined && DECIDED_STATUSES.includes(status)
      ? 'transition.history.approved'
      : null;
  });
  /** In the order the workflow runs them. */
  protected readonly steps = computed(() =>
    [...(this.transition()?.steps ?? [])].sort(
      (a, b) => WORKFLOW_STEPS.indexOf(a.name) - WORKFLOW_STEPS.indexOf(b.name),
    ),
  );
  private polling: Subscription | null = null;

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.follow(id));
    });
    this.destroyRef.onDestroy(() => this.polling?.unsubscribe());
  }

  protected retry(): void {
    this.follow(this.id());
  }

  private follow(id: string): void {
    this.polling?.unsubscribe();
    this.problem.set(null);
    this.polling = timer(0, TRANSITION_POLL_INTERVAL_MS)
      .pipe(
        switchMap(() => this.transitionsApi.get(id)),
        takeWhile((transition) => transitionInProgress(transition), true),
      )
      .subscribe({
        next: (transition) => this.transition.set(transition),
        error: (error: unknown) => this.problem.set(problemMessage(error)),
      });
  }
}
