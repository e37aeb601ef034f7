import { BarChart, FunnelChart, GaugeChart, SankeyChart } from 'echarts/charts';
import { GridComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// Only the parts the dashboard draws, so that the lazy chunk stays small: no tooltip, legend or
// ARIA description (the table under each chart gives the figures, to everyone and to screen
// readers). SVG renders crisply at any zoom; the dossier's chart uses the same renderer, so that
// the one ECharts chunk both pages share carries a single renderer.
use([BarChart, FunnelChart, GaugeChart, SankeyChart, GridComponent, SVGRenderer]);

/**
 * What ngx-echarts needs (it only calls `init`): importing the whole `echarts/core` namespace
 * would keep every helper it exports in the chunk.
 */
export const echarts = { init };
