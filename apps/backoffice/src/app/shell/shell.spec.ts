import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { AuthSession, authInterceptor } from '@parcours/backoffice-data-access';
import { translocoForTests } from '@parcours/backoffice-data-access/testing';
import type { Role } from '@parcours/contracts';
import { signInAs } from '../testing/signed-in';
import { Shell } from './shell';

@Component({ template: '<h1>Page</h1>' })
class Page {}

async function renderShell(roles: Role[]): Promise<ComponentFixture<Shell>> {
  TestBed.configureTestingModule({
    imports: [translocoForTests('fr')],
    providers: [
      provideHttpClient(withInterceptors([authInterceptor])),
      provideHttpClientTesting(),
      provideRouter([
        { path: 'connexion', component: Page },
        { path: '**', component: Page },
      ]),
    ],
  });
  await signInAs(roles);
  const fixture = TestBed.createComponent(Shell);
  await fixture.whenStable();
  return fixture;
}

function navLabels(fixture: ComponentFixture<Shell>): string[] {
  const element = fixture.nativeElement as HTMLElement;
  return Array.from(element.querySelectorAll('nav a')).map((a) => a.textContent?.trim() ?? '');
}

describe('Shell', () => {
  afterEach(() => {
    // The toolbar's bell asks for the unread count as the shell appears.
    TestBed.inject(HttpTestingController)
      .match('/api/v1/me/notifications/unread-count')
      .forEach((request) => request.flush({ unread: 0 }));
    TestBed.inject(HttpTestingController).verify();
    sessionStorage.clear();
  });

  it.each<[Role[], string[]]>([
    [['manager'], ['Tableau du parcours', 'Décisions à prendre', 'Candidatures', 'Hébergement']],
    [
      ['admin'],
      [
        'Tableau du parcours',
        'Décisions à prendre',
        'Candidatures',
        'Hébergement',
        'Administration',
      ],
    ],
    [['mentor'], ['Espace mentor']],
    [['founder'], ['Espace fondateur·rice']],
    [['funder'], ['Tableau de bord financeurs']],
    [
      ['manager', 'mentor'],
      [
        'Tableau du parcours',
        'Décisions à prendre',
        'Candidatures',
        'Hébergement',
        'Espace mentor',
      ],
    ],
  ])('shows %j the navigation entries %j', async (roles, labels) => {
    const fixture = await renderShell(roles);

    expect(navLabels(fixture)).toEqual(labels);
  });

  it('has the landmarks, a skip link to the main content and the product name', async () => {
    const fixture = await renderShell(['manager']);
    const element = fixture.nativeElement as HTMLElement;

    expect(element.querySelector('header mat-toolbar')?.textContent).toContain('Parcours');
    expect(element.querySelector('nav')?.getAttribute('aria-label')).toBe('Navigation principale');
    const main = element.querySelector<HTMLElement>('main#main-content');
    expect(main).not.toBeNull();
    const skipLink = element.querySelector<HTMLAnchorElement>('a.skip-link');
    // First in the tab order, before the toolbar.
    expect(element.querySelector('a, button')).toBe(skipLink);
    expect(skipLink?.textContent?.trim()).toBe('Aller au contenu principal');

    skipLink?.click();

    expect(document.activeElement).toBe(main);
  });

  it('shows the unread notifications in the toolbar, counted in words for screen readers', async () => {
    const fixture = await renderShell(['manager']);
    await new Promise((resolve) => setTimeout(resolve, 0));
    TestBed.inject(HttpTestingController)
      .expectOne('/api/v1/me/notifications/unread-count')
      .flush({ unread: 3 });
    await fixture.whenStable();
    const bell = (fixture.nativeElement as HTMLElement).querySelector(
      'header app-notifications-bell a',
    );

    expect(bell?.getAttribute('aria-label')).toBe('Notifications, 3 non lues');
    expect(bell?.getAttribute('href')).toBe('/notifications');
    expect(bell?.textContent?.trim()).toBe('3');
  });

  it('names the user menu after the person and signs out from it', async () => {
    const fixture = await renderShell(['manager']);
    const element = fixture.nativeElement as HTMLElement;
    const userButton = element.querySelector<HTMLButtonElement>('button.shell__user');
    expect(userButton?.textContent?.trim()).toBe('Camille Martin');
    expect(userButton?.getAttribute('aria-label')).toBe('Compte de Camille Martin');

    userButton?.click();
    await fixture.whenStable();
    const signOut = Array.from(
      document.querySelectorAll<HTMLButtonElement>('[mat-menu-item]'),
    ).find((item) => item.textContent?.trim() === 'Se déconnecter');
    signOut?.click();
    TestBed.inject(HttpTestingController).expectOne('/api/v1/auth/logout').flush(null);
    await fixture.whenStable();

    expect(TestBed.inject(AuthSession).isSignedIn()).toBe(false);
    expect(TestBed.inject(Router).url).toBe('/connexion');
  });

  it('goes to the sign-in page, with the way back, when the API ends the session', async () => {
    const fixture = await renderShell(['manager']);
    await TestBed.inject(Router).navigateByUrl('/tableau?territory=CAEN');

    TestBed.inject(AuthSession).signOut('expired');
    await fixture.whenStable();

    expect(TestBed.inject(Router).url).toBe('/connexion?returnUrl=%2Ftableau%3Fterritory%3DCAEN');
  });

  it('switches the interface to English from the toolbar', async () => {
    const fixture = await renderShell(['manager']);
    const element = fixture.nativeElement as HTMLElement;

    element.querySelector<HTMLButtonElement>('mat-button-toggle[lang="en"] button')?.click();
    await new Promise((resolve) => setTimeout(resolve, 0));
    await fixture.whenStable();

    expect(navLabels(fixture)).toEqual([
      'Pipeline board',
      'Decision inbox',
      'Applications',
      'Hosting',
    ]);
    expect(document.documentElement.lang).toBe('en');
    expect(localStorage.getItem('parcours.language')).toBe('en');
    // Remembered on the account too, for the next sign-in on any computer.
    const saved = TestBed.inject(HttpTestingController).expectOne('/api/v1/me');
    expect(saved.request.method).toBe('PATCH');
    expect(saved.request.body).toEqual({ locale: 'en' });
    saved.flush({});
    localStorage.clear();
  });
});
