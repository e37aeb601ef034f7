import { daysInStage } from './time-in-stage';

describe('daysInStage', () => {
  const now = new Date('2026-11-26T10:00:00.000Z');

  it('counts whole days since entering the stage', () => {
    expect(daysInStage('2026-11-16T10:00:00.000Z', now)).toBe(10);
    expect(daysInStage('2026-11-16T10:00:00.001Z', now)).toBe(9);
    expect(daysInStage('2023-11-26T10:00:00.000Z', now)).toBe(1096);
  });

  it('is zero on the first day', () => {
    expect(daysInStage('2026-11-26T09:00:00.000Z', now)).toBe(0);
  });

  it('never goes negative when the entry is in the future', () => {
    expect(daysInStage('2026-11-27T00:00:00.000Z', now)).toBe(0);
  });

  it('treats an unreadable date as zero days', () => {
    expect(daysInStage('not a date', now)).toBe(0);
  });
});
