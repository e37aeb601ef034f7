import { DatePipe, DecimalPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatOption, MatSelect } from '@angular/material/select';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { ApplicationsApi, problemMessage } from '@parcours/backoffice-data-access';
import { EmptyState, LoadingState, ProblemState } from '@parcours/backoffice-ui';
import { APPLICATION_STATUSES, type ApplicationStatus } from '@parcours/contracts';
import { shownAverage, statusFromQueryParam } from '../application-review';

/**
 * The applications the person may review (the API keeps to the structures they manage), newest
 * first, narrowed by status. The status is kept in the address bar, like the board's filters.
 */
@Component({
  selector: 'bo-applications-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    DecimalPipe,
    RouterLink,
    MatFormField,
    MatLabel,
    MatOption,
    MatSelect,
    TranslocoPipe,
    EmptyState,
    LoadingState,
    ProblemState,
  ],
  templateUrl: './applications-page.html',
  styleUrl: './applications-page.scss',
})
export class ApplicationsPage {
  /** Query parameter, bound by the router (withComponentInputBinding). */
  readonly status = input<string>();

  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly applicationsApi = inject(ApplicationsApi);
  private readonly transloco = inject(TranslocoService);

  protected readonly statuses = APPLICATION_STATUSES;
  protected readonly locale = computed(() => this.transloco.activeLang());
  protected readonly statusFilter = computed(() => statusFromQueryParam(this.status()));

  protected readonly applications = rxResource({
    params: () => ({ status: this.statusFilter() }),
    stream: ({ params }) => this.applicationsApi.list({ status: params.status, limit: 200 }),
  });
  protected readonly rows = computed(() =>
    this.applications.hasValue()
      ? this.applications.value().items.map((application) => ({
          application,
          average: shownAverage(application),
        }))
      : [],
  );
  protected readonly problem = computed(() => {
    const error = this.applications.error();
    return error ? problemMessage(error) : null;
  });

  protected filterByStatus(status: ApplicationStatus | null): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: { status },
      queryParamsHandling: 'merge',
    });
  }

  protected reload(): void {
    this.applications.reload();
  }
}
