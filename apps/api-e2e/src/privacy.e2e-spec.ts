import {
  ERASED_DISPLAY_NAME,
  erasedEmailOf,
  type AuditVerification,
  type ErasureReport,
  type PersonalDataExport,
} from '@parcours/contracts';
import { TEST_PASSWORD } from '@parcours/server-testing';
import { client, signIn, startPlatform, type Platform } from './support/platform';

type Api = Awaited<ReturnType<typeof signIn>>;

const rowsOf = (body: PersonalDataExport, table: string) =>
  body.sections.find((section) => section.table === table)?.rows ?? [];

describe('personal data: export, erasure, and what funders never see', () => {
  let platform: Platform;
  let admin: Api;
  let manager: Api;
  let founder: Api;
  let funder: Api;
  let startupId: string;
  let founderId: string;
  let otherFounderId: string;
  const founderEmail = 'camille.fondatrice@privacy.test';
  const founderName = 'Camille Fondatrice';
  const otherEmail = 'dominique.autre@privacy.test';
  const otherName = 'Dominique Autre';
  const invitedEmail = 'eugenie.invitee@privacy.test';
  const invitedName = 'Eugénie Invitée';

  beforeAll(async () => {
    platform = await startPlatform();
    const b = platform.builders;
    const structure = await b.structure('Incubateur Rouen', 'INCUBATOR', 'ROUEN');
    const programme = await b.programme(structure, 'INCUBATION', {
      checklist: [{ key: 'convention', title: 'Convention', required: true }],
    });
    await b.user('admin@privacy.test', [{ role: 'admin' }]);
    await b.user('second.admin@privacy.test', [{ role: 'admin' }]);
    await b.user('manager@privacy.test', [{ role: 'manager', structureId: structure }]);
    await b.user('funder@privacy.test', [{ role: 'funder' }]);
    admin = await signIn(platform, 'admin@privacy.test');
    manager = await signIn(platform, 'manager@privacy.test');
    funder = await signIn(platform, 'funder@privacy.test');
    const created = await manager.post<{ id: string }>('/api/v1/startups', {
      name: 'Gamma Rouen',
      domain: 'SMART_CITIES',
      territory: 'ROUEN',
      stage: 'INCUBATION',
      structureId: structure,
      programmeId: programme,
    });
    startupId = created.body.id;
    // Linked through the API, so that the audit trail holds their e-mail and name.
    const linked = await manager.post<{ id: string }>(`/api/v1/startups/${startupId}/founders`, {
      email: founderEmail,
      displayName: founderName,
    });
    founderId = linked.body.id;
    const other = await manager.post<{ id: string }>(`/api/v1/startups/${startupId}/founders`, {
      email: otherEmail,
      displayName: otherName,
    });
    otherFounderId = other.body.id;
    // The founder chooses a password (as through their invitation) and signs in.
    await platform.db.dataSource.query(
      `UPDATE app_user SET password_hash = (SELECT password_hash FROM app_user WHERE email = 'admin@privacy.test')
        WHERE id = ANY($1)`,
      [[founderId, otherFounderId]],
    );
    founder = await signIn(platform, founderEmail);
    await founder.patch(`/api/v1/startups/${startupId}`, { description: 'Notre histoire' });
    await signIn(platform, otherEmail);
    // The admin's own actions name other people: they must not reach the admin's export.
    await admin.post('/api/v1/users', { email: invitedEmail, displayName: invitedName });
    await platform.drain();
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it("exports the caller's own data and nobody else's", async () => {
    const exported = await founder.get<PersonalDataExport>('/api/v1/me/export');
    expect(exported.status).toBe(200);
    const body = exported.body;
    expect(body.subject).toEqual({ id: founderId });

    const [account] = rowsOf(body, 'app_user');
    expect(account).toMatchObject({
      id: founderId,
      email: founderEmail,
      display_name: founderName,
      password_hash_set: true,
      mfa_secret_set: false,
    });
    expect(rowsOf(body, 'role_grant')).toEqual([
      expect.objectContaining({ role: 'founder', scope: 'STARTUP', startup_id: startupId }),
    ]);
    const sessions = rowsOf(body, 'refresh_token');
    expect(sessions.length).toBeGreaterThanOrEqual(1);
    expect(rowsOf(body, 'invitation').length).toBeGreaterThanOrEqual(1);
    const actions = rowsOf(body, 'audit_entry').map((row) => row['action']);
    expect(actions).toEqual(
      expect.arrayContaining(['user.created', 'auth.login.succeeded', 'startup.updated']),
    );

    const text = JSON.stringify(body);
    for (const secret of ['password_hash"', 'token_hash', 'mfa_secret"', '$argon2']) {
      expect(text).not.toContain(secret);
    }
    for (const someoneElse of [otherEmail, otherName, otherFounderId, 'admin@privacy.test']) {
      expect(text).not.toContain(someoneElse);
    }
  });

  it("keeps other people's data out of the export of someone who acted on them", async () => {
    const exported = await admin.get<PersonalDataExport>('/api/v1/me/export');
    expect(exported.status).toBe(200);
    const entries = rowsOf(exported.body, 'audit_entry');
    expect(entries.map((row) => row['action'])).toContain('user.created');
    const text = JSON.stringify(exported.body);
    for (const someoneElse of [invitedEmail, invitedName, founderEmail, founderName]) {
      expect(text).not.toContain(someoneElse);
    }
  });

  it('shows funders no personal data of founders', async () => {
    const funderReads = [
      '/api/v1/startups?limit=200',
      `/api/v1/startups/${startupId}`,
      `/api/v1/startups/${startupId}/timeline`,
      `/api/v1/startups/${startupId}/checklist`,
      '/api/v1/startups/stage-counts',
      '/api/v1/audit?limit=200',
    ];
    const transitions: { id: string }[] = await platform.db.dataSource.query(
      `SELECT id FROM transition WHERE startup_id = $1`,
      [startupId],
    );
    funderReads.push(...transitions.map((t) => `/api/v1/transitions/${t.id}`));
    for (const path of funderReads) {
      const response = await funder.get(path);
      expect([path, response.status]).toEqual([path, 200]);
      const text = JSON.stringify(response.body);
      for (const personal of [founderEmail, founderName, otherEmail, otherName]) {
        expect([path, text.includes(personal)]).toEqual([path, false]);
      }
    }
    // The same entries, read by an admin, do hold them: the check above can fail.
    const adminAudit = await admin.get('/api/v1/audit?limit=200');
    expect(JSON.stringify(adminAudit.body)).toContain(founderEmail);
  });

  it('refuses erasure to non-admins, of oneself, and of unknown accounts', async () => {
    expect((await manager.post(`/api/v1/users/${founderId}/erasure`)).status).toBe(403);
    expect((await founder.post(`/api/v1/users/${founderId}/erasure`)).status).toBe(403);
    expect((await funder.post(`/api/v1/users/${founderId}/erasure`)).status).toBe(403);
    expect((await client(platform).post(`/api/v1/users/${founderId}/erasure`)).status).toBe(401);
    const adminId: { id: string }[] = await platform.db.dataSource.query(
      `SELECT id FROM app_user WHERE email = 'admin@privacy.test'`,
    );
    expect((await admin.post(`/api/v1/users/${adminId[0].id}/erasure`)).status).toBe(409);
    expect(
      (await admin.post('/api/v1/users/00000000-0000-4000-8000-000000000000/erasure')).status,
    ).toBe(404);
    const [still] = await platform.db.dataSource.query(`SELECT email FROM app_user WHERE id = $1`, [
      founderId,
    ]);
    expect(still.email).toBe(founderEmail);
  });

  it('pseudonymises the person, ends their access, keeps the history and a valid chain', async () => {
    const erased = await admin.post<ErasureReport>(`/api/v1/users/${founderId}/erasure`);
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ userId: founderId, grantsRemoved: 1 });
    expect(erased.body.sessionsRevoked).toBeGreaterThanOrEqual(1);

    const [row] = await platform.db.dataSource.query(
      `SELECT email, display_name, password_hash, mfa_secret, disabled_at FROM app_user WHERE id = $1`,
      [founderId],
    );
    expect(row).toMatchObject({
      email: erasedEmailOf(founderId),
      display_name: ERASED_DISPLAY_NAME,
      password_hash: null,
      mfa_secret: null,
    });
    expect(row.disabled_at).not.toBeNull();
    const grants = await platform.db.dataSource.query(
      `SELECT 1 FROM role_grant WHERE user_id = $1`,
      [founderId],
    );
    expect(grants).toHaveLength(0);
    const agents = await platform.db.dataSource.query(
      `SELECT 1 FROM refresh_token WHERE user_id = $1 AND (revoked_at IS NULL OR user_agent IS NOT NULL)`,
      [founderId],
    );
    expect(agents).toHaveLength(0);

    // Their access token stops at once; their password no longer opens anything.
    expect((await founder.get('/api/v1/me')).status).toBe(401);
    const login = await client(platform).post('/api/v1/auth/login', {
      email: founderEmail,
      password: TEST_PASSWORD,
    });
    expect(login.status).toBe(401);

    // The startup and its history stay; the chain still verifies and records the erasure.
    expect((await manager.get(`/api/v1/startups/${startupId}`)).status).toBe(200);
    const verify = await admin.get<AuditVerification>('/api/v1/audit/verify');
    expect(verify.status).toBe(200);
    expect(verify.body.valid).toBe(true);
    const trail = await admin.get<{
      items: { action: string; entityId: string; after: unknown }[];
    }>(`/api/v1/audit?entityId=${founderId}&action=user.erased`);
    expect(trail.body.items).toHaveLength(1);
    expect(JSON.stringify(trail.body.items[0].after)).not.toContain(founderEmail);

    expect((await admin.post(`/api/v1/users/${founderId}/erasure`)).status).toBe(409);
  });
});
