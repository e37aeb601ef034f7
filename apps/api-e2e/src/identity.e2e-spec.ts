import { createHmac, createSign, generateKeyPairSync, randomUUID } from 'node:crypto';
import { TEST_PASSWORD } from '@parcours/server-testing';
import { generate } from 'otplib';
import { TEST_JWT_SECRET, startPlatform, type Platform } from './support/platform';

/*
 * Accounts, sessions and multi-factor sign-in over HTTP (SPEC §1, §3 auth routes, `/me`,
 * `/users`). The platform runs with MFA required for admins and managers, as outside demo mode.
 */

interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

interface Session {
  accessToken: string;
  expiresIn: number;
  refreshToken: string;
  refreshExpiresIn: number;
  mfaEnabled: boolean;
  user: { id: string; email: string; displayName: string; roles: string[] };
}

interface Answer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

const MFA_KEY = 'c0ffee'.repeat(10) + 'c0ff';
const STRONG_PASSWORD = 'tugboat-orchard-velvet-1987';
const BAD_CREDENTIALS = 'Invalid e-mail or password';

const b64url = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

/** A JWT built by hand, so that each test controls exactly one property of it. */
function jwt(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  secret = TEST_JWT_SECRET,
): string {
  const signingInput = `${b64url(header)}.${b64url(payload)}`;
  const algorithm = header['alg'] === 'HS512' ? 'sha512' : 'sha256';
  const signature = createHmac(algorithm, secret).update(signingInput).digest('base64url');
  return `${signingInput}.${signature}`;
}

const payloadOf = (token: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));

/** The code an authenticator app shows, `stepsAhead` time steps from now. */
const totp = (secret: string, stepsAhead = 0) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 });

