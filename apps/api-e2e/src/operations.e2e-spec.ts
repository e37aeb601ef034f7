import type { FailedTransitionView, QueueCountsView, TransitionView } from '@parcours/contracts';
import { signIn, startPlatform, type Platform } from './support/platform';
import { buildScenario } from './support/scenario';

type Api = Awaited<ReturnType<typeof signIn>>;

/**
 * Workflow health for admins. A step fails for real: the programme's checklist template has an
 * item without a title, which the checklist table refuses (NOT NULL), so OPEN_STAGE_CHECKLIST
 * exhausts its retries (about 15 s of backoff) and the transition ends FAILED.
 */
describe('operations on failed workflow steps', () => {
  let platform: Platform;
  let scenario: Awaited<ReturnType<typeof buildScenario>>;
  let admin: Api;
  let manager: Api;
  let brokenProgramme: string;
  let toRetry: string;
  let toAbandon: string;

  const query = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    platform.db.dataSource.query(sql, params) as Promise<T[]>;

  const transition = async (id: string) =>
    (await admin.get<TransitionView>(`/api/v1/transitions/${id}`)).body;

  const waitForStatus = async (id: string, status: string, timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = await transition(id);
      if (current.status === status) return current;
      if (Date.now() > deadline) {
        throw new Error(
          `transition ${id} is ${current.status}, not ${status}: ${JSON.stringify(current.steps)}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };

  /** A startup moved into the nursery programme whose template is broken: its workflow fails. */
  const failingMove = async (name: string) => {
    const created = await manager.post<{ id: string }>('/api/v1/startups', {
      name,
      domain: 'SMART_PORTS_LOGISTICS',
      territory: 'ROUEN',
      stage: 'INCUBATION',
      structureId: scenario.structures.rouenIncubator,
    });
    expect(created.status).toBe(201);
    const moved = await manager.post<{ id: string }>(
      `/api/v1/startups/${created.body.id}/transitions`,
      {
        toStage: 'NURSERY',
        programmeId: brokenProgramme,
      },
    );
    expect(moved.status).toBe(201);
    return moved.body.id;
  };

  beforeAll(async () => {
    platform = await startPlatform();
    scenario = await buildScenario(platform);
    admin = await signIn(platform, scenario.users.admin);
    manager = await signIn(platform, scenario.users.managerRouen);
    brokenProgramme = await platform.builders.programme(
      scenario.structures.rouenNursery,
      'NURSERY',
      {
        name: 'Pépinière au modèle cassé',
      },
    );
    await query(`UPDATE programme SET checklist_template = '[{"key": "bail"}]' WHERE id = $1`, [
      brokenProgramme,
    ]);
    [toRetry, toAbandon] = await Promise.all([
      failingMove('Havre Drones'),
      failingMove('Caux Cargo'),
    ]);
    await Promise.all([waitForStatus(toRetry, 'FAILED'), waitForStatus(toAbandon, 'FAILED')]);
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it('lists FAILED transitions with their failed steps, attempts and last error', async () => {
    const listed = await admin.get<{ items: FailedTransitionView[] }>(
      '/api/v1/operations/failed-steps',
    );
    expect(listed.status).toBe(200);
    const item = listed.body.items.find((entry) => entry.transitionId === toRetry);
    expect(item).toMatchObject({
      status: 'FAILED',
      startupName: 'Havre Drones',
      toStage: 'NURSERY',
    });
    expect(item?.steps).toEqual([
      expect.objectContaining({
        name: 'OPEN_STAGE_CHECKLIST',
        status: 'FAILED',
        attempts: 5,
        lastError: expect.stringContaining('title'),
      }),
    ]);
    expect(listed.body.items.map((entry) => entry.transitionId).sort()).toEqual(
      [toRetry, toAbandon].sort(),
    );
  });

  it('refuses every operation to a manager (403) and to an anonymous caller (401)', async () => {
    const calls = [
      manager.get('/api/v1/operations/failed-steps'),
      manager.get('/api/v1/operations/queues'),
      manager.post(`/api/v1/operations/transitions/${toRetry}/retry`),
      manager.post(`/api/v1/operations/transitions/${toAbandon}/abandon`, { reason: 'no' }),
      manager.post('/api/v1/operations/queue-dashboard/session'),
      manager.get('/api/v1/operations/queues/ui'),
    ];
    expect((await Promise.all(calls)).map((result) => result.status)).toEqual([
      403, 403, 403, 403, 403, 403,
    ]);
    const anonymous = await fetch(`${platform.baseUrl}/api/v1/operations/queues/ui/api/queues`);
    expect(anonymous.status).toBe(401);
    expect((await transition(toRetry)).status).toBe('FAILED');
  });

  it('retries the failed steps once the cause is fixed: EXECUTING, then COMPLETED', async () => {
    await query(
      `UPDATE programme SET checklist_template = '[{"key": "bail", "title": "Convention d''hébergement"}]'
        WHERE id = $1`,
      [brokenProgramme],
    );
    const [{ outboxRows: before }] = await query<{ outboxRows: number }>(
      `SELECT count(*)::int AS "outboxRows" FROM outbox WHERE aggregate_id = $1`,
      [toRetry],
    );
    const retried = await admin.post<{ status: string; steps: string[] }>(
      `/api/v1/operations/transitions/${toRetry}/retry`,
    );
    expect(retried.status).toBe(202);
    expect(retried.body).toMatchObject({ status: 'EXECUTING', steps: ['OPEN_STAGE_CHECKLIST'] });
    const done = await waitForStatus(toRetry, 'COMPLETED');
    expect(done.steps?.every((step) => step.status === 'DONE')).toBe(true);
    const [counts] = await query(
      `SELECT (SELECT count(*)::int FROM checklist_item WHERE opened_by_transition_id = $1) AS checklist,
              (SELECT count(*)::int FROM outbox WHERE aggregate_id = $1) AS outbox,
              (SELECT count(*)::int FROM enrolment WHERE transition_id = $1) AS enrolments`,
      [toRetry],
    );
    // A new outbox row carried the re-run; the steps done before were not done again.
    expect(counts).toEqual({ checklist: 1, outbox: before + 1, enrolments: 1 });
    const again = await admin.post(`/api/v1/operations/transitions/${toRetry}/retry`);
    expect(again.status).toBe(409);
    const audit = await query(
      `SELECT action, actor_id IS NOT NULL AS by_someone FROM audit_entry WHERE entity_id = $1 AND action LIKE 'transition.workflow.%'`,
      [toRetry],
    );
    expect(audit).toEqual([{ action: 'transition.workflow.retried', by_someone: true }]);
  });

  it('abandons the remaining steps: SKIPPED with the reason, the stage change stands', async () => {
    const missingReason = await admin.post(
      `/api/v1/operations/transitions/${toAbandon}/abandon`,
      {},
    );
    expect(missingReason.status).toBe(400);
    const abandoned = await admin.post<{ status: string; steps: string[] }>(
      `/api/v1/operations/transitions/${toAbandon}/abandon`,
      { reason: 'Convention signée sur papier, checklist tenue à la main' },
    );
    expect(abandoned.status).toBe(200);
    expect(abandoned.body).toMatchObject({ status: 'COMPLETED', steps: ['OPEN_STAGE_CHECKLIST'] });
    const after = await transition(toAbandon);
    expect(after.status).toBe('COMPLETED');
    expect(after.steps?.find((step) => step.name === 'OPEN_STAGE_CHECKLIST')?.status).toBe(
      'SKIPPED',
    );
    const [step] = await query(
      `SELECT skip_reason FROM transition_step WHERE transition_id = $1 AND name = 'OPEN_STAGE_CHECKLIST'`,
      [toAbandon],
    );
    expect(step.skip_reason).toBe('Convention signée sur papier, checklist tenue à la main');
    const [startup] = await query(
      `SELECT s.stage FROM startup s JOIN transition t ON t.startup_id = s.id WHERE t.id = $1`,
      [toAbandon],
    );
    expect(startup.stage).toBe('NURSERY');
    expect(
      (await admin.post(`/api/v1/operations/transitions/${toAbandon}/abandon`, { reason: 'again' }))
        .status,
    ).toBe(409);
    expect(
      (
        await admin.post(
          '/api/v1/operations/transitions/00000000-0000-4000-8000-000000000000/retry',
        )
      ).status,
    ).toBe(404);
    const listed = await admin.get<{ items: FailedTransitionView[] }>(
      '/api/v1/operations/failed-steps',
    );
    expect(listed.body.items).toEqual([]);
  });

  it('counts jobs per queue and state', async () => {
    const counts = await admin.get<QueueCountsView>('/api/v1/operations/queues');
    expect(counts.status).toBe(200);
    expect(counts.body.queues.map((queue) => queue.name).sort()).toEqual([
      'exports',
      'notifications',
      'reminders',
      'workflow',
    ]);
    const workflow = counts.body.queues.find((queue) => queue.name === 'workflow');
    // The two flows that exhausted their retries: a failed step job and its failed parent each.
    expect(workflow?.counts['failed']).toBeGreaterThanOrEqual(2);
    expect(workflow?.counts['completed']).toBeGreaterThan(0);
  });

  it('serves the queue dashboard to admins only, by bearer token or dashboard cookie', async () => {
    const page = await admin.get('/api/v1/operations/queues/ui');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const api = await admin.get<{ queues: { name: string }[] }>(
      '/api/v1/operations/queues/ui/api/queues',
    );
    expect(api.status).toBe(200);
    expect(api.body.queues.map((queue) => queue.name).sort()).toEqual([
      'exports',
      'notifications',
      'reminders',
      'workflow',
    ]);

    const session = await admin.post('/api/v1/operations/queue-dashboard/session');
    expect(session.status).toBe(204);
    const cookie = session.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toContain('Path=/api/v1/operations/queues/ui');
    const byCookie = await fetch(`${platform.baseUrl}/api/v1/operations/queues/ui/api/queues`, {
      headers: { cookie: cookie.split(';')[0] },
    });
    expect(byCookie.status).toBe(200);
    const forged = await fetch(`${platform.baseUrl}/api/v1/operations/queues/ui/api/queues`, {
      headers: { cookie: 'parcours_queue_dashboard=not-a-token' },
    });
    expect(forged.status).toBe(401);
  });
});
