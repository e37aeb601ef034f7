import { CurrencyPipe, DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  InjectionToken,
  computed,
  inject,
  input,
  linkedSignal,
  output,
} from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { KpiReportsApi, problemMessage } from '@parcours/backoffice-data-access';
import { EmptyState, LoadingState, ProblemState } from '@parcours/backoffice-ui';
import type { KpiReportView } from '@parcours/contracts';
import { KpiChart } from './kpi-chart';
import { chronological } from './kpi-figures';
import { KpiReportForm } from './kpi-report-form';

/** Charts need a real browser (layout, SVG measures); unit tests turn them off. */
export const KPI_CHARTS_ENABLED = new InjectionToken<boolean>('KPI_CHARTS_ENABLED', {
  providedIn: 'root',
  factory: () => true,
});

/** Quarterly KPI reports: a small chart, the same figures as a table, and the form to report. */
@Component({
  selector: 'bo-kpi-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CurrencyPipe,
    DecimalPipe,
    TranslocoPipe,
    EmptyState,
    LoadingState,
    ProblemState,
    KpiChart,
    KpiReportForm,
  ],
  templateUrl: './kpi-panel.html',
  styleUrls: ['../panel.scss', './kpi-panel.scss'],
})
export class KpiPanel {
  readonly startupId = input.required<string>();
  /** Founders of the startup and its managers report; others read. */
  readonly canReport = input(false);
  readonly headingKey = input('dossier.kpi.heading');
  readonly saved = output<KpiReportView>();

  private readonly api = inject(KpiReportsApi);
  private readonly transloco = inject(TranslocoService);
  protected readonly chartsEnabled = inject(KPI_CHARTS_ENABLED);
  protected readonly language = toSignal(this.transloco.langChanges$, {
    initialValue: this.transloco.getActiveLang(),
  });

  protected readonly resource = rxResource({
    params: () => this.startupId(),
    stream: ({ params }) => this.api.list(params),
  });
  protected readonly reports = linkedSignal<KpiReportView[]>(() =>
    this.resource.hasValue() ? chronological(this.resource.value().items) : [],
  );
  /** The table reads newest first; the chart oldest first. */
  protected readonly newestFirst = computed(() => [...this.reports()].reverse());
  protected readonly problem = computed(() => {
    const error = this.resource.error();
    return error ? problemMessage(error) : null;
  });
  protected readonly colours = { headcount: '#005cbb', jobsCreated: '#b3261e' };

  protected onSaved(report: KpiReportView): void {
    this.reports.update((reports) =>
      chronological([...reports.filter((each) => each.id !== report.id), report]),
    );
    this.saved.emit(report);
  }

  protected reload(): void {
    this.resource.reload();
  }
}
