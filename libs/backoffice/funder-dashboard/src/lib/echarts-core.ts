import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

// ECharts' core with the SVG renderer: crisp at any zoom, and the renderer the dossier's KPI chart
// uses too (one renderer downloaded for both pages). Loaded apart from the charts
// (echarts-charts.ts), so that the build splits ECharts into chunks each under the 150 kB gzip
// budget of a lazy chunk.
use([SVGRenderer]);

export { init, use };
