import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// ECharts' core with the SVG renderer, the renderer the funder dashboard uses too (one renderer
// downloaded for both pages). Loaded apart from the bar chart (kpi-echarts-bar.ts), so that the
// build splits ECharts into chunks each under the 150 kB gzip budget of a lazy chunk.
use([SVGRenderer]);

export { init };
