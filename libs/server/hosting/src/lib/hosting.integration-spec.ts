import type { Actor } from '@parcours/server-identity';
import { Builders, createTestDatabase, type TestDatabase } from '@parcours/server-testing';
import { HostingService } from './hosting.service';

const actorOf = (id: string, grants: Actor['grants']): Actor => ({
  id,
  email: `${id}@test.parcours`,
  displayName: id,
  roles: [...new Set(grants.map((grant) => grant.role))],
  grants,
});

async function problemOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    const response = (error as { getResponse?: () => unknown }).getResponse?.() as
      | { status: number; errors?: { path: string; message: string }[] }
      | undefined;
    if (!response) throw error;
    return { status: response.status, paths: (response.errors ?? []).map((e) => e.path) };
  }
  throw new Error('expected a problem');
}

describe('nursery hosting', () => {
  let db: TestDatabase;
  let hosting: HostingService;
  let admin: Actor;
  let manager: Actor;
  let otherManager: Actor;
  let funder: Actor;
  let placeId: string;
  let otherPlaceId: string;
  let startupIds: string[];
  let nurseryId: string;

  const newStartup = async (name: string, structureId: string) => {
    const rows: { id: string }[] = await db.dataSource.query(
      `INSERT INTO startup (name, domain, territory_code, stage, current_structure_id)
       VALUES ($1, 'SMART_CITIES', 'ROUEN', 'NURSERY', $2) RETURNING id`,
      [name, structureId],
    );
    return rows[0].id;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    hosting = new HostingService(db.dataSource);
    const b = new Builders(db.dataSource);
    nurseryId = await b.structure('Pépinière Rouen', 'NURSERY');
    const otherId = await b.structure('Pépinière Caen', 'NURSERY', 'CAEN');
    const places: { id: string }[] = await db.dataSource.query(
      `INSERT INTO place (territory_code, name, kind) VALUES
         ('ROUEN', 'Seine Innopolis', 'FLAGSHIP_BUILDING'),
         ('CAEN', 'Maison de la Recherche et de l''Imagination', 'FLAGSHIP_BUILDING')
       RETURNING id`,
    );
    [placeId, otherPlaceId] = places.map((place) => place.id);
    await db.dataSource.query(
      `UPDATE structure SET place_id = CASE id WHEN $1::uuid THEN $3::uuid ELSE $4::uuid END
        WHERE id IN ($1, $2)`,
      [nurseryId, otherId, placeId, otherPlaceId],
    );
    admin = actorOf(await b.user('admin@test.parcours', [{ role: 'admin' }]), [
      { role: 'admin', scope: 'GLOBAL', scopeId: null },
    ]);
    manager = actorOf(
      await b.user('rouen@test.parcours', [{ role: 'manager', structureId: nurseryId }]),
      [{ role: 'manager', scope: 'STRUCTURE', scopeId: nurseryId }],
    );
    otherManager = actorOf(
      await b.user('caen@test.parcours', [{ role: 'manager', structureId: otherId }]),
      [{ role: 'manager', scope: 'STRUCTURE', scopeId: otherId }],
    );
    funder = actorOf(await b.user('funder@test.parcours', [{ role: 'funder' }]), [
      { role: 'funder', scope: 'GLOBAL', scopeId: null },
    ]);
    startupIds = [];
    for (let index = 0; index < 8; index += 1) {
      startupIds.push(await newStartup(`Hébergée ${index}`, nurseryId));
    }
  });

  afterAll(() => db?.drop());

  it('lets the managers of a structure at the place create its units, nobody else', async () => {
    const unit = await hosting.createUnit(manager, placeId, {
      name: 'Bureau A',
      kind: 'OFFICE',
      capacity: 4,
    });
    expect(unit).toMatchObject({ placeId, name: 'Bureau A', kind: 'OFFICE', capacity: 4 });
    await expect(
      problemOf(
        hosting.createUnit(otherManager, placeId, { name: 'B', kind: 'DESK', capacity: 1 }),
      ),
    ).resolves.toMatchObject({ status: 403 });
    await expect(
      problemOf(
        hosting.createUnit(manager, placeId, { name: 'Bureau A', kind: 'DESK', capacity: 2 }),
      ),
    ).resolves.toEqual({ status: 409, paths: ['name'] });
    expect((await hosting.listUnits(placeId)).items.map((item) => item.name)).toEqual(['Bureau A']);
    const [audit] = await db.dataSource.query(
      `SELECT action, actor_id FROM audit_entry WHERE entity_id = $1`,
      [unit.id],
    );
    expect(audit).toEqual({ action: 'hosting_unit.created', actor_id: manager.id });
  });

  it('never lets overlapping agreements take more seats than the unit has', async () => {
    const unit = await hosting.createUnit(admin, placeId, {
      name: 'Open space',
      kind: 'DESK',
      capacity: 5,
    });
    // 3 seats through 2026, then 2 more from March to June: 5 taken in spring.
    await hosting.createAgreement(manager, startupIds[0], {
      unitId: unit.id,
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      seats: 3,
      monthlyRentEur: 600,
    });
    await hosting.createAgreement(manager, startupIds[1], {
      unitId: unit.id,
      startsOn: '2026-03-01',
      endsOn: '2026-06-30',
      seats: 2,
    });
    // The busiest day of the period is 2026-03-01, not its first day.
    await expect(
      problemOf(
        hosting.createAgreement(manager, startupIds[2], {
          unitId: unit.id,
          startsOn: '2025-12-01',
          endsOn: '2026-04-01',
          seats: 1,
        }),
      ),
    ).resolves.toEqual({ status: 409, paths: ['seats'] });
    // After the spring agreement ends, two seats are free again.
    const summer = await hosting.createAgreement(manager, startupIds[2], {
      unitId: unit.id,
      startsOn: '2026-07-01',
      seats: 2,
    });
    expect(summer).toMatchObject({ startsOn: '2026-07-01', endsOn: null, seats: 2 });

    const spring = await hosting.occupancy(placeId, '2026-04-15');
    expect(spring.units.find((u) => u.unitId === unit.id)).toMatchObject({
      capacity: 5,
      occupiedSeats: 5,
      startups: 2,
    });
    const winter = await hosting.occupancy(placeId, '2027-01-10');
    expect(winter.units.find((u) => u.unitId === unit.id)).toMatchObject({
      occupiedSeats: 2,
      startups: 1,
    });
    expect(winter.capacity).toBe(spring.capacity);
  });

  it('serialises concurrent agreements on one unit: exactly the seats it has are given', async () => {
    const unit = await hosting.createUnit(admin, placeId, {
      name: 'Bureau partagé',
      kind: 'OFFICE',
      capacity: 3,
    });
    // Startups of their own: which of them win is up to the race.
    const contenders: string[] = [];
    for (let index = 0; index < 8; index += 1) {
      contenders.push(await newStartup(`Concurrente ${index}`, nurseryId));
    }
    const attempts = await Promise.allSettled(
      contenders.map((startupId) =>
        hosting.createAgreement(manager, startupId, {
          unitId: unit.id,
          startsOn: '2026-09-01',
          endsOn: '2027-08-31',
          seats: 1,
        }),
      ),
    );
    const refused = attempts.filter((attempt) => attempt.status === 'rejected');
    expect(attempts.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(3);
    expect(refused).toHaveLength(contenders.length - 3);
    for (const attempt of refused) {
      await expect(problemOf(Promise.reject(attempt.reason))).resolves.toMatchObject({
        status: 409,
      });
    }
    const [taken] = await db.dataSource.query(
      `SELECT sum(seats)::int AS seats FROM hosting_agreement WHERE unit_id = $1`,
      [unit.id],
    );
    expect(taken.seats).toBe(3);
  });

  it('ends an agreement, refuses an extension that no longer fits, and records both', async () => {
    const unit = await hosting.createUnit(admin, placeId, {
      name: 'Bureau B',
      kind: 'OFFICE',
      capacity: 2,
    });
    const first = await hosting.createAgreement(manager, startupIds[3], {
      unitId: unit.id,
      startsOn: '2026-01-01',
      seats: 2,
    });
    await expect(
      problemOf(hosting.updateAgreement(manager, first.id, { endsOn: '2025-12-31' }, null)),
    ).resolves.toEqual({ status: 400, paths: ['endsOn'] });
    await expect(
      problemOf(hosting.updateAgreement(manager, first.id, { endsOn: '2026-05-31' }, 0)),
    ).resolves.toMatchObject({ status: 412 });
    const ended = await hosting.updateAgreement(
      manager,
      first.id,
      { endsOn: '2026-05-31' },
      first.version,
    );
    expect(ended).toMatchObject({ endsOn: '2026-05-31', version: first.version + 1 });
    await hosting.createAgreement(manager, startupIds[4], {
      unitId: unit.id,
      startsOn: '2026-06-01',
      seats: 2,
    });
    await expect(
      problemOf(hosting.updateAgreement(manager, first.id, { endsOn: null }, null)),
    ).resolves.toEqual({ status: 409, paths: ['seats'] });

    const events: { kind: string }[] = await db.dataSource.query(
      `SELECT kind FROM timeline_event WHERE startup_id = $1 ORDER BY id`,
      [startupIds[3]],
    );
    expect(events.map((event) => event.kind)).toEqual([
      'HOSTING_AGREEMENT_SIGNED',
      'HOSTING_AGREEMENT_UPDATED',
    ]);
    const audit: { action: string; before: unknown; after: unknown }[] = await db.dataSource.query(
      `SELECT action, before, after FROM audit_entry WHERE entity_id = $1 ORDER BY id`,
      [first.id],
    );
    expect(audit.map((entry) => entry.action)).toEqual([
      'hosting_agreement.created',
      'hosting_agreement.updated',
    ]);
    expect(audit[1]).toMatchObject({ before: { endsOn: null }, after: { endsOn: '2026-05-31' } });
  });

  it('keeps agreements in the startup’s scope: 404 outside it, read-only for funders', async () => {
    await expect(problemOf(hosting.listAgreements(otherManager, startupIds[0]))).resolves.toEqual({
      status: 404,
      paths: [],
    });
    const seen = await hosting.listAgreements(funder, startupIds[0]);
    expect(seen.items.map((item) => [item.startsOn, item.endsOn, item.seats])).toEqual([
      ['2026-01-01', '2026-12-31', 3],
    ]);
    const unit = (await hosting.listUnits(placeId)).items[0];
    await expect(
      problemOf(
        hosting.createAgreement(otherManager, startupIds[5], {
          unitId: unit.id,
          startsOn: '2030-01-01',
          seats: 1,
        }),
      ),
    ).resolves.toMatchObject({ status: 404 });
    await expect(
      problemOf(
        hosting.createAgreement(manager, startupIds[5], {
          unitId: '00000000-0000-4000-8000-000000000000',
          startsOn: '2030-01-01',
          seats: 1,
        }),
      ),
    ).resolves.toEqual({ status: 400, paths: ['unitId'] });
    await expect(
      problemOf(hosting.occupancy('00000000-0000-4000-8000-000000000000')),
    ).resolves.toMatchObject({ status: 404 });
  });
});
