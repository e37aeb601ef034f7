import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { MentoringApi, problemMessage } from '@parcours/backoffice-data-access';
import { EmptyState, LoadingState, ProblemState } from '@parcours/backoffice-ui';
import type { MenteeView } from '@parcours/contracts';
import { MyActionItems } from '../action-items/my-action-items';
import { SessionForm } from '../session-form/session-form';

/** `/mentorat`: my mentees, log a session, my open action items. */
@Component({
  selector: 'bo-mentor-space-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    MatButton,
    RouterLink,
    TranslocoPipe,
    EmptyState,
    LoadingState,
    ProblemState,
    MyActionItems,
    SessionForm,
  ],
  templateUrl: './mentor-space-page.html',
  styleUrl: './mentor-space-page.scss',
})
export class MentorSpacePage {
  private readonly api = inject(MentoringApi);
  private readonly transloco = inject(TranslocoService);
  protected readonly language = toSignal(this.transloco.langChanges$, {
    initialValue: this.transloco.getActiveLang(),
  });

  private readonly refreshCount = signal(0);
  protected readonly mentees = rxResource({
    params: () => this.refreshCount(),
    stream: () => this.api.mentees(),
  });
  protected readonly menteeList = computed<MenteeView[]>(() =>
    this.mentees.hasValue() ? this.mentees.value().items : [],
  );
  protected readonly menteesProblem = computed(() => {
    const error = this.mentees.error();
    return error ? problemMessage(error) : null;
  });
  protected readonly preselected = signal<{ startupId: string } | null>(null);
  protected readonly actionItemsRefresh = signal(0);

  protected logFor(mentee: MenteeView): void {
    // A new object each time, so that choosing the same startup again still moves the focus.
    this.preselected.set({ startupId: mentee.startupId });
  }

  protected onLogged(): void {
    this.refreshCount.update((count) => count + 1);
    this.actionItemsRefresh.update((count) => count + 1);
  }

  protected reloadMentees(): void {
    this.mentees.reload();
  }
}
