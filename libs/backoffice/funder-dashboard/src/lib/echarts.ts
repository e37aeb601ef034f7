import { BarChart, FunnelChart, GaugeChart, SankeyChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only the parts the dashboard draws, so that the lazy chunk stays small: no tooltip, legend or
// ARIA description (the table under each chart gives the figures, to everyone and to screen
// readers). SVG renders crisply at any zoom.
echarts.use([BarChart, FunnelChart, GaugeChart, SankeyChart, GridComponent, SVGRenderer]);

export { echarts };
