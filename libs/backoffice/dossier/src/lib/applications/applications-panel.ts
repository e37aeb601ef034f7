import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { ApplicationsApi, problemMessage } from '@parcours/backoffice-data-access';
import { EmptyState, LoadingState, ProblemState } from '@parcours/backoffice-ui';
import { APPLICATION_SCORE_MAX } from '@parcours/contracts';

/**
 * The startup's applications to programmes: programme, status, and the average score once every
 * required review is in (never before: it would sway the last reviewers). Staff open the review.
 */
@Component({
  selector: 'bo-applications-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    DecimalPipe,
    RouterLink,
    TranslocoPipe,
    EmptyState,
    LoadingState,
    ProblemState,
  ],
  templateUrl: './applications-panel.html',
  styleUrls: ['../panel.scss', './applications-panel.scss'],
})
export class ApplicationsPanel {
  readonly startupId = input.required<string>();
  /** Admins and managers open the review page; founders read the status and the average. */
  readonly linksToReview = input(false);

  private readonly api = inject(ApplicationsApi);
  private readonly transloco = inject(TranslocoService);
  protected readonly language = toSignal(this.transloco.langChanges$, {
    initialValue: this.transloco.getActiveLang(),
  });
  protected readonly scoreMax = APPLICATION_SCORE_MAX;

  protected readonly applications = rxResource({
    params: () => this.startupId(),
    stream: ({ params }) => this.api.list({ startupId: params }),
  });
  protected readonly items = computed(() =>
    this.applications.hasValue() ? this.applications.value().items : [],
  );
  protected readonly problem = computed(() => {
    const error = this.applications.error();
    return error ? problemMessage(error) : null;
  });

  protected reload(): void {
    this.applications.reload();
  }
}
