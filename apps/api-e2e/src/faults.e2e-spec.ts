import {
  startPrivateRedis,
  type PrivateRedis,
  type ServiceProcess,
} from '@parcours/server-testing';
import { signIn, startPlatform, type Platform } from './support/platform';
import { buildScenario } from './support/scenario';
import { eventually as waitFor, startSmtpSink, type SmtpSink } from './support/smtp-sink';

type Api = Awaited<ReturnType<typeof signIn>>;

/**
 * Nothing committed is lost, and nothing happens twice: transitions requested over HTTP while
 * the worker is SIGKILLed every ~2 s and restarted, Redis (a private server, so the other test
 * files are not disturbed) is restarted once and loses its data, and the outbox relay dies
 * between adding a flow's jobs and marking its rows sent (FAULT_RELAY_CRASH_AFTER_BATCH). At the
 * end every committed transition is COMPLETED and every effect happened once, counted from the
 * database and the SMTP sink.
 *
 * The size is a parameter: `FAULTS_TRANSITIONS` (150 by default, what `npm test` runs;
 * `npm run test:faults` runs 2,000).
 */
const SIZE = Math.max(20, Number(process.env['FAULTS_TRANSITIONS'] ?? 150));
const HTTP_CONCURRENCY = 8;
const KILL_EVERY_MS = 2_000;
const LOCK_DURATION_MS = 4_000;
/** One restarted worker in this many dies by the relay fault instead of the chaos loop. */
const RELAY_CRASH_ONE_START_IN = 3;
/** Moves requested at the end for a relay certain to crash between sending and marking. */
const RELAY_PHASE_MOVES = 10;

