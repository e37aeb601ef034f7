import type { FlowItem } from '@parcours/contracts';
import {
  funnelOption,
  gaugeOption,
  sankeyOption,
  timeInStageOption,
  type ChartLabels,
} from './chart-options';

const labels: ChartLabels = {
  stage: (stage) => stage.toLowerCase(),
  firstEntry: 'first entry',
  entered: 'entered',
  current: 'current',
  median: 'median',
  p90: 'p90',
  days: 'days',
};

type Series = {
  data: { name: string }[];
  links: { source: string; target: string; value: number }[];
};

describe('chart options', () => {
  it('draw flows with moves back as a Sankey without cycles', () => {
    const items: FlowItem[] = [
      { fromStage: null, toStage: 'INCUBATION', count: 3 },
      { fromStage: 'INCUBATION', toStage: 'NURSERY', count: 2 },
      { fromStage: 'NURSERY', toStage: 'INCUBATION', count: 1 },
    ];
    const series = (sankeyOption(items, labels)['series'] as Series[])[0];
    const sources = new Set(series.links.map((link) => link.source));
    const targets = new Set(series.links.map((link) => link.target));
    // No node is both a source and a target: every link goes left to right.
    expect([...sources].filter((node) => targets.has(node))).toEqual([]);
    expect(series.links).toContainEqual({ source: 'nursery ›', target: '› incubation', value: 1 });
    expect(series.data.map((node) => node.name)).toContain('first entry');
  });

  it('round durations to a tenth of a day and keep missing ones empty', () => {
    const option = timeInStageOption(
      [{ stage: 'NURSERY', completedStays: 2, medianDays: 93.04, p90Days: null, stillIn: 1 }],
      labels,
    );
    const series = option['series'] as { data: (number | null)[] }[];
    expect(series[0].data).toEqual([93]);
    expect(series[1].data).toEqual([null]);
  });

  it('shows progress against a target in percent, full past the target', () => {
    const data = (progress: number | null) =>
      (
        gaugeOption({ key: 'k', target: 25, actual: 1, progress }, 'k')['series'] as {
          data: { value: number }[];
        }[]
      )[0].data[0].value;
    expect(data(0.04)).toBe(4);
    expect(data(1.6)).toBe(100);
    expect(data(null)).toBe(0);
  });

  it('draw every chart without animation', () => {
    const options = [
      funnelOption(
        [
          {
            stage: 'DETECTION',
            entered: 1,
            movedOn: 0,
            movedBack: 0,
            exited: 0,
            current: 1,
            conversionRate: null,
          },
        ],
        labels,
      ),
      sankeyOption([{ fromStage: null, toStage: 'DETECTION', count: 1 }], labels),
      timeInStageOption([], labels),
      gaugeOption({ key: 'k', target: 25, actual: 1, progress: 0.04 }, 'k'),
    ];
    expect(options.map((option) => option['animation'])).toEqual([false, false, false, false]);
  });
});
