import { JOBS, QUEUES, type NotificationPage, type NotificationView } from '@parcours/contracts';
import { Queue } from 'bullmq';
import { signIn, startPlatform, type Platform } from './support/platform';
import { buildScenario, completeCurrentChecklist } from './support/scenario';
import { eventually, startSmtpSink } from './support/smtp-sink';

type Api = Awaited<ReturnType<typeof signIn>>;

const DAY_MS = 86_400_000;

describe('notifications: in-app, e-mail, schedules', () => {
  let platform: Platform;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let scenario: Awaited<ReturnType<typeof buildScenario>>;
  let notificationsQueue: Queue;
  let rouen: Api;
  let founder: Api;
  let ffwd: Api;
  let startupId: string;
  const founderEmail = 'founder@test.parcours';

  const query = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    platform.db.dataSource.query(sql, params) as Promise<T[]>;

  const notificationsOf = async (api: Api, path = '/api/v1/me/notifications') => {
    const page = await api.get<NotificationPage>(path);
    expect(page.status).toBe(200);
    return page.body.items;
  };

  /** Runs a scheduled job now, with the time it should believe it is. */
  const runScheduled = async (job: string, now: Date) => {
    await notificationsQueue.add(job, { now: now.toISOString() });
    await platform.drain();
  };

  /**
   * Seine Sensors' founder has an account, so a move into a structure that never followed the
   * startup waits for their consent; they give it, and the move goes on as if requested now.
   */
  const founderConsents = async (transitionId: string) => {
    const granted = await founder.post<{ status: string }>(
      `/api/v1/transitions/${transitionId}/consent`,
      { decision: 'GRANT' },
    );
    expect(granted.status).toBe(200);
    const [asked] = (await notificationsOf(founder)).filter(
      (item) => item.kind === 'CONSENT_REQUESTED' && item.transitionId === transitionId,
    );
    // Acted upon: read, so that the counts below are about the moves themselves.
    expect((await founder.post(`/api/v1/me/notifications/${asked.id}/read`)).status).toBe(200);
    return granted.body;
  };

  beforeAll(async () => {
    sink = await startSmtpSink();
    platform = await startPlatform({
      env: { SMTP_URL: sink.url, NOTIFICATION_SWEEP_EVERY_MS: '300' },
    });
    notificationsQueue = new Queue(QUEUES.notifications, {
      connection: { url: platform.redisUrl },
      prefix: platform.queuePrefix,
    });
    scenario = await buildScenario(platform);
    rouen = await signIn(platform, scenario.users.managerRouen);
    ffwd = await signIn(platform, scenario.users.managerFfwd);
    const created = await rouen.post<{ id: string }>('/api/v1/startups', {
      name: 'Seine Sensors',
      domain: 'SMART_CITIES',
      territory: 'ROUEN',
      stage: 'INCUBATION',
      structureId: scenario.structures.rouenIncubator,
    });
    expect(created.status).toBe(201);
    startupId = created.body.id;
    // The founder joins after the first entry's workflow: they are told of later moves only.
    await platform.drain();
    await platform.builders.user(founderEmail, [{ role: 'founder', startupId }]);
    founder = await signIn(platform, founderEmail);
    await platform.drain();
  });

  afterAll(async () => {
    await notificationsQueue?.close();
    await platform?.stop();
    await sink?.stop();
  });

  it('tells the founder and the managers of the target structure of a move, in their language', async () => {
    await query(`UPDATE app_user SET locale = 'en' WHERE email = $1`, [
      scenario.users.managerRouen,
    ]);
    const moved = await rouen.post<{ id: string; status: string }>(
      `/api/v1/startups/${startupId}/transitions`,
      { toStage: 'NURSERY', programmeId: scenario.programmes.nursery },
    );
    expect(moved).toMatchObject({ status: 201, body: { status: 'PENDING_CONSENT' } });
    await platform.drain();
    await founderConsents(moved.body.id);
    await platform.drain();

    const [forFounder] = (await notificationsOf(founder)).filter(
      (item) => item.kind === 'STAGE_CHANGED',
    );
    expect(forFounder).toMatchObject({
      kind: 'STAGE_CHANGED',
      transitionId: moved.body.id,
      title: 'Seine Sensors passe en Pépinière',
      body: "Seine Sensors est passée de l'étape Incubation à l'étape Pépinière.",
      readAt: null,
    });
    const managerItems = await notificationsOf(rouen);
    const forManager = managerItems.find((item) => item.transitionId === moved.body.id);
    expect(forManager?.title).toBe('Seine Sensors moved to Nursery');
    const inFrench = await notificationsOf(rouen, '/api/v1/me/notifications?lang=fr');
    expect(inFrench.find((item) => item.transitionId === moved.body.id)?.title).toBe(
      'Seine Sensors passe en Pépinière',
    );
  });

  it('counts unread notifications and marks them read, one or all, only the reader’s own', async () => {
    const unread = await founder.get<{ unread: number }>('/api/v1/me/notifications/unread-count');
    expect(unread).toMatchObject({ status: 200, body: { unread: 1 } });
    const [item] = await notificationsOf(founder, '/api/v1/me/notifications?unread=true');

    const othersRead = await rouen.post(`/api/v1/me/notifications/${item.id}/read`);
    expect(othersRead.status).toBe(404);

    const read = await founder.post<NotificationView>(`/api/v1/me/notifications/${item.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    const again = await founder.post<NotificationView>(`/api/v1/me/notifications/${item.id}/read`);
    expect(again.body.readAt).toBe(read.body.readAt);
    expect((await founder.get('/api/v1/me/notifications/unread-count')).body).toEqual({
      unread: 0,
    });
    expect(await notificationsOf(founder, '/api/v1/me/notifications?unread=true')).toEqual([]);

    const managerUnread = (
      await rouen.get<{ unread: number }>('/api/v1/me/notifications/unread-count')
    ).body.unread;
    expect(managerUnread).toBeGreaterThanOrEqual(2);
    const all = await rouen.post<{ updated: number }>('/api/v1/me/notifications/read-all');
    expect(all.body).toEqual({ updated: managerUnread });
    expect((await rouen.get('/api/v1/me/notifications/unread-count')).body).toEqual({ unread: 0 });

    const invalid = await founder.get('/api/v1/me/notifications?unread=maybe&limit=0&cursor=%%%');
    expect(invalid.status).toBe(400);
    expect((await founder.get('/api/v1/me/notifications')).status).toBe(200);
  });

  it('pages newest first with a keyset cursor, without gaps or repeats', async () => {
    const [{ id: userId }] = await query<{ id: string }>(
      `SELECT id FROM app_user WHERE email = $1`,
      [founderEmail],
    );
    // Seven notifications in the same instant: only the id tells them apart.
    await query(
      `INSERT INTO notification (user_id, kind, title, body, payload, dedupe_key, created_at, emailed_at)
       SELECT $1, 'STAGE_REVIEW_DUE', 'stage-review-due', 'Seine Sensors', '{}', 'paging:' || i,
              '2026-01-05T09:00:00Z', now()
         FROM generate_series(1, 7) AS i`,
      [userId],
    );
    const seen: NotificationView[] = [];
    let cursor: string | null = null;
    do {
      const after: string = cursor ? `&cursor=${cursor}` : '';
      const page = await founder.get<NotificationPage>(`/api/v1/me/notifications?limit=3${after}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.body.items);
      cursor = page.body.nextCursor;
    } while (cursor);
    // The seven, the move into the nursery and the consent it asked for.
    expect(seen).toHaveLength(9);
    expect(new Set(seen.map((item) => item.id)).size).toBe(9);
    const order = seen.map((item) => `${item.createdAt}|${item.id}`);
    expect(order).toEqual([...order].sort().reverse());
    expect(seen[2].title).toBe("Revue d'étape à faire : Seine Sensors");
  });

  it('e-mails each notification once, even when its e-mail job is delivered twice', async () => {
    const [{ id }] = await query<{ id: string }>(
      `SELECT n.id FROM notification n JOIN app_user u ON u.id = n.user_id
        WHERE u.email = $1 AND n.kind = 'STAGE_CHANGED'`,
      [founderEmail],
    );
    const [message] = await eventually(
      async () => sink.forNotification(id).length > 0 && sink.forNotification(id),
      "the founder's e-mail",
    );
    expect(message.to).toEqual([founderEmail]);
    expect(message.headers.get('subject')).toBe('[Parcours] Seine Sensors passe en Pépinière');

    // The same job again (fixed id: BullMQ keeps one), then a second job for the same notification.
    await notificationsQueue.add(
      JOBS.notificationEmail,
      { notificationId: id },
      { jobId: `notification-email-${id}` },
    );
    await notificationsQueue.add(
      JOBS.notificationEmail,
      { notificationId: id },
      { jobId: `duplicate-${id}` },
    );
    await platform.drain();
    const duplicate = await notificationsQueue.getJob(`duplicate-${id}`);
    expect(await duplicate?.getState()).toBe('completed');
    expect(duplicate?.returnvalue).toBe('already-claimed');
    // Give the sweep a few rounds to do something it should not.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(sink.forNotification(id)).toHaveLength(1);
    const [row] = await query(
      `SELECT delivery_outcome, delivery_attempts, emailed_at IS NOT NULL AS claimed FROM notification WHERE id = $1`,
      [id],
    );
    expect(row).toEqual({ delivery_outcome: 'SENT', delivery_attempts: 1, claimed: true });
  });

  it('asks the deciders of a four-eyes move for their decision, in-app and by e-mail', async () => {
    await completeCurrentChecklist(platform, startupId);
    const requested = await rouen.post<{ id: string; status: string }>(
      `/api/v1/startups/${startupId}/transitions`,
      { toStage: 'ACCELERATION', programmeId: scenario.programmes.acceleration },
    );
    expect(requested.body.status).toBe('PENDING_CONSENT');
    await platform.drain();
    // Consented, the move waits for a second manager of the accelerator.
    expect(await founderConsents(requested.body.id)).toMatchObject({ status: 'REQUESTED' });
    const notice = await eventually(
      async () => (await notificationsOf(ffwd)).find((item) => item.kind === 'DECISION_REQUESTED'),
      'the decision request',
    );
    expect(notice).toMatchObject({
      transitionId: requested.body.id,
      title: 'Décision attendue : Seine Sensors vers Accélération',
    });
    expect(notice.body).toContain('manager.rouen demande');
    // The requester may not decide a four-eyes move: not asked.
    expect((await notificationsOf(rouen)).some((item) => item.kind === 'DECISION_REQUESTED')).toBe(
      false,
    );
    await eventually(
      async () => sink.forNotification(notice.id).length === 1,
      'the decision e-mail',
    );
    expect(sink.forNotification(notice.id)[0].to).toEqual([scenario.users.managerFfwd]);

    // Withdrawn, so that the startup stays in the nursery for the tests below.
    const cancelled = await rouen.post<{ status: string }>(
      `/api/v1/transitions/${requested.body.id}/cancel`,
    );
    expect(cancelled).toMatchObject({ status: 200, body: { status: 'CANCELLED' } });
  });

  it('escalates a stay past its programme limit once per stay, at the time it is run for', async () => {
    await query(`UPDATE programme SET time_in_stage_limit_days = 30 WHERE id = $1`, [
      scenario.programmes.nursery,
    ]);
    const [{ entered_at: enteredAt }] = await query<{ entered_at: Date }>(
      `SELECT entered_at FROM stage_stay WHERE startup_id = $1 AND left_at IS NULL`,
      [startupId],
    );
    const escalations = async () =>
      (await notificationsOf(rouen)).filter((item) => item.kind === 'TIME_IN_STAGE_EXCEEDED');

    await runScheduled(JOBS.timeInStageEscalation, new Date(enteredAt.getTime() + 29 * DAY_MS));
    expect(await escalations()).toEqual([]);

    await runScheduled(JOBS.timeInStageEscalation, new Date(enteredAt.getTime() + 31 * DAY_MS));
    await runScheduled(JOBS.timeInStageEscalation, new Date(enteredAt.getTime() + 40 * DAY_MS));
    const found = await escalations();
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      title: 'Seine Sensors is past the time limit in Nursery',
      body: "Seine Sensors has been in Nursery for 31 days, past the programme's limit of 30 days.",
    });
    // Only the managers of the startup's current structure.
    expect(
      (await notificationsOf(ffwd)).some((item) => item.kind === 'TIME_IN_STAGE_EXCEEDED'),
    ).toBe(false);
    await eventually(
      async () => sink.forNotification(found[0].id).length === 1,
      'the escalation e-mail',
    );
  });

  it('sends funders a weekly digest of the startups they may see, once per week', async () => {
    const everywhere = 'funder@test.parcours';
    const caenOnly = 'funder.caen@test.parcours';
    await platform.builders.user(everywhere, [{ role: 'funder' }]);
    await platform.builders.user(caenOnly, [{ role: 'funder', territory: 'CAEN' }]);
    const exited = await rouen.post<{ id: string; status: string }>('/api/v1/startups', {
      name: 'Closed Loop',
      domain: 'SMART_INDUSTRIES',
      territory: 'ROUEN',
      stage: 'INCUBATION',
      structureId: scenario.structures.rouenIncubator,
    });
    const exit = await rouen.post<{ status: string }>(
      `/api/v1/startups/${exited.body.id}/transitions`,
      {
        toStage: 'EXITED',
        reason: 'Closed by its founders',
      },
    );
    expect(exit.status).toBe(201);
    await platform.drain();

    const monday = new Date(Date.now() + DAY_MS);
    await runScheduled(JOBS.weeklyFunderDigest, monday);
    await runScheduled(JOBS.weeklyFunderDigest, new Date(monday.getTime() + 60_000));

    const global = await signIn(platform, everywhere);
    const digests = (await notificationsOf(global)).filter(
      (item) => item.kind === 'WEEKLY_FUNDER_DIGEST',
    );
    expect(digests).toHaveLength(1);
    // This week: two new startups, one move into the nursery, one exit; the rejected move is none.
    expect(digests[0].payload).toMatchObject({
      newStartups: 2,
      exits: 1,
      movesByStage: { NURSERY: 1, EXITED: 1 },
    });
    expect(digests[0].body).toContain('2 nouvelle(s) startup(s), 1 sortie(s) du parcours');

    const caen = await signIn(platform, caenOnly);
    const [caenDigest] = (await notificationsOf(caen)).filter(
      (item) => item.kind === 'WEEKLY_FUNDER_DIGEST',
    );
    expect(caenDigest.payload).toMatchObject({ newStartups: 0, exits: 0, movesByStage: {} });
    await eventually(
      async () => sink.forNotification(digests[0].id).length === 1,
      'the digest e-mail',
    );
  });

  it('registers its schedulers once however many workers start', async () => {
    await platform.startWorker();
    await platform.drain();
    const schedulers = await eventually(async () => {
      const found = await notificationsQueue.getJobSchedulers();
      return found.length === 5 && found;
    }, 'five schedulers');
    const byId = Object.fromEntries(schedulers.map((scheduler) => [scheduler.key, scheduler]));
    expect(byId['weekly-funder-digest']).toMatchObject({
      name: JOBS.weeklyFunderDigest,
      pattern: '0 8 * * 1',
      tz: 'Europe/Paris',
    });
    expect(byId['time-in-stage-escalation']).toMatchObject({ name: JOBS.timeInStageEscalation });
    expect(byId['overdue-action-items']).toMatchObject({ name: JOBS.overdueActionItems });
    expect(byId['missing-kpi-reports']).toMatchObject({ name: JOBS.missingKpiReports });
    expect(byId['notification-sweep']?.name).toBe(JOBS.notificationSweep);
    expect(Number(byId['notification-sweep']?.every)).toBe(300);
  });
});
