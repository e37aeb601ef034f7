import { DecimalPipe, PercentPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
} from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatOption } from '@angular/material/core';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSelect } from '@angular/material/select';
import { Router } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import {
  AnalyticsApi,
  ProgrammesApi,
  StructuresApi,
  problemMessage,
} from '@parcours/backoffice-data-access';
import { DOMAINS, TERRITORIES, type KpiTarget, type Stage } from '@parcours/contracts';
import { NgxEchartsDirective } from 'ngx-echarts';
import { of } from 'rxjs';
import {
  funnelOption,
  gaugeOption,
  sankeyOption,
  timeInStageOption,
  type ChartLabels,
} from '../chart-options';
import {
  NO_FILTERS,
  apiFilters,
  filtersFromQueryParams,
  queryParamsFromFilters,
  sameFilters,
  yearOf,
  yearPeriod,
  type DashboardFilters,
} from '../dashboard-filters';
import { ExportPanel } from '../export-panel';

const FIRST_YEAR = 2023;

/**
 * The funder dashboard (SPEC §4): funnel, flows, time in stage, KPIs against targets and a
 * cohort's outcomes, over the filters of the URL. Every chart is followed by the table of its
 * figures, which is what screen readers read (the charts are hidden from them).
 */
@Component({
  selector: 'bo-funder-dashboard-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DecimalPipe,
    PercentPipe,
    MatButton,
    MatFormField,
    MatLabel,
    MatInput,
    MatSelect,
    MatOption,
    MatProgressBar,
    TranslocoPipe,
    NgxEchartsDirective,
    ExportPanel,
  ],
  templateUrl: './funder-dashboard-page.html',
  styleUrl: './funder-dashboard-page.scss',
})
export class FunderDashboardPage {
  // Query parameters, bound by the router (withComponentInputBinding).
  readonly from = input<string>();
  readonly to = input<string>();
  readonly territory = input<string>();
  readonly domain = input<string>();
  readonly structure = input<string>();
  readonly programme = input<string>();
  readonly cohort = input<string>();

  private readonly router = inject(Router);
  private readonly analytics = inject(AnalyticsApi);
  private readonly programmesApi = inject(ProgrammesApi);
  private readonly structuresApi = inject(StructuresApi);
  private readonly transloco = inject(TranslocoService);

  protected readonly language = toSignal(this.transloco.langChanges$, {
    initialValue: this.transloco.getActiveLang(),
  });
  protected readonly territories = TERRITORIES;
  protected readonly domains = DOMAINS;
  protected readonly years = Array.from(
    { length: new Date().getFullYear() - FIRST_YEAR + 1 },
    (_, index) => new Date().getFullYear() - index,
  );

  protected readonly filters = computed<DashboardFilters>(
    () =>
      filtersFromQueryParams({
        from: this.from(),
        to: this.to(),
        territory: this.territory(),
        domain: this.domain(),
        structure: this.structure(),
        programme: this.programme(),
        cohort: this.cohort(),
      }),
    { equal: sameFilters },
  );
  protected readonly query = computed(() => apiFilters(this.filters()));
  protected readonly year = computed(() => yearOf(this.filters()));
  protected readonly hasFilters = computed(() => !sameFilters(this.filters(), NO_FILTERS));

  protected readonly funnel = rxResource({
    params: () => this.query(),
    stream: ({ params }) => this.analytics.funnel(params),
  });
  protected readonly flows = rxResource({
    params: () => this.query(),
    stream: ({ params }) => this.analytics.flows(params),
  });
  protected readonly timeInStage = rxResource({
    params: () => this.query(),
    stream: ({ params }) => this.analytics.timeInStage(params),
  });
  protected readonly kpis = rxResource({
    params: () => this.query(),
    stream: ({ params }) => this.analytics.kpis(params),
  });
  protected readonly cohortOutcomes = rxResource({
    params: () => ({ cohortId: this.filters().cohortId, query: this.query() }),
    stream: ({ params }) =>
      params.cohortId ? this.analytics.cohort(params.cohortId, params.query) : of(null),
  });

  private readonly structures = rxResource({ stream: () => this.structuresApi.list() });
  protected readonly structureOptions = computed(() =>
    this.structures.hasValue()
      ? this.structures
          .value()
          .items.filter((structure) => structure.kind !== 'FUNDER')
          .sort((a, b) => a.name.localeCompare(b.name))
      : [],
  );
  private readonly programmes = rxResource({ stream: () => this.programmesApi.list() });
  protected readonly programmeOptions = computed(() =>
    this.programmes.hasValue()
      ? [...this.programmes.value().items].sort((a, b) => a.name.localeCompare(b.name))
      : [],
  );
  private readonly cohorts = rxResource({
    params: () => this.filters().programmeId,
    stream: ({ params }) => (params ? this.programmesApi.cohorts(params) : of(null)),
  });
  protected readonly cohortOptions = computed(() =>
    this.cohorts.hasValue() ? (this.cohorts.value()?.items ?? []) : [],
  );

