import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { KpiReportView } from '@parcours/contracts';
import { BarChart } from 'echarts/charts';
import { GridSimpleComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { NgxEchartsDirective, provideEchartsCore } from 'ngx-echarts';

// Only the parts drawn here (no tooltip, no legend component: the legend is plain HTML), so that
// the chart stays a chunk of its own under 150 kB compressed.
echarts.use([BarChart, GridSimpleComponent, CanvasRenderer]);

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
  providers: [provideEchartsCore({ echarts })],
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
