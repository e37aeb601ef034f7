import { signal } from '@angular/core';
import { fieldErrorStates } from './field-error-states';

describe('fieldErrorStates', () => {
  it('marks a field in error only while the last check names it, with one matcher per path', () => {
    const invalid = signal<ReadonlySet<string>>(new Set());
    const errorState = fieldErrorStates(() => invalid());
    const seats = errorState('seats');

    expect(seats.isErrorState(null, null)).toBe(false);
    invalid.set(new Set(['seats']));
    expect(seats.isErrorState(null, null)).toBe(true);
    expect(errorState('rent').isErrorState(null, null)).toBe(false);
    invalid.set(new Set());
    expect(seats.isErrorState(null, null)).toBe(false);
    expect(errorState('seats')).toBe(seats);
  });
});
