import { signIn, startPlatform, type Platform } from './support/platform';
import { buildScenario, completeCurrentChecklist } from './support/scenario';

type Api = Awaited<ReturnType<typeof signIn>>;

interface Problem {
  status: number;
  errors?: { path: string; message: string }[];
}
interface FunnelStage {
  stage: string;
  entered: number;
  movedOn: number;
  movedBack: number;
  exited: number;
  current: number;
  conversionRate: number | null;
}

/*
 * The analytics contract over HTTP (SPEC §3 "Analytics definitions"): a few moves through the
 * API and the worker, then every endpoint as a funder, a manager and a founder would call it.
 */
describe('funder analytics over HTTP', () => {
  let platform: Platform;
  let scenario: Awaited<ReturnType<typeof buildScenario>>;
  let rouen: Api;
  let funder: Api;
  let founder: Api;
  let cohortId: string;

  const stage = (stages: FunnelStage[], name: string) => stages.find((s) => s.stage === name);

  beforeAll(async () => {
    platform = await startPlatform();
    scenario = await buildScenario(platform);
    cohortId = await platform.builders.cohort(scenario.programmes.acceleration, 'Promotion 2026');
    rouen = await signIn(platform, scenario.users.managerRouen);
    const caen = await signIn(platform, scenario.users.managerCaen);
    await platform.builders.user('funder@test.parcours', [{ role: 'funder' }]);
    funder = await signIn(platform, 'funder@test.parcours');

    const create = async (api: Api, body: Record<string, unknown>) => {
      const created = await api.post<{ id: string }>('/api/v1/startups', {
        domain: 'SMART_CITIES',
        stage: 'INCUBATION',
        ...body,
      });
      expect(created.status).toBe(201);
      return created.body.id;
    };
    // Rouen: one moves on to the nursery, one stays in incubation. Caen: one in incubation.
    const movesOn = await create(rouen, {
      name: 'Seine Analytics',
      territory: 'ROUEN',
      structureId: scenario.structures.rouenIncubator,
      programmeId: scenario.programmes.incubation,
    });
    await create(rouen, {
      name: 'Rouen Stays',
      territory: 'ROUEN',
      structureId: scenario.structures.rouenIncubator,
      programmeId: scenario.programmes.incubation,
    });
    await create(caen, {
      name: 'Caen Elsewhere',
      territory: 'CAEN',
      domain: 'SMART_INDUSTRIES',
      structureId: scenario.structures.caenIncubator,
    });
    await platform.drain();
    await completeCurrentChecklist(platform, movesOn);
    const moved = await rouen.post(`/api/v1/startups/${movesOn}/transitions`, {
      toStage: 'NURSERY',
      programmeId: scenario.programmes.nursery,
    });
    expect(moved.status).toBe(201);
    await platform.drain();

    await platform.builders.user('founder@test.parcours', [
      { role: 'founder', startupId: movesOn },
    ]);
    founder = await signIn(platform, 'founder@test.parcours');
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it('keeps the roll-ups current through the workflow: nothing is left to refresh', async () => {
    const rows = await platform.db.dataSource.query(
      `SELECT count(*)::int AS stale FROM analytics_dirty_startup`,
    );
    expect(rows[0].stale).toBe(0);
    const steps = await platform.db.dataSource.query(
      `SELECT count(*)::int AS done FROM transition_step WHERE name = 'REFRESH_ANALYTICS' AND status = 'DONE'`,
    );
    expect(steps[0].done).toBe(4);
  });

  it('answers the funnel in the contract shape, over every startup for a funder', async () => {
    const funnel = await funder.get<{ stages: FunnelStage[]; period: { from: null; to: string } }>(
      '/api/v1/analytics/funnel',
    );

    expect(funnel.status).toBe(200);
    expect(funnel.body.stages.map((s) => s.stage)).toEqual([
      'DETECTION',
      'INCUBATION',
      'NURSERY',
      'ACCELERATION',
      'INTERNATIONALISATION',
    ]);
    expect(stage(funnel.body.stages, 'INCUBATION')).toEqual({
      stage: 'INCUBATION',
      entered: 3,
      movedOn: 1,
      movedBack: 0,
      exited: 0,
      current: 2,
      conversionRate: 1,
    });
    expect(stage(funnel.body.stages, 'NURSERY')).toMatchObject({ entered: 1, current: 1 });
    expect(stage(funnel.body.stages, 'DETECTION')).toMatchObject({
      entered: 0,
      conversionRate: null,
    });
    expect(funnel.body.period.from).toBeNull();
  });

  it('counts only the startups a manager can see', async () => {
    const funnel = await rouen.get<{ stages: FunnelStage[] }>('/api/v1/analytics/funnel');

    expect(funnel.status).toBe(200);
    expect(stage(funnel.body.stages, 'INCUBATION')).toMatchObject({ entered: 2, current: 1 });
  });

  it('filters by territory, domain and structure', async () => {
    const caen = await funder.get<{ stages: FunnelStage[] }>(
      '/api/v1/analytics/funnel?territory=CAEN&domain=SMART_INDUSTRIES',
    );
    const nursery = await funder.get<{ stages: FunnelStage[] }>(
      `/api/v1/analytics/funnel?structureId=${scenario.structures.rouenNursery}`,
    );

    expect(stage(caen.body.stages, 'INCUBATION')).toMatchObject({ entered: 1, current: 1 });
    expect(stage(nursery.body.stages, 'INCUBATION')).toMatchObject({ entered: 1, movedOn: 1 });
  });

  it('answers flows, time in stage and KPIs in the contract shapes', async () => {
    const flows = await funder.get<{
      items: { fromStage: string | null; toStage: string; count: number }[];
    }>('/api/v1/analytics/flows');
    const time = await funder.get<{
      stages: {
        stage: string;
        completedStays: number;
        medianDays: number | null;
        p90Days: number | null;
        stillIn: number;
      }[];
    }>('/api/v1/analytics/time-in-stage');
    const kpis = await funder.get<Record<string, unknown>>('/api/v1/analytics/kpis');

    expect(flows.status).toBe(200);
    expect(flows.body.items).toEqual([
      { fromStage: null, toStage: 'INCUBATION', count: 3 },
      { fromStage: 'INCUBATION', toStage: 'NURSERY', count: 1 },
    ]);
    expect(time.status).toBe(200);
    const incubation = time.body.stages.find((s) => s.stage === 'INCUBATION');
    expect(incubation).toMatchObject({ completedStays: 1, stillIn: 2 });
    expect(incubation?.medianDays).toEqual(incubation?.p90Days);
    expect(incubation?.medianDays).toBeGreaterThanOrEqual(0);
    expect(time.body.stages.find((s) => s.stage === 'NURSERY')).toMatchObject({
      completedStays: 0,
      medianDays: null,
      p90Days: null,
      stillIn: 1,
    });
    expect(kpis.status).toBe(200);
    expect(kpis.body).toMatchObject({
      newStartups: 3,
      startupsAccelerated: 0,
      startupsHosted: 0,
      jobsCreated: 0,
      fundsRaisedEur: 0,
      tradeShows: 0,
      targets: [],
    });
  });

  it('tells where a cohort stands, and that an unknown cohort does not exist', async () => {
    const cohort = await funder.get<{ startups: number; currentStages: unknown[] }>(
      `/api/v1/analytics/cohorts/${cohortId}`,
    );
    const unknown = await funder.get<Problem>(
      '/api/v1/analytics/cohorts/00000000-0000-4000-8000-000000000000',
    );

    expect(cohort.status).toBe(200);
    expect(cohort.body).toMatchObject({
      cohort: { id: cohortId, name: 'Promotion 2026' },
      startups: 0,
      outcomes: { stillIn: 0, movedOn: 0, movedBack: 0, exited: 0 },
    });
    expect(cohort.body.currentStages).toHaveLength(7);
    expect(unknown.status).toBe(404);
  });

  it('refuses founders', async () => {
    const refused = await founder.get<Problem>('/api/v1/analytics/funnel');

    expect(refused.status).toBe(403);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
  });

  it.each([
    ['territory=PARIS', 'territory'],
    ['domain=SPACE', 'domain'],
    ['from=2026-13-01', 'from'],
    ['to=yesterday', 'to'],
    ['structureId=42', 'structureId'],
    ['from=2026-02-01&to=2026-01-01', 'to'],
    ['colour=blue', 'colour'],
  ])('refuses ?%s with a 400 naming %s', async (query, path) => {
    const refused = await funder.get<Problem>(`/api/v1/analytics/funnel?${query}`);

    expect(refused.status).toBe(400);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.body.errors?.map((error) => error.path)).toContain(path);
  });
});
