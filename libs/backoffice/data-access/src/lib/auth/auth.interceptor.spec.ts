import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { MeResponse } from '@parcours/contracts';
import { firstValueFrom } from 'rxjs';
import { AuthSession, SESSION_STORAGE_KEY } from './auth-session';
import { authInterceptor } from './auth.interceptor';

const me: MeResponse = {
  id: 'u1',
  email: 'admin@demo.parcours.test',
  displayName: 'Admin',
  roles: ['admin'],
  grants: [{ role: 'admin', scope: 'GLOBAL', scopeId: null }],
};

async function signedInSetUp(): Promise<{
  client: HttpClient;
  http: HttpTestingController;
  session: AuthSession;
}> {
  sessionStorage.setItem(
    SESSION_STORAGE_KEY,
    JSON.stringify({ accessToken: 'abc', expiresAt: Date.now() + 60_000 }),
  );
  TestBed.configureTestingModule({
    providers: [provideHttpClient(withInterceptors([authInterceptor])), provideHttpClientTesting()],
  });
  const session = TestBed.inject(AuthSession);
  const http = TestBed.inject(HttpTestingController);
  const restoring = session.restore();
  http.expectOne('/api/v1/me').flush(me);
  await restoring;
  return { client: TestBed.inject(HttpClient), http, session };
}

describe('authInterceptor', () => {
  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    sessionStorage.clear();
  });

  it('adds the bearer token to API calls', async () => {
    const { client, http } = await signedInSetUp();

    const response = firstValueFrom(client.get('/api/v1/startups'));
    const request = http.expectOne('/api/v1/startups');
    request.flush({ items: [], nextCursor: null });
    await response;

    expect(request.request.headers.get('Authorization')).toBe('Bearer abc');
  });

  it('sends no token to anything that is not the API', async () => {
    const { client, http } = await signedInSetUp();

    const response = firstValueFrom(client.get('/i18n/fr.json'));
    const request = http.expectOne('/i18n/fr.json');
    request.flush({});
    await response;

    expect(request.request.headers.has('Authorization')).toBe(false);
  });

  it('sends no token when signed out', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    const client = TestBed.inject(HttpClient);
    const http = TestBed.inject(HttpTestingController);

    const response = firstValueFrom(client.get('/api/v1/startups'));
    const request = http.expectOne('/api/v1/startups');
    request.flush({ items: [], nextCursor: null });
    await response;

    expect(request.request.headers.has('Authorization')).toBe(false);
  });

  it('signs out when the API refuses the token', async () => {
    const { client, http, session } = await signedInSetUp();

    const response = firstValueFrom(client.get('/api/v1/startups'));
    http
      .expectOne('/api/v1/startups')
      .flush({ status: 401, title: 'Unauthorized' }, { status: 401, statusText: 'Unauthorized' });

    await expect(response).rejects.toMatchObject({ status: 401 });
    expect(session.isSignedIn()).toBe(false);
    expect(session.signOutReason()).toBe('expired');
    http.expectNone('/api/v1/auth/logout');
  });

  it('keeps the session on other errors', async () => {
    const { client, http, session } = await signedInSetUp();

    const response = firstValueFrom(client.get('/api/v1/startups/x'));
    http
      .expectOne('/api/v1/startups/x')
      .flush({ status: 404, title: 'Not Found' }, { status: 404, statusText: 'Not Found' });

    await expect(response).rejects.toMatchObject({ status: 404 });
    expect(session.isSignedIn()).toBe(true);
  });
});
