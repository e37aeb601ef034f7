import type { Route } from '@angular/router';
import { signedOutGuard } from './guards/access-guards';
import { SIGN_IN_PATH } from './sign-in-path';

/** The page itself is imported lazily: the app's first load only carries the guards. */
/** The page of invitation links (`INVITATION_PAGE` of the API), outside the signed-in shell. */
export const ACCEPT_INVITATION_PATH = 'accept-invitation';

/** The security page, inside the signed-in shell. */
export const SECURITY_PATH = 'securite';

export const securityRoute: Route = {
  path: SECURITY_PATH,
  title: 'security.heading',
  loadComponent: () => import('./security/security-page').then((m) => m.SecurityPage),
};

export const authRoutes: Route[] = [
  {
    path: SIGN_IN_PATH,
    title: 'signIn.title',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./sign-in/sign-in-page').then((m) => m.SignInPage),
  },
  {
    // Open to everyone: someone signed in may still follow a link meant for a colleague's
    // account, which the API then checks.
    path: ACCEPT_INVITATION_PATH,
    title: 'invitation.heading',
    loadComponent: () =>
      import('./invitation/accept-invitation-page').then((m) => m.AcceptInvitationPage),
  },
];
