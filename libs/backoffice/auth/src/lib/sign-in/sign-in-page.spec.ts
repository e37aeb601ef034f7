import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { AuthSession } from '@parcours/backoffice-data-access';
import { translocoForTests } from '@parcours/backoffice-data-access/testing';
import type { LoginResponse, MeResponse } from '@parcours/contracts';
import { authRoutes } from '../auth.routes';

@Component({ template: '<p>page</p>' })
class SomePage {}

const loginResponse: LoginResponse = {
  accessToken: 'token',
  expiresIn: 900,
  user: {
    id: 'u1',
    email: 'manager.caen@demo.parcours.test',
    displayName: 'Lou',
    roles: ['manager'],
  },
};

interface Page {
  harness: RouterTestingHarness;
  http: HttpTestingController;
  element: () => HTMLElement;
  type: (selector: string, value: string) => void;
  submit: () => Promise<void>;
}

async function openSignIn(url = '/connexion'): Promise<Page> {
  TestBed.configureTestingModule({
    imports: [translocoForTests('fr')],
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter(
        [
          ...authRoutes,
          { path: 'tableau', component: SomePage },
          { path: '', component: SomePage },
        ],
        withComponentInputBinding(),
      ),
    ],
  });
  const harness = await RouterTestingHarness.create(url);
  const element = (): HTMLElement => harness.routeNativeElement as HTMLElement;
  return {
    harness,
    http: TestBed.inject(HttpTestingController),
    element,
    type: (selector, value) => {
      const input = element().querySelector<HTMLInputElement>(selector);
      if (!input) throw new Error(`No ${selector}`);
      input.value = value;
      input.dispatchEvent(new Event('input'));
    },
    submit: async () => {
      element().querySelector('form')?.dispatchEvent(new Event('submit'));
      await harness.fixture.whenStable();
    },
  };
}

/** Lets the sign-in's promise chain move on to its next step. */
async function settle(harness: RouterTestingHarness): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await harness.fixture.whenStable();
}

describe('SignInPage', () => {
  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    sessionStorage.clear();
  });

  it('renders a labelled form that submits on Enter, with autocomplete hints', async () => {
    const { element } = await openSignIn();

    expect(element().querySelector('h1')?.textContent).toBe('Connexion à Parcours');
    const email = element().querySelector<HTMLInputElement>('input[type="email"]');
    const password = element().querySelector<HTMLInputElement>('input[type="password"]');
    expect(email?.getAttribute('autocomplete')).toBe('username');
    expect(password?.getAttribute('autocomplete')).toBe('current-password');
    const labels = Array.from(element().querySelectorAll('label')).map((l) =>
      l.textContent?.trim(),
    );
    expect(labels).toEqual(expect.arrayContaining(['Adresse e-mail', 'Mot de passe']));
    expect(element().querySelector(`label[for="${email?.id}"]`)).not.toBeNull();
    // A submit button inside the form is what makes Enter submit it.
    expect(element().querySelector('form button[type="submit"]')?.textContent?.trim()).toBe(
      'Se connecter',
    );
    expect(element().querySelector('[role="alert"]')?.textContent?.trim()).toBe('');
  });

  it('reads out "E-mail ou mot de passe incorrect" when the API answers 401', async () => {
    const { harness, http, type, submit, element } = await openSignIn();

    type('input[type="email"]', 'manager.caen@demo.parcours.test');
    type('input[type="password"]', 'not-the-password');
    await submit();
    const login = http.expectOne('/api/v1/auth/login');
    expect(login.request.body).toEqual({
      email: 'manager.caen@demo.parcours.test',
      password: 'not-the-password',
    });
    login.flush(
      { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Invalid credentials' },
      { status: 401, statusText: 'Unauthorized' },
    );
    await settle(harness);

    const alert = element().querySelector('[role="alert"]');
    expect(alert?.textContent?.trim()).toBe('E-mail ou mot de passe incorrect.');
    expect(alert?.textContent).not.toContain('401');
    expect(TestBed.inject(Router).url).toBe('/connexion');
  });

  it('words a failure to reach the API as a connection problem', async () => {
    const { harness, http, type, submit, element } = await openSignIn();

    type('input[type="email"]', 'manager.caen@demo.parcours.test');
    type('input[type="password"]', 'secret');
    await submit();
    http.expectOne('/api/v1/auth/login').error(new ProgressEvent('error'), { status: 0 });
    await settle(harness);

    expect(element().querySelector('[role="alert"]')?.textContent?.trim()).toBe(
      'Impossible de joindre le service pour le moment. Vérifiez votre connexion puis réessayez.',
    );
  });

  it('says what is missing instead of calling the API with an empty form', async () => {
    const { submit, element, http } = await openSignIn();

    await submit();

    http.expectNone('/api/v1/auth/login');
    const errors = Array.from(element().querySelectorAll('mat-error')).map((e) =>
      e.textContent?.trim(),
    );
    expect(errors).toEqual(['Ce champ est obligatoire.', 'Ce champ est obligatoire.']);
    expect(document.activeElement).toBe(element().querySelector('input[type="email"]'));
  });

  it('signs in and goes back to the page asked for', async () => {
    const { harness, http, type, submit } = await openSignIn('/connexion?returnUrl=%2Ftableau');

    type('input[type="email"]', 'manager.caen@demo.parcours.test');
    type('input[type="password"]', 'parcours-demo-2026');
    await submit();
    http.expectOne('/api/v1/auth/login').flush(loginResponse);
    await settle(harness);
    const me: MeResponse = { ...loginResponse.user, grants: [] };
    http.expectOne('/api/v1/me').flush(me);
    await settle(harness);

    expect(TestBed.inject(AuthSession).isSignedIn()).toBe(true);
    expect(TestBed.inject(Router).url).toBe('/tableau');
  });
  it('asks for the code of the authenticator when the account has two-step verification', async () => {
    const { harness, http, type, submit, element } = await openSignIn();

    type('input[type="email"]', 'manager.caen@demo.parcours.test');
    type('input[type="password"]', 'the-password');
    await submit();
    http
      .expectOne('/api/v1/auth/login')
      .flush({ mfaRequired: true, mfaToken: 'mfa-token', expiresIn: 300 });
    await settle(harness);

    expect(element().querySelector('h2')?.textContent?.trim()).toBe('Vérification en deux étapes');
    type('input[autocomplete="one-time-code"]', '123 456');
    await submit();
    const step = http.expectOne('/api/v1/auth/mfa');
    expect(step.request.body).toEqual({ mfaToken: 'mfa-token', code: '123456' });
    step.flush(loginResponse);
    await settle(harness);
    http.expectOne('/api/v1/me').flush({ ...loginResponse.user, grants: [] });
    await settle(harness);

    expect(TestBed.inject(AuthSession).isSignedIn()).toBe(true);
    expect(TestBed.inject(Router).url).toBe('/');
  });

  it('refuses a code that is not six digits without calling the API', async () => {
    const { harness, http, type, submit, element } = await openSignIn();

    type('input[type="email"]', 'manager.caen@demo.parcours.test');
    type('input[type="password"]', 'the-password');
    await submit();
    http
      .expectOne('/api/v1/auth/login')
      .flush({ mfaRequired: true, mfaToken: 'mfa-token', expiresIn: 300 });
    await settle(harness);
    type('input[autocomplete="one-time-code"]', '12');
    await submit();

    http.expectNone('/api/v1/auth/mfa');
    expect(element().querySelector('[role="alert"]')?.textContent?.trim()).toContain(
      'Saisissez les 6 chiffres',
    );
  });
});
