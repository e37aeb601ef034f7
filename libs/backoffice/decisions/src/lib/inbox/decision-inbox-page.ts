import { DatePipe, DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  effect,
  inject,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import {
  AuthSession,
  ProblemMessage,
  TransitionsApi,
  problemMessage,
} from '@parcours/backoffice-data-access';
import { EmptyState, LoadingState, ProblemState } from '@parcours/backoffice-ui';
import type { Decision, TransitionView } from '@parcours/contracts';
import { StartupNames } from '../startup-names';
import { decisionRefusal } from './decision-policy-view';

interface Outcome {
  transition: TransitionView;
  name: string;
}

/**
 * Pending moves into the person's structures: approve or reject each with a note. A move they
 * requested themselves that needs four eyes says why they cannot decide it, instead of buttons.
 */
@Component({
  selector: 'bo-decision-inbox-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    DecimalPipe,
    FormsModule,
    RouterLink,
    MatButton,
    MatFormField,
    MatHint,
    MatInput,
    MatLabel,
    TranslocoPipe,
    EmptyState,
    LoadingState,
    ProblemState,
  ],
  providers: [StartupNames],
  templateUrl: './decision-inbox-page.html',
  styleUrl: './decision-inbox-page.scss',
})
export class DecisionInboxPage {
  private readonly transitionsApi = inject(TransitionsApi);
  private readonly injector = inject(Injector);
  private readonly outcomeMessage = viewChild<ElementRef<HTMLElement>>('outcomeMessage');
  private readonly session = inject(AuthSession);
  private readonly startupNames = inject(StartupNames);
  private readonly destroyRef = inject(DestroyRef);
  private readonly transloco = inject(TranslocoService);

  protected readonly locale = computed(() => this.transloco.activeLang());
  protected readonly inbox = rxResource({
    stream: () => this.transitionsApi.inbox({ status: 'REQUESTED' }),
  });
  /** Moves decided on this page, taken off the list without reloading it. */
  private readonly decidedIds = signal<ReadonlySet<string>>(new Set());
  protected readonly pending = computed(() => {
    if (!this.inbox.hasValue()) return [];
    const decided = this.decidedIds();
    const me = this.session.user();
    const grants = this.session.grants();
    return this.inbox
      .value()
      .items.filter((transition) => !decided.has(transition.id))
      .map((transition) => ({
        transition,
        refusal: me ? decisionRefusal(transition, { id: me.id, grants }) : null,
        requestedByMe: me !== null && transition.requestedById === me.id,
      }));
  });
  protected readonly names = this.startupNames.names;
  protected readonly problem = computed(() => {
    const error = this.inbox.error();
    return error ? problemMessage(error) : null;
  });
  protected readonly countKey = computed(() =>
    new Intl.PluralRules(this.locale()).select(this.pending().length) === 'one'
      ? 'inbox.countOne'
      : 'inbox.count',
  );

  protected readonly notes = signal<Readonly<Record<string, string>>>({});
  protected readonly deciding = signal<string | null>(null);
  protected readonly decisionProblems = signal<Readonly<Record<string, ProblemMessage>>>({});
  protected readonly lastOutcome = signal<Outcome | null>(null);

  constructor() {
    effect(() => {
      const ids = this.inbox.hasValue() ? this.inbox.value().items.map((t) => t.startupId) : [];
      untracked(() => this.startupNames.need(ids));
    });
  }

  protected setNote(transitionId: string, note: string): void {
    this.notes.update((notes) => ({ ...notes, [transitionId]: note }));
  }

  protected decide(transition: TransitionView, decision: Decision): void {
    if (this.deciding() !== null) return;
    this.deciding.set(transition.id);
    this.decisionProblems.update((problems) => {
      const others = { ...problems };
      delete others[transition.id];
      return others;
    });
    this.transitionsApi
      .decide(transition.id, decision, this.notes()[transition.id] ?? null)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (decided) => {
          this.deciding.set(null);
          this.decidedIds.update((ids) => new Set(ids).add(transition.id));
          this.lastOutcome.set({
            transition: decided,
            name: this.names().get(transition.startupId) ?? '',
          });
          // The decided request leaves the list with the button that had the focus: the focus
          // goes to the sentence saying what was decided, rather than to the top of the page.
          afterNextRender(() => this.outcomeMessage()?.nativeElement.focus(), {
            injector: this.injector,
          });
        },
        error: (error: unknown) => {
          this.deciding.set(null);
          this.decisionProblems.update((problems) => ({
            ...problems,
            [transition.id]: problemMessage(error),
          }));
        },
      });
  }

  protected reload(): void {
    this.decidedIds.set(new Set());
    this.inbox.reload();
  }
}
