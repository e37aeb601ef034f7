import { InjectionToken } from '@angular/core';

/** The dossier's clock (time in stage), replaceable in tests. */
export const DOSSIER_CLOCK = new InjectionToken<() => Date>('DOSSIER_CLOCK', {
  providedIn: 'root',
  factory: () => () => new Date(),
});
