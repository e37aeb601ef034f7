import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  KpiReportsApi,
  problemMessage,
  type ProblemMessage,
} from '@parcours/backoffice-data-access';
import type { KpiReportView } from '@parcours/contracts';
import { DOSSIER_CLOCK } from '../dossier-clock';
import {
  KPI_NUMBER_FIELDS,
  blankKpiDraft,
  chronological,
  draftOfReport,
  dueQuarter,
  kpiRequest,
  quarterChoices,
  type KpiDraft,
  type KpiNumberField,
} from './kpi-figures';

/**
 * The quarterly KPI report form: a new report for a quarter not reported yet (POST), or the
 * amendment of an existing one with its version (PUT, If-Match).
 */
@Component({
  selector: 'bo-kpi-report-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MatButton, MatFormField, MatHint, MatInput, MatLabel, TranslocoPipe],
  templateUrl: './kpi-report-form.html',
  styleUrl: './kpi-report-form.scss',
})
export class KpiReportForm {
  readonly startupId = input.required<string>();
  readonly reports = input.required<readonly KpiReportView[]>();
  readonly saved = output<KpiReportView>();

  private readonly api = inject(KpiReportsApi);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly now = inject(DOSSIER_CLOCK);

  protected readonly numberFields = KPI_NUMBER_FIELDS;
  protected readonly quarters = quarterChoices(this.now());
  protected readonly draft = signal<KpiDraft>(blankKpiDraft(dueQuarter(this.now())));
  protected readonly invalid = signal<ReadonlySet<string>>(new Set());
  protected readonly problem = signal<ProblemMessage | null>(null);
  protected readonly sending = signal(false);
  protected readonly done = signal<{ key: string; quarter: string } | null>(null);
  private nextKey = 1;

  private readonly selectedQuarter = computed(() => this.draft().quarter);
  protected readonly existing = computed(
    () => this.reports().find((report) => report.quarter === this.draft().quarter) ?? null,
  );

  constructor() {
    // Choosing a quarter already reported shows its figures, to amend them.
    effect(() => {
      const quarter = this.selectedQuarter();
      const report = this.reports().find((each) => each.quarter === quarter);
      if (report) untracked(() => this.draft.set(draftOfReport(report)));
    });
  }

  protected setQuarter(quarter: string): void {
    const previous = chronological(this.reports())
      .filter((report) => report.quarter < quarter)
      .pop();
    this.draft.set(blankKpiDraft(quarter, previous));
    this.invalid.set(new Set());
  }

  protected setField(field: KpiNumberField | 'exportCountries', value: string): void {
    this.draft.update((draft) => ({ ...draft, [field]: value ?? '' }));
  }

  protected addTradeShow(): void {
    const key = this.nextKey++ + 1000;
    this.draft.update((draft) => ({
      ...draft,
      tradeShows: [...draft.tradeShows, { key, event: '', country: '', date: '' }],
    }));
    setTimeout(() =>
      this.host.nativeElement.querySelector<HTMLElement>(`#show-event-${key}`)?.focus(),
    );
  }

  protected setTradeShow(key: number, field: 'event' | 'country' | 'date', value: string): void {
    this.draft.update((draft) => ({
      ...draft,
      tradeShows: draft.tradeShows.map((show) =>
        show.key === key ? { ...show, [field]: value } : show,
      ),
    }));
  }

  protected removeTradeShow(key: number): void {
    this.draft.update((draft) => ({
      ...draft,
      tradeShows: draft.tradeShows.filter((show) => show.key !== key),
    }));
  }

  protected submit(): void {
    const { request, invalid } = kpiRequest(this.draft());
    this.invalid.set(new Set(invalid));
    this.problem.set(null);
    this.done.set(null);
    if (request === null) {
      this.problem.set({ key: 'dossier.kpi.form.invalid', detail: null, fieldErrors: [] });
      const first = invalid[0];
      setTimeout(() =>
        this.host.nativeElement.querySelector<HTMLElement>(`[data-path="${first}"]`)?.focus(),
      );
      return;
    }
    const existing = this.existing();
    this.sending.set(true);
    const call = existing
      ? this.api.amend(existing, request)
      : this.api.submit(this.startupId(), request);
    call.subscribe({
      next: (report) => {
        this.sending.set(false);
        this.done.set({
          key: existing ? 'dossier.kpi.form.amended' : 'dossier.kpi.form.submitted',
          quarter: report.quarter,
        });
        this.saved.emit(report);
      },
      error: (error: unknown) => {
        this.sending.set(false);
        this.problem.set(
          problemMessage(error, {
            409: 'dossier.kpi.form.alreadyReported',
            412: 'dossier.kpi.form.stale',
          }),
        );
      },
    });
  }

  protected indexLabel(index: number): { number: number } {
    return { number: index + 1 };
  }
}
