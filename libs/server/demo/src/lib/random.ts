/**
 * mulberry32: a tiny 32-bit PRNG, good enough to spread demo data and, unlike Math.random,
 * reproducible from a seed — the same seed always gives the same demo.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The draws the demo generator needs, over a seeded source of floats in [0, 1). */
export class SeededRandom {
  private readonly next: () => number;

  constructor(seed: number) {
    this.next = mulberry32(seed);
  }

  /** A float in [0, 1). */
  float(): number {
    return this.next();
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    if (max < min) {
      throw new RangeError(`int(${min}, ${max}): max is below min`);
    }
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A float in [min, max). */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** True with the given probability. */
  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) {
      throw new RangeError('pick: no items to pick from');
    }
    return items[Math.floor(this.next() * items.length)];
  }

  /** One of the keys, with a probability proportional to its weight. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, weight]) => sum + Math.max(0, weight), 0);
    if (total <= 0) {
      throw new RangeError('weighted: no choice has a positive weight');
    }
    let draw = this.next() * total;
    for (const [value, weight] of choices) {
      draw -= Math.max(0, weight);
      if (draw < 0) {
        return value;
      }
    }
    // Rounding can leave a sliver past the last weight: the last positive choice takes it.
    const positive = choices.filter(([, weight]) => weight > 0);
    return positive[positive.length - 1][0];
  }

  /** A new array, shuffled (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }

  /** `count` distinct items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle(items).slice(0, count);
  }

  /**
   * A skewed duration: most draws near `typical`, a long tail up to `max`. Stays in real
   * programmes look like this — many on time, a few that drag on.
   */
  skewed(min: number, typical: number, max: number): number {
    const u = (this.next() + this.next() + this.next()) / 3;
    return u < 0.5
      ? min + (typical - min) * (u / 0.5)
      : typical + (max - typical) * ((u - 0.5) / 0.5) ** 1.6;
  }
}
