import { DatePipe, formatDate } from '@angular/common';
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
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import {
  DossierApi,
  problemMessage,
  type ProblemMessage,
  type TimelineEvent,
} from '@parcours/backoffice-data-access';
import { EmptyState, LoadingState, ProblemState } from '@parcours/backoffice-ui';
import { describeEvent } from './describe-event';
import { TransitionSteps } from './transition-steps';

interface TimelineEntry {
  event: TimelineEvent;
  sentence: string;
  text: string | null;
}

/** The dossier's history, newest first, one page at a time. */
@Component({
  selector: 'bo-timeline-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    MatButton,
    TranslocoPipe,
    EmptyState,
    LoadingState,
    ProblemState,
    TransitionSteps,
  ],
  templateUrl: './timeline-panel.html',
  styleUrls: ['../panel.scss', './timeline-panel.scss'],
})
export class TimelinePanel {
  readonly startupId = input.required<string>();
  /** Bumped by the page after a change made here, so that its event shows at the top. */
  readonly refresh = input(0);

  private readonly api = inject(DossierApi);
  private readonly transloco = inject(TranslocoService);
  protected readonly language = toSignal(this.transloco.langChanges$, {
    initialValue: this.transloco.getActiveLang(),
  });

  protected readonly firstPage = rxResource({
    params: () => ({ id: this.startupId(), refresh: this.refresh() }),
    stream: ({ params }) => this.api.timeline(params.id),
  });
  private readonly events = linkedSignal<TimelineEvent[]>(() =>
    this.firstPage.hasValue() ? this.firstPage.value().items : [],
  );
  protected readonly nextCursor = linkedSignal<string | null>(() =>
    this.firstPage.hasValue() ? this.firstPage.value().nextCursor : null,
  );
  protected readonly loadingMore = signal(false);
  protected readonly moreProblem = signal<ProblemMessage | null>(null);
  protected readonly firstPageProblem = computed(() => {
    const error = this.firstPage.error();
    return error ? problemMessage(error) : null;
  });
  /** Events whose move is unfolded into its workflow steps. */
  protected readonly unfolded = signal<ReadonlySet<string>>(new Set());

  protected readonly entries = computed<TimelineEntry[]>(() => {
    // Read so that sentences are rebuilt in the new language on a switch.
    const language = this.language();
    return this.events().map((event) => {
      const description = describeEvent(event);
      const params: Record<string, string> = { ...description.params };
      for (const [name, key] of Object.entries(description.translated)) {
        params[name] = this.transloco.translate(key);
      }
      for (const [name, isoDate] of Object.entries(description.dates)) {
        // A calendar date (no time zone): Angular reads `yyyy-MM-dd` as that local day.
        params[name] = formatDate(isoDate, 'longDate', language);
      }
      return {
        event,
        sentence: this.transloco.translate(description.key, params),
        text: description.text,
      };
    });
  });

  protected loadMore(): void {
    const cursor = this.nextCursor();
    if (cursor === null || this.loadingMore()) return;
    this.loadingMore.set(true);
    this.moreProblem.set(null);
    this.api.timeline(this.startupId(), cursor).subscribe({
      next: (page) => {
        this.events.update((events) => [...events, ...page.items]);
        this.nextCursor.set(page.nextCursor);
        this.loadingMore.set(false);
      },
      error: (error: unknown) => {
        this.moreProblem.set(problemMessage(error));
        this.loadingMore.set(false);
      },
    });
  }

  protected toggleSteps(eventId: string): void {
    this.unfolded.update((ids) => {
      const next = new Set(ids);
      if (next.has(eventId)) next.delete(eventId);
      else next.add(eventId);
      return next;
    });
  }

  protected reload(): void {
    this.firstPage.reload();
  }
}
