import { startPrivateRedis, type PrivateRedis } from '@parcours/server-testing';
import { signIn, startPlatform, type Platform } from './support/platform';
import { buildScenario } from './support/scenario';

type Api = Awaited<ReturnType<typeof signIn>>;

/**
 * Nothing committed is lost: a transition that committed completes, exactly once, whatever
 * happens to the worker or to Redis in between. Redis here is a private server on its own port,
 * so stopping it does not disturb the other test files.
 */
describe('fault tolerance of the transition workflow', () => {
  let redis: PrivateRedis;
  let platform: Platform;
  let manager: Api;
  let scenario: Awaited<ReturnType<typeof buildScenario>>;

  const query = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    platform.db.dataSource.query(sql, params) as Promise<T[]>;

  /** Startups at INCUBATION with nothing left on their checklist, ready to move to NURSERY. */
  const readyStartups = async (names: string[]) => {
    const ids: string[] = [];
    for (const name of names) {
      const created = await manager.post<{ id: string }>('/api/v1/startups', {
        name,
        domain: 'SMART_INDUSTRIES',
        territory: 'ROUEN',
        stage: 'INCUBATION',
        structureId: scenario.structures.rouenIncubator,
      });
      expect(created.status).toBe(201);
      ids.push(created.body.id);
    }
    return ids;
  };

  const requestNursery = (startupId: string) =>
    manager.post<{ id: string; status: string }>(`/api/v1/startups/${startupId}/transitions`, {
      toStage: 'NURSERY',
      programmeId: scenario.programmes.nursery,
    });

  /** Every effect of every completed NURSERY move, counted from the database. */
  const assertEffectsExactlyOnce = async (transitionIds: string[]) => {
    const statuses = await query<{ status: string; steps_done: number }>(
      `SELECT t.status, (SELECT count(*)::int FROM transition_step s WHERE s.transition_id = t.id AND s.status = 'DONE') AS steps_done
         FROM transition t WHERE t.id = ANY($1::uuid[])`,
      [transitionIds],
    );
    expect(statuses).toHaveLength(transitionIds.length);
    expect(statuses.every((row) => row.status === 'COMPLETED' && row.steps_done === 6)).toBe(true);
    const perTransition = await query<{
      checklist: number;
      enrolments: number;
      reminders: number;
      notices: number;
    }>(
      `SELECT
         (SELECT count(*)::int FROM checklist_item c WHERE c.opened_by_transition_id = t.id) AS checklist,
         (SELECT count(*)::int FROM enrolment e WHERE e.transition_id = t.id) AS enrolments,
         (SELECT count(*)::int FROM scheduled_reminder r JOIN stage_stay st ON st.id = r.stay_id
           WHERE st.entered_by_transition_id = t.id) AS reminders,
         (SELECT count(*)::int FROM notification n WHERE n.transition_id = t.id) AS notices
       FROM transition t WHERE t.id = ANY($1::uuid[])`,
      [transitionIds],
    );
    // The nursery template has two items; one enrolment, one review reminder; the manager is
    // notified once (the startups have no founders).
    expect(
      perTransition.every(
        (row) =>
          row.checklist === 2 && row.enrolments === 1 && row.reminders === 1 && row.notices === 1,
      ),
    ).toBe(true);
  };

  beforeAll(async () => {
    redis = await startPrivateRedis();
    platform = await startPlatform({ redisUrl: redis.url });
    scenario = await buildScenario(platform);
    // No required item on the incubation stay, so moves to the nursery pass the guards.
    manager = await signIn(platform, scenario.users.managerRouen);
  });

  afterAll(async () => {
    await platform?.stop();
    await redis?.stop();
  });

  it('completes every committed transition exactly once when the worker is SIGKILLed mid-flight', async () => {
    const startups = await readyStartups(
      Array.from({ length: 12 }, (_, i) => `Crash Test ${i + 1}`),
    );
    await platform.drain();
    const requests = await Promise.all(startups.map(requestNursery));
    expect(requests.every((r) => r.status === 201)).toBe(true);
    // Kill the worker while it is in the middle of the flows, then bring a new one up.
    await new Promise((resolve) => setTimeout(resolve, 150));
    const killed = await platform.workers[0].stop('SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
    await platform.startWorker();
    await platform.drain(60_000);
    await assertEffectsExactlyOnce(requests.map((r) => r.body.id));
  });

  it('takes a transition while Redis is down and runs its workflow once Redis is back', async () => {
    const [startupId] = await readyStartups(['Redis Outage Survivor']);
    await platform.drain();
    await redis.stop();
    const requested = await requestNursery(startupId);
    expect(requested.status).toBe(201);
    const [outbox] = await query<{ unsent: number }>(
      `SELECT count(*)::int AS unsent FROM outbox WHERE aggregate_id = $1 AND sent_at IS NULL`,
      [requested.body.id],
    );
    expect(outbox.unsent).toBe(1);
    const [stage] = await query<{ stage: string }>(`SELECT stage FROM startup WHERE id = $1`, [
      startupId,
    ]);
    expect(stage.stage).toBe('NURSERY');
    await redis.start();
    await platform.drain(60_000);
    await assertEffectsExactlyOnce([requested.body.id]);
  });
});
