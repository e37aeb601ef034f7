import type { Route } from '@angular/router';

/** Sub-pages of the administration, French paths like the rest of the back-office. */
export const ADMINISTRATION_SECTIONS = [
  { path: 'utilisateurs', labelKey: 'admin.sections.users' },
  { path: 'structures', labelKey: 'admin.sections.structures' },
  { path: 'programmes', labelKey: 'admin.sections.programmes' },
  { path: 'objectifs', labelKey: 'admin.sections.targets' },
  { path: 'flux', labelKey: 'admin.sections.workflow' },
] as const;

export const administrationRoutes: Route[] = [
  {
    path: '',
    loadComponent: () => import('./administration-layout').then((m) => m.AdministrationLayout),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'utilisateurs' },
      {
        path: 'utilisateurs',
        title: 'admin.sections.users',
        loadComponent: () => import('./users/users-page').then((m) => m.UsersPage),
      },
      {
        path: 'structures',
        title: 'admin.sections.structures',
        loadComponent: () => import('./structures/structures-page').then((m) => m.StructuresPage),
      },
      {
        path: 'programmes',
        title: 'admin.sections.programmes',
        loadComponent: () => import('./programmes/programmes-page').then((m) => m.ProgrammesPage),
      },
      {
        path: 'objectifs',
        title: 'admin.sections.targets',
        loadComponent: () => import('./targets/targets-page').then((m) => m.TargetsPage),
      },
      {
        path: 'flux',
        title: 'admin.sections.workflow',
        loadComponent: () => import('./workflow/workflow-page').then((m) => m.WorkflowPage),
      },
    ],
  },
];
