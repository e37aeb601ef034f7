import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { LoginResponse, MeResponse } from '@parcours/contracts';
import { AuthSession, SESSION_STORAGE_KEY } from './auth-session';

const loginResponse: LoginResponse = {
  accessToken: 'token-1',
  expiresIn: 900,
  user: {
    id: 'u1',
    email: 'manager.rouen@demo.parcours.test',
    displayName: 'Camille Martin',
    roles: ['manager'],
  },
};

const me: MeResponse = {
  ...loginResponse.user,
  roles: ['manager', 'mentor'],
  grants: [
    { role: 'manager', scope: 'STRUCTURE', scopeId: 's1' },
    { role: 'mentor', scope: 'STARTUP', scopeId: 'st1' },
  ],
};

function setUp(): { session: AuthSession; http: HttpTestingController } {
  TestBed.configureTestingModule({
    providers: [provideHttpClient(), provideHttpClientTesting()],
  });
  return { session: TestBed.inject(AuthSession), http: TestBed.inject(HttpTestingController) };
}

/** Lets the promise chain inside signIn reach its next request. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function storeToken(accessToken: string, expiresAt: number): void {
  sessionStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ accessToken, expiresAt }));
}

describe('AuthSession', () => {
  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    sessionStorage.clear();
  });

  it('starts signed out when nothing is stored', () => {
    const { session } = setUp();

    expect(session.isSignedIn()).toBe(false);
    expect(session.token()).toBeNull();
    expect(session.roles()).toEqual([]);
  });

  it('signs in, keeps the token in sessionStorage and loads the grants from /me', async () => {
    const { session, http } = setUp();

    const signingIn = session.signIn({ email: me.email, password: 'secret' });
    const login = http.expectOne('/api/v1/auth/login');
    expect(login.request.method).toBe('POST');
    expect(login.request.body).toEqual({ email: me.email, password: 'secret' });
    login.flush(loginResponse);
    await settle();
    http.expectOne('/api/v1/me').flush(me);
    const user = await signingIn;

    expect(user.displayName).toBe('Camille Martin');
    expect(session.isSignedIn()).toBe(true);
    expect(session.token()).toBe('token-1');
    expect(session.roles()).toEqual(['manager', 'mentor']);
    expect(session.grants()).toEqual(me.grants);
    expect(session.hasAnyRole(['admin', 'mentor'])).toBe(true);
    expect(session.hasAnyRole(['funder'])).toBe(false);
    const stored: unknown = JSON.parse(sessionStorage.getItem(SESSION_STORAGE_KEY) ?? 'null');
    expect(stored).toEqual({ accessToken: 'token-1', expiresAt: expect.any(Number) });
  });

  it('keeps the roles from the login response when /me is unavailable', async () => {
    const { session, http } = setUp();

    const signingIn = session.signIn({ email: me.email, password: 'secret' });
    http.expectOne('/api/v1/auth/login').flush(loginResponse);
    await settle();
    http.expectOne('/api/v1/me').flush(null, { status: 503, statusText: 'Unavailable' });
    await signingIn;

    expect(session.isSignedIn()).toBe(true);
    expect(session.roles()).toEqual(['manager']);
  });

  it('rejects with the HTTP error on bad credentials and stays signed out', async () => {
    const { session, http } = setUp();

    const signingIn = session.signIn({ email: me.email, password: 'wrong' });
    http
      .expectOne('/api/v1/auth/login')
      .flush(
        { type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'Invalid credentials' },
        { status: 401, statusText: 'Unauthorized' },
      );

    await expect(signingIn).rejects.toMatchObject({ status: 401 });
    expect(session.isSignedIn()).toBe(false);
    expect(sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });

  it('restores a stored session with GET /me after a reload', async () => {
    storeToken('stored-token', Date.now() + 60_000);
    const { session, http } = setUp();
    expect(session.token()).toBe('stored-token');
    expect(session.isSignedIn()).toBe(false);

    const restoring = session.restore();
    http.expectOne('/api/v1/me').flush(me);
    await restoring;

    expect(session.isSignedIn()).toBe(true);
    expect(session.user()?.email).toBe(me.email);
    expect(session.grants()).toHaveLength(2);
  });

  it('does not call /me on start when no token is stored', async () => {
    const { session, http } = setUp();

    await session.restore();

    http.expectNone('/api/v1/me');
    expect(session.isSignedIn()).toBe(false);
  });

  it('ignores an expired stored token', () => {
    storeToken('old-token', Date.now() - 1);
    const { session } = setUp();

    expect(session.token()).toBeNull();
    expect(sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });

  it('forgets a stored token that the API refuses, and says why', async () => {
    storeToken('revoked-token', Date.now() + 60_000);
    const { session, http } = setUp();

    const restoring = session.restore();
    http.expectOne('/api/v1/me').flush(null, { status: 401, statusText: 'Unauthorized' });
    await restoring;

    expect(session.token()).toBeNull();
    expect(session.signOutReason()).toBe('expired');
    expect(sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });

  it('signs out: forgets everything and asks the API to revoke the token', async () => {
    storeToken('stored-token', Date.now() + 60_000);
    const { session, http } = setUp();
    const restoring = session.restore();
    http.expectOne('/api/v1/me').flush(me);
    await restoring;

    session.signOut();

    const logout = http.expectOne('/api/v1/auth/logout');
    expect(logout.request.method).toBe('POST');
    expect(logout.request.headers.get('Authorization')).toBe('Bearer stored-token');
    logout.flush(null, { status: 204, statusText: 'No Content' });
    expect(session.isSignedIn()).toBe(false);
    expect(session.token()).toBeNull();
    expect(session.roles()).toEqual([]);
    expect(session.signOutReason()).toBe('signed-out');
    expect(sessionStorage.getItem(SESSION_STORAGE_KEY)).toBeNull();
  });
});
