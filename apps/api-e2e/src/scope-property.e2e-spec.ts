import fc from 'fast-check';
import { accessToken } from './support/access-scenario';
import { request } from './support/http';
import { startPlatform, type Platform } from './support/platform';

/**
 * Property: for random grants over a random set of startups (random territories, current
 * structures, past stays and pending moves), the startups the API shows — the list filtered in
 * SQL by `startupVisibility`, and single reads — are exactly those an independent, naive reading
 * of SPEC §1 allows. Grants are read on every request, so one signed-in probe user takes each
 * run's grants by a rewrite of its `role_grant` rows.
 *
 * FC_NUM_RUNS raises the number of runs (1,000 by default); FC_SEED replays a failure.
 */

const NUM_RUNS = Number(process.env['FC_NUM_RUNS'] ?? 1000);
const SEED = Number(process.env['FC_SEED'] ?? Date.now() % 2_147_483_647);
/** Runs whose single reads are checked too (HTTP per startup is the slow part). */
const SINGLE_READ_RUNS = 50;

const TERRITORIES = ['ROUEN', 'CAEN', 'LE_HAVRE'] as const;
const STRUCTURE_TERRITORIES = ['ROUEN', 'ROUEN', 'CAEN', 'LE_HAVRE'] as const;
type Territory = (typeof TERRITORIES)[number];

interface StartupShape {
  territory: Territory;
  /** Index of the structure following it now, or null (detection, no structure). */
  current: number | null;
  /** Structures that followed it before. */
  past: number[];
  /** The structure of a programme a pending move targets. */
  pending: number | null;
}

type Grant =
  | { role: 'admin' | 'funder'; scope: 'GLOBAL' }
  | { role: 'funder'; scope: 'TERRITORY'; territory: Territory }
  | { role: 'manager' | 'funder'; scope: 'STRUCTURE'; structure: number }
  | { role: 'mentor' | 'founder'; scope: 'STARTUP'; startup: number };

const STRUCTURES = STRUCTURE_TERRITORIES.length;
const WORLD_SIZE = 40;

const structureIndex = fc.integer({ min: 0, max: STRUCTURES - 1 });
const startupShape: fc.Arbitrary<StartupShape> = fc.record({
  territory: fc.constantFrom(...TERRITORIES),
  current: fc.option(structureIndex, { nil: null }),
  past: fc.uniqueArray(structureIndex, { maxLength: 3 }),
  pending: fc.option(structureIndex, { nil: null, freq: 3 }),
});

const grant: fc.Arbitrary<Grant> = fc.oneof(
  { weight: 1, arbitrary: fc.constant<Grant>({ role: 'admin', scope: 'GLOBAL' }) },
  { weight: 1, arbitrary: fc.constant<Grant>({ role: 'funder', scope: 'GLOBAL' }) },
  {
    weight: 3,
    arbitrary: fc
      .constantFrom(...TERRITORIES)
      .map((territory): Grant => ({ role: 'funder', scope: 'TERRITORY', territory })),
  },
  {
    weight: 6,
    arbitrary: fc
      .tuple(fc.constantFrom('manager' as const, 'funder' as const), structureIndex)
      .map(([role, structure]): Grant => ({ role, scope: 'STRUCTURE', structure })),
  },
  {
    weight: 6,
    arbitrary: fc
      .tuple(
        fc.constantFrom('mentor' as const, 'founder' as const),
        fc.integer({ min: 0, max: WORLD_SIZE - 1 }),
      )
      .map(([role, startup]): Grant => ({ role, scope: 'STARTUP', startup })),
  },
);

const grantKey = (g: Grant) => JSON.stringify(g);
const grants = fc.uniqueArray(grant, { maxLength: 4, selector: grantKey });

/** SPEC §1 read literally, one grant at a time: no SQL, no shared code with the API. */
function naivelyVisible(shape: StartupShape, index: number, held: Grant[]): boolean {
  return held.some((g) => {
    switch (g.scope) {
      case 'GLOBAL':
        return true;
      case 'TERRITORY':
        return shape.territory === g.territory;
      case 'STRUCTURE':
        return (
          shape.current === g.structure ||
          shape.past.includes(g.structure) ||
          shape.pending === g.structure
        );
      case 'STARTUP':
        return index === g.startup;
    }
  });
}