  protected readonly loading = computed(
    () =>
      this.funnel.isLoading() ||
      this.flows.isLoading() ||
      this.timeInStage.isLoading() ||
      this.kpis.isLoading(),
  );
  /**
   * Whether the figures' first answers arrived (or failed): the sections under the filters appear
   * together, once, rather than each one filling in and pushing the ones below it down the screen
   * (layout shift, what Lighthouse's CLS measures). Later filter changes update them in place.
   */
  protected readonly sectionsShown = linkedSignal<boolean, boolean>({
    source: this.loading,
    computation: (loading, previous) => (previous?.value ?? false) || !loading,
  });
  protected readonly problem = computed(() => {
    const error =
      this.funnel.error() ?? this.flows.error() ?? this.timeInStage.error() ?? this.kpis.error();
    return error ? problemMessage(error).key : null;
  });

  private readonly labels = computed<ChartLabels>(() => {
    this.language();
    const t = (key: string) => this.transloco.translate(key);
    return {
      stage: (stage: Stage) => t(`stages.${stage}`),
      firstEntry: t('funder.flows.firstEntry'),
      entered: t('funder.funnel.entered'),
      current: t('funder.funnel.current'),
      median: t('funder.time.median'),
      p90: t('funder.time.p90'),
      days: t('funder.time.days'),
    };
  });
  protected readonly funnelChart = computed(() =>
    this.funnel.hasValue() ? funnelOption(this.funnel.value().stages, this.labels()) : null,
  );
  protected readonly sankeyChart = computed(() =>
    this.flows.hasValue() && this.flows.value().items.length > 0
      ? sankeyOption(this.flows.value().items, this.labels())
      : null,
  );
  protected readonly timeChart = computed(() =>
    this.timeInStage.hasValue()
      ? timeInStageOption(this.timeInStage.value().stages, this.labels())
      : null,
  );
  protected readonly gauges = computed(() => {
    this.language();
    if (!this.kpis.hasValue()) return [];
    return this.kpis.value().targets.map((target) => ({
      target,
      name: this.targetName(target),
      option: gaugeOption(target, this.targetName(target)),
    }));
  });
  protected readonly figures = computed(() => {
    if (!this.kpis.hasValue()) return [];
    const kpis = this.kpis.value();
    return (
      [
        'newStartups',
        'startupsAccelerated',
        'startupsHosted',
        'jobsCreated',
        'fundsRaisedEur',
        'tradeShows',
      ] as const
    ).map((key) => ({ key, value: kpis[key] }));
  });

  /** `startupsAccelerated3y` → "Startups accélérées (objectif à 3 ans)". */
  private targetName(target: KpiTarget): string {
    const match = /^(?:ecosystem\.)?(.*?)\.?(\d+)y$/.exec(target.key);
    const metric = match ? match[1] : target.key;
    const key = `funder.kpis.figures.${metric}`;
    const name = this.transloco.translate(key);
    const label = name === key ? metric : name;
    // The ecosystem's published targets sit beside the programmes' own for the same metric:
    // their names tell them apart.
    const horizonKey =
      target.scope === 'ecosystem' ? 'funder.kpis.ecosystemHorizon' : 'funder.kpis.horizon';
    return match ? this.transloco.translate(horizonKey, { name: label, years: match[2] }) : label;
  }

  protected changeFilters(change: Partial<DashboardFilters>): void {
    const next = { ...this.filters(), ...change };
    // A cohort belongs to a programme: another programme clears it.
    if ('programmeId' in change && change.programmeId !== this.filters().programmeId) {
      next.cohortId = null;
    }
    void this.router.navigate([], {
      queryParams: queryParamsFromFilters(next),
      queryParamsHandling: 'merge',
      replaceUrl: false,
    });
  }

  protected selectYear(year: number | null): void {
    this.changeFilters(year === null ? { from: null, to: null } : yearPeriod(year));
  }

  protected changeDate(which: 'from' | 'to', value: string): void {
    this.changeFilters({ [which]: value === '' ? null : value });
  }

  protected clearFilters(): void {
    this.changeFilters(NO_FILTERS);
  }
}
