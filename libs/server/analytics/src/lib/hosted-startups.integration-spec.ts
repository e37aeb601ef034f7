import type { Actor } from '@parcours/server-identity';
import { Builders, createTestDatabase, type TestDatabase } from '@parcours/server-testing';
import { AnalyticsService } from './analytics.service';
import { NoReportedKpis } from './reported-kpis';

/* The `startupsHosted` worked example of docs/analytics.md, figure for figure. */

const funder: Actor = {
  id: '00000000-0000-4000-8000-000000000003',
  email: 'funder@test.parcours',
  displayName: 'Funder',
  roles: ['funder'],
  grants: [{ role: 'funder', scope: 'GLOBAL', scopeId: null }],
};

const period = (from: string | null, to: string) => ({
  from: from === null ? null : new Date(`${from}T00:00:00Z`),
  to: new Date(`${to}T00:00:00Z`),
});

describe('startupsHosted', () => {
  let db: TestDatabase;
  let service: AnalyticsService;
  let manager: Actor;

  beforeAll(async () => {
    db = await createTestDatabase();
    service = new AnalyticsService(db.dataSource, new NoReportedKpis());
    const b = new Builders(db.dataSource);
    const nurseryRouen = await b.structure('Pépinière Rouen', 'NURSERY', 'ROUEN');
    const nurseryCaen = await b.structure('Pépinière Caen', 'NURSERY', 'CAEN');
    manager = {
      id: await b.user('rouen@test.parcours', [{ role: 'manager', structureId: nurseryRouen }]),
      email: 'rouen@test.parcours',
      displayName: 'Rouen',
      roles: ['manager'],
      grants: [{ role: 'manager', scope: 'STRUCTURE', scopeId: nurseryRouen }],
    };
    const startup = async (name: string, territory: string, structureId: string) =>
      (
        (await db.dataSource.query(
          `INSERT INTO startup (name, domain, territory_code, stage, current_structure_id)
           VALUES ($1, 'SMART_CITIES', $2, 'NURSERY', $3) RETURNING id`,
          [name, territory, structureId],
        )) as { id: string }[]
      )[0].id;
    const alpha = await startup('Alpha', 'ROUEN', nurseryRouen);
    const beta = await startup('Beta', 'ROUEN', nurseryRouen);
    const gamma = await startup('Gamma', 'CAEN', nurseryCaen);
    const [place] = await db.dataSource.query(
      `INSERT INTO place (territory_code, name, kind) VALUES ('ROUEN', 'Seine Innopolis', 'FLAGSHIP_BUILDING')
       RETURNING id`,
    );
    const [unit] = await db.dataSource.query(
      `INSERT INTO hosting_unit (place_id, name, kind, capacity) VALUES ($1, 'Bureau 1', 'OFFICE', 10)
       RETURNING id`,
      [place.id],
    );
    for (const [startupId, startsOn, endsOn] of [
      [alpha, '2025-03-01', '2025-08-31'],
      [beta, '2025-09-01', null],
      [gamma, '2024-01-15', '2024-12-31'],
      [gamma, '2026-01-01', '2026-06-30'],
    ]) {
      await db.dataSource.query(
        `INSERT INTO hosting_agreement (startup_id, unit_id, starts_on, ends_on, seats)
         VALUES ($1, $2, $3, $4, 1)`,
        [startupId, unit.id, startsOn, endsOn],
      );
    }
  });
  afterAll(() => db?.drop());

  it.each([
    ['the year 2025', period('2025-01-01', '2026-01-01'), 2],
    ['the day Beta arrives', period('2025-09-01', '2025-09-02'), 1],
    ['the last day of 2024 to March 2025', period('2024-12-31', '2025-03-01'), 1],
    ['the first half of 2026', period('2026-01-01', '2026-07-01'), 2],
    ['all time', period(null, '2030-01-01'), 3],
  ])('counts the startups hosted during %s', async (_label, query, hosted) => {
    expect((await service.kpis(funder, query)).startupsHosted).toBe(hosted);
  });

  it('counts only startups the reader may see and the filters select', async () => {
    const all = period(null, '2030-01-01');
    expect((await service.kpis(manager, all)).startupsHosted).toBe(2);
    expect((await service.kpis(funder, { ...all, territory: 'CAEN' })).startupsHosted).toBe(1);
  });
});
