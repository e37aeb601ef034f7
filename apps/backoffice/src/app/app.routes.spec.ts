import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { authInterceptor } from '@parcours/backoffice-data-access';
import { translocoForTests } from '@parcours/backoffice-data-access/testing';
import { appRoutes } from './app.routes';
import { signInAs } from './testing/signed-in';

async function setUp(): Promise<RouterTestingHarness> {
  TestBed.configureTestingModule({
    imports: [translocoForTests('fr')],
    providers: [
      provideHttpClient(withInterceptors([authInterceptor])),
      provideHttpClientTesting(),
      provideRouter(appRoutes, withComponentInputBinding()),
    ],
  });
  return RouterTestingHarness.create();
}

describe('app routes', () => {
  afterEach(() => sessionStorage.clear());

  it('sends signed-out people to the sign-in page', async () => {
    const harness = await setUp();

    await harness.navigateByUrl('/decisions');

    expect(TestBed.inject(Router).url).toBe('/connexion?returnUrl=%2Fdecisions');
    expect((harness.routeNativeElement as HTMLElement).querySelector('h1')?.textContent).toBe(
      'Connexion à Parcours',
    );
  });

  it('sends signed-out visitors of the home page to sign in with no detour afterwards', async () => {
    const harness = await setUp();

    await harness.navigateByUrl('/');

    // Once signed in they go to "/", which leads to the first space of their roles.
    expect(TestBed.inject(Router).url).toBe('/connexion');
  });

  it('lands managers on the board', async () => {
    const harness = await setUp();
    await signInAs(['manager']);

    // Not awaited: the board is only stable once its requests are answered, which is the
    // business of the board's own tests.
    void harness.navigateByUrl('/');
    await new Promise((resolve) => setTimeout(resolve, 0));
    harness.fixture.detectChanges();

    expect(TestBed.inject(Router).url).toBe('/tableau');
    const page = harness.fixture.nativeElement as HTMLElement;
    expect(page.querySelector('main h1')?.textContent).toBe('Tableau du parcours');
    const requested = TestBed.inject(HttpTestingController)
      .match(() => true)
      .map((request) => request.request.url);
    expect(requested).toContain('/api/v1/startups/stage-counts');
  });

  it('lands mentors on their space', async () => {
    const harness = await setUp();
    await signInAs(['mentor']);

    await harness.navigateByUrl('/');

    expect(TestBed.inject(Router).url).toBe('/mentorat');
    const page = harness.fixture.nativeElement as HTMLElement;
    expect(page.querySelector('main h1')?.textContent).toBe('Espace mentor');
    expect(page.querySelector('main p')?.textContent).toBe(
      'Vos startups accompagnées, vos séances et les actions à mener.',
    );
  });

  it('keeps people out of spaces their roles do not open', async () => {
    const harness = await setUp();
    await signInAs(['funder']);

    await harness.navigateByUrl('/administration');

    expect(TestBed.inject(Router).url).toBe('/financeurs');
  });

  it('tells people whose roles open no space whom to ask', async () => {
    const harness = await setUp();
    await signInAs([]);

    await harness.navigateByUrl('/');

    expect(TestBed.inject(Router).url).toBe('/acces');
    expect(
      (harness.fixture.nativeElement as HTMLElement).querySelector('main p')?.textContent,
    ).toContain("Contactez l'équipe du programme");
  });
});