/** Runs `task` over `items`, `concurrency` at a time; results in the items' order. */
async function pool<T, R>(
  items: readonly T[],
  concurrency: number,
  task: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await task(items[index], index);
      }
    }),
  );
  return results;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('fault tolerance of the transition workflow', () => {
  let redis: PrivateRedis;
  let sink: SmtpSink;
  let platform: Platform;
  let manager: Api;
  let scenario: Awaited<ReturnType<typeof buildScenario>>;
  let roomyNursery: string;

  const query = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) =>
    platform.db.dataSource.query(sql, params) as Promise<T[]>;

  /** Startups at INCUBATION with nothing required on their checklist, ready to move on. */
  let signedInAt = 0;
  /** The manager's session, signed in afresh before its 15-minute access token runs out. */
  const asManager = async (): Promise<Api> => {
    if (Date.now() - signedInAt > 10 * 60_000) {
      signedInAt = Date.now();
      manager = await signIn(platform, scenario.users.managerRouen);
    }
    return manager;
  };

  const readyStartups = (count: number, prefix: string) =>
    pool(
      Array.from({ length: count }, (_, i) => `${prefix} ${i + 1}`),
      HTTP_CONCURRENCY,
      async (name) => {
        const created = await (
          await asManager()
        ).post<{ id: string }>('/api/v1/startups', {
          name,
          domain: 'SMART_INDUSTRIES',
          territory: 'ROUEN',
          stage: 'INCUBATION',
          structureId: scenario.structures.rouenIncubator,
        });
        if (created.status !== 201) throw new Error(`${name}: ${JSON.stringify(created.body)}`);
        return created.body.id;
      },
    );

  const requestNursery = async (startupId: string) =>
    (await asManager()).post<{ id: string; status: string }>(
      `/api/v1/startups/${startupId}/transitions`,
      { toStage: 'NURSERY', programmeId: roomyNursery },
    );

  const liveWorkers = () =>
    platform.workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);

  /**
   * Until every transition is COMPLETED and every notification's e-mail was claimed and, unless
   * a kill interrupted it long ago, answered by the SMTP server. Read from the database: the
   * repeating notification sweep keeps the queues busy, so "drained" is not a moment to wait for.
   */
  const waitForCompletion = async (transitionIds: string[], timeoutMs: number) => {
    await waitFor(
      async () => {
        const [row] = await query<{ unfinished: number; unemailed: number; sending: number }>(
          `SELECT
             (SELECT count(*)::int FROM transition t
               WHERE t.id = ANY($1::uuid[]) AND t.status <> 'COMPLETED') AS unfinished,
             (SELECT count(*)::int FROM notification n
               WHERE n.transition_id = ANY($1::uuid[]) AND n.emailed_at IS NULL) AS unemailed,
             (SELECT count(*)::int FROM notification n
               WHERE n.transition_id = ANY($1::uuid[]) AND n.delivery_outcome IS NULL
                 AND n.emailed_at > now() - interval '15 seconds') AS sending`,
          [transitionIds],
        );
        return row.unfinished === 0 && row.unemailed === 0 && row.sending === 0;
      },
      `${transitionIds.length} transitions to complete and their e-mails to be sent`,
      timeoutMs,
    );
  };

  /** Until the first entries of these new startups have run their workflows. */
  const waitForFirstEntries = (startupIds: string[], timeoutMs: number) =>
    waitFor(
      async () =>
        (
          await query<{ n: number }>(
            `SELECT count(*)::int AS n FROM transition
              WHERE startup_id = ANY($1::uuid[]) AND status <> 'COMPLETED'`,
            [startupIds],
          )
        )[0].n === 0,
      'the first entries to complete',
      timeoutMs,
    );

  /** Every effect of every NURSERY move, counted from the database and the SMTP sink. */
  const effectsOf = async (transitionIds: string[]) => {
    const rows = await query<{
      id: string;
      status: string;
      steps_done: number;
      step_attempts: number;
      checklist: number;
      enrolments: number;
      reminders: number;
      stays: number;
      notification_ids: string[];
      interrupted_ids: string[];
    }>(
      `SELECT t.id, t.status,
         (SELECT count(*)::int FROM transition_step s
           WHERE s.transition_id = t.id AND s.status = 'DONE') AS steps_done,
         (SELECT coalesce(sum(s.attempts), 0)::int FROM transition_step s
           WHERE s.transition_id = t.id) AS step_attempts,
         (SELECT count(*)::int FROM checklist_item c WHERE c.opened_by_transition_id = t.id) AS checklist,
         (SELECT count(*)::int FROM enrolment e WHERE e.transition_id = t.id) AS enrolments,
         (SELECT count(*)::int FROM scheduled_reminder r JOIN stage_stay st ON st.id = r.stay_id
           WHERE st.entered_by_transition_id = t.id) AS reminders,
         (SELECT count(*)::int FROM stage_stay st WHERE st.entered_by_transition_id = t.id) AS stays,
         (SELECT coalesce(array_agg(n.id::text), '{}') FROM notification n
           WHERE n.transition_id = t.id) AS notification_ids,
         (SELECT coalesce(array_agg(n.id::text), '{}') FROM notification n
           WHERE n.transition_id = t.id AND n.emailed_at IS NOT NULL
             AND n.delivery_outcome IS NULL) AS interrupted_ids
       FROM transition t WHERE t.id = ANY($1::uuid[])`,
      [transitionIds],
    );
    const mails = new Map<string, number>();
    for (const message of sink.messages) {
      const id = message.headers.get('x-parcours-notification');
      if (id) mails.set(id, (mails.get(id) ?? 0) + 1);
    }
    const notificationIds = rows.flatMap((row) => row.notification_ids);
    const interrupted = new Set(rows.flatMap((row) => row.interrupted_ids));
    return {
      rows,
      notificationIds,
      /** Messages received per notification: must never exceed one. */
      duplicatedEmails: notificationIds.filter((id) => (mails.get(id) ?? 0) > 1).length,
      /** Delivered (SMTP accepted and recorded SENT) but not received, or not sent at all. */
      missingEmails: notificationIds.filter(
        (id) => (mails.get(id) ?? 0) === 0 && !interrupted.has(id),
      ).length,
      /** Messages received for these notifications. */
      emailsReceived: notificationIds.reduce((sum, id) => sum + (mails.get(id) ?? 0), 0),
      interruptedClaims: interrupted.size,
      interruptedDelivered: [...interrupted].filter((id) => mails.get(id) === 1).length,
      stepRedeliveries: rows.reduce((sum, row) => sum + row.step_attempts - 6, 0),
    };
  };

  const expectEachEffectOnce = (effects: Awaited<ReturnType<typeof effectsOf>>, size: number) => {
    expect(effects.rows).toHaveLength(size);
    const wrong = effects.rows.filter(
      (row) =>
        row.status !== 'COMPLETED' ||
        row.steps_done !== 6 ||
        // The nursery template has two items; one enrolment, one stay, one review reminder; the
        // manager is told once (the startups have no founders).
        row.checklist !== 2 ||
        row.enrolments !== 1 ||
        row.stays !== 1 ||
        row.reminders !== 1 ||
        row.notification_ids.length !== 1,
    );
    expect(wrong).toEqual([]);
    expect(effects.duplicatedEmails).toBe(0);
    expect(effects.missingEmails).toBe(0);
  };

  beforeAll(async () => {
    redis = await startPrivateRedis();
    sink = await startSmtpSink();
    platform = await startPlatform({
      redisUrl: redis.url,
      env: {
        SMTP_URL: sink.url,
        NOTIFICATION_SWEEP_EVERY_MS: '2000',
        JOB_LOCK_DURATION_MS: String(LOCK_DURATION_MS),
        WORKER_CONCURRENCY: '8',
        DATABASE_POOL_SIZE: '10',
        // Flows Redis lost are published again soon after, not a minute later.
        WORKFLOW_REDRIVE_AFTER_MS: '20000',
        WORKFLOW_REDRIVE_EVERY_MS: '5000',
      },
    });
    scenario = await buildScenario(platform);
    // The scenario's nursery has 50 places; these runs move hundreds or thousands of startups.
    roomyNursery = await platform.builders.programme(scenario.structures.rouenNursery, 'NURSERY', {
      name: 'Pépinière sans limite de places',
      capacity: null,
      reviewIntervalDays: 60,
      checklist: [
        { key: 'bail', title: 'Convention d’hébergement', required: true },
        { key: 'kbis', title: 'Kbis', required: false },
      ],
    });
    await asManager();
    // Booting the platform on a loaded machine may take longer than the default two minutes.
  }, 600_000);

  afterAll(async () => {
    await platform?.stop();
    await redis?.stop();
    await sink?.stop();
  });

  it(
    `completes ${SIZE} transitions exactly once through worker SIGKILLs, a Redis restart and relay crashes`,
    async () => {
      const started = Date.now();
      const startups = await readyStartups(SIZE, 'Chaos');
      await waitForFirstEntries(startups, SIZE * 1_000 + 60_000);

      // The chaos: every ~2 s the worker is SIGKILLed and a new one started; one start in three
      // carries the relay fault, which kills it between sending and marking.
      let chaos = true;
      const kills: ServiceProcess[] = [];
      let relayFaultStarts = 0;
      let starts = 0;
      const relayFaulted = new Set<ServiceProcess>();
      const exited = (worker: ServiceProcess) =>
        new Promise((resolve) => worker.child.once('exit', resolve));
      const chaosLoop = (async () => {
        while (chaos) {
          await sleep(KILL_EVERY_MS);
          if (!chaos) break;
          for (const worker of liveWorkers()) {
            // A worker carrying the relay fault is left a few seconds to die of it.
            if (relayFaulted.has(worker)) {
              await Promise.race([exited(worker), sleep(3 * KILL_EVERY_MS)]);
              if (!liveWorkers().includes(worker)) continue;
            }
            kills.push(worker);
            await worker.stop('SIGKILL');
          }
          starts += 1;
          const withRelayFault = starts % RELAY_CRASH_ONE_START_IN === 0;
          if (withRelayFault) relayFaultStarts += 1;
          const worker = await platform.startWorker(
            withRelayFault ? { FAULT_RELAY_CRASH_AFTER_BATCH: '1' } : {},
          );
          if (withRelayFault) relayFaulted.add(worker);
        }
      })();

      // The requests, over HTTP; a third of the way in, Redis stops (losing everything) and
      // comes back. The API takes moves without Redis: the outbox keeps them.
      let redisRestarted = false;
      let completedRequests = 0;
      // The last few moves are kept for a relay that is sure to crash (below).
      const relayPhase = startups.slice(-RELAY_PHASE_MOVES);
      const chaosPhase = await pool(
        startups.slice(0, -RELAY_PHASE_MOVES),
        HTTP_CONCURRENCY,
        async (startupId) => {
          const response = await requestNursery(startupId);
          completedRequests += 1;
          if (!redisRestarted && completedRequests >= SIZE / 3) {
            redisRestarted = true;
            await redis.stop();
            await sleep(1_000);
            await redis.start();
          }
          return response;
        },
      );
      chaos = false;
      await chaosLoop;

      // Whatever the chaos left to chance: the only worker now carries the relay fault, the last
      // moves are requested, and its relay dies between adding their jobs and marking them sent.
      for (const worker of liveWorkers()) await worker.stop('SIGKILL');
      const doomed = await platform.startWorker({ FAULT_RELAY_CRASH_AFTER_BATCH: '1' });
      relayFaulted.add(doomed);
      const lastRequests = await pool(relayPhase, HTTP_CONCURRENCY, requestNursery);
      await Promise.race([exited(doomed), sleep(120_000)]);
      expect(doomed.output()).toContain('FAULT INJECTION relay-crash');
      const requests = [...chaosPhase, ...lastRequests];
      const requestSeconds = (Date.now() - started) / 1000;
      expect(requests.filter((r) => r.status !== 201)).toEqual([]);
      expect(redisRestarted).toBe(true);
      // A clean worker finishes the job; the killed ones' jobs are taken over as stalled.
      await platform.startWorker();

      const transitionIds = requests.map((r) => r.body.id);
      await waitForCompletion(transitionIds, SIZE * 1_000 + 180_000);
      const effects = await effectsOf(transitionIds);
      const relayCrashes = kills
        .concat(platform.workers)
        .filter((worker, index, all) => all.indexOf(worker) === index)
        .map((worker) => [...worker.output().matchAll(/FAULT INJECTION relay-crash rows=(\d+)/g)])
        .flat();
      const [outbox] = await query<{ rows: number; resent: number }>(
        `SELECT count(*)::int AS rows, count(*) FILTER (WHERE attempts > 1)::int AS resent
         FROM outbox WHERE aggregate_id = ANY($1::uuid[])`,
        [transitionIds],
      );
      console.log(
        [
          `fault run: ${SIZE} transitions requested over HTTP in ${requestSeconds.toFixed(1)} s, all COMPLETED after ${((Date.now() - started) / 1000).toFixed(1)} s`,
          `  faults: ${kills.length} worker SIGKILLs, ${relayCrashes.length} relay crashes between send and mark (${relayFaultStarts} workers started with the fault), 1 Redis restart (data lost)`,
          `  redeliveries: ${effects.stepRedeliveries} step re-runs beyond one per step (retries and stalled jobs taken over), ${relayCrashes.reduce((sum, match) => sum + Number(match[1]), 0)} outbox rows whose jobs were added again after a relay crash, ${outbox.resent} outbox rows marked sent twice`,
          `  effects: ${effects.rows.length * 2} checklist items, ${effects.rows.length} enrolments, ${effects.rows.length} stays, ${effects.rows.length} review reminders, ${effects.notificationIds.length} notifications, ${effects.emailsReceived} e-mails received; duplicated e-mails ${effects.duplicatedEmails}`,
          `  e-mails whose claim a kill interrupted (at-most-once by design): ${effects.interruptedClaims}, of which the SMTP server had accepted ${effects.interruptedDelivered}`,
        ].join('\n'),
      );
      expectEachEffectOnce(effects, SIZE);
      expect(kills.length).toBeGreaterThan(0);
    },
    SIZE * 3_000 + 400_000,
  );

  it('loses nothing and exits within the lock duration on SIGTERM under load', async () => {
    const size = Math.min(SIZE, 100);
    for (const worker of liveWorkers()) await worker.stop('SIGTERM');
    await platform.startWorker();
    const startups = await readyStartups(size, 'Graceful');
    await waitForFirstEntries(startups, 120_000);
    const requests = await pool(startups, HTTP_CONCURRENCY, requestNursery);
    expect(requests.filter((r) => r.status !== 201)).toEqual([]);
    // Under load: the worker is in the middle of the flows when it is told to stop.
    await waitFor(
      async () =>
        (
          await query<{ n: number }>(
            `SELECT count(*)::int AS n FROM transition_step
              WHERE transition_id = ANY($1::uuid[]) AND status = 'DONE'`,
            [requests.map((r) => r.body.id)],
          )
        )[0].n > 0,
      'the worker to be busy',
    );
    const [worker] = liveWorkers();
    const stopping = Date.now();
    const exit = await worker.stop('SIGTERM');
    const exitMs = Date.now() - stopping;
    console.log(`SIGTERM under load: the worker exited in ${exitMs} ms (${JSON.stringify(exit)})`);
    // Nest runs its shutdown hooks, then re-raises the signal: a clean exit is either.
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    expect(exitMs).toBeLessThan(LOCK_DURATION_MS);
    await platform.startWorker();
    const transitionIds = requests.map((r) => r.body.id);
    await waitForCompletion(transitionIds, 180_000);
    const effects = await effectsOf(transitionIds);
    expectEachEffectOnce(effects, size);
    // Jobs in hand were finished, not abandoned: no step had to run a second time.
    expect(effects.stepRedeliveries).toBe(0);
  }, 500_000);
});
