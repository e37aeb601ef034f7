import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { AuthSession, SESSION_STORAGE_KEY } from '@parcours/backoffice-data-access';
import type { MeResponse, Role } from '@parcours/contracts';
import { requireAnyRole, signedInGuard, signedOutGuard } from './access-guards';

@Component({ template: 'page' })
class Page {}

async function setUp(roles: Role[] | null): Promise<RouterTestingHarness> {
  TestBed.configureTestingModule({
    providers: [
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([
        { path: 'connexion', canActivate: [signedOutGuard], component: Page },
        {
          path: '',
          canActivateChild: [signedInGuard],
          children: [
            { path: 'accueil', component: Page },
            {
              path: 'tableau',
              canActivate: [requireAnyRole(['manager', 'admin'])],
              component: Page,
            },
            { path: '', pathMatch: 'full', component: Page },
          ],
        },
      ]),
    ],
  });
  if (roles !== null) {
    sessionStorage.setItem(
      SESSION_STORAGE_KEY,
      JSON.stringify({ accessToken: 't', expiresAt: Date.now() + 60_000 }),
    );
    const restoring = TestBed.inject(AuthSession).restore();
    const me: MeResponse = { id: 'u', email: 'x@y.z', displayName: 'X', roles, grants: [] };
    TestBed.inject(HttpTestingController).expectOne('/api/v1/me').flush(me);
    await restoring;
  }
  return RouterTestingHarness.create();
}

describe('access guards', () => {
  afterEach(() => sessionStorage.clear());

  it('sends signed-out people to the sign-in page with the way back', async () => {
    const harness = await setUp(null);

    await harness.navigateByUrl('/tableau?territory=CAEN');

    expect(TestBed.inject(Router).url).toBe('/connexion?returnUrl=%2Ftableau%3Fterritory%3DCAEN');
  });

  it('lets signed-in people through', async () => {
    const harness = await setUp(['manager']);

    await harness.navigateByUrl('/tableau');

    expect(TestBed.inject(Router).url).toBe('/tableau');
  });

  it('sends people without the role home', async () => {
    const harness = await setUp(['founder']);

    await harness.navigateByUrl('/tableau');

    expect(TestBed.inject(Router).url).toBe('/');
  });

  it('keeps signed-in people away from the sign-in page', async () => {
    const harness = await setUp(['mentor']);

    await harness.navigateByUrl('/connexion');

    expect(TestBed.inject(Router).url).toBe('/');
  });
});
