import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { KpiReportView } from '@parcours/contracts';
import { NgxEchartsDirective, provideEchartsCore } from 'ngx-echarts';

/**
 * Loads ECharts when the first chart is drawn, as two chunks fetched in parallel (core with the
 * SVG renderer, then the bar chart and its grid, which register themselves): ECharts' core alone
 * is about 99 kB gzip, so one chunk holding all of it would pass the 150 kB budget of a lazy chunk. ngx-echarts only calls
 * `init`; handing it the whole `echarts/core` namespace would keep every helper it exports.
 */
async function loadKpiEcharts() {
  const [{ init }] = await Promise.all([import('./kpi-echarts-core'), import('./kpi-echarts-bar')]);
  return { init };
}

/** The colours of the two series, shared with the HTML legend beside the chart. */
export const KPI_CHART_COLOURS = { headcount: '#005cbb', jobsCreated: '#b3261e' } as const;

/**
 * Headcount and jobs created per quarter, as bars. Decorative for assistive technologies: the
 * table beside it holds the same figures.
 */
@Component({
  selector: 'bo-kpi-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [NgxEchartsDirective],
  providers: [provideEchartsCore({ echarts: loadKpiEcharts })],
  template: `<div echarts class="kpi-chart" aria-hidden="true" [options]="options()"></div>`,
  styles: `
    .kpi-chart {
      height: 220px;
      width: 100%;
    }
  `,
})
export class KpiChart {
  /** Oldest first. */
  readonly reports = input.required<readonly KpiReportView[]>();

  protected readonly options = computed(() => {
    const reports = this.reports();
    return {
      animation: false,
      grid: { left: 40, right: 16, top: 16, bottom: 28 },
      xAxis: { type: 'category', data: reports.map((report) => report.quarter) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          type: 'bar',
          itemStyle: { color: KPI_CHART_COLOURS.headcount },
          data: reports.map((report) => report.headcount),
        },
        {
          type: 'bar',
          itemStyle: { color: KPI_CHART_COLOURS.jobsCreated },
          data: reports.map((report) => report.jobsCreated),
        },
      ],
    };
  });
}
