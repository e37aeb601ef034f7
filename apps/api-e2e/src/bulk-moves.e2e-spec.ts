import { signIn, startPlatform, type Platform } from './support/platform';
import { buildScenario, completeCurrentChecklist } from './support/scenario';

type Api = Awaited<ReturnType<typeof signIn>>;

interface BatchView {
  status: string;
  total: number;
  succeeded: number;
  failed: number;
  pending: number;
  items: {
    startupId: string;
    status: string;
    transitionId: string | null;
    transitionStatus: string | null;
    error: { status: number; errors?: { path: string }[] } | null;
  }[];
}

describe('bulk moves: one request, one outcome per startup', () => {
  let platform: Platform;
  let scenario: Awaited<ReturnType<typeof buildScenario>>;
  let rouen: Api;
  let caen: Api;

  beforeAll(async () => {
    platform = await startPlatform({ workers: 2 });
    scenario = await buildScenario(platform);
    [rouen, caen] = await Promise.all([
      signIn(platform, scenario.users.managerRouen),
      signIn(platform, scenario.users.managerCaen),
    ]);
  });

  afterAll(async () => {
    await platform?.stop();
  });

  const create = async (api: Api, name: string, structureId: string, programmeId?: string) => {
    const created = await api.post<{ id: string }>('/api/v1/startups', {
      name,
      domain: 'SMART_PORTS_LOGISTICS',
      territory: 'ROUEN',
      stage: 'INCUBATION',
      structureId,
      programmeId,
    });
    expect(created.status).toBe(201);
    return created.body.id;
  };

  it('moves the startups it may, and says why each other one was refused', async () => {
    const ready = [];
    for (let i = 1; i <= 6; i += 1) {
      ready.push(
        await create(
          rouen,
          `Promo ${i}`,
          scenario.structures.rouenIncubator,
          scenario.programmes.incubation,
        ),
      );
    }
    const unfinished = await create(
      rouen,
      'Checklist ouverte',
      scenario.structures.rouenIncubator,
      scenario.programmes.incubation,
    );
    const foreign = await create(caen, 'Startup caennaise', scenario.structures.caenIncubator);
    await platform.drain();
    for (const id of ready) await completeCurrentChecklist(platform, id);

    const accepted = await rouen.post<{ batchId: string }>('/api/v1/transitions/bulk', {
      startupIds: [...ready, unfinished, foreign],
      toStage: 'NURSERY',
      programmeId: scenario.programmes.nursery,
    });
    expect(accepted.status).toBe(202);
    await platform.drain(60_000);

    const batch = await rouen.get<BatchView>(`/api/v1/transition-batches/${accepted.body.batchId}`);
    expect(batch.status).toBe(200);
    expect(batch.body).toMatchObject({
      status: 'DONE',
      total: 8,
      succeeded: 6,
      failed: 2,
      pending: 0,
    });
    const byStartup = new Map(batch.body.items.map((item) => [item.startupId, item]));
    for (const id of ready) {
      expect(byStartup.get(id)).toMatchObject({
        status: 'SUCCEEDED',
        transitionStatus: 'COMPLETED',
      });
    }
    expect(byStartup.get(unfinished)?.error?.status).toBe(422);
    expect(byStartup.get(unfinished)?.error?.errors?.map((e) => e.path)).toEqual([
      'checklist.convention',
    ]);
    // Out of the requester's scope: refused as "not found", like a single request would be.
    expect(byStartup.get(foreign)?.error?.status).toBe(404);

    const stages: { stage: string; n: number }[] = await platform.db.dataSource.query(
      `SELECT stage, count(*)::int AS n FROM startup WHERE id = ANY($1::uuid[]) GROUP BY stage ORDER BY stage`,
      [[...ready, unfinished, foreign]],
    );
    expect(stages).toEqual([
      { stage: 'INCUBATION', n: 2 },
      { stage: 'NURSERY', n: 6 },
    ]);
  });

  it('refuses a malformed batch with 400 and keeps the batch to its requester', async () => {
    const bad = await rouen.post<{ errors: { path: string }[] }>('/api/v1/transitions/bulk', {
      startupIds: ['not-a-uuid'],
      toStage: 'NURSERY',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.path)).toContain('startupIds');
    const id = await create(rouen, 'Solo', scenario.structures.rouenIncubator);
    const accepted = await rouen.post<{ batchId: string }>('/api/v1/transitions/bulk', {
      startupIds: [id],
      toStage: 'EXITED',
      reason: 'Projet abandonné',
    });
    expect(accepted.status).toBe(202);
    const other = await caen.get(`/api/v1/transition-batches/${accepted.body.batchId}`);
    expect(other.status).toBe(404);
  });
});
