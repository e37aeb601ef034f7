import { inject } from '@angular/core';
import { Router, type CanActivateFn, type Route } from '@angular/router';
import {
  authRoutes,
  requireAnyRole,
  securityRoute,
  signedInGuard,
} from '@parcours/backoffice-auth';
import { AuthSession } from '@parcours/backoffice-data-access';
import {
  APPLICATIONS_ENTRY,
  BOARD_ENTRY,
  HOSTING_ENTRY,
  INBOX_ENTRY,
  NAV_ENTRIES,
  NO_ACCESS_PATH,
  NavEntry,
  landingPathFor,
} from './navigation/navigation';

const ADMINISTRATION_PATH = 'administration';

const loadPlaceholderPage = () =>
  import('./placeholder/placeholder-page').then((m) => m.PlaceholderPage);

/** The funder dashboard; admins and managers may open it too, as the analytics API allows. */
const FUNDER_PATH = 'financeurs';

/** The spaces not built yet: a translated "coming soon" page, behind the same role checks. */
function comingSoonRoute(entry: NavEntry): Route {
  return {
    path: entry.path,
    title: entry.labelKey,
    canActivate: [requireAnyRole(entry.roles)],
    loadComponent: loadPlaceholderPage,
    data: { headingKey: entry.labelKey, messageKey: 'placeholder.comingSoon' },
  };
}

const landOnFirstSpace: CanActivateFn = () =>
  inject(Router).createUrlTree(['/', landingPathFor(inject(AuthSession).roles())]);

/** Route titles are translation keys; see TranslatedTitleStrategy. */
export const appRoutes: Route[] = [
  ...authRoutes,
  {
    path: '',
    canActivate: [signedInGuard],
    canActivateChild: [signedInGuard],
    loadComponent: () => import('./shell/shell').then((m) => m.Shell),
    children: [
      {
        path: '',
        pathMatch: 'full',
        // A guard, not redirectTo: redirects are resolved before signedInGuard runs, when a
        // signed-out visitor has no roles yet; they were sent to sign in with returnUrl=/acces
        // and, once signed in, landed on the "no access" page whatever their roles.
        canActivate: [landOnFirstSpace],
        children: [],
      },
      {
        path: BOARD_ENTRY.path,
        title: BOARD_ENTRY.labelKey,
        canActivate: [requireAnyRole(BOARD_ENTRY.roles)],
        loadChildren: () =>
          import('@parcours/backoffice-pipeline-board').then((m) => m.pipelineBoardRoutes),
      },
      {
        // Every role may open a dossier; which ones is the API's business (404 out of scope).
        path: 'dossiers',
        title: 'dossier.heading',
        loadChildren: () => import('@parcours/backoffice-dossier').then((m) => m.dossierRoutes),
      },
      {
        path: 'mentorat',
        title: 'nav.mentor',
        canActivate: [requireAnyRole(['mentor'])],
        loadChildren: () =>
          import('@parcours/backoffice-mentor-space').then((m) => m.mentorSpaceRoutes),
      },
      {
        path: 'ma-startup',
        title: 'nav.founder',
        canActivate: [requireAnyRole(['founder'])],
        loadChildren: () =>
          import('@parcours/backoffice-founder-space').then((m) => m.founderSpaceRoutes),
      },
      {
        path: INBOX_ENTRY.path,
        title: INBOX_ENTRY.labelKey,
        canActivate: [requireAnyRole(INBOX_ENTRY.roles)],
        loadChildren: () =>
          import('@parcours/backoffice-decisions').then((m) => m.decisionInboxRoutes),
      },
      {
        path: APPLICATIONS_ENTRY.path,
        title: APPLICATIONS_ENTRY.labelKey,
        canActivate: [requireAnyRole(APPLICATIONS_ENTRY.roles)],
        loadChildren: () =>
          import('@parcours/backoffice-applications').then((m) => m.applicationsRoutes),
      },
      {
        path: HOSTING_ENTRY.path,
        title: HOSTING_ENTRY.labelKey,
        canActivate: [requireAnyRole(HOSTING_ENTRY.roles)],
        loadChildren: () => import('@parcours/backoffice-hosting').then((m) => m.hostingRoutes),
      },
      {
        // Any signed-in person may open a move; the API answers 404 outside their scope.
        path: 'transitions/:id',
        title: 'transition.title',
        loadChildren: () =>
          import('@parcours/backoffice-decisions').then((m) => m.transitionDetailRoutes),
      },
      {
        path: 'notifications',
        title: 'notifications.heading',
        loadChildren: () =>
          import('@parcours/backoffice-notifications').then((m) => m.notificationsRoutes),
      },
      {
        path: FUNDER_PATH,
        title: 'nav.funder',
        canActivate: [requireAnyRole(['funder', 'admin', 'manager'])],
        loadChildren: () =>
          import('@parcours/backoffice-funder-dashboard').then((m) => m.funderDashboardRoutes),
      },
      {
        path: ADMINISTRATION_PATH,
        title: 'nav.admin',
        canActivate: [requireAnyRole(['admin'])],
        loadChildren: () =>
          import('@parcours/backoffice-administration').then((m) => m.administrationRoutes),
      },
      // Every signed-in person: two-step verification and recovery codes.
      securityRoute,
      ...NAV_ENTRIES.filter(
        (entry) =>
          entry !== BOARD_ENTRY &&
          entry !== INBOX_ENTRY &&
          entry !== HOSTING_ENTRY &&
          entry !== APPLICATIONS_ENTRY &&
          entry.path !== FUNDER_PATH &&
          entry.path !== ADMINISTRATION_PATH,
      ).map(comingSoonRoute),
      {
        path: NO_ACCESS_PATH,
        title: 'nav.noAccess',
        loadComponent: loadPlaceholderPage,
        data: { headingKey: 'nav.noAccess', messageKey: 'placeholder.noAccess' },
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
