// Only the parts the dashboard draws, so that its chunks stay small: no tooltip, legend or ARIA
// description (the table under each chart gives the figures, to everyone and to screen readers),
// and the simple grid, without the axis pointer that only a tooltip would use (8 kB gzip less).
// Loaded apart from ECharts' core (echarts-core.ts): see there why.
export { BarChart, FunnelChart, GaugeChart, SankeyChart } from 'echarts/charts';
export { GridSimpleComponent } from 'echarts/components';
