import type { AuditEntryView, AuditVerification, Page } from '@parcours/contracts';
import { client, signIn, startPlatform, type Platform } from './support/platform';
import { buildScenario, completeCurrentChecklist } from './support/scenario';

type Api = Awaited<ReturnType<typeof signIn>>;

describe('the audit trail over HTTP', () => {
  let platform: Platform;
  let scenario: Awaited<ReturnType<typeof buildScenario>>;
  let rouen: Api;
  let ffwd: Api;
  let caen: Api;
  let admin: Api;
  let funder: Api;
  let mentor: Api;
  const ids: Record<string, string> = {};

  const userId = async (email: string): Promise<string> =>
    (await platform.db.dataSource.query(`SELECT id FROM app_user WHERE email = $1`, [email]))[0].id;

  const audit = (api: Api, query: string) =>
    api.get<Page<AuditEntryView>>(`/api/v1/audit?${query}`);

  /** Entries written after the response (refused requests) appear a moment later. */
  async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const value = await read();
      if (done(value) || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  beforeAll(async () => {
    platform = await startPlatform();
    scenario = await buildScenario(platform);
    await platform.builders.user('funder@test.parcours', [{ role: 'funder' }]);
    await platform.builders.user('mentor@test.parcours', [{ role: 'mentor' }]);
    [rouen, ffwd, caen, admin, funder, mentor] = await Promise.all([
      signIn(platform, scenario.users.managerRouen),
      signIn(platform, scenario.users.managerFfwd),
      signIn(platform, scenario.users.managerCaen),
      signIn(platform, scenario.users.admin),
      signIn(platform, 'funder@test.parcours'),
      signIn(platform, 'mentor@test.parcours'),
    ]);
    ids['rouen'] = await userId(scenario.users.managerRouen);
    ids['ffwd'] = await userId(scenario.users.managerFfwd);
  });

  afterAll(async () => {
    await platform?.stop();
  });

  describe('a four-eyes move decided over HTTP', () => {
    let startupId: string;
    let transitionId: string;
    let requestRequestId: string | null;

    beforeAll(async () => {
      const created = await rouen.post<{ id: string }>('/api/v1/startups', {
        name: 'Audit Robotics',
        domain: 'SMART_INDUSTRIES',
        territory: 'ROUEN',
        stage: 'INCUBATION',
        structureId: scenario.structures.rouenIncubator,
        programmeId: scenario.programmes.incubation,
      });
      expect(created.status).toBe(201);
      startupId = created.body.id;
      await platform.drain();
      await completeCurrentChecklist(platform, startupId);

      const requested = await rouen.post<{ id: string; status: string }>(
        `/api/v1/startups/${startupId}/transitions`,
        { toStage: 'ACCELERATION', programmeId: scenario.programmes.acceleration },
      );
      expect(requested.status).toBe(201);
      expect(requested.body.status).toBe('REQUESTED');
      transitionId = requested.body.id;
      requestRequestId = requested.headers.get('x-request-id');

      const decided = await ffwd.post(
        `/api/v1/transitions/${transitionId}/decision`,
        { decision: 'APPROVE', note: 'Strong pitch' },
        { 'x-request-id': 'e2e-decision-1' },
      );
      expect(decided.status).toBe(200);
      await platform.drain();
    });

    it('leaves entries with the actor and the request id, found by entityId', async () => {
      const found = await audit(admin, `entityId=${transitionId}`);

      expect(found.status).toBe(200);
      expect(found.body.items.map((entry) => entry.action)).toEqual([
        'transition.decided',
        'transition.requested',
      ]);
      const [decided, requested] = found.body.items;
      expect(requested).toMatchObject({
        actorId: ids['rouen'],
        entityType: 'transition',
        entityId: transitionId,
        startupId,
        requestId: requestRequestId,
        after: { status: 'REQUESTED', fromStage: 'INCUBATION', toStage: 'ACCELERATION' },
      });
      expect(requestRequestId).toEqual(expect.any(String));
      expect(decided).toMatchObject({
        actorId: ids['ffwd'],
        requestId: 'e2e-decision-1',
        before: { status: 'REQUESTED' },
        after: { status: 'APPROVED', decision: 'APPROVE', note: 'Strong pitch' },
      });
      expect(BigInt(decided.id)).toBeGreaterThan(BigInt(requested.id));
    });

    it('records the stage change in the decision’s request', async () => {
      const changes = await audit(admin, `startupId=${startupId}&action=stage.changed`);

      expect(changes.body.items.map((entry) => [entry.before, entry.after])).toEqual([
        [
          expect.objectContaining({ stage: 'INCUBATION' }),
          expect.objectContaining({ stage: 'ACCELERATION', transitionId }),
        ],
        [null, expect.objectContaining({ stage: 'INCUBATION' })],
      ]);
      expect(changes.body.items[0]).toMatchObject({
        actorId: ids['ffwd'],
        requestId: 'e2e-decision-1',
      });
    });

    it('shows the entries to the managers who follow the startup, and none to another structure', async () => {
      const ownManager = await audit(rouen, `entityId=${transitionId}`);
      const otherManager = await audit(caen, `entityId=${transitionId}`);
      const otherManagerByStartup = await audit(caen, `startupId=${startupId}`);

      expect(ownManager.body.items).toHaveLength(2);
      expect(otherManager.status).toBe(200);
      expect(otherManager.body.items).toEqual([]);
      expect(otherManagerByStartup.body.items).toEqual([]);
    });

    it('lets funders read the trail and refuses roles that may not', async () => {
      const byFunder = await audit(funder, `entityId=${transitionId}`);
      const byMentor = await audit(mentor, `entityId=${transitionId}`);

      expect(byFunder.body.items).toHaveLength(2);
      expect(byMentor.status).toBe(403);
    });
  });

  it('records the changed fields of a dossier edit, before and after', async () => {
    const created = await rouen.post<{ id: string; version: number }>('/api/v1/startups', {
      name: 'Audit Ports',
      domain: 'SMART_PORTS_LOGISTICS',
      territory: 'ROUEN',
      structureId: scenario.structures.rouenIncubator,
    });
    expect(created.status).toBe(201);
    const patched = await rouen.patch(`/api/v1/startups/${created.body.id}`, {
      website: 'https://audit-ports.example',
    });
    expect(patched.status).toBe(200);

    const entries = await audit(rouen, `entityId=${created.body.id}&action=startup.updated`);
    expect(entries.body.items).toEqual([
      expect.objectContaining({
        actorId: ids['rouen'],
        before: { website: null },
        after: { website: 'https://audit-ports.example' },
      }),
    ]);
    const creation = await audit(rouen, `entityId=${created.body.id}&action=startup.created`);
    expect(creation.body.items[0].after).toMatchObject({ name: 'Audit Ports', stage: 'DETECTION' });
  });

  it('records sign-ins, failed ones with the e-mail attempted and never the password', async () => {
    const wrongPassword = 'not-the-password-at-all-123';
    const failed = await client(platform).post('/api/v1/auth/login', {
      email: scenario.users.managerCaen,
      password: wrongPassword,
    });
    expect(failed.status).toBe(401);

    const entries = await audit(admin, `action=auth.login.failed`);
    expect(entries.body.items[0]).toMatchObject({
      actorId: null,
      after: { email: scenario.users.managerCaen, knownAccount: true },
    });
    expect(JSON.stringify(entries.body.items)).not.toContain(wrongPassword);
    const succeeded = await audit(admin, `action=auth.login.succeeded&entityId=${ids['rouen']}`);
    expect(succeeded.body.items[0]).toMatchObject({ actorId: ids['rouen'] });

    // Funders never see personal data: the entry is there, its content withheld.
    const forFunder = await audit(funder, `action=auth.login.failed`);
    expect(forFunder.body.items[0]).toMatchObject({ redacted: true, before: null, after: null });
  });

  it('records refused requests, anonymous or signed in', async () => {
    const anonymous = await client(platform).get('/api/v1/audit/verify');
    const manager = await caen.get('/api/v1/audit/verify');
    expect([anonymous.status, manager.status]).toEqual([401, 403]);

    const refused = await eventually(
      () => audit(admin, `action=access.refused&entityId=/api/v1/audit/verify`),
      (page) => page.body.items.length >= 2,
    );
    // Written after each response, so their order in the chain is not the order of the calls.
    const byStatus = (status: number) =>
      refused.body.items.find((entry) => (entry.after as { status?: number }).status === status);
    expect(byStatus(401)).toMatchObject({
      actorId: null,
      requestId: anonymous.headers.get('x-request-id'),
      after: { method: 'GET', route: '/api/v1/audit/verify' },
    });
    expect(byStatus(403)).toMatchObject({
      actorId: await userId(scenario.users.managerCaen),
      requestId: manager.headers.get('x-request-id'),
    });
    expect(manager.headers.get('x-request-id')).toEqual(expect.any(String));
  });

  it('pages newest first with a cursor, without overlap', async () => {
    const first = await audit(admin, 'limit=3');
    expect(first.body.items).toHaveLength(3);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await audit(admin, `limit=3&cursor=${first.body.nextCursor}`);

    const pageIds = [...first.body.items, ...second.body.items].map((entry) => BigInt(entry.id));
    expect(pageIds).toEqual([...pageIds].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0)));
    expect(new Set(pageIds).size).toBe(pageIds.length);
    const invalid = await admin.get('/api/v1/audit?cursor=forged&surprise=1');
    expect(invalid.status).toBe(400);
  });

  it('verifies the whole chain as valid and names its head', async () => {
    const verification = await admin.get<AuditVerification>('/api/v1/audit/verify');
    const [head] = await platform.db.dataSource.query(
      `SELECT id::text AS id, hash, (SELECT count(*)::int FROM audit_entry) AS entries
         FROM audit_entry ORDER BY audit_entry.id DESC LIMIT 1`,
    );

    expect(verification.status).toBe(200);
    expect(verification.body).toEqual({
      valid: true,
      entries: head.entries,
      head: head.hash,
      headId: head.id,
    });
    const byFunder = await funder.get<AuditVerification>('/api/v1/audit/verify');
    expect(byFunder.body.valid).toBe(true);
    // Every entry of this run came through the API: each carries its request id.
    const withoutRequestId = await platform.db.dataSource.query(
      `SELECT action FROM audit_entry WHERE request_id IS NULL`,
    );
    expect(withoutRequestId).toEqual([]);
  });
});
