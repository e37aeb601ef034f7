import type {
  FlowItem,
  FunnelStage,
  KpiTarget,
  Stage,
  TimeInStageStage,
} from '@parcours/contracts';
import type { EChartsCoreOption } from 'echarts/core';

/** Labels in the reader's language, given by the page (Transloco). */
export interface ChartLabels {
  stage: (stage: Stage) => string;
  firstEntry: string;
  entered: string;
  current: string;
  median: string;
  p90: string;
  days: string;
}

// Colours with at least 3:1 contrast against white (WCAG 1.4.11, graphical objects).
const PRIMARY = '#1f4e9e';
const SECONDARY = '#b35c00';

/**
 * No animation: nothing moves for people who asked for less motion, and the page's fifteen
 * charts do not spend a second of main-thread work each redrawing their SVG frame after frame
 * while the page is loading (Lighthouse's total blocking time).
 */
const STILL = { animation: false } as const;

/** Startups entered per stage, as a funnel in pipeline order (not sorted by size). */
export function funnelOption(
  stages: readonly FunnelStage[],
  labels: ChartLabels,
): EChartsCoreOption {
  return {
    ...STILL,
    series: [
      {
        type: 'funnel',
        name: labels.entered,
        sort: 'none',
        minSize: '8%',
        left: '10%',
        width: '80%',
        label: { show: true, position: 'inside', color: '#fff', formatter: '{b} : {c}' },
        itemStyle: { color: PRIMARY, borderColor: '#fff', borderWidth: 1 },
        data: stages.map((stage) => ({ name: labels.stage(stage.stage), value: stage.entered })),
      },
    ],
  };
}

/**
 * Flows as a Sankey diagram. Moves back make cycles, which a Sankey cannot draw: stages appear
 * twice, as where moves leave from (left) and where they arrive (right).
 */
export function sankeyOption(items: readonly FlowItem[], labels: ChartLabels): EChartsCoreOption {
  const from = (stage: Stage | null) =>
    stage === null ? labels.firstEntry : `${labels.stage(stage)} ›`;
  const to = (stage: Stage) => `› ${labels.stage(stage)}`;
  const nodes = [...new Set(items.flatMap((item) => [from(item.fromStage), to(item.toStage)]))];
  return {
    ...STILL,
    series: [
      {
        type: 'sankey',
        emphasis: { focus: 'adjacency' },
        nodeAlign: 'justify',
        lineStyle: { color: 'gradient', opacity: 0.4 },
        itemStyle: { color: PRIMARY },
        label: { color: '#1a1a1a' },
        data: nodes.map((name) => ({ name })),
        links: items.map((item) => ({
          source: from(item.fromStage),
          target: to(item.toStage),
          value: item.count,
        })),
      },
    ],
  };
}

/** Median and 90th percentile of completed stays, in days, per stage. */
export function timeInStageOption(
  stages: readonly TimeInStageStage[],
  labels: ChartLabels,
): EChartsCoreOption {
  return {
    ...STILL,
    grid: { left: 140, right: 140, top: 16, bottom: 32 },
    xAxis: { type: 'value', name: labels.days },
    yAxis: { type: 'category', inverse: true, data: stages.map((s) => labels.stage(s.stage)) },
    series: [
      {
        type: 'bar',
        name: labels.median,
        itemStyle: { color: PRIMARY },
        label: { show: true, position: 'right', formatter: `${labels.median} : {c}` },
        data: stages.map((s) => round(s.medianDays)),
      },
      {
        type: 'bar',
        name: labels.p90,
        itemStyle: { color: SECONDARY },
        label: { show: true, position: 'right', formatter: `${labels.p90} : {c}` },
        data: stages.map((s) => round(s.p90Days)),
      },
    ],
  };
}

/**
 * One KPI against its target, as a gauge of the share reached (past 100 % shows full): the arc
 * and the percentage, without a graduated scale, whose figures ran into the percentage at this
 * size (the table under the gauges gives every figure).
 */
export function gaugeOption(target: KpiTarget, name: string): EChartsCoreOption {
  const percent = target.progress === null ? 0 : Math.round(target.progress * 1000) / 10;
  return {
    ...STILL,
    series: [
      {
        type: 'gauge',
        name,
        min: 0,
        max: 100,
        progress: {
          show: true,
          width: 12,
          itemStyle: { color: percent >= 100 ? '#2e7d32' : PRIMARY },
        },
        axisLine: { lineStyle: { width: 12 } },
        axisTick: { show: false },
        splitLine: { show: false },
        axisLabel: { show: false },
        pointer: { show: false },
        // The name is written under the gauge, where it has room.
        title: { show: false },
        detail: {
          valueAnimation: false,
          formatter: '{value} %',
          fontSize: 18,
          offsetCenter: [0, '10%'],
        },
        data: [{ value: Math.min(percent, 100), name }],
      },
    ],
  };
}

function round(value: number | null): number | null {
  return value === null ? null : Math.round(value * 10) / 10;
}
