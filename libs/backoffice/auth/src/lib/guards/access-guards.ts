import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { AuthSession } from '@parcours/backoffice-data-access';
import type { Role } from '@parcours/contracts';
import { SIGN_IN_PATH } from '../sign-in-path';

/** Signed-out people go to the sign-in page, which brings them back here afterwards. */
export const signedInGuard: CanActivateFn = (_route, state) => {
  if (inject(AuthSession).isSignedIn()) return true;
  const queryParams = state.url === '/' ? {} : { returnUrl: state.url };
  return inject(Router).createUrlTree(['/', SIGN_IN_PATH], { queryParams });
};

/** The sign-in page is pointless once signed in. */
export const signedOutGuard: CanActivateFn = () =>
  inject(AuthSession).isSignedIn() ? inject(Router).createUrlTree(['/']) : true;

/**
 * Pages reserved to some roles. Others are sent home, where they land on a page of their own:
 * the API answers 404 for what is out of scope anyway, this only spares them an empty screen.
 */
export function requireAnyRole(roles: readonly Role[]): CanActivateFn {
  return () => inject(AuthSession).hasAnyRole(roles) || inject(Router).createUrlTree(['/']);
}
