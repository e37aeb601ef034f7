import { monthsTouched } from './rollup-reader';

const at = (iso: string) => new Date(iso);
const months = (spans: { from: string; to: string }[]) =>
  monthsTouched(spans.map(({ from, to }) => ({ from: at(from), to: at(to) }))).map((month) =>
    month.toISOString().slice(0, 7),
  );

describe('monthsTouched (the follower-month keys a read searches)', () => {
  it('gives the month of a span inside one month', () => {
    expect(months([{ from: '2025-03-15T10:30:00Z', to: '2025-03-20T00:00:00Z' }])).toEqual([
      '2025-03',
    ]);
  });

  it('leaves out the month a span ends at the very start of (the end is excluded)', () => {
    expect(months([{ from: '2024-12-15T00:00:00Z', to: '2025-02-01T00:00:00Z' }])).toEqual([
      '2024-12',
      '2025-01',
    ]);
  });

  it('keeps the month of an end one millisecond past its start', () => {
    expect(months([{ from: '2025-01-31T23:00:00Z', to: '2025-02-01T00:00:00.001Z' }])).toEqual([
      '2025-01',
      '2025-02',
    ]);
  });

  it('counts each month once across spans, ascending, and across a year end', () => {
    expect(
      months([
        { from: '2026-06-01T00:00:00Z', to: '2026-06-20T16:45:00Z' },
        { from: '2025-12-20T00:00:00Z', to: '2026-01-02T00:00:00Z' },
        { from: '2026-06-10T00:00:00Z', to: '2026-07-01T00:00:00Z' },
      ]),
    ).toEqual(['2025-12', '2026-01', '2026-06']);
  });

  it('gives nothing for an empty span', () => {
    expect(months([{ from: '2025-03-15T00:00:00Z', to: '2025-03-15T00:00:00Z' }])).toEqual([]);
  });
});
