import { SeededRandom, mulberry32 } from './random';

const draws = (next: () => number, count: number) => Array.from({ length: count }, next);

describe('mulberry32', () => {
  it('gives the same sequence for the same seed', () => {
    expect(draws(mulberry32(42), 20)).toEqual(draws(mulberry32(42), 20));
  });

  it('gives another sequence for another seed', () => {
    expect(draws(mulberry32(42), 20)).not.toEqual(draws(mulberry32(43), 20));
  });

  it('draws floats in [0, 1) spread over the interval', () => {
    const values = draws(mulberry32(7), 10_000);
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
    expect(values.filter((value) => value < 0.1).length).toBeGreaterThan(900);
  });
});

describe('SeededRandom', () => {
  it('draws integers within both bounds, reaching each of them', () => {
    const random = new SeededRandom(1);
    const values = new Set(Array.from({ length: 500 }, () => random.int(3, 6)));
    expect([...values].sort()).toEqual([3, 4, 5, 6]);
  });

  it('refuses an empty range and an empty pick', () => {
    const random = new SeededRandom(1);
    expect(() => random.int(5, 4)).toThrow(RangeError);
    expect(() => random.pick([])).toThrow(RangeError);
  });

  it('never picks a choice of zero weight and favours heavier ones', () => {
    const random = new SeededRandom(2);
    const picks = Array.from({ length: 2_000 }, () =>
      random.weighted([
        ['rare', 1],
        ['never', 0],
        ['common', 9],
      ] as const),
    );
    expect(picks).not.toContain('never');
    const common = picks.filter((pick) => pick === 'common').length;
    expect(common).toBeGreaterThan(1_700);
    expect(common).toBeLessThan(1_900);
  });

  it('shuffles into a permutation without touching its input', () => {
    const random = new SeededRandom(3);
    const input = Array.from({ length: 50 }, (_, i) => i);
    const shuffled = random.shuffle(input);
    expect(shuffled).not.toEqual(input);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(input);
    expect(input[0]).toBe(0);
  });

  it('samples distinct items', () => {
    const sample = new SeededRandom(4).sample(['a', 'b', 'c', 'd', 'e'], 3);
    expect(new Set(sample).size).toBe(3);
  });

  it('draws skewed durations inside their bounds, most of them below the middle of the range', () => {
    const random = new SeededRandom(5);
    const values = Array.from({ length: 2_000 }, () => random.skewed(10, 30, 200));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...values)).toBeLessThanOrEqual(200);
    expect(values.filter((value) => value < 105).length).toBeGreaterThan(1_600);
  });
});
