import { InjectionToken } from '@angular/core';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whole days since the startup entered its stage, counted in 24-hour periods (as the API's
 * time-in-stage analytics count them), never negative even if clocks disagree.
 */
export function daysInStage(stageEnteredAt: string, now: Date): number {
  const enteredAt = Date.parse(stageEnteredAt);
  if (Number.isNaN(enteredAt)) return 0;
  return Math.max(0, Math.floor((now.getTime() - enteredAt) / DAY_MS));
}

/** The board's clock, replaceable in tests. */
export const CURRENT_TIME = new InjectionToken<() => Date>('CURRENT_TIME', {
  providedIn: 'root',
  factory: () => () => new Date(),
});
