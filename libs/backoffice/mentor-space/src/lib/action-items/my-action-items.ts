import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import {
  MentoringApi,
  problemMessage,
  type ProblemMessage,
} from '@parcours/backoffice-data-access';
import { EmptyState, LoadingState, ProblemState } from '@parcours/backoffice-ui';
import type { ActionItemStatus, MyActionItemView } from '@parcours/contracts';

/**
 * The person's open action items, soonest due first (`GET /me/action-items`); marking one done
 * or started sends its version (If-Match). Used by the mentor and the founder spaces.
 */
@Component({
  selector: 'bo-my-action-items',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatButton, RouterLink, TranslocoPipe, EmptyState, LoadingState, ProblemState],
  templateUrl: './my-action-items.html',
  styleUrl: './my-action-items.scss',
})
export class MyActionItems {
  /** Bumped by the page when a session was just logged with new items. */
  readonly refresh = input(0);
  readonly headingKey = input('mentor.actionItems.heading');

  private readonly api = inject(MentoringApi);
  private readonly transloco = inject(TranslocoService);
  protected readonly language = toSignal(this.transloco.langChanges$, {
    initialValue: this.transloco.getActiveLang(),
  });

  protected readonly resource = rxResource({
    params: () => this.refresh(),
    stream: () => this.api.myActionItems(),
  });
  protected readonly items = linkedSignal<MyActionItemView[]>(() =>
    this.resource.hasValue() ? this.resource.value().items : [],
  );
  protected readonly loadProblem = computed(() => {
    const error = this.resource.error();
    return error ? problemMessage(error) : null;
  });
  protected readonly busy = signal<string | null>(null);
  protected readonly problem = signal<{ id: string; message: ProblemMessage } | null>(null);
  protected readonly announcement = signal<{ key: string; title: string } | null>(null);

  protected setStatus(item: MyActionItemView, status: ActionItemStatus): void {
    this.busy.set(item.id);
    this.problem.set(null);
    this.api.updateActionItem(item, { status }).subscribe({
      next: (updated) => {
        this.busy.set(null);
        this.announcement.set({ key: `mentor.actionItems.done.${status}`, title: updated.title });
        this.items.update((items) =>
          status === 'DONE' || status === 'CANCELLED'
            ? items.filter((each) => each.id !== item.id)
            : items.map((each) => (each.id === item.id ? { ...each, ...updated } : each)),
        );
      },
      error: (error: unknown) => {
        this.busy.set(null);
        this.problem.set({ id: item.id, message: problemMessage(error) });
      },
    });
  }

  protected reload(): void {
    this.resource.reload();
  }
}
