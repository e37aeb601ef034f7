import type { ConsentRequestView, NotificationPage, TransitionView } from '@parcours/contracts';
import { signIn, startPlatform, type Platform } from './support/platform';
import { buildScenario, completeCurrentChecklist } from './support/scenario';
import { eventually as waitFor, startSmtpSink, type SmtpSink } from './support/smtp-sink';

type Api = Awaited<ReturnType<typeof signIn>>;

/**
 * A move into a structure that never followed the startup waits for its founders' consent: the
 * receiving structure sees nothing of the dossier until they agree, and nothing at all if they
 * decline. The demo's journey: the Rouen manager proposes a nursery startup to the accelerator.
 */
describe("founders' consent before a new structure sees their dossier", () => {
  let platform: Platform;
  let sink: SmtpSink;
  let scenario: Awaited<ReturnType<typeof buildScenario>>;
  let rouen: Api;
  let ffwd: Api;
  let admin: Api;
  let unique = 0;

  const query = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    platform.db.dataSource.query(sql, params) as Promise<T[]>;

  /** A startup in the Rouen nursery with its required items done, and (optionally) a founder. */
  const nurseryStartup = async (name: string, withFounder = true) => {
    const created = await rouen.post<{ id: string }>('/api/v1/startups', {
      name,
      domain: 'SMART_PORTS_LOGISTICS',
      territory: 'ROUEN',
      stage: 'NURSERY',
      structureId: scenario.structures.rouenNursery,
      programmeId: scenario.programmes.nursery,
    });
    expect(created.status).toBe(201);
    await platform.drain();
    await completeCurrentChecklist(platform, created.body.id);
    if (!withFounder) return { id: created.body.id, founder: null, founderEmail: null };
    unique += 1;
    const founderEmail = `founder.${unique}@test.parcours`;
    await platform.builders.user(founderEmail, [{ role: 'founder', startupId: created.body.id }]);
    return { id: created.body.id, founder: await signIn(platform, founderEmail), founderEmail };
  };

  const requestAcceleration = (startupId: string) =>
    rouen.post<TransitionView>(`/api/v1/startups/${startupId}/transitions`, {
      toStage: 'ACCELERATION',
      programmeId: scenario.programmes.acceleration,
    });

  const notificationKinds = async (api: Api) => {
    const page = await api.get<NotificationPage>('/api/v1/me/notifications');
    expect(page.status).toBe(200);
    return page.body.items.map((item) => item.kind);
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    platform = await startPlatform({
      env: { SMTP_URL: sink.url, NOTIFICATION_SWEEP_EVERY_MS: '300' },
    });
    scenario = await buildScenario(platform);
    [rouen, ffwd, admin] = await Promise.all([
      signIn(platform, scenario.users.managerRouen),
      signIn(platform, scenario.users.managerFfwd),
      signIn(platform, scenario.users.admin),
    ]);
  });

  afterAll(async () => {
    await platform?.stop();
    await sink?.stop();
  });

  it('hides the dossier from the accelerator until the founder consents, then the move completes', async () => {
    const startup = await nurseryStartup('Quai Numérique');
    const founder = startup.founder as Api;

    const requested = await requestAcceleration(startup.id);
    expect(requested.status).toBe(201);
    expect(requested.body).toMatchObject({
      status: 'PENDING_CONSENT',
      fromStage: 'NURSERY',
      toStage: 'ACCELERATION',
      consent: { status: 'PENDING', decidedById: null, decidedAt: null },
    });
    const transitionId = requested.body.id;

    // The accelerator's manager knows nothing of it: not the dossier, the move, the inbox, lists.
    expect((await ffwd.get(`/api/v1/startups/${startup.id}`)).status).toBe(404);
    expect((await ffwd.get(`/api/v1/transitions/${transitionId}`)).status).toBe(404);
    expect(
      (await ffwd.post(`/api/v1/transitions/${transitionId}/decision`, { decision: 'APPROVE' }))
        .status,
    ).toBe(404);
    for (const status of ['REQUESTED', 'PENDING_CONSENT']) {
      const inbox = await ffwd.get<{ items: TransitionView[] }>(
        `/api/v1/transitions?status=${status}`,
      );
      expect(inbox.status).toBe(200);
      expect(inbox.body.items.map((item) => item.id)).not.toContain(transitionId);
    }
    const list = await ffwd.get<{ items: { id: string }[] }>('/api/v1/startups?limit=200');
    expect(list.body.items.map((item) => item.id)).not.toContain(startup.id);
    // One pending move per startup still holds while the founders are asked.
    expect((await requestAcceleration(startup.id)).status).toBe(409);

    // The founder is asked: in their list, in-app, and by e-mail.
    const consents = await founder.get<{ items: ConsentRequestView[] }>('/api/v1/me/consents');
    expect(consents.status).toBe(200);
    expect(consents.body.items).toEqual([
      expect.objectContaining({
        transitionId,
        startupId: startup.id,
        startupName: 'Quai Numérique',
        toStage: 'ACCELERATION',
        structureId: scenario.structures.accelerator,
        structureName: 'FFWD Normandie',
        programmeName: 'FFWD',
      }),
    ]);
    expect(await notificationKinds(founder)).toContain('CONSENT_REQUESTED');
    const [asked] = await query<{ id: string }>(
      `SELECT n.id FROM notification n JOIN app_user u ON u.id = n.user_id
        WHERE u.email = $1 AND n.kind = 'CONSENT_REQUESTED'`,
      [startup.founderEmail],
    );
    const email = await waitFor(
      async () => sink.forNotification(asked.id)[0],
      'the consent request e-mail',
    );
    expect(email.to).toEqual([startup.founderEmail]);
    expect(email.headers.get('subject')).toContain('Votre accord est demandé');

    // Someone else's founder, a manager: not theirs to answer.
    const other = await nurseryStartup('Autre Startup');
    expect(
      (
        await (other.founder as Api).post(`/api/v1/transitions/${transitionId}/consent`, {
          decision: 'GRANT',
        })
      ).status,
    ).toBe(404);
    expect(
      (await rouen.post(`/api/v1/transitions/${transitionId}/consent`, { decision: 'GRANT' }))
        .status,
    ).toBe(403);
    const invalid = await founder.post<{ errors: { path: string }[] }>(
      `/api/v1/transitions/${transitionId}/consent`,
      { decision: 'MAYBE', extra: true },
    );
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((error) => error.path).sort()).toEqual(['decision', 'extra']);

    const granted = await founder.post<TransitionView>(
      `/api/v1/transitions/${transitionId}/consent`,
      { decision: 'GRANT', note: 'Avec plaisir' },
    );
    expect(granted.status).toBe(200);
    // Four-eyes: the move now waits for the accelerator's decision.
    expect(granted.body).toMatchObject({
      status: 'REQUESTED',
      consent: { status: 'GRANTED', note: 'Avec plaisir', decidedAt: expect.any(String) },
    });
    expect((await founder.get<{ items: unknown[] }>('/api/v1/me/consents')).body.items).toEqual([]);
    expect(
      (await founder.post(`/api/v1/transitions/${transitionId}/consent`, { decision: 'GRANT' }))
        .status,
    ).toBe(409);
    expect(await notificationKinds(rouen)).toContain('CONSENT_GRANTED');

    // Now the accelerator sees the dossier and the move, and decides it.
    expect((await ffwd.get(`/api/v1/startups/${startup.id}`)).status).toBe(200);
    const inbox = await ffwd.get<{ items: TransitionView[] }>('/api/v1/transitions');
    expect(inbox.body.items.map((item) => item.id)).toContain(transitionId);
    await waitFor(
      async () => (await notificationKinds(ffwd)).includes('DECISION_REQUESTED'),
      "the accelerator's decision request",
    );
    const approved = await ffwd.post<TransitionView>(
      `/api/v1/transitions/${transitionId}/decision`,
      { decision: 'APPROVE' },
    );
    expect(approved.status).toBe(200);
    await platform.drain();
    const done = await ffwd.get<TransitionView>(`/api/v1/transitions/${transitionId}`);
    expect(done.body.status).toBe('COMPLETED');
    expect(done.body.steps?.every((step) => step.status === 'DONE')).toBe(true);
    const dossier = await ffwd.get<{ stage: string }>(`/api/v1/startups/${startup.id}`);
    expect(dossier.body.stage).toBe('ACCELERATION');

    // Each answer is in the audit trail, by the founder.
    const audit = await query<{ action: string; actor_email: string }>(
      `SELECT a.action, u.email AS actor_email FROM audit_entry a JOIN app_user u ON u.id = a.actor_id
        WHERE a.entity_id = $1 ORDER BY a.id`,
      [transitionId],
    );
    expect(audit.map((entry) => entry.action)).toEqual([
      'transition.requested',
      'transition.consent.granted',
      'transition.decided',
    ]);
    expect(audit[1].actor_email).toBe(startup.founderEmail);
  });

  it('ends the move when the founder declines: the structure never sees the dossier', async () => {
    const startup = await nurseryStartup('Estuaire Robotique');
    const founder = startup.founder as Api;
    const requested = await requestAcceleration(startup.id);
    expect(requested.body.status).toBe('PENDING_CONSENT');

    const declined = await founder.post<TransitionView>(
      `/api/v1/transitions/${requested.body.id}/consent`,
      { decision: 'DECLINE', note: 'Pas maintenant' },
    );
    expect(declined.status).toBe(200);
    expect(declined.body).toMatchObject({
      status: 'CONSENT_DECLINED',
      consent: { status: 'DECLINED', note: 'Pas maintenant' },
    });
    expect((await ffwd.get(`/api/v1/startups/${startup.id}`)).status).toBe(404);
    expect((await ffwd.get(`/api/v1/transitions/${requested.body.id}`)).status).toBe(404);
    expect(await notificationKinds(rouen)).toContain('CONSENT_DECLINED');
    // Final: neither answered again nor cancelled; the startup stays where it was.
    expect(
      (
        await founder.post(`/api/v1/transitions/${requested.body.id}/consent`, {
          decision: 'GRANT',
        })
      ).status,
    ).toBe(409);
    expect((await rouen.post(`/api/v1/transitions/${requested.body.id}/cancel`)).status).toBe(409);
    expect((await rouen.get<{ stage: string }>(`/api/v1/startups/${startup.id}`)).body.stage).toBe(
      'NURSERY',
    );
    // A new proposal may be made later; it asks the founders again.
    const again = await requestAcceleration(startup.id);
    expect(again.status).toBe(201);
    expect(again.body.status).toBe('PENDING_CONSENT');
    // Its requester may withdraw it while the founders have not answered.
    const cancelled = await rouen.post<TransitionView>(
      `/api/v1/transitions/${again.body.id}/cancel`,
    );
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('CANCELLED');
    expect((await founder.get<{ items: unknown[] }>('/api/v1/me/consents')).body.items).toEqual([]);
  });

  it('asks nobody when the startup has no founder account, or the structure already follows it', async () => {
    const orphan = await nurseryStartup('Sans Fondateur Inscrit', false);
    const plain = await requestAcceleration(orphan.id);
    expect(plain.status).toBe(201);
    expect(plain.body).toMatchObject({ status: 'REQUESTED', consent: null });
    expect((await ffwd.get(`/api/v1/startups/${orphan.id}`)).status).toBe(200);

    // A move decided by the structure that follows the startup (an exit, which stays with the
    // nursery) shows the dossier to nobody new: no consent, approved on request.
    const followed = await nurseryStartup('Déjà Suivie');
    const back = await rouen.post<TransitionView>(`/api/v1/startups/${followed.id}/transitions`, {
      toStage: 'EXITED',
      reason: 'Cessation',
    });
    expect(back.status).toBe(201);
    expect(back.body.consent).toBeNull();
    expect(['APPROVED', 'EXECUTING', 'COMPLETED']).toContain(back.body.status);
    await platform.drain();
  });

  it("an admin sees a move waiting for consent; a funder sees it without the founder's answer", async () => {
    const startup = await nurseryStartup('Falaise Energie');
    const requested = await requestAcceleration(startup.id);
    expect((await admin.get(`/api/v1/transitions/${requested.body.id}`)).status).toBe(200);
    await (startup.founder as Api).post(`/api/v1/transitions/${requested.body.id}/consent`, {
      decision: 'GRANT',
      note: 'Accord de Jeanne',
    });
    await platform.builders.user('funder.consent@test.parcours', [{ role: 'funder' }]);
    const funder = await signIn(platform, 'funder.consent@test.parcours');
    const seen = await funder.get<TransitionView>(`/api/v1/transitions/${requested.body.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.consent).toMatchObject({ status: 'GRANTED', decidedById: null, note: null });
  });
});