describe('identity: accounts, sessions and multi-factor sign-in', () => {
  let platform: Platform;
  let admin: Session;
  let structureId: string;
  let startupId: string;
  let otherStartupId: string;
  let addressCounter = 0;

  /** Each test signs in from its own client address, so the per-address limit stays its own. */
  const newAddress = () => `198.51.100.${(addressCounter += 1)}`;

  const call = async <T = Record<string, unknown>>(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<Answer<T>> => {
    const response = await fetch(`${platform.baseUrl}${path}`, {
      method,
      headers: {
        ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body:
        options.body === undefined
          ? undefined
          : typeof options.body === 'string'
            ? options.body
            : JSON.stringify(options.body),
    });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // keep the text
    }
    return { status: response.status, headers: response.headers, body: body as T };
  };

  const login = (email: string, password = TEST_PASSWORD, address = newAddress()) =>
    call<Record<string, unknown>>('POST', '/api/v1/auth/login', {
      body: { email, password },
      headers: { 'x-forwarded-for': address },
    });

  const signIn = async (email: string, password = TEST_PASSWORD): Promise<Session> => {
    const answer = await login(email, password);
    expect(answer.status).toBe(200);
    expect(answer.body['accessToken']).toEqual(expect.any(String));
    return answer.body as unknown as Session;
  };

  /** An admin or manager's first sign-in: enrol an authenticator, confirm, get the session. */
  const enrolAndSignIn = async (email: string) => {
    const first = await login(email);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      mfaEnrolmentRequired: true,
      mfaEnrolmentToken: expect.any(String),
    });
    const enrolmentToken = first.body['mfaEnrolmentToken'] as string;
    const enrolment = await call<{ secret: string }>('POST', '/api/v1/me/mfa/enrol', {
      token: enrolmentToken,
    });
    expect(enrolment.status).toBe(200);
    const confirmed = await call<{ recoveryCodes: string[]; session: Session }>(
      'POST',
      '/api/v1/me/mfa/confirm',
      {
        token: enrolmentToken,
        body: { code: await totp(enrolment.body.secret) },
      },
    );
    expect(confirmed.status).toBe(200);
    return {
      secret: enrolment.body.secret,
      recoveryCodes: confirmed.body.recoveryCodes,
      session: confirmed.body.session,
    };
  };

  const expectProblem = (answer: Answer<unknown>, status: number, path?: string) => {
    expect(answer.status).toBe(status);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ status, title: expect.any(String) });
    if (path) {
      expect((answer.body as unknown as Problem).errors?.map((error) => error.path)).toContain(
        path,
      );
    }
  };

  const me = (token: string) => call<Record<string, unknown>>('GET', '/api/v1/me', { token });

  const count = async (table: string) =>
    Number((await platform.db.dataSource.query(`SELECT count(*) AS count FROM ${table}`))[0].count);

  /** The audit trail's actions about one entity, oldest first. */
  const auditedActions = async (entityId: string): Promise<string[]> =>
    (
      await platform.db.dataSource.query(
        `SELECT action, actor_id AS "actorId" FROM audit_entry WHERE entity_id = $1 ORDER BY id`,
        [entityId],
      )
    ).map((row: { action: string; actorId: string | null }) => `${row.action} by ${row.actorId}`);

  const newFounder = async (label: string) => {
    const email = `${label}.${randomUUID().slice(0, 8)}@test.parcours`;
    const id = await platform.builders.user(email, [{ role: 'founder', startupId }]);
    return { email, id };
  };

  beforeAll(async () => {
    platform = await startPlatform({
      env: { MFA_REQUIRED_FOR_STAFF: 'true', MFA_ENCRYPTION_KEY: MFA_KEY },
    });
    structureId = await platform.builders.structure('Incubateur Rouen', 'INCUBATOR', 'ROUEN');
    const otherStructure = await platform.builders.structure(
      'Incubateur Caen',
      'INCUBATOR',
      'CAEN',
    );
    const insertStartup = async (name: string, structure: string, territory: string) =>
      (
        await platform.db.dataSource.query(
          `INSERT INTO startup (name, domain, territory_code, stage, current_structure_id)
           VALUES ($1, 'SMART_CITIES', $2, 'INCUBATION', $3) RETURNING id`,
          [name, territory, structure],
        )
      )[0].id as string;
    startupId = await insertStartup('Port Data Lab', structureId, 'ROUEN');
    otherStartupId = await insertStartup('Caen Robotics', otherStructure, 'CAEN');
    await platform.builders.user('admin@test.parcours', [{ role: 'admin' }]);
    admin = (await enrolAndSignIn('admin@test.parcours')).session;
  });

  afterAll(async () => {
    await platform?.stop();
  });

  describe('access tokens', () => {
    let session: Session;
    let claims: Record<string, unknown>;
    const now = () => Math.floor(Date.now() / 1000);

    beforeAll(async () => {
      session = await signIn((await newFounder('tokens')).email);
      claims = payloadOf(session.accessToken);
    });

    it('are HS256 JWTs naming issuer, audience, expiry (≤ 15 min) and the session', () => {
      expect(
        JSON.parse(Buffer.from(session.accessToken.split('.')[0], 'base64url').toString()),
      ).toMatchObject({
        alg: 'HS256',
      });
      expect(claims).toMatchObject({
        iss: 'parcours',
        aud: 'parcours-api',
        typ: 'access',
        sid: expect.any(String),
      });
      expect((claims['exp'] as number) - (claims['iat'] as number)).toBeLessThanOrEqual(900);
      expect(session.expiresIn).toBeLessThanOrEqual(900);
    });

    it('a token re-signed by hand with the same claims works: the refusals below are about one change each', async () => {
      const resigned = jwt(
        { alg: 'HS256', typ: 'JWT' },
        { ...claims, iat: now(), exp: now() + 600 },
      );
      expect((await me(resigned)).status).toBe(200);
    });

    it.each([
      ['expired', () => ({ iat: now() - 1200, exp: now() - 300 })],
      [
        'not yet valid (nbf in the future)',
        () => ({ iat: now(), nbf: now() + 600, exp: now() + 900 }),
      ],
      ['issued in the future', () => ({ iat: now() + 3600, exp: now() + 4200 })],
      ['without expiry', () => ({ iat: now(), exp: undefined })],
      ['for another audience', () => ({ aud: 'another-api', iat: now(), exp: now() + 600 })],
      ['from another issuer', () => ({ iss: 'someone-else', iat: now(), exp: now() + 600 })],
      ['of another type (MFA step)', () => ({ typ: 'mfa', iat: now(), exp: now() + 300 })],
    ])('are refused when %s', async (_label, change) => {
      const token = jwt({ alg: 'HS256', typ: 'JWT' }, { ...claims, ...change() });
      const answer = await me(token);
      expectProblem(answer, 401);
    });

    it('are refused when signed with HS512, even with the right secret', async () => {
      const token = jwt({ alg: 'HS512', typ: 'JWT' }, { ...claims, iat: now(), exp: now() + 600 });
      expectProblem(await me(token), 401);
    });

    it('are refused when RS256-signed with another key', async () => {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const signingInput = `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url({ ...claims, iat: now(), exp: now() + 600 })}`;
      const signature = createSign('RSA-SHA256')
        .update(signingInput)
        .sign(privateKey)
        .toString('base64url');
      expectProblem(await me(`${signingInput}.${signature}`), 401);
    });

    it('are refused with `alg: none`', async () => {
      const unsigned = `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url({ ...claims, iat: now(), exp: now() + 600 })}.`;
      expectProblem(await me(unsigned), 401);
    });

    it('are refused when the payload was tampered with', async () => {
      const [header, , signature] = session.accessToken.split('.');
      const forged = `${header}.${b64url({ ...claims, sub: admin.user.id })}.${signature}`;
      expectProblem(await me(forged), 401);
    });
  });

  describe('sign-in', () => {
    it('answers the contract: accessToken, expiresIn, user, plus the refresh token in body and cookie', async () => {
      const { email } = await newFounder('contract');
      const answer = await login(email);
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        accessToken: expect.any(String),
        expiresIn: 900,
        refreshToken: expect.any(String),
        mfaEnabled: false,
        user: {
          id: expect.any(String),
          email,
          displayName: expect.any(String),
          roles: ['founder'],
        },
      });
      const cookie = answer.headers
        .getSetCookie()
        .find((line) => line.startsWith('parcours_refresh='));
      expect(cookie).toBeDefined();
      expect(cookie).toContain(`parcours_refresh=${answer.body['refreshToken']}`);
      expect(cookie).toMatch(/;\s*HttpOnly/i);
      expect(cookie).toMatch(/;\s*SameSite=Strict/i);
      expect(cookie).toMatch(/;\s*Path=\/api\/v1\/auth/i);
      // Plain http on a test machine: Secure would make browsers drop it (see README).
      expect(cookie).not.toMatch(/;\s*Secure/i);
      const stored = await platform.db.dataSource.query(
        `SELECT token_hash FROM refresh_token WHERE user_id = $1`,
        [(answer.body['user'] as { id: string }).id],
      );
      expect(stored).toHaveLength(1);
      expect(stored[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(stored[0].token_hash).not.toBe(answer.body['refreshToken']);
    });

    it('gives the same 401 for an unknown e-mail and a wrong password, and 429 at the 11th failure in a minute from one address', async () => {
      const { email } = await newFounder('throttled-address');
      const address = newAddress();
      const failures: Answer[] = [];
      for (let i = 0; i < 5; i += 1)
        failures.push(await login(`nobody${i}@test.parcours`, 'whatever-password', address));
      for (let i = 0; i < 5; i += 1)
        failures.push(await login(email, 'wrong-password-123', address));
      for (const failure of failures) {
        expectProblem(failure, 401);
        expect((failure.body as unknown as Problem).detail).toBe(BAD_CREDENTIALS);
      }
      const eleventh = await login(email, TEST_PASSWORD, address);
      expectProblem(eleventh, 429);
      expect(eleventh.headers.get('retry-after')).toBe('60');
      // Another address is not limited by this one.
      expect((await login(email)).status).toBe(200);
    });

    it('limits failures per account across addresses too', async () => {
      const { email } = await newFounder('throttled-account');
      for (let i = 0; i < 10; i += 1) expectProblem(await login(email, `wrong-password-${i}`), 401);
      expectProblem(await login(email), 429);
    });

    it('refuses a disabled account with the same message', async () => {
      const { email, id } = await newFounder('disabled-login');
      await platform.db.dataSource.query(`UPDATE app_user SET disabled_at = now() WHERE id = $1`, [
        id,
      ]);
      const answer = await login(email);
      expectProblem(answer, 401);
      expect((answer.body as unknown as Problem).detail).toBe(BAD_CREDENTIALS);
    });
  });

  describe('refresh tokens', () => {
    const refresh = (refreshToken: string) =>
      call<Session>('POST', '/api/v1/auth/refresh', { body: { refreshToken } });

    it('rotate on every use, from the body or from the cookie', async () => {
      const first = await signIn((await newFounder('rotation')).email);
      const second = await refresh(first.refreshToken);
      expect(second.status).toBe(200);
      expect(second.body.refreshToken).not.toBe(first.refreshToken);
      expect((await me(second.body.accessToken)).status).toBe(200);

      const third = await call<Session>('POST', '/api/v1/auth/refresh', {
        headers: { cookie: `parcours_refresh=${second.body.refreshToken}` },
      });
      expect(third.status).toBe(200);
      expect(third.headers.getSetCookie().join('\n')).toContain(
        `parcours_refresh=${third.body.refreshToken}`,
      );
      expect(payloadOf(third.body.accessToken)['sid']).toBe(payloadOf(first.accessToken)['sid']);
    });

    it('used twice revoke the whole session: the newer token and its access token stop working', async () => {
      const first = await signIn((await newFounder('reuse')).email);
      const second = await refresh(first.refreshToken);
      expect(second.status).toBe(200);

      const replay = await refresh(first.refreshToken);
      expectProblem(replay, 401);

      expectProblem(await refresh(second.body.refreshToken), 401);
      expectProblem(await me(second.body.accessToken), 401);
      expectProblem(await me(first.accessToken), 401);
      const live = await platform.db.dataSource.query(
        `SELECT count(*)::int AS count FROM refresh_token WHERE family_id = $1 AND revoked_at IS NULL`,
        [payloadOf(first.accessToken)['sid']],
      );
      expect(live[0].count).toBe(0);
    });

    it('are refused when unknown, missing or expired', async () => {
      expectProblem(await refresh('not-a-token-we-issued'), 401);
      expectProblem(await call('POST', '/api/v1/auth/refresh'), 401);
      const session = await signIn((await newFounder('expired-refresh')).email);
      await platform.db.dataSource.query(
        `UPDATE refresh_token SET created_at = now() - interval '2 hours', expires_at = now() - interval '1 second'
          WHERE family_id = $1`,
        [payloadOf(session.accessToken)['sid']],
      );
      expectProblem(await refresh(session.refreshToken), 401);
    });
  });

  describe('sign-out and disabled accounts', () => {
    it('logout revokes the session: its refresh and access tokens stop working', async () => {
      const session = await signIn((await newFounder('logout')).email);
      const answer = await call('POST', '/api/v1/auth/logout', { token: session.accessToken });
      expect(answer.status).toBe(204);
      expect(answer.headers.getSetCookie().join('\n')).toMatch(/parcours_refresh=;/);
      expectProblem(
        await call('POST', '/api/v1/auth/refresh', {
          body: { refreshToken: session.refreshToken },
        }),
        401,
      );
      expectProblem(await me(session.accessToken), 401);
    });

    it('logout with the refresh cookie alone works too, and other sessions of the user live on', async () => {
      const { email } = await newFounder('logout-cookie');
      const [browser, phone] = [await signIn(email), await signIn(email)];
      const answer = await call('POST', '/api/v1/auth/logout', {
        headers: { cookie: `parcours_refresh=${browser.refreshToken}` },
      });
      expect(answer.status).toBe(204);
      expectProblem(await me(browser.accessToken), 401);
      expect((await me(phone.accessToken)).status).toBe(200);
    });

    it('logout without any credential is a 401', async () => {
      expectProblem(await call('POST', '/api/v1/auth/logout'), 401);
    });

    it('disabling an account ends its sessions at once', async () => {
      const { email, id } = await newFounder('disabled');
      const [first, second] = [await signIn(email), await signIn(email)];
      expect((await me(first.accessToken)).status).toBe(200);

      const disabled = await call<{ disabled: boolean }>('PATCH', `/api/v1/users/${id}`, {
        token: admin.accessToken,
        body: { disabled: true },
      });
      expect(disabled.status).toBe(200);
      expect(disabled.body.disabled).toBe(true);

      expectProblem(await me(first.accessToken), 401);
      expectProblem(await me(second.accessToken), 401);
      expectProblem(
        await call('POST', '/api/v1/auth/refresh', { body: { refreshToken: second.refreshToken } }),
        401,
      );
      const live = await platform.db.dataSource.query(
        `SELECT count(*)::int AS count FROM refresh_token WHERE user_id = $1 AND revoked_at IS NULL`,
        [id],
      );
      expect(live[0].count).toBe(0);

      expect(await auditedActions(id)).toContain(`user.disabled by ${admin.user.id}`);
      const enabled = await call('PATCH', `/api/v1/users/${id}`, {
        token: admin.accessToken,
        body: { disabled: false },
      });
      expect(enabled.status).toBe(200);
      expect((await login(email)).status).toBe(200);
    });

    it('an admin cannot disable their own account', async () => {
      expectProblem(
        await call('PATCH', `/api/v1/users/${admin.user.id}`, {
          token: admin.accessToken,
          body: { disabled: true },
        }),
        409,
        'disabled',
      );
    });
  });

  describe('accounts and invitations', () => {
    const createUser = (body: Record<string, unknown>, token = admin.accessToken) =>
      call<Record<string, unknown>>('POST', '/api/v1/users', { token, body });

    const invitationTokenOf = (answer: Answer) => {
      const link = (answer.body['invitation'] as { link: string }).link;
      expect(link).toMatch(/\/accept-invitation#token=[\w-]{43}$/);
      return link.split('#token=')[1];
    };

    const accept = (body: Record<string, unknown>) =>
      call<Record<string, unknown>>('POST', '/api/v1/auth/accept-invitation', { body });

    it('an admin creates an account without password: the invitation works once', async () => {
      const email = `invited.${randomUUID().slice(0, 8)}@test.parcours`;
      const created = await createUser({
        email,
        displayName: 'Camille Martin',
        grants: [{ role: 'founder', scope: 'STARTUP', scopeId: startupId }],
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        email,
        passwordSet: false,
        mfaEnabled: false,
        roles: ['founder'],
        invitation: { expiresAt: expect.any(String), link: expect.any(String) },
      });
      const days =
        (Date.parse((created.body['invitation'] as { expiresAt: string }).expiresAt) - Date.now()) /
        86_400_000;
      expect(days).toBeGreaterThan(6.9);
      expect(days).toBeLessThanOrEqual(7);
      expect(await auditedActions(created.body['id'] as string)).toEqual([
        `user.created by ${admin.user.id}`,
      ]);
      const token = invitationTokenOf(created);
      const stored = await platform.db.dataSource.query(
        `SELECT token_hash FROM invitation WHERE user_id = $1`,
        [created.body['id']],
      );
      expect(stored[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(stored)).not.toContain(token);

      expectProblem(await login(email, STRONG_PASSWORD), 401);
      // A refused password leaves the invitation open for a better one.
      expectProblem(await accept({ token, password: 'camille-martin-2026' }), 400, 'password');

      const accepted = await accept({
        token,
        password: STRONG_PASSWORD,
        displayName: 'Camille M.',
      });
      expect(accepted.status).toBe(200);
      expect(accepted.body).toEqual({ email, displayName: 'Camille M.' });
      expect((await signIn(email, STRONG_PASSWORD)).user.displayName).toBe('Camille M.');

      expectProblem(await accept({ token, password: 'another-long-passphrase-42' }), 400, 'token');
      expect((await signIn(email, STRONG_PASSWORD)).user.email).toBe(email);
    });

    it('an expired invitation is refused; a new one replaces it', async () => {
      const created = await createUser({
        email: `late.${randomUUID().slice(0, 8)}@test.parcours`,
        displayName: 'Late',
      });
      const token = invitationTokenOf(created);
      await platform.db.dataSource.query(
        `UPDATE invitation SET created_at = now() - interval '8 days', expires_at = now() - interval '1 day'
          WHERE user_id = $1`,
        [created.body['id']],
      );
      expectProblem(await accept({ token, password: STRONG_PASSWORD }), 400, 'token');

      const reissued = await call<{ link: string }>(
        'POST',
        `/api/v1/users/${created.body['id']}/invitations`,
        {
          token: admin.accessToken,
        },
      );
      expect(reissued.status).toBe(201);
      const fresh = reissued.body.link.split('#token=')[1];
      expect((await accept({ token: fresh, password: STRONG_PASSWORD })).status).toBe(200);
    });

    it.each([
      ['too short', 'Xq7#vLp2$kM'],
      ['a common password', 'password1234'],
      ['found in breach lists', 'qwerty123456'],
      ['made of the e-mail', 'dominique.weak@test.parcours'],
      ['made of the name', 'Dominique-Weakling-2026'],
    ])(
      'refuses a password %s with a 400 naming `password`, creating nothing',
      async (_label, password) => {
        const before = await count('app_user');
        const answer = await createUser({
          email: `dominique.weak.${randomUUID().slice(0, 4)}@test.parcours`,
          displayName: 'Dominique Weakling',
          password,
        });
        expectProblem(answer, 400, 'password');
        expect(await count('app_user')).toBe(before);
      },
    );

    it('lists, reads and renames accounts, with versions', async () => {
      const listed = await call<{ items: { email: string }[]; nextCursor: string | null }>(
        'GET',
        '/api/v1/users?role=admin&limit=1',
        { token: admin.accessToken },
      );
      expect(listed.status).toBe(200);
      expect(listed.body.items.map((item) => item.email)).toEqual(['admin@test.parcours']);

      const { id } = await newFounder('renamed');
      const read = await call<{ version: number }>('GET', `/api/v1/users/${id}`, {
        token: admin.accessToken,
      });
      expect(read.status).toBe(200);
      expect(read.headers.get('etag')).toBe(`"${read.body.version}"`);
      const renamed = await call<{ displayName: string }>('PATCH', `/api/v1/users/${id}`, {
        token: admin.accessToken,
        body: { displayName: 'Renamed Founder' },
        headers: { 'if-match': `"${read.body.version}"` },
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body.displayName).toBe('Renamed Founder');
      expectProblem(
        await call('PATCH', `/api/v1/users/${id}`, {
          token: admin.accessToken,
          body: { displayName: 'Stale' },
          headers: { 'if-match': `"${read.body.version}"` },
        }),
        412,
      );
    });

    it('only admins manage accounts; an e-mail is used once', async () => {
      const founder = await signIn((await newFounder('not-admin')).email);
      expectProblem(await call('GET', '/api/v1/users', { token: founder.accessToken }), 403);
      expectProblem(
        await createUser({ email: 'x@test.parcours', displayName: 'X' }, founder.accessToken),
        403,
      );
      expectProblem(
        await createUser({ email: 'ADMIN@test.parcours', displayName: 'Twin' }),
        409,
        'email',
      );
    });
  });

  describe('grants', () => {
    let manager: Session;

    beforeAll(async () => {
      const email = `manager.${randomUUID().slice(0, 8)}@test.parcours`;
      await platform.builders.user(email, [{ role: 'manager', structureId }]);
      manager = (await enrolAndSignIn(email)).session;
    });

    it('an admin grants and revokes a role; a duplicate is a 409', async () => {
      const { id } = await newFounder('grantee');
      const granted = await call<{ id: string; role: string; scopeId: string }>(
        'POST',
        `/api/v1/users/${id}/grants`,
        {
          token: admin.accessToken,
          body: { role: 'funder', scope: 'TERRITORY', scopeId: 'CAEN' },
        },
      );
      expect(granted.status).toBe(201);
      expect(granted.body).toMatchObject({
        role: 'funder',
        scope: 'TERRITORY',
        scopeId: 'CAEN',
        grantedById: admin.user.id,
      });
      expectProblem(
        await call('POST', `/api/v1/users/${id}/grants`, {
          token: admin.accessToken,
          body: { role: 'funder', scope: 'TERRITORY', scopeId: 'CAEN' },
        }),
        409,
      );
      const revoked = await call('DELETE', `/api/v1/users/${id}/grants/${granted.body.id}`, {
        token: admin.accessToken,
      });
      expect(revoked.status).toBe(204);
      expect(await auditedActions(granted.body.id)).toEqual([
        `user.role.granted by ${admin.user.id}`,
        `user.role.revoked by ${admin.user.id}`,
      ]);
      const grants = await platform.db.dataSource.query(
        `SELECT role FROM role_grant WHERE user_id = $1`,
        [id],
      );
      expect(grants).toEqual([{ role: 'founder' }]);
    });

    it('refuses a grant whose scope does not fit the role, naming the field', async () => {
      const { id } = await newFounder('misfit');
      expectProblem(
        await call('POST', `/api/v1/users/${id}/grants`, {
          token: admin.accessToken,
          body: { role: 'manager', scope: 'GLOBAL' },
        }),
        400,
        'scope',
      );
      expectProblem(
        await call('POST', `/api/v1/users/${id}/grants`, {
          token: admin.accessToken,
          body: { role: 'manager', scope: 'STRUCTURE', scopeId: randomUUID() },
        }),
        400,
        'scopeId',
      );
    });

    it('a manager grants founder or mentor on startups they follow, and nothing else', async () => {
      const { id } = await newFounder('mentee');
      const mentor = await call<{ id: string }>('POST', `/api/v1/users/${id}/grants`, {
        token: manager.accessToken,
        body: { role: 'mentor', scope: 'STARTUP', scopeId: startupId },
      });
      expect(mentor.status).toBe(201);
      expectProblem(
        await call('POST', `/api/v1/users/${id}/grants`, {
          token: manager.accessToken,
          body: { role: 'mentor', scope: 'STARTUP', scopeId: otherStartupId },
        }),
        400,
        'scopeId',
      );
      expectProblem(
        await call('POST', `/api/v1/users/${id}/grants`, {
          token: manager.accessToken,
          body: { role: 'manager', scope: 'STRUCTURE', scopeId: structureId },
        }),
        403,
      );
      expect(
        (
          await call('DELETE', `/api/v1/users/${id}/grants/${mentor.body.id}`, {
            token: manager.accessToken,
          })
        ).status,
      ).toBe(204);
    });

    it('someone made manager must enrol MFA before going on', async () => {
      const { email, id } = await newFounder('promoted');
      const session = await signIn(email);
      const granted = await call('POST', `/api/v1/users/${id}/grants`, {
        token: admin.accessToken,
        body: { role: 'manager', scope: 'STRUCTURE', scopeId: structureId },
      });
      expect(granted.status).toBe(201);
      const answer = await me(session.accessToken);
      expectProblem(answer, 401);
      expect((answer.body as unknown as Problem).detail).toMatch(/multi-factor/);
      expect((await login(email)).body).toMatchObject({ mfaEnrolmentRequired: true });
    });
  });

  describe('multi-factor sign-in', () => {
    it('an admin without MFA gets an enrolment token that opens the enrolment routes only', async () => {
      const email = `new.admin.${randomUUID().slice(0, 8)}@test.parcours`;
      await platform.builders.user(email, [{ role: 'admin' }]);
      const first = await login(email);
      expect(first.status).toBe(200);
      expect(first.body).toEqual({
        mfaEnrolmentRequired: true,
        mfaEnrolmentToken: expect.any(String),
        expiresIn: 900,
      });
      expect(first.body).not.toHaveProperty('accessToken');
      const enrolmentToken = first.body['mfaEnrolmentToken'] as string;
      expectProblem(await me(enrolmentToken), 401);
      expectProblem(await call('GET', '/api/v1/users', { token: enrolmentToken }), 401);

      const enrolment = await call<{ secret: string; otpauthUri: string; qrCodeDataUrl: string }>(
        'POST',
        '/api/v1/me/mfa/enrol',
        { token: enrolmentToken },
      );
      expect(enrolment.status).toBe(200);
      expect(enrolment.body.otpauthUri).toContain(`secret=${enrolment.body.secret}`);
      expect(enrolment.body.qrCodeDataUrl).toMatch(/^data:image\/png;base64,/);
      const [stored] = await platform.db.dataSource.query(
        `SELECT mfa_secret FROM app_user WHERE lower(email) = $1`,
        [email],
      );
      expect(stored.mfa_secret).toMatch(/^v1\./);
      expect(stored.mfa_secret).not.toContain(enrolment.body.secret);

      expectProblem(
        await call('POST', '/api/v1/me/mfa/confirm', {
          token: enrolmentToken,
          body: { code: '000000' },
        }),
        400,
        'code',
      );
      const confirmed = await call<{
        mfaEnabled: boolean;
        recoveryCodes: string[];
        session: Session;
      }>('POST', '/api/v1/me/mfa/confirm', {
        token: enrolmentToken,
        body: { code: await totp(enrolment.body.secret) },
      });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.mfaEnabled).toBe(true);
      expect(confirmed.body.recoveryCodes).toHaveLength(10);
      expect(confirmed.body.session).toMatchObject({
        accessToken: expect.any(String),
        mfaEnabled: true,
      });
      const newAdminId = confirmed.body.session.user.id;
      expect(await auditedActions(newAdminId)).toEqual(
        expect.arrayContaining([
          `user.mfa.enrolled by ${newAdminId}`,
          `auth.login.succeeded by ${newAdminId}`,
        ]),
      );
      const profile = await me(confirmed.body.session.accessToken);
      expect(profile.status).toBe(200);
      expect(profile.body).toMatchObject({
        roles: ['admin'],
        mfaEnabled: true,
        mfaRequired: true,
        grants: [expect.any(Object)],
      });
    });

    it('signs in with a TOTP code, once per code', async () => {
      const email = `totp.${randomUUID().slice(0, 8)}@test.parcours`;
      await platform.builders.user(email, [{ role: 'manager', structureId }]);
      const { secret } = await enrolAndSignIn(email);

      const challenge = await login(email);
      expect(challenge.body).toEqual({
        mfaRequired: true,
        mfaToken: expect.any(String),
        expiresIn: 300,
      });
      const mfaToken = challenge.body['mfaToken'] as string;
      expectProblem(await me(mfaToken), 401);
      expectProblem(
        await call('POST', '/api/v1/auth/mfa', { body: { mfaToken, code: '000000' } }),
        401,
      );

      // The code of the current step was spent by the confirmation: the next step's is accepted.
      const code = await totp(secret, 1);
      const session = await call<Session>('POST', '/api/v1/auth/mfa', { body: { mfaToken, code } });
      expect(session.status).toBe(200);
      expect(session.body).toMatchObject({
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        mfaEnabled: true,
      });
      expect((await me(session.body.accessToken)).status).toBe(200);
      expectProblem(await call('POST', '/api/v1/auth/mfa', { body: { mfaToken, code } }), 401);
    });

    it('signs in with a recovery code, which then no longer works', async () => {
      const email = `recovery.${randomUUID().slice(0, 8)}@test.parcours`;
      await platform.builders.user(email, [{ role: 'manager', structureId }]);
      const { recoveryCodes } = await enrolAndSignIn(email);
      const mfaToken = (await login(email)).body['mfaToken'] as string;

      const typedBack = recoveryCodes[3].toLowerCase().replace(/-/g, ' ');
      const session = await call<Session>('POST', '/api/v1/auth/mfa', {
        body: { mfaToken, recoveryCode: typedBack },
      });
      expect(session.status).toBe(200);
      expectProblem(
        await call('POST', '/api/v1/auth/mfa', {
          body: { mfaToken, recoveryCode: recoveryCodes[3] },
        }),
        401,
      );
      const stored = await platform.db.dataSource.query(
        `SELECT count(*) FILTER (WHERE used_at IS NULL)::int AS unused, count(*)::int AS total
           FROM mfa_recovery_code c JOIN app_user u ON u.id = c.user_id WHERE lower(u.email) = $1`,
        [email],
      );
      expect(stored).toEqual([{ unused: 9, total: 10 }]);
    });

    it('wants exactly one of code and recoveryCode, and a live MFA token', async () => {
      expectProblem(
        await call('POST', '/api/v1/auth/mfa', {
          body: { mfaToken: 'x', code: '123456', recoveryCode: 'A' },
        }),
        400,
        'code',
      );
      expectProblem(
        await call('POST', '/api/v1/auth/mfa', { body: { mfaToken: 'x' } }),
        400,
        'code',
      );
      expectProblem(
        await call('POST', '/api/v1/auth/mfa', {
          body: { mfaToken: admin.accessToken, code: '123456' },
        }),
        401,
      );
    });

    it('an admin resets the MFA of a lost phone: sessions end, the next sign-in enrols again', async () => {
      const email = `lost.phone.${randomUUID().slice(0, 8)}@test.parcours`;
      const id = await platform.builders.user(email, [{ role: 'manager', structureId }]);
      const { session } = await enrolAndSignIn(email);
      const reset = await call<{ mfaEnabled: boolean }>('DELETE', `/api/v1/users/${id}/mfa`, {
        token: admin.accessToken,
      });
      expect(reset.status).toBe(200);
      expect(reset.body.mfaEnabled).toBe(false);
      expectProblem(await me(session.accessToken), 401);
      expect((await login(email)).body).toMatchObject({ mfaEnrolmentRequired: true });
    });
  });

  describe('hostile input on the write routes', () => {
    const writeRoutes = () => [
      {
        method: 'POST',
        path: '/api/v1/auth/login',
        valid: { email: 'someone@test.parcours', password: 'x' },
      },
      { method: 'POST', path: '/api/v1/auth/refresh', valid: { refreshToken: 'x' } },
      { method: 'POST', path: '/api/v1/auth/mfa', valid: { mfaToken: 'x', code: '123456' } },
      {
        method: 'POST',
        path: '/api/v1/auth/accept-invitation',
        valid: { token: 'x', password: STRONG_PASSWORD },
      },
      {
        method: 'POST',
        path: '/api/v1/users',
        valid: { email: 'hostile@test.parcours', displayName: 'Hostile' },
      },
      {
        method: 'PATCH',
        path: `/api/v1/users/${admin.user.id}`,
        valid: { displayName: 'Hostile' },
      },
      {
        method: 'POST',
        path: `/api/v1/users/${admin.user.id}/grants`,
        valid: { role: 'funder', scope: 'TERRITORY', scopeId: 'CAEN' },
      },
    ];

    const snapshot = async () =>
      platform.db.dataSource.query(
        `SELECT (SELECT count(*) FROM app_user)::int AS users,
                (SELECT string_agg(display_name || version, ',' ORDER BY id) FROM app_user) AS names,
                (SELECT count(*) FROM role_grant)::int AS grants,
                (SELECT count(*) FROM refresh_token)::int AS tokens,
                (SELECT count(*) FROM invitation)::int AS invitations`,
      );

    const send = (route: { method: string; path: string }, body: string) =>
      call(route.method, route.path, {
        token: admin.accessToken,
        body,
        headers: { 'x-forwarded-for': newAddress() },
      });

    it('answers unknown fields, wrong types and oversize strings with a 400 naming the field, changing nothing', async () => {
      const before = await snapshot();
      for (const route of writeRoutes()) {
        const [firstField] = Object.keys(route.valid);
        expectProblem(
          await send(route, JSON.stringify({ ...route.valid, isAdmin: true })),
          400,
          'isAdmin',
        );
        expectProblem(
          await send(route, JSON.stringify({ ...route.valid, [firstField]: 12345 })),
          400,
          firstField,
        );
        expectProblem(
          await send(route, JSON.stringify({ ...route.valid, [firstField]: 'x'.repeat(5000) })),
          400,
          firstField,
        );
        expectProblem(await send(route, JSON.stringify([route.valid])), 400);
      }
      expect(await snapshot()).toEqual(before);
    });

    it('refuses __proto__ and constructor keys with problem+json, changing nothing', async () => {
      const before = await snapshot();
      for (const route of writeRoutes()) {
        const valid = JSON.stringify(route.valid).slice(1, -1);
        expectProblem(await send(route, `{"__proto__": {"isAdmin": true}, ${valid}}`), 400);
        expectProblem(
          await send(route, `{"constructor": {"prototype": {"isAdmin": true}}, ${valid}}`),
          400,
        );
        expectProblem(await send(route, `{"constructor": "x", ${valid}}`), 400, 'constructor');
        expectProblem(
          await send(route, `{"nested": {"deeper": [{"constructor": {}}]}, ${valid}}`),
          400,
          'nested.deeper.0.constructor',
        );
      }
      expect(await snapshot()).toEqual(before);
    });

    it('refuses a 2 MB body with 413 problem+json, changing nothing', async () => {
      const before = await snapshot();
      for (const route of writeRoutes()) {
        const body = JSON.stringify({ ...route.valid, padding: 'x'.repeat(2 * 1024 * 1024) });
        expectProblem(await send(route, body), 413);
      }
      expect(await snapshot()).toEqual(before);
    });

    it('refuses malformed JSON and an unsupported content type', async () => {
      expectProblem(await send(writeRoutes()[0], '{"email": '), 400);
      const answer = await call('POST', '/api/v1/auth/login', {
        body: '<login><email>a@b.c</email></login>',
        headers: { 'content-type': 'application/xml' },
      });
      expectProblem(answer, 415);
    });
  });
});
