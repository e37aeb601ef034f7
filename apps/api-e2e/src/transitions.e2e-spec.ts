import { JOBS, QUEUES } from '@parcours/contracts';
import { Queue } from 'bullmq';
import { client, signIn, startPlatform, type Platform } from './support/platform';
import { buildScenario, completeCurrentChecklist } from './support/scenario';

type Api = Awaited<ReturnType<typeof signIn>>;
interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}

describe('moving a startup through the pipeline over HTTP, with the worker running', () => {
  let platform: Platform;
  let scenario: Awaited<ReturnType<typeof buildScenario>>;
  let rouen: Api;
  let ffwd: Api;
  let caen: Api;
  let admin: Api;

  const count = async (sql: string, params: unknown[] = []) =>
    Number((await platform.db.dataSource.query(sql, params))[0].count);

  const createStartup = async (name: string, body: Record<string, unknown> = {}) => {
    const created = await rouen.post<{ id: string; stage: string; version: number }>(
      '/api/v1/startups',
      {
        name,
        domain: 'SMART_CITIES',
        territory: 'ROUEN',
        stage: 'INCUBATION',
        structureId: scenario.structures.rouenIncubator,
        programmeId: scenario.programmes.incubation,
        ...body,
      },
    );
    expect(created.status).toBe(201);
    return created.body;
  };

  beforeAll(async () => {
    platform = await startPlatform();
    scenario = await buildScenario(platform);
    [rouen, ffwd, caen, admin] = await Promise.all([
      signIn(platform, scenario.users.managerRouen),
      signIn(platform, scenario.users.managerFfwd),
      signIn(platform, scenario.users.managerCaen),
      signIn(platform, scenario.users.admin),
    ]);
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it('creates a dossier at its first stage, as a completed first-entry transition', async () => {
    const startup = await createStartup('Port Data Lab');
    expect(startup).toMatchObject({ stage: 'INCUBATION', version: expect.any(Number) });
    await platform.drain();
    const transitions = await platform.db.dataSource.query(
      `SELECT status, from_stage, to_stage, move_kind FROM transition WHERE startup_id = $1`,
      [startup.id],
    );
    expect(transitions).toEqual([
      { status: 'COMPLETED', from_stage: null, to_stage: 'INCUBATION', move_kind: 'FIRST_ENTRY' },
    ]);
    expect(
      await count(
        `SELECT count(*) FROM checklist_item WHERE startup_id = $1 AND key = 'convention'`,
        [startup.id],
      ),
    ).toBe(1);
  });

  it('completes a requested move: stage changed, every step done, checklist opened, review scheduled', async () => {
    const startup = await createStartup('Seine Mobility');
    await platform.drain();
    await completeCurrentChecklist(platform, startup.id);

    const requested = await rouen.post<{
      id: string;
      status: string;
      fromStage: string;
      toStage: string;
    }>(`/api/v1/startups/${startup.id}/transitions`, {
      toStage: 'NURSERY',
      programmeId: scenario.programmes.nursery,
    });
    expect(requested.status).toBe(201);
    expect(requested.body).toMatchObject({ fromStage: 'INCUBATION', toStage: 'NURSERY' });
    expect(['APPROVED', 'EXECUTING', 'COMPLETED']).toContain(requested.body.status);

    await platform.drain();
    const transition = await rouen.get<{
      status: string;
      steps: { name: string; status: string; attempts: number }[];
    }>(`/api/v1/transitions/${requested.body.id}`);
    expect(transition.body.status).toBe('COMPLETED');
    expect(transition.body.steps.map((s) => [s.name, s.status])).toEqual([
      ['CLOSE_PREVIOUS_STAGE', 'DONE'],
      ['OPEN_STAGE_CHECKLIST', 'DONE'],
      ['ENROL_IN_PROGRAMME', 'DONE'],
      ['NOTIFY_STAKEHOLDERS', 'DONE'],
      ['SCHEDULE_STAGE_REVIEW', 'DONE'],
      ['REFRESH_ANALYTICS', 'DONE'],
    ]);

    const dossier = await rouen.get<{ stage: string; programmeId: string }>(
      `/api/v1/startups/${startup.id}`,
    );
    expect(dossier.body).toMatchObject({
      stage: 'NURSERY',
      programmeId: scenario.programmes.nursery,
    });
    const stays = await platform.db.dataSource.query(
      `SELECT stage, left_at IS NULL AS open FROM stage_stay WHERE startup_id = $1 ORDER BY entered_at`,
      [startup.id],
    );
    expect(stays).toEqual([
      { stage: 'INCUBATION', open: false },
      { stage: 'NURSERY', open: true },
    ]);
    expect(
      await count(
        `SELECT count(*) FROM checklist_item c JOIN stage_stay st ON st.id = c.stay_id
          WHERE st.startup_id = $1 AND st.left_at IS NULL`,
        [startup.id],
      ),
    ).toBe(2);
    expect(
      await count(`SELECT count(*) FROM enrolment WHERE startup_id = $1 AND ended_at IS NULL`, [
        startup.id,
      ]),
    ).toBe(1);

    const reminders: { job_id: string; due_at: Date }[] = await platform.db.dataSource.query(
      `SELECT r.job_id, r.due_at FROM scheduled_reminder r JOIN stage_stay st ON st.id = r.stay_id
        WHERE st.startup_id = $1 AND st.stage = 'NURSERY' AND r.status = 'SCHEDULED'`,
      [startup.id],
    );
    expect(reminders).toHaveLength(1);
    const queue = new Queue(QUEUES.reminders, {
      connection: { url: platform.redisUrl },
      prefix: platform.queuePrefix,
    });
    try {
      const job = await queue.getJob(reminders[0].job_id);
      expect(job?.name).toBe(JOBS.stageReviewDue);
      expect(await job?.getState()).toBe('delayed');
      const days = (new Date(reminders[0].due_at).getTime() - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(59);
      expect(days).toBeLessThanOrEqual(60);
    } finally {
      await queue.close();
    }
  });

  it('refuses unknown and malformed fields with 400 naming each, and writes nothing', async () => {
    const startup = await createStartup('Cotentin Robotics');
    const before = await count(`SELECT count(*) FROM transition`);
    const unknown = await rouen.post<Problem>(`/api/v1/startups/${startup.id}/transitions`, {
      toStage: 'MARS',
      programmeId: 'not-a-uuid',
      surprise: true,
    });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    expect(unknown.body.errors?.map((e) => e.path).sort()).toEqual([
      'programmeId',
      'surprise',
      'toStage',
    ]);
    const badJson = await rouen.post<Problem>(
      `/api/v1/startups/${startup.id}/transitions`,
      '{"toStage":',
    );
    expect(badJson.status).toBe(400);
    expect(badJson.body.status).toBe(400);
    expect(await count(`SELECT count(*) FROM transition`)).toBe(before);
  });

  it('answers 409 naming the rule for a move the state machine forbids', async () => {
    const startup = await createStartup('Caux Analytics', {
      stage: 'DETECTION',
      programmeId: undefined,
    });
    const before = await count(`SELECT count(*) FROM transition`);
    const skip = await rouen.post<Problem>(`/api/v1/startups/${startup.id}/transitions`, {
      toStage: 'NURSERY',
      programmeId: scenario.programmes.nursery,
    });
    expect(skip.status).toBe(409);
    expect(skip.body.detail).toContain('SKIP_REQUIRES_DIRECT_ENTRY');
    const back = await rouen.post<Problem>(`/api/v1/startups/${startup.id}/transitions`, {
      toStage: 'EXITED',
    });
    expect(back.status).toBe(409);
    expect(back.body.detail).toContain('EXIT_REQUIRES_REASON');
    expect(await count(`SELECT count(*) FROM transition`)).toBe(before);
  });

  it('answers 422 listing every unmet guard, and writes nothing', async () => {
    const occupant = await createStartup('Occupant');
    await platform.drain();
    await completeCurrentChecklist(platform, occupant.id);
    const first = await rouen.post(`/api/v1/startups/${occupant.id}/transitions`, {
      toStage: 'NURSERY',
      programmeId: scenario.programmes.fullNursery,
    });
    expect(first.status).toBe(201);
    await platform.drain();

    const startup = await createStartup('Risle Energie');
    await platform.drain();
    const before = await count(`SELECT count(*) FROM transition`);
    const refused = await rouen.post<Problem>(`/api/v1/startups/${startup.id}/transitions`, {
      toStage: 'NURSERY',
      programmeId: scenario.programmes.fullNursery,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors?.map((e) => e.path).sort()).toEqual([
      'checklist.convention',
      'programmeId',
    ]);
    expect(refused.body.errors?.find((e) => e.path === 'programmeId')?.message).toContain(
      'PROGRAMME_FULL',
    );
    expect(await count(`SELECT count(*) FROM transition`)).toBe(before);
  });

  it('never fills a programme past its capacity, even when moves into its last places race', async () => {
    const twoPlaces = await platform.builders.programme(
      scenario.structures.rouenNursery,
      'NURSERY',
      {
        name: 'Pépinière deux places',
        capacity: 2,
      },
    );
    const racers = [];
    for (const name of ['Course A', 'Course B', 'Course C', 'Course D', 'Course E']) {
      racers.push(await createStartup(name));
    }
    await platform.drain();
    for (const racer of racers) await completeCurrentChecklist(platform, racer.id);
    const answers = await Promise.all(
      racers.map((racer) =>
        rouen.post<{ status: string } & Problem>(`/api/v1/startups/${racer.id}/transitions`, {
          toStage: 'NURSERY',
          programmeId: twoPlaces,
        }),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 201, 422, 422, 422]);
    for (const refused of answers.filter((answer) => answer.status === 422)) {
      expect(refused.body.errors?.map((e) => e.message).join()).toContain('PROGRAMME_FULL');
    }
    await platform.drain();
    expect(
      await count(
        `SELECT count(*) FROM enrolment WHERE programme_id = '${twoPlaces}' AND ended_at IS NULL`,
      ),
    ).toBe(2);
  });

  it('needs four eyes to enter acceleration: the requester cannot decide, a manager of the accelerator can', async () => {
    const startup = await createStartup('Havre Logistics AI');
    await platform.drain();
    await completeCurrentChecklist(platform, startup.id);
    const requested = await admin.post<{ id: string; status: string }>(
      `/api/v1/startups/${startup.id}/transitions`,
      {
        toStage: 'ACCELERATION',
        programmeId: scenario.programmes.acceleration,
      },
    );
    expect(requested.status).toBe(201);
    expect(requested.body.status).toBe('REQUESTED');

    const inbox = await ffwd.get<{ items: { id: string }[] }>(
      '/api/v1/transitions?status=REQUESTED',
    );
    expect(inbox.body.items.map((t) => t.id)).toContain(requested.body.id);

    const byRequester = await admin.post<Problem>(
      `/api/v1/transitions/${requested.body.id}/decision`,
      {
        decision: 'APPROVE',
      },
    );
    expect(byRequester.status).toBe(403);
    expect(byRequester.body.detail).toContain('FOUR_EYES_REQUESTER_CANNOT_DECIDE');
    const byOutsider = await rouen.post<Problem>(
      `/api/v1/transitions/${requested.body.id}/decision`,
      {
        decision: 'APPROVE',
      },
    );
    expect(byOutsider.status).toBe(403);

    const approved = await ffwd.post<{ status: string }>(
      `/api/v1/transitions/${requested.body.id}/decision`,
      {
        decision: 'APPROVE',
        note: 'Comité du 12 novembre',
      },
    );
    expect(approved.status).toBe(200);
    await platform.drain();
    const done = await ffwd.get<{ status: string }>(`/api/v1/transitions/${requested.body.id}`);
    expect(done.body.status).toBe('COMPLETED');
    const dossier = await ffwd.get<{ stage: string }>(`/api/v1/startups/${startup.id}`);
    expect(dossier.body.stage).toBe('ACCELERATION');
  });

  it('lets the receiving committee reject a referral and still read the dossier it examined', async () => {
    const startup = await createStartup('Refused Referral');
    await platform.drain();
    await completeCurrentChecklist(platform, startup.id);
    const requested = await rouen.post<{ id: string }>(
      `/api/v1/startups/${startup.id}/transitions`,
      {
        toStage: 'ACCELERATION',
        programmeId: scenario.programmes.acceleration,
      },
    );
    expect(requested.status).toBe(201);
    const rejected = await ffwd.post<{ status: string; decisionNote: string }>(
      `/api/v1/transitions/${requested.body.id}/decision`,
      { decision: 'REJECT', note: 'Pas encore prêt pour le comité' },
    );
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({
      status: 'REJECTED',
      decisionNote: 'Pas encore prêt pour le comité',
    });
    const dossier = await rouen.get<{ stage: string }>(`/api/v1/startups/${startup.id}`);
    expect(dossier.body.stage).toBe('INCUBATION');
  });

  it('answers 404 for a startup outside the caller’s scope and keeps it out of lists', async () => {
    const startup = await createStartup('Only Rouen Sees Me');
    const read = await caen.get<Problem>(`/api/v1/startups/${startup.id}`);
    expect(read.status).toBe(404);
    const list = await caen.get<{ items: { id: string }[] }>('/api/v1/startups?limit=200');
    expect(list.body.items.map((s) => s.id)).not.toContain(startup.id);
    const move = await caen.post<Problem>(`/api/v1/startups/${startup.id}/transitions`, {
      toStage: 'NURSERY',
    });
    expect(move.status).toBe(404);
  });

  it('pages the list with a keyset cursor and no duplicates', async () => {
    type StartupPage = { items: { id: string }[]; nextCursor: string | null };
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page: Awaited<ReturnType<typeof rouen.get<StartupPage>>> = await rouen.get<StartupPage>(
        `/api/v1/startups?limit=2${query}`,
      );
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((s) => s.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(await count(`SELECT count(*) FROM startup`));
    const forged = await rouen.get<Problem>('/api/v1/startups?cursor=forged');
    expect(forged.status).toBe(400);
    expect(forged.body.errors?.[0].path).toBe('cursor');
  });

  it('counts startups per stage, every stage present', async () => {
    const counts = await caen.get<{ counts: Record<string, number> }>(
      '/api/v1/startups/stage-counts',
    );
    expect(counts.status).toBe(200);
    expect(Object.keys(counts.body.counts).sort()).toEqual([
      'ACCELERATION',
      'ALUMNI',
      'DETECTION',
      'EXITED',
      'INCUBATION',
      'INTERNATIONALISATION',
      'NURSERY',
    ]);
    expect(Object.values(counts.body.counts).every((n) => n === 0)).toBe(true);
    const mine = await rouen.get<{ counts: Record<string, number> }>(
      '/api/v1/startups/stage-counts',
    );
    expect(mine.body.counts['INCUBATION']).toBeGreaterThan(0);
  });

  it('answers 412 to a PATCH with a stale If-Match', async () => {
    const startup = await createStartup('Versioned');
    const read = await rouen.get<{ version: number }>(`/api/v1/startups/${startup.id}`);
    const etag = read.headers.get('etag') ?? '';
    const first = await rouen.patch(
      `/api/v1/startups/${startup.id}`,
      { description: 'v2' },
      { 'if-match': etag },
    );
    expect(first.status).toBe(200);
    const stale = await rouen.patch<Problem>(
      `/api/v1/startups/${startup.id}`,
      { description: 'v3' },
      { 'if-match': etag },
    );
    expect(stale.status).toBe(412);
  });

  it('signs in with one message for unknown e-mail and wrong password, and guards every route', async () => {
    const anonymous = client(platform);
    const wrong = await anonymous.post<Problem>('/api/v1/auth/login', {
      email: scenario.users.admin,
      password: 'nope-nope-nope',
    });
    const unknown = await anonymous.post<Problem>('/api/v1/auth/login', {
      email: 'ghost@test.parcours',
      password: 'nope-nope-nope',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
    const noToken = await anonymous.get<Problem>('/api/v1/startups');
    expect(noToken.status).toBe(401);
    expect(noToken.headers.get('content-type')).toContain('application/problem+json');
    const me = await rouen.get<{ roles: string[] }>('/api/v1/me');
    expect(me.body.roles).toEqual(['manager']);
  });

  it('serves readiness, metrics and the OpenAPI document', async () => {
    const anonymous = client(platform);
    const ready = await anonymous.get<{ status: string; checks: Record<string, string> }>(
      '/health/ready',
    );
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toEqual({ postgres: 'up', redis: 'up' });
    const metrics = await anonymous.get<string>('/metrics');
    expect(metrics.body).toContain('parcours_http_request_duration_seconds_bucket');
    expect(metrics.body).toMatch(/parcours_queue_jobs\{queue="workflow",state="completed"\} [1-9]/);
    expect(metrics.body).toMatch(/parcours_transitions\{status="COMPLETED"\} [1-9]/);
    expect(metrics.body).toContain('parcours_outbox_pending 0');
    const docs = await anonymous.get<{ paths: Record<string, unknown> }>('/api/docs-json');
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/startups',
        '/api/v1/startups/{id}/transitions',
        '/api/v1/transitions/{id}/decision',
      ]),
    );
  });
});
