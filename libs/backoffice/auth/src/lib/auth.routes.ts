import type { Route } from '@angular/router';
import { signedOutGuard } from './guards/access-guards';
import { SIGN_IN_PATH } from './sign-in-path';

/** The page itself is imported lazily: the app's first load only carries the guards. */
export const authRoutes: Route[] = [
  {
    path: SIGN_IN_PATH,
    title: 'signIn.title',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./sign-in/sign-in-page').then((m) => m.SignInPage),
  },
];
