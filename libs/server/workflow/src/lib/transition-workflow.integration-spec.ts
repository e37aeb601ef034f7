import { JOBS, QUEUES } from '@parcours/contracts';
import { loadConfig } from '@parcours/server-config';
import { StartupsRepository, StartupsService } from '@parcours/server-dossiers';
import { ActorDirectory, ActorDirectoryModule, type Actor } from '@parcours/server-identity';
import { OutboxRelay } from '@parcours/server-queue';
import {
  Builders,
  createTestDatabase,
  deleteQueueKeys,
  uniqueQueuePrefix,
  type TestDatabase,
} from '@parcours/server-testing';
import { TransitionsRepository, TransitionsService } from '@parcours/server-transitions';
import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { TransitionWorkflowService } from './transition-workflow.service';

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/**
 * The workflow's exactly-once guarantees, driven directly (no worker process): redelivered step
 * jobs and a relay that dies between publishing and marking sent.
 */
describe('transition workflow idempotency', () => {
  let db: TestDatabase;
  let prefix: string;
  let reminders: Queue;
  let workflowQueue: Queue;
  let workflow: TransitionWorkflowService;
  let transitions: TransitionsService;
  let startups: StartupsService;
  let manager: Actor;
  let programmeId: string;
  let structureId: string;
  let incubatorId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    prefix = uniqueQueuePrefix('workflow');
    reminders = new Queue(QUEUES.reminders, { connection: { url: REDIS_URL }, prefix });
    workflowQueue = new Queue(QUEUES.workflow, { connection: { url: REDIS_URL }, prefix });
    workflow = new TransitionWorkflowService(db.dataSource, reminders);
    // Global, as TypeORM's module makes it: the directory's repository asks for the DataSource.
    @Global()
    @Module({
      providers: [{ provide: DataSource, useValue: db.dataSource }],
      exports: [DataSource],
    })
    class TestDataSourceModule {}
    const moduleRef = await Test.createTestingModule({
      imports: [TestDataSourceModule, ActorDirectoryModule],
    }).compile();
    transitions = new TransitionsService(
      db.dataSource,
      new TransitionsRepository(),
      moduleRef.get(ActorDirectory),
    );
    startups = new StartupsService(db.dataSource, new StartupsRepository(), transitions);
    const builders = new Builders(db.dataSource);
    structureId = await builders.structure('Pépinière test', 'NURSERY');
    programmeId = await builders.programme(structureId, 'NURSERY', {
      checklist: [
        { key: 'bail', title: 'Convention', required: true },
        { key: 'kbis', title: 'Kbis', required: false },
      ],
    });
    const incubator = await builders.structure('Incubateur test', 'INCUBATOR');
    incubatorId = incubator;
    const managerId = await builders.user('manager@test.parcours', [
      { role: 'manager', structureId },
      { role: 'manager', structureId: incubator },
    ]);
    manager = {
      id: managerId,
      email: 'manager@test.parcours',
      displayName: 'manager',
      roles: ['manager'],
      grants: [
        { role: 'manager', scope: 'STRUCTURE', scopeId: structureId },
        { role: 'manager', scope: 'STRUCTURE', scopeId: incubator },
      ],
    };
  });

  afterAll(async () => {
    await reminders?.close();
    await workflowQueue?.close();
    await deleteQueueKeys(REDIS_URL, prefix);
    await db?.drop();
  });

  const movedStartup = async (name: string) => {
    const startup = await startups.create(manager, {
      name,
      domain: 'SMART_CITIES',
      territory: 'ROUEN',
      stage: 'INCUBATION',
      structureId: incubatorId,
    });
    return transitions.request(manager, startup.id, { toStage: 'NURSERY', programmeId });
  };

  it('performs each step once however often its job is delivered', async () => {
    const transition = await movedStartup('Redelivered');
    const steps = transition.steps?.map((step) => step.name) ?? [];
    expect(steps).toHaveLength(6);
    for (const step of steps) {
      expect(await workflow.runStep({ transitionId: transition.id, step })).toBe('done');
    }
    for (const step of steps) {
      expect(await workflow.runStep({ transitionId: transition.id, step })).toBe('already-done');
    }
    await workflow.completeTransition(transition.id);
    const [effects] = await db.dataSource.query(
      `SELECT (SELECT count(*)::int FROM checklist_item WHERE opened_by_transition_id = $1) AS checklist,
              (SELECT count(*)::int FROM enrolment WHERE transition_id = $1) AS enrolments,
              (SELECT count(*)::int FROM scheduled_reminder r JOIN stage_stay s ON s.id = r.stay_id
                WHERE s.entered_by_transition_id = $1) AS reminders,
              (SELECT status FROM transition WHERE id = $1) AS status`,
      [transition.id],
    );
    expect(effects).toEqual({ checklist: 2, enrolments: 1, reminders: 1, status: 'COMPLETED' });
    const delayed = await reminders.getJobs(['delayed']);
    expect(delayed.filter((job) => job.name === JOBS.stageReviewDue)).toHaveLength(1);
  });

  it('refuses to complete a transition whose steps are not all done', async () => {
    const transition = await movedStartup('Half done');
    await workflow.runStep({ transitionId: transition.id, step: 'OPEN_STAGE_CHECKLIST' });
    await expect(workflow.completeTransition(transition.id)).rejects.toThrow(/unfinished step/);
  });

  it('re-publishes, without duplicating jobs, outbox rows a relay sent but died before marking', async () => {
    const transition = await movedStartup('Relay crash');
    const config = loadConfig({
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      REDIS_URL,
      QUEUE_PREFIX: prefix,
    });
    const relay = new OutboxRelay(db.dataSource, config);
    relay.open();
    try {
      relay.afterSendHook = () => {
        throw new Error('relay killed after sending, before marking sent');
      };
      await expect(relay.drain()).rejects.toThrow(/relay killed/);
      const [pending] = await db.dataSource.query(
        `SELECT count(*)::int AS n FROM outbox WHERE aggregate_id = $1 AND sent_at IS NULL`,
        [transition.id],
      );
      expect(pending.n).toBe(1);
      const jobsAfterCrash = (
        await workflowQueue.getJobs(['waiting', 'waiting-children', 'prioritized'])
      ).length;
      expect(jobsAfterCrash).toBeGreaterThan(0);

      relay.afterSendHook = undefined;
      expect(await relay.drain()).toBeGreaterThanOrEqual(1);
      const jobsAfterRetry = (
        await workflowQueue.getJobs(['waiting', 'waiting-children', 'prioritized'])
      ).length;
      expect(jobsAfterRetry).toBe(jobsAfterCrash);
      const [sent] = await db.dataSource.query(
        `SELECT count(*)::int AS n FROM outbox WHERE aggregate_id = $1 AND sent_at IS NOT NULL`,
        [transition.id],
      );
      expect(sent.n).toBe(1);
    } finally {
      await relay.stop();
    }
  });
});
