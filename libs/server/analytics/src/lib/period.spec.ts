import fc from 'fast-check';
import { cutDays, cutPeriod, type PeriodCut } from './period';

const at = (iso: string) => new Date(iso);
const DAY = 86_400_000;

/** How many parts of the cut contain the instant `ms` (a bucket contains its whole days). */
function coverage(cut: PeriodCut, ms: number): number {
  const day = new Date(Math.floor(ms / DAY) * DAY).toISOString().slice(0, 10);
  const buckets = cut.buckets.filter((span) => {
    const bucketStart =
      span.grain === 'D'
        ? day
        : span.grain === 'M'
          ? `${day.slice(0, 7)}-01`
          : `${day.slice(0, 4)}-01-01`;
    return (span.from === null || bucketStart >= span.from) && bucketStart < span.to;
  }).length;
  const instants = cut.instants.filter(
    (span) => ms >= span.from.getTime() && ms < span.to.getTime(),
  ).length;
  return buckets + instants;
}

describe('cutting a period into buckets and partial days', () => {
  it('uses days up to a month, months up to a year, years, then months and days again', () => {
    expect(cutPeriod(at('2024-01-15'), at('2026-03-10'))).toEqual({
      buckets: [
        { grain: 'D', from: '2024-01-15', to: '2024-02-01' },
        { grain: 'M', from: '2024-02-01', to: '2025-01-01' },
        { grain: 'Y', from: '2025-01-01', to: '2026-01-01' },
        { grain: 'M', from: '2026-01-01', to: '2026-03-01' },
        { grain: 'D', from: '2026-03-01', to: '2026-03-10' },
      ],
      instants: [],
    });
  });

  it('reads the partial days at both edges from the facts', () => {
    expect(cutPeriod(at('2025-03-15T10:30:00Z'), at('2025-05-02T08:00:00Z'))).toEqual({
      buckets: [
        { grain: 'D', from: '2025-03-16', to: '2025-04-01' },
        { grain: 'M', from: '2025-04-01', to: '2025-05-01' },
        { grain: 'D', from: '2025-05-01', to: '2025-05-02' },
      ],
      instants: [
        { from: at('2025-03-15T10:30:00Z'), to: at('2025-03-16T00:00:00Z') },
        { from: at('2025-05-02T00:00:00Z'), to: at('2025-05-02T08:00:00Z') },
      ],
    });
  });

  it('starts with every earlier year when the period has no beginning', () => {
    expect(cutPeriod(null, at('2026-11-26T09:15:00Z'))).toEqual({
      buckets: [
        { grain: 'Y', from: null, to: '2026-01-01' },
        { grain: 'M', from: '2026-01-01', to: '2026-11-01' },
        { grain: 'D', from: '2026-11-01', to: '2026-11-26' },
      ],
      instants: [{ from: at('2026-11-26T00:00:00Z'), to: at('2026-11-26T09:15:00Z') }],
    });
  });

  it('reads partial months from the facts where the buckets have no days', () => {
    expect(cutPeriod(at('2024-01-15'), at('2026-03-10T12:00:00Z'), 'M')).toEqual({
      buckets: [
        { grain: 'M', from: '2024-02-01', to: '2025-01-01' },
        { grain: 'Y', from: '2025-01-01', to: '2026-01-01' },
        { grain: 'M', from: '2026-01-01', to: '2026-03-01' },
      ],
      instants: [
        { from: at('2024-01-15'), to: at('2024-02-01') },
        { from: at('2026-03-01'), to: at('2026-03-10T12:00:00Z') },
      ],
    });
    expect(cutPeriod(null, at('2026-11-26T09:15:00Z'), 'M')).toEqual({
      buckets: [
        { grain: 'Y', from: null, to: '2026-01-01' },
        { grain: 'M', from: '2026-01-01', to: '2026-11-01' },
      ],
      instants: [{ from: at('2026-11-01'), to: at('2026-11-26T09:15:00Z') }],
    });
    const from = at('2025-06-03');
    const to = at('2025-07-02');
    expect(cutPeriod(from, to, 'M')).toEqual({ buckets: [], instants: [{ from, to }] });
  });

  it('leaves a period shorter than a whole day to the facts', () => {
    const from = at('2025-06-01T08:00:00Z');
    const to = at('2025-06-02T07:00:00Z');
    expect(cutPeriod(from, to)).toEqual({ buckets: [], instants: [{ from, to }] });
  });

  it('is empty when the period is', () => {
    expect(cutPeriod(at('2025-01-02'), at('2025-01-02'))).toEqual({ buckets: [], instants: [] });
    expect(cutPeriod(at('2025-01-03'), at('2025-01-02'))).toEqual({ buckets: [], instants: [] });
  });

  it('merges consecutive whole units of one grain into one run', () => {
    expect(cutDays(Date.parse('2020-01-01'), Date.parse('2023-01-01'))).toEqual([
      { grain: 'Y', from: '2020-01-01', to: '2023-01-01' },
    ]);
  });

  it('covers every instant of the period exactly once, and nothing outside it', () => {
    const instant = fc.integer({ min: Date.parse('2019-06-01'), max: Date.parse('2027-06-01') });
    fc.assert(
      fc.property(
        fc.option(instant, { nil: null }),
        instant,
        fc.array(instant, { minLength: 1, maxLength: 20 }),
        fc.boolean(),
        fc.constantFrom<'D' | 'M'>('D', 'M'),
        (fromMs, toMs, probes, alignToDays, finest) => {
          const align = (ms: number) => (alignToDays ? Math.floor(ms / DAY) * DAY : ms);
          const from = fromMs === null ? null : align(fromMs);
          const to = align(toMs);
          const cut = cutPeriod(from === null ? null : new Date(from), new Date(to), finest);
          if (finest === 'M') expect(cut.buckets.some((span) => span.grain === 'D')).toBe(false);
          const edges = [from, to, from === null ? null : from - 1, to - 1].filter(
            (ms): ms is number => ms !== null,
          );
          for (const probe of [...probes, ...edges]) {
            const inside = (from === null || probe >= from) && probe < to;
            expect(coverage(cut, probe)).toBe(inside ? 1 : 0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
