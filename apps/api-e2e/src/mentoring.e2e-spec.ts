import {
  JOBS,
  QUEUES,
  type ActionItemView,
  type KpiReportView,
  type MenteeView,
  type MentoringSessionView,
  type MyActionItemView,
  type NotificationPage,
} from '@parcours/contracts';
import { Queue } from 'bullmq';
import { signIn, startPlatform, type Platform } from './support/platform';
import { buildScenario } from './support/scenario';

type Api = Awaited<ReturnType<typeof signIn>>;
interface Problem {
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}
interface TimelinePage {
  items: { kind: string; payload: Record<string, unknown> }[];
}

const DAY_MS = 86_400_000;
const PRIVATE_NOTES = 'Cofondateur démotivé, à suivre de près';
const SHARED_NOTES = 'Prévisionnel à revoir avant le comité';

const kpiBody = (quarter: string, overrides: Record<string, unknown> = {}) => ({
  quarter,
  headcount: 7,
  jobsCreated: 2,
  revenueEur: 84_000,
  fundsRaisedEur: 250_000,
  customers: 12,
  exportCountries: ['be', 'DE'],
  tradeShows: [{ event: 'CES', country: 'us', date: '2026-01-07' }],
  ...overrides,
});

describe('mentoring sessions, action items and quarterly KPI reports', () => {
  let platform: Platform;
  let scenario: Awaited<ReturnType<typeof buildScenario>>;
  let notificationsQueue: Queue;
  let rouen: Api;
  let mentor: Api;
  let otherMentor: Api;
  let founder: Api;
  let funder: Api;
  let startupId: string;
  let otherStartupId: string;
  let founderId: string;
  let mentorId: string;
  let shared: MentoringSessionView;
  let privateSession: MentoringSessionView;

  const query = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    platform.db.dataSource.query(sql, params) as Promise<T[]>;

  /** Runs a scheduled job now, with the time it should believe it is. */
  const runScheduled = async (job: string, now: Date) => {
    await notificationsQueue.add(job, { now: now.toISOString() });
    await platform.drain();
  };

  const notificationsOf = async (api: Api, kind: string) => {
    const page = await api.get<NotificationPage>('/api/v1/me/notifications');
    expect(page.status).toBe(200);
    return page.body.items.filter((item) => item.kind === kind);
  };

  beforeAll(async () => {
    platform = await startPlatform();
    notificationsQueue = new Queue(QUEUES.notifications, {
      connection: { url: platform.redisUrl },
      prefix: platform.queuePrefix,
    });
    scenario = await buildScenario(platform);
    rouen = await signIn(platform, scenario.users.managerRouen);
    const create = async (name: string) => {
      const created = await rouen.post<{ id: string }>('/api/v1/startups', {
        name,
        domain: 'SMART_PORTS_LOGISTICS',
        territory: 'ROUEN',
        stage: 'INCUBATION',
        structureId: scenario.structures.rouenIncubator,
      });
      expect(created.status).toBe(201);
      return created.body.id;
    };
    startupId = await create('Quai Numérique');
    otherStartupId = await create('Fret Malin');
    mentorId = await platform.builders.user('mentore@test.parcours', [
      { role: 'mentor', startupId },
    ]);
    await platform.builders.user('autre.mentor@test.parcours', [
      { role: 'mentor', startupId: otherStartupId },
    ]);
    founderId = await platform.builders.user('fondateur@test.parcours', [
      { role: 'founder', startupId },
    ]);
    await platform.builders.user('financeur@test.parcours', [{ role: 'funder' }]);
    mentor = await signIn(platform, 'mentore@test.parcours');
    otherMentor = await signIn(platform, 'autre.mentor@test.parcours');
    founder = await signIn(platform, 'fondateur@test.parcours');
    funder = await signIn(platform, 'financeur@test.parcours');
    await platform.drain();
  });

  afterAll(async () => {
    await notificationsQueue?.close();
    await platform?.stop();
  });

  it('lets the mentor log a shared session with action items and a private one', async () => {
    const heldAt = new Date(Date.now() - 2 * DAY_MS).toISOString();
    const created = await mentor.post<MentoringSessionView>(
      `/api/v1/startups/${startupId}/sessions`,
      {
        heldAt,
        durationMinutes: 45,
        format: 'IN_PERSON',
        topics: ['financement', 'recrutement', 'financement'],
        notes: SHARED_NOTES,
        sharedWithFounders: true,
        actionItems: [
          { title: 'Envoyer le prévisionnel', ownerId: founderId, dueOn: '2026-01-10' },
          { title: 'Présenter un business angel', dueOn: '2099-12-31' },
        ],
      },
    );
    expect(created.status).toBe(201);
    shared = created.body;
    expect(shared).toMatchObject({
      startupId,
      mentorId,
      heldAt,
      durationMinutes: 45,
      format: 'IN_PERSON',
      topics: ['financement', 'recrutement'],
      notes: SHARED_NOTES,
      privateNotes: null,
      sharedWithFounders: true,
    });
    expect(
      shared.actionItems.map((i) => [i.title, i.ownerId, i.dueOn, i.status, i.overdue]),
    ).toEqual([
      ['Envoyer le prévisionnel', founderId, '2026-01-10', 'OPEN', true],
      ['Présenter un business angel', null, '2099-12-31', 'OPEN', false],
    ]);

    const secret = await mentor.post<MentoringSessionView>(
      `/api/v1/startups/${startupId}/sessions`,
      {
        heldAt: new Date(Date.now() - DAY_MS).toISOString(),
        durationMinutes: 20,
        format: 'PHONE',
        privateNotes: PRIVATE_NOTES,
        actionItems: [{ title: 'Appeler le cofondateur', ownerId: mentorId }],
      },
    );
    expect(secret.status).toBe(201);
    privateSession = secret.body;
    expect(privateSession).toMatchObject({
      sharedWithFounders: false,
      privateNotes: PRIVATE_NOTES,
    });

    // Audited in the same transaction: the session and each action item.
    const audit = await query<{ action: string }>(
      `SELECT action FROM audit_entry WHERE startup_id = $1 AND action LIKE ANY ($2) ORDER BY id`,
      [startupId, ['mentoring_session.%', 'action_item.%']],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'mentoring_session.created',
      'action_item.created',
      'action_item.created',
      'mentoring_session.created',
      'action_item.created',
    ]);
  });

  it('shows founders the shared sessions only, and private notes to nobody but mentors and managers', async () => {
    const byMentor = await mentor.get<{ items: MentoringSessionView[] }>(
      `/api/v1/startups/${startupId}/sessions`,
    );
    expect(byMentor.status).toBe(200);
    expect(byMentor.body.items.map((s) => s.id)).toEqual([privateSession.id, shared.id]);
    expect(byMentor.body.items[0].privateNotes).toBe(PRIVATE_NOTES);

    const byManager = await rouen.get<{ items: MentoringSessionView[] }>(
      `/api/v1/startups/${startupId}/sessions`,
    );
    expect(byManager.body.items[0].privateNotes).toBe(PRIVATE_NOTES);

    const byFounder = await founder.get<{ items: MentoringSessionView[] }>(
      `/api/v1/startups/${startupId}/sessions`,
    );
    expect(byFounder.status).toBe(200);
    expect(byFounder.body.items.map((s) => s.id)).toEqual([shared.id]);
    expect(byFounder.body.items[0]).not.toHaveProperty('privateNotes');
    expect(byFounder.body.items[0].notes).toBe(SHARED_NOTES);
    expect(JSON.stringify(byFounder.body)).not.toContain(PRIVATE_NOTES);

    expect((await funder.get(`/api/v1/startups/${startupId}/sessions`)).status).toBe(403);
    expect((await otherMentor.get(`/api/v1/startups/${startupId}/sessions`)).status).toBe(404);
    const founderLogs = await founder.post(`/api/v1/startups/${startupId}/sessions`, {
      heldAt: new Date().toISOString(),
      durationMinutes: 10,
      format: 'VIDEO',
    });
    expect(founderLogs.status).toBe(403);

    // The timeline: sessions appear, never their notes; founders see the shared one only.
    const sessionsIn = (page: TimelinePage) =>
      page.items
        .filter((e) => e.kind === 'MENTORING_SESSION_LOGGED')
        .map((e) => e.payload['sessionId']);
    const mentorTimeline = await mentor.get<TimelinePage>(`/api/v1/startups/${startupId}/timeline`);
    expect(sessionsIn(mentorTimeline.body)).toEqual([shared.id, privateSession.id]);
    const founderTimeline = await founder.get<TimelinePage>(
      `/api/v1/startups/${startupId}/timeline`,
    );
    expect(sessionsIn(founderTimeline.body)).toEqual([shared.id]);
    const funderTimeline = await funder.get<TimelinePage>(`/api/v1/startups/${startupId}/timeline`);
    expect(funderTimeline.status).toBe(200);
    for (const page of [mentorTimeline, founderTimeline, funderTimeline]) {
      expect(JSON.stringify(page.body)).not.toContain(PRIVATE_NOTES);
      expect(JSON.stringify(page.body)).not.toContain(SHARED_NOTES);
    }

    // Funders reading the audit trail see that a session was logged, not what was written.
    const funderAudit = await funder.get<{ items: { entityType: string; after: unknown }[] }>(
      `/api/v1/audit?entityId=${privateSession.id}`,
    );
    expect(funderAudit.status).toBe(200);
    expect(funderAudit.body.items).toHaveLength(1);
    expect(JSON.stringify(funderAudit.body)).not.toContain(PRIVATE_NOTES);
  });

  it('refuses a bad session naming each field, and changes nothing', async () => {
    const before = await query(`SELECT id FROM mentoring_session`);
    const invalid = await mentor.post<Problem>(`/api/v1/startups/${startupId}/sessions`, {
      heldAt: 'yesterday',
      durationMinutes: 0,
      format: 'CARRIER_PIGEON',
      actionItems: [{ title: '', dueOn: '2026-02-30' }],
      mood: 'great',
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors?.map((e) => e.path).sort()).toEqual(
      [
        'actionItems.0.dueOn',
        'actionItems.0.title',
        'durationMinutes',
        'format',
        'heldAt',
        'mood',
      ].sort(),
    );
    const wrongOwner = await mentor.post<Problem>(`/api/v1/startups/${startupId}/sessions`, {
      heldAt: new Date(Date.now() + 7 * DAY_MS).toISOString(),
      durationMinutes: 30,
      format: 'VIDEO',
      actionItems: [
        { title: 'Ok', ownerId: mentorId },
        { title: 'Pour un inconnu', ownerId: scenario.structures.accelerator },
        { title: 'Pour le fondateur, en privé', ownerId: founderId },
      ],
    });
    expect(wrongOwner.status).toBe(400);
    expect(wrongOwner.body.errors?.map((e) => e.path)).toEqual([
      'heldAt',
      'actionItems.1.ownerId',
      'actionItems.2.ownerId',
    ]);
    expect(await query(`SELECT id FROM mentoring_session`)).toEqual(before);
  });

  it('lets founders update the status of their own action items only', async () => {
    const [forFounder, unowned] = shared.actionItems;
    const done = await founder.patch<ActionItemView>(`/api/v1/action-items/${forFounder.id}`, {
      status: 'DONE',
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ status: 'DONE', overdue: false, version: 2 });
    const retitled = await founder.patch(`/api/v1/action-items/${forFounder.id}`, {
      title: 'Autre chose',
    });
    expect(retitled.status).toBe(403);
    expect(
      (await founder.patch(`/api/v1/action-items/${unowned.id}`, { status: 'DONE' })).status,
    ).toBe(403);
    const privateItem = privateSession.actionItems[0];
    expect(
      (await founder.patch(`/api/v1/action-items/${privateItem.id}`, { status: 'DONE' })).status,
    ).toBe(404);
    expect(
      (await funder.patch(`/api/v1/action-items/${unowned.id}`, { status: 'DONE' })).status,
    ).toBe(403);
    expect(
      (await otherMentor.patch(`/api/v1/action-items/${unowned.id}`, { status: 'DONE' })).status,
    ).toBe(404);
    const stale = await mentor.patch(
      `/api/v1/action-items/${unowned.id}`,
      { status: 'IN_PROGRESS' },
      { 'if-match': '"7"' },
    );
    expect(stale.status).toBe(412);
    const badStatus = await mentor.patch<Problem>(`/api/v1/action-items/${unowned.id}`, {
      status: 'FINISHED',
      dueOn: 'tomorrow',
    });
    expect(badStatus.status).toBe(400);
    expect([...new Set(badStatus.body.errors?.map((e) => e.path))].sort()).toEqual([
      'dueOn',
      'status',
    ]);
    const moved = await mentor.patch<ActionItemView>(`/api/v1/action-items/${unowned.id}`, {
      dueOn: '2026-02-01',
      ownerId: mentorId,
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ dueOn: '2026-02-01', ownerId: mentorId, overdue: true });
    const audit = await query<{ before: { status: string }; after: { status: string } }>(
      `SELECT before, after FROM audit_entry WHERE entity_id = $1 AND action = 'action_item.updated'`,
      [forFounder.id],
    );
    expect(audit).toEqual([
      {
        before: expect.objectContaining({ status: 'OPEN' }),
        after: expect.objectContaining({ status: 'DONE' }),
      },
    ]);
  });

  it('gives the mentor their mentees and open action items', async () => {
    const mentees = await mentor.get<{ items: MenteeView[] }>('/api/v1/me/mentees');
    expect(mentees.status).toBe(200);
    expect(mentees.body.items).toEqual([
      expect.objectContaining({
        startupId,
        name: 'Quai Numérique',
        stage: 'INCUBATION',
        sessions: 2,
        openActionItems: 2,
        overdueActionItems: 1,
        nextDueOn: '2026-02-01',
        lastSessionAt: privateSession.heldAt,
      }),
    ]);
    expect((await founder.get('/api/v1/me/mentees')).status).toBe(403);

    const mine = await mentor.get<{ items: MyActionItemView[] }>('/api/v1/me/action-items');
    expect(mine.body.items.map((i) => [i.title, i.startupName])).toEqual([
      ['Présenter un business angel', 'Quai Numérique'],
      ['Appeler le cofondateur', 'Quai Numérique'],
    ]);
    const founderDone = await founder.get<{ items: MyActionItemView[] }>(
      '/api/v1/me/action-items?status=DONE',
    );
    expect(founderDone.body.items.map((i) => i.title)).toEqual(['Envoyer le prévisionnel']);
    expect((await founder.get('/api/v1/me/action-items?status=LATE')).status).toBe(400);
  });

  it('reminds owners of overdue action items once, at the time it is run for', async () => {
    const [, unowned] = shared.actionItems; // due 2026-02-01, now the mentor's
    const reminders = () => notificationsOf(mentor, 'ACTION_ITEM_OVERDUE');

    await runScheduled(JOBS.overdueActionItems, new Date('2026-01-31T12:00:00Z'));
    expect(await reminders()).toEqual([]);

    await runScheduled(JOBS.overdueActionItems, new Date('2026-02-02T06:00:00Z'));
    await runScheduled(JOBS.overdueActionItems, new Date('2026-02-09T06:00:00Z'));
    const found = await reminders();
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      title: 'Action en retard : Présenter un business angel',
      payload: expect.objectContaining({ actionItemId: unowned.id, dueOn: '2026-02-01' }),
    });
    // Done items are not chased: the founder's was marked done.
    expect(await notificationsOf(founder, 'ACTION_ITEM_OVERDUE')).toEqual([]);
  });

  it('takes one KPI report per quarter, amended with PUT, refusing the future and bad figures', async () => {
    const submitted = await founder.post<KpiReportView>(
      `/api/v1/startups/${startupId}/kpi-reports`,
      kpiBody('2026-Q2'),
    );
    expect(submitted.status).toBe(201);
    expect(submitted.body).toMatchObject({
      startupId,
      quarter: '2026-Q2',
      quarterStartsOn: '2026-04-01',
      exportCountries: ['BE', 'DE'],
      tradeShows: [{ event: 'CES', country: 'US', date: '2026-01-07' }],
      submittedById: founderId,
      version: 1,
    });

    const second = await rouen.post<Problem>(
      `/api/v1/startups/${startupId}/kpi-reports`,
      kpiBody('2026-Q2', { headcount: 9 }),
    );
    expect(second.status).toBe(409);
    expect(second.body.detail).toContain(submitted.body.id);

    const future = await founder.post<Problem>(
      `/api/v1/startups/${startupId}/kpi-reports`,
      kpiBody('2099-Q1'),
    );
    expect(future.status).toBe(400);
    expect(future.body.errors?.map((e) => e.path)).toEqual(['quarter']);

    const invalid = await founder.post<Problem>(`/api/v1/startups/${startupId}/kpi-reports`, {
      ...kpiBody('2026-Q5'),
      headcount: -1,
      revenueEur: 'beaucoup',
      exportCountries: ['France'],
      tradeShows: [{ event: '', country: 'US', date: '2026-01-07' }],
    });
    expect(invalid.status).toBe(400);
    expect([...new Set(invalid.body.errors?.map((e) => e.path))].sort()).toEqual(
      ['exportCountries', 'headcount', 'quarter', 'revenueEur', 'tradeShows.0.event'].sort(),
    );

    const amended = await founder.put<KpiReportView>(
      `/api/v1/kpi-reports/${submitted.body.id}`,
      kpiBody('2026-Q2', { jobsCreated: 3, tradeShows: [] }),
      { 'if-match': '"1"' },
    );
    expect(amended.status).toBe(200);
    expect(amended.body).toMatchObject({ jobsCreated: 3, tradeShows: [], version: 2 });
    const stale = await founder.put(
      `/api/v1/kpi-reports/${submitted.body.id}`,
      kpiBody('2026-Q2'),
      { 'if-match': '"1"' },
    );
    expect(stale.status).toBe(412);

    const q1 = await rouen.post<KpiReportView>(
      `/api/v1/startups/${startupId}/kpi-reports`,
      kpiBody('2026-Q1', { jobsCreated: 1, fundsRaisedEur: 100_000 }),
    );
    expect(q1.status).toBe(201);
    const collision = await founder.put(`/api/v1/kpi-reports/${q1.body.id}`, kpiBody('2026-Q2'));
    expect(collision.status).toBe(409);

    // Mentors read; funders read only the sums; outsiders see nothing.
    const read = await mentor.get<{ items: KpiReportView[] }>(
      `/api/v1/startups/${startupId}/kpi-reports`,
    );
    expect(read.body.items.map((r) => r.quarter)).toEqual(['2026-Q2', '2026-Q1']);
    expect((await funder.get(`/api/v1/startups/${startupId}/kpi-reports`)).status).toBe(403);
    expect((await otherMentor.get(`/api/v1/startups/${startupId}/kpi-reports`)).status).toBe(404);
    expect(
      (await mentor.post(`/api/v1/startups/${startupId}/kpi-reports`, kpiBody('2025-Q4'))).status,
    ).toBe(403);

    const audit = await query<{ action: string }>(
      `SELECT action FROM audit_entry WHERE entity_id = $1 ORDER BY id`,
      [submitted.body.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['kpi_report.submitted', 'kpi_report.amended']);
    const timeline = await founder.get<TimelinePage>(`/api/v1/startups/${startupId}/timeline`);
    expect(
      timeline.body.items.filter((e) => e.kind.startsWith('KPI_REPORT')).map((e) => e.kind),
    ).toEqual(['KPI_REPORT_SUBMITTED', 'KPI_REPORT_AMENDED', 'KPI_REPORT_SUBMITTED']);

    // Funders' KPIs sum the reports of quarters inside the period.
    const kpis = async (period: string) =>
      (await funder.get<Record<string, number>>(`/api/v1/analytics/kpis?${period}`)).body;
    expect(await kpis('from=2026-04-01&to=2026-07-01')).toMatchObject({
      jobsCreated: 3,
      fundsRaisedEur: 250_000,
      tradeShows: 0,
    });
    expect(await kpis('from=2026-01-01&to=2026-07-01')).toMatchObject({
      jobsCreated: 4,
      fundsRaisedEur: 350_000,
    });
    // A period that cuts through a quarter leaves that quarter out.
    expect(await kpis('from=2026-02-01&to=2026-07-01')).toMatchObject({ jobsCreated: 3 });
  });

  it('reminds founders of a missing quarterly report after the grace period, once', async () => {
    const reminders = () => notificationsOf(founder, 'KPI_REPORT_MISSING');
    // The startup has been in the pipeline since January (it was created today).
    await query(`UPDATE stage_stay SET entered_at = '2026-01-05T09:00:00Z' WHERE startup_id = $1`, [
      startupId,
    ]);
    // 2026-Q3 ended on 2026-10-01: asked for from 15 days later.
    await runScheduled(JOBS.missingKpiReports, new Date('2026-10-10T06:00:00Z'));
    expect(await reminders()).toEqual([]);
    await runScheduled(JOBS.missingKpiReports, new Date('2026-10-17T06:00:00Z'));
    await runScheduled(JOBS.missingKpiReports, new Date('2026-10-18T06:00:00Z'));
    const found = await reminders();
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      title: 'Indicateurs trimestriels 2026-Q3 attendus : Quai Numérique',
      payload: expect.objectContaining({ startupId, quarter: '2026-Q3' }),
    });
    // 2026-Q2 is reported: no reminder for it.
    await runScheduled(JOBS.missingKpiReports, new Date('2026-07-20T06:00:00Z'));
    expect((await reminders()).map((n) => n.payload['quarter'])).toEqual(['2026-Q3']);
  });
});
