import type {
  CurrentUserResponse,
  EcosystemTargetsResponse,
  KpisResponse,
  UserCreatedResponse,
} from '@parcours/contracts';
import { generate } from 'otplib';
import { client, signIn, startPlatform, type Platform } from './support/platform';
import { buildScenario } from './support/scenario';
import { eventually, invitationTokenIn, startSmtpSink, type SmtpSink } from './support/smtp-sink';

/*
 * Administration over HTTP: invitations e-mailed by the worker (read back from a real SMTP
 * server), the person's language, the ecosystem targets and their place in the KPIs.
 */

type Api = Awaited<ReturnType<typeof signIn>>;

interface Problem {
  status: number;
  errors?: { path: string; message: string }[];
}

const INVITEE_PASSWORD = 'Bocage-normand-2026-pommier';

describe('administration: invitations by e-mail, language, ecosystem targets', () => {
  let platform: Platform;
  let sink: SmtpSink;
  let scenario: Awaited<ReturnType<typeof buildScenario>>;
  let admin: Api;

  const query = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    platform.db.dataSource.query(sql, params) as Promise<T[]>;

  /** Invitations only: a founder linked to a startup may also be told of its first stage. */
  const invitationsTo = (email: string) =>
    sink.to(email).filter((sent) => sent.headers.get('x-parcours-invitation'));
  const inviteMessageTo = (email: string) =>
    eventually(() => invitationsTo(email)[0], `the invitation e-mail to ${email}`);

  beforeAll(async () => {
    sink = await startSmtpSink();
    platform = await startPlatform({
      env: { SMTP_URL: sink.url, NOTIFICATION_SWEEP_EVERY_MS: '300' },
    });
    scenario = await buildScenario(platform);
    admin = await signIn(platform, scenario.users.admin);
  });

  afterAll(async () => {
    await platform?.stop();
    await sink?.stop();
  });

  describe('invitations', () => {
    it('e-mails the link of an account created without password, in French, once', async () => {
      const email = 'camille.invitee@test.parcours';
      const created = await admin.post<UserCreatedResponse>('/api/v1/users', {
        email,
        displayName: 'Camille Martin',
        grants: [
          { role: 'manager', scope: 'STRUCTURE', scopeId: scenario.structures.rouenNursery },
        ],
      });
      expect(created.status).toBe(201);

      const message = await inviteMessageTo(email);
      expect(message.headers.get('subject')).toBe(
        '[Parcours] Votre invitation à rejoindre Parcours',
      );
      expect(message.body).toContain('Bonjour Camille Martin,');
      expect(message.body).toContain('Choisir mon mot de passe');
      const token = invitationTokenIn(message);
      // The link of the e-mail is the one issued (returned to the admin outside production).
      expect(created.body.invitation?.link).toContain(`#token=${token}`);

      // Once sent, the database keeps the token's hash only.
      // The worker records the outcome once the SMTP server has answered, just after the sink
      // has the message.
      const row = await eventually(async () => {
        const [found] = await query<{ sealed_token: string | null; email_outcome: string }>(
          `SELECT sealed_token, email_outcome FROM invitation WHERE user_id = $1`,
          [created.body.id],
        );
        return found?.email_outcome === 'SENT' && found;
      }, 'the invitation marked sent');
      expect(row).toEqual({ sealed_token: null, email_outcome: 'SENT' });

      const accepted = await client(platform).post('/api/v1/auth/accept-invitation', {
        token,
        password: INVITEE_PASSWORD,
      });
      expect(accepted.status).toBe(200);
      await expect(signIn(platform, email, INVITEE_PASSWORD)).resolves.toBeDefined();

      // Sweeps keep running: still one message.
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(invitationsTo(email)).toHaveLength(1);
      const header = message.headers.get('x-parcours-invitation');
      expect(header).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('writes in English to a person invited in English', async () => {
      const email = 'alex.invitee@test.parcours';
      const created = await admin.post<UserCreatedResponse>('/api/v1/users', {
        email,
        displayName: 'Alex Smith',
        locale: 'en',
      });
      expect(created.status).toBe(201);
      expect(created.body.locale).toBe('en');

      const message = await inviteMessageTo(email);
      expect(message.headers.get('subject')).toBe('[Parcours] Your invitation to Parcours');
      expect(message.body).toContain('Hello Alex Smith,');
      expect(message.body).toContain('This link works once');
    });

    it('invites a founder linked to a startup by e-mail, and a new link replaces the old', async () => {
      const manager = await signIn(platform, scenario.users.managerRouen);
      const created = await manager.post<{ id: string }>('/api/v1/startups', {
        name: 'Cidre Analytics',
        domain: 'SMART_CITIES',
        territory: 'ROUEN',
        stage: 'INCUBATION',
        structureId: scenario.structures.rouenIncubator,
      });
      expect(created.status).toBe(201);
      const email = 'founder.invitee@test.parcours';
      const linked = await manager.post<UserCreatedResponse>(
        `/api/v1/startups/${created.body.id}/founders`,
        { email, displayName: 'Louise Founder' },
      );
      expect(linked.status).toBe(201);
      const first = await inviteMessageTo(email);
      const firstToken = invitationTokenIn(first);

      const reissued = await admin.post(`/api/v1/users/${linked.body.id}/invitations`);
      expect(reissued.status).toBe(201);
      const second = await eventually(
        () => invitationsTo(email)[1],
        'the second invitation e-mail',
      );
      const secondToken = invitationTokenIn(second);
      expect(secondToken).not.toBe(firstToken);

      const refused = await client(platform).post<Problem>('/api/v1/auth/accept-invitation', {
        token: firstToken,
        password: INVITEE_PASSWORD,
      });
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.map((error) => error.path)).toEqual(['token']);
      const accepted = await client(platform).post('/api/v1/auth/accept-invitation', {
        token: secondToken,
        password: INVITEE_PASSWORD,
      });
      expect(accepted.status).toBe(200);
    });

    it('keeps no sealed token for a replaced invitation; only the newest link works', async () => {
      const email = 'replaced.invitee@test.parcours';
      const userId = await platform.builders.user(email);
      await admin.post(`/api/v1/users/${userId}/invitations`);
      await admin.post(`/api/v1/users/${userId}/invitations`);
      const rows = await query<{ revoked: boolean; sealed: boolean }>(
        `SELECT revoked_at IS NOT NULL AS revoked, sealed_token IS NOT NULL AS sealed
           FROM invitation WHERE user_id = $1 ORDER BY created_at`,
        [userId],
      );
      expect(rows[0]).toEqual({ revoked: true, sealed: false });
      const [newest] = await query<{ id: string }>(
        `SELECT id FROM invitation WHERE user_id = $1 AND revoked_at IS NULL`,
        [userId],
      );
      // The sweep may have sent the first link before it was replaced; the newest always leaves.
      const message = await eventually(
        () =>
          sink.to(email).find((sent) => sent.headers.get('x-parcours-invitation') === newest.id),
        'the e-mail of the newest invitation',
      );
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(
        sink.to(email).filter((sent) => sent.headers.get('x-parcours-invitation') === newest.id),
      ).toHaveLength(1);
      const accepted = await client(platform).post('/api/v1/auth/accept-invitation', {
        token: invitationTokenIn(message),
        password: INVITEE_PASSWORD,
      });
      expect(accepted.status).toBe(200);
    });
  });

  describe('language', () => {
    it('keeps the language a person chooses, and refuses an unknown one naming the field', async () => {
      const manager = await signIn(platform, scenario.users.managerCaen);
      const before = await manager.get<CurrentUserResponse>('/api/v1/me');
      expect(before.body.locale).toBe('fr');

      const changed = await manager.patch<CurrentUserResponse>('/api/v1/me', { locale: 'en' });
      expect(changed.status).toBe(200);
      expect(changed.body.locale).toBe('en');
      await expect(manager.get<CurrentUserResponse>('/api/v1/me')).resolves.toMatchObject({
        body: { locale: 'en' },
      });

      const refused = await manager.patch<Problem>('/api/v1/me', { locale: 'de' });
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.map((error) => error.path)).toEqual(['locale']);
      const unknown = await manager.patch<Problem>('/api/v1/me', { role: 'admin' });
      expect(unknown.status).toBe(400);
      expect((await manager.get<CurrentUserResponse>('/api/v1/me')).body).toMatchObject({
        locale: 'en',
        roles: ['manager'],
      });
    });

    it('counts the recovery codes left after a voluntary enrolment', async () => {
      // A funder: two-step verification is optional for the role, so this enrolment is voluntary.
      const email = 'funder.mfa@test.parcours';
      await platform.builders.user(email, [{ role: 'funder' }]);
      const funder = await signIn(platform, email);
      expect((await funder.get<CurrentUserResponse>('/api/v1/me')).body).toMatchObject({
        mfaEnabled: false,
        recoveryCodesRemaining: 0,
      });
      const enrolment = await funder.post<{ secret: string }>('/api/v1/me/mfa/enrol');
      expect(enrolment.status).toBe(200);
      const confirmed = await funder.post<{ recoveryCodes: string[] }>('/api/v1/me/mfa/confirm', {
        code: await generate({ secret: enrolment.body.secret }),
      });
      expect(confirmed.status).toBe(200);
      expect((await funder.get<CurrentUserResponse>('/api/v1/me')).body).toMatchObject({
        mfaEnabled: true,
        recoveryCodesRemaining: 10,
      });
    });
  });

  describe('ecosystem targets', () => {
    const published = [
      { metric: 'startupsAccelerated', horizonYears: 3, target: 25 },
      { metric: 'newStartups', horizonYears: 3, target: 150 },
      { metric: 'techChampions', horizonYears: 10, target: 10 },
    ];

    it('are replaced by an admin as a whole, audited, and read by funders and managers', async () => {
      const empty = await admin.get<EcosystemTargetsResponse>('/api/v1/targets');
      expect(empty.body.items).toEqual([]);

      const saved = await admin.put<EcosystemTargetsResponse>('/api/v1/targets', {
        items: published,
      });
      expect(saved.status).toBe(200);
      expect(saved.body.items.map((item) => [item.key, item.target])).toEqual([
        ['ecosystem.newStartups.3y', 150],
        ['ecosystem.startupsAccelerated.3y', 25],
        ['ecosystem.techChampions.10y', 10],
      ]);

      const [entry] = await query<{ actor_id: string; after: unknown[] }>(
        `SELECT actor_id, after FROM audit_entry WHERE action = 'ecosystem_target.updated'`,
      );
      expect(entry.after).toHaveLength(3);

      const manager = await signIn(platform, scenario.users.managerRouen);
      expect(
        (await manager.get<EcosystemTargetsResponse>('/api/v1/targets')).body.items,
      ).toHaveLength(3);
      const refused = await manager.put('/api/v1/targets', { items: [] });
      expect(refused.status).toBe(403);
    });

    it('refuses bad input naming each field, and changes nothing', async () => {
      const refused = await admin.put<Problem>('/api/v1/targets', {
        items: [
          { metric: 'unicorns', horizonYears: 3, target: 1 },
          { metric: 'newStartups', horizonYears: 0, target: -5 },
        ],
      });
      expect(refused.status).toBe(400);
      expect(refused.body.errors?.map((error) => error.path).sort()).toEqual([
        'items.0.metric',
        'items.1.horizonYears',
        'items.1.target',
      ]);
      expect(
        (await admin.get<EcosystemTargetsResponse>('/api/v1/targets')).body.items,
      ).toHaveLength(3);
    });

    it('show in the KPIs with their horizon, for the whole ecosystem only', async () => {
      const kpis = await admin.get<KpisResponse>('/api/v1/analytics/kpis');
      expect(kpis.status).toBe(200);
      const ecosystem = kpis.body.targets.filter((target) => target.scope === 'ecosystem');
      expect(ecosystem).toEqual([
        {
          key: 'ecosystem.newStartups.3y',
          target: 150,
          actual: kpis.body.newStartups,
          progress: kpis.body.newStartups / 150,
          scope: 'ecosystem',
          horizonYears: 3,
        },
        {
          key: 'ecosystem.startupsAccelerated.3y',
          target: 25,
          actual: kpis.body.startupsAccelerated,
          progress: kpis.body.startupsAccelerated / 25,
          scope: 'ecosystem',
          horizonYears: 3,
        },
        {
          key: 'ecosystem.techChampions.10y',
          target: 10,
          actual: null,
          progress: null,
          scope: 'ecosystem',
          horizonYears: 10,
        },
      ]);
      const rouen = await admin.get<KpisResponse>('/api/v1/analytics/kpis?territory=ROUEN');
      expect(rouen.body.targets.filter((target) => target.scope === 'ecosystem')).toEqual([]);
    });
  });
});
