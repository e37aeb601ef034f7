import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { MentoringApi, problemMessage } from '@parcours/backoffice-data-access';
import { EmptyState, LoadingState, ProblemState } from '@parcours/backoffice-ui';

/**
 * Mentoring sessions of the dossier, newest first, with their action items. Founders are given
 * the shared sessions only, and never the private notes (the API leaves them out).
 */
@Component({
  selector: 'bo-sessions-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, TranslocoPipe, EmptyState, LoadingState, ProblemState],
  templateUrl: './sessions-panel.html',
  styleUrls: ['../panel.scss', './sessions-panel.scss'],
})
export class SessionsPanel {
  readonly startupId = input.required<string>();
  readonly headingKey = input('dossier.sessions.heading');

  private readonly api = inject(MentoringApi);
  private readonly transloco = inject(TranslocoService);
  protected readonly language = toSignal(this.transloco.langChanges$, {
    initialValue: this.transloco.getActiveLang(),
  });

  protected readonly sessions = rxResource({
    params: () => this.startupId(),
    stream: ({ params }) => this.api.sessions(params),
  });
  protected readonly items = computed(() =>
    this.sessions.hasValue()
      ? [...this.sessions.value().items].sort((a, b) => b.heldAt.localeCompare(a.heldAt))
      : [],
  );
  protected readonly problem = computed(() => {
    const error = this.sessions.error();
    return error ? problemMessage(error) : null;
  });

  protected reload(): void {
    this.sessions.reload();
  }
}
