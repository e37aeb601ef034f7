/**
 * Loads ECharts when the first chart is drawn, as two chunks fetched in parallel (core with the
 * SVG renderer, then the charts and the grid): ECharts' core alone is about 99 kB gzip, so one
 * chunk holding all of it would pass the 150 kB budget of a lazy chunk. The bar chart's modules,
 * which the dossier's KPI chart loads too, end up in a chunk both pages share; funnel, gauge and
 * Sankey in one only the dashboard loads. ngx-echarts only calls `init`; handing it the whole
 * `echarts/core` namespace would keep every helper it exports.
 */
export async function loadDashboardEcharts() {
  const [{ init, use }, charts] = await Promise.all([
    import('./echarts-core'),
    import('./echarts-charts'),
  ]);
  use([
    charts.BarChart,
    charts.FunnelChart,
    charts.GaugeChart,
    charts.SankeyChart,
    charts.GridSimpleComponent,
  ]);
  // ngx-echarts draws each chart as soon as this resolves: all fifteen in one task once the
  // chunks are here. A task of its own for each keeps the page responsive while they draw (and
  // Lighthouse's total blocking time low).
  await new Promise((nextTask) => setTimeout(nextTask));
  return { init };
}
