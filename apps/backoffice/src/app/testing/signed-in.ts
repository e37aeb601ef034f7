import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { AuthSession, SESSION_STORAGE_KEY } from '@parcours/backoffice-data-access';
import type { MeResponse, Role } from '@parcours/contracts';

/** Signs a test user in the way a reload does: a stored token, then `GET /me`. */
export async function signInAs(roles: Role[], displayName = 'Camille Martin'): Promise<void> {
  sessionStorage.setItem(
    SESSION_STORAGE_KEY,
    JSON.stringify({ accessToken: 'test-token', expiresAt: Date.now() + 60_000 }),
  );
  const restoring = TestBed.inject(AuthSession).restore();
  const me: MeResponse = {
    id: 'u1',
    email: 'camille@demo.parcours.test',
    displayName,
    roles,
    grants: [],
  };
  TestBed.inject(HttpTestingController).expectOne('/api/v1/me').flush(me);
  await restoring;
}