describe('startup visibility: SQL and single reads agree with a naive model of SPEC §1', () => {
  let platform: Platform;
  let probeId: string;
  let token: string;
  let structureIds: string[];
  let programmeIds: string[];
  let startupIds: string[];
  let world: StartupShape[];

  const sql = <T = unknown>(text: string, params: unknown[] = []): Promise<T> =>
    platform.db.dataSource.query(text, params);

  beforeAll(async () => {
    platform = await startPlatform({ workers: 0 });
    const b = platform.builders;
    structureIds = [];
    programmeIds = [];
    for (const [i, territory] of STRUCTURE_TERRITORIES.entries()) {
      const structure = await b.structure(`Structure ${i}`, 'INCUBATOR', territory);
      structureIds.push(structure);
      programmeIds.push(await b.programme(structure, 'INCUBATION', { name: `Programme ${i}` }));
    }
    [world] = fc.sample(fc.array(startupShape, { minLength: WORLD_SIZE, maxLength: WORLD_SIZE }), {
      numRuns: 1,
      seed: SEED,
    });
    startupIds = [];
    for (const [i, shape] of world.entries()) {
      const current = shape.current;
      const [row] = await sql<{ id: string }[]>(
        `INSERT INTO startup (name, domain, territory_code, stage, current_structure_id, current_programme_id)
         VALUES ($1, 'SMART_CITIES', $2, $3, $4, $5) RETURNING id`,
        [
          `Startup ${String(i).padStart(2, '0')}`,
          shape.territory,
          current === null ? 'DETECTION' : 'INCUBATION',
          current === null ? null : structureIds[current],
          current === null ? null : programmeIds[current],
        ],
      );
      startupIds.push(row.id);
      for (const past of shape.past) {
        const [entered] = await sql<{ id: string }[]>(
          `INSERT INTO transition (startup_id, from_stage, to_stage, programme_id, target_structure_id,
                                   status, move_kind, effective_at)
           VALUES ($1, 'DETECTION', 'INCUBATION', $2, $3, 'COMPLETED', 'FORWARD', now() - interval '2 days')
           RETURNING id`,
          [row.id, programmeIds[past], structureIds[past]],
        );
        await sql(
          `INSERT INTO stage_stay (startup_id, stage, structure_id, programme_id, entered_at, left_at,
                                   entered_by_transition_id)
           VALUES ($1, 'INCUBATION', $2, $3, now() - interval '2 days', now() - interval '1 day', $4)`,
          [row.id, structureIds[past], programmeIds[past], entered.id],
        );
      }
      if (shape.pending !== null) {
        await sql(
          `INSERT INTO transition (startup_id, from_stage, to_stage, programme_id, target_structure_id,
                                   status, move_kind)
           VALUES ($1, 'DETECTION', 'INCUBATION', $2, $3, 'REQUESTED', 'FORWARD')`,
          [row.id, programmeIds[shape.pending], structureIds[shape.pending]],
        );
      }
    }
    probeId = await b.user('probe@scope.test');
    token = await accessToken(platform, 'probe@scope.test');
  });

  afterAll(async () => {
    await platform?.stop();
  });

  async function hold(held: Grant[]): Promise<void> {
    await sql(`DELETE FROM role_grant WHERE user_id = $1`, [probeId]);
    for (const g of held) {
      await sql(
        `INSERT INTO role_grant (user_id, role, scope, territory_code, structure_id, startup_id)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          probeId,
          g.role,
          g.scope,
          g.scope === 'TERRITORY' ? g.territory : null,
          g.scope === 'STRUCTURE' ? structureIds[g.structure] : null,
          g.scope === 'STARTUP' ? startupIds[g.startup] : null,
        ],
      );
    }
  }

  it(`shows exactly the startups the grants allow (${NUM_RUNS} runs, seed ${SEED})`, async () => {
    let run = 0;
    let singleReadRuns = 0;
    const singleReadEvery = Math.max(1, Math.floor(NUM_RUNS / SINGLE_READ_RUNS));
    await fc.assert(
      fc.asyncProperty(grants, async (held) => {
        run += 1;
        await hold(held);
        const expected = startupIds.filter((_, i) => naivelyVisible(world[i], i, held)).sort();

        const list = await request(platform.baseUrl, 'GET', '/api/v1/startups?limit=200', {
          token,
        });
        expect(list.status).toBe(200);
        const listed = (list.body as { items: { id: string }[] }).items.map((s) => s.id).sort();
        expect(listed).toEqual(expected);

        if (run % singleReadEvery === 0) {
          singleReadRuns += 1;
          const visible = new Set(expected);
          for (const id of startupIds) {
            const single = await request(platform.baseUrl, 'GET', `/api/v1/startups/${id}`, {
              token,
            });
            expect(single.status).toBe(visible.has(id) ? 200 : 404);
          }
        }
      }),
      { numRuns: NUM_RUNS, seed: SEED },
    );
    expect(singleReadRuns).toBeGreaterThanOrEqual(Math.min(SINGLE_READ_RUNS, NUM_RUNS));
    // A thousand random worlds read over HTTP: minutes on a busy two-core machine.
  }, 900_000);
});
