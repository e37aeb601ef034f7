// The only chart parts the KPI chart draws (no tooltip, no legend component: the legend is plain
// HTML beside the chart), each registering itself with ECharts when imported. Loaded apart from
// ECharts' core (kpi-echarts-core.ts): see there why. Imported from their own modules rather than
// from the `echarts/charts` and `echarts/components` barrels: through a barrel, the build puts the
// funnel, gauge and Sankey charts the funder dashboard imports from it in the chunk this page
// downloads too.
import 'echarts/lib/chart/bar';
import 'echarts/lib/component/gridSimple';
