import { Readable } from 'node:stream';
import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { ActorDirectory, ActorDirectoryModule, type Actor } from '@parcours/server-identity';
import { AuditService } from '@parcours/server-audit';
import { Builders, createTestDatabase, type TestDatabase } from '@parcours/server-testing';
import { TransitionsRepository, TransitionsService } from '@parcours/server-transitions';
import { DataSource } from 'typeorm';
import { StartupsRepository } from '../startups.repository';
import { StartupsService } from '../startups.service';
import { mapHeader, validateImportRow } from './import-columns';
import { StartupImportService } from './startup-import.service';

/** Chunks of a few bytes, so rows and multi-byte characters straddle chunk boundaries. */
const streamOf = (text: string, chunkSize = 7) => {
  const bytes = Buffer.from(text, 'utf8');
  return Readable.from(
    (function* () {
      for (let at = 0; at < bytes.length; at += chunkSize) yield bytes.subarray(at, at + chunkSize);
    })(),
  );
};

describe('startup import against PostgreSQL', () => {
  let db: TestDatabase;
  let importer: StartupImportService;
  let startups: StartupsService;
  let manager: Actor;
  let structureId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    // The real actor directory over the test database (the service asks it after a consent).
    @Global()
    @Module({
      providers: [{ provide: DataSource, useValue: db.dataSource }],
      exports: [DataSource],
    })
    class TestDataSourceModule {}
    const moduleRef = await Test.createTestingModule({
      imports: [TestDataSourceModule, ActorDirectoryModule],
    }).compile();
    const transitions = new TransitionsService(
      db.dataSource,
      new TransitionsRepository(),
      moduleRef.get(ActorDirectory),
    );
    startups = new StartupsService(db.dataSource, new StartupsRepository(), transitions);
    importer = new StartupImportService(db.dataSource, startups, transitions);
    const builders = new Builders(db.dataSource);
    structureId = await builders.structure('Incubateur import', 'INCUBATOR', 'CAEN');
    const managerId = await builders.user('manager.import@test.parcours', [
      { role: 'manager', structureId },
    ]);
    manager = {
      id: managerId,
      email: 'manager.import@test.parcours',
      displayName: 'manager',
      roles: ['manager'],
      grants: [{ role: 'manager', scope: 'STRUCTURE', scopeId: structureId }],
    };
  });

  afterAll(async () => {
    await db?.drop();
  });

  const count = async (sql: string, params: unknown[] = []) =>
    ((await db.dataSource.query(sql, params)) as { n: number }[])[0].n;

  /**
   * Every row the creation of the actor's startups left, with ids, times, hashes and request ids
   * left out and the ids of the startups, their transitions, structure and actor named instead.
   */
  const footprint = async (actor: Actor) => {
    const structure = actor.grants[0].scopeId as string;
    const named: { id: string; name: string }[] = await db.dataSource.query(
      `SELECT s.id::text, s.name FROM startup s WHERE s.current_structure_id = $1
       UNION ALL SELECT t.id::text, 'transition of ' || s.name FROM transition t
         JOIN startup s ON s.id = t.startup_id WHERE s.current_structure_id = $1`,
      [structure],
    );
    const names = new Map<string, string>([
      ...named.map((row): [string, string] => [row.id, row.name]),
      [structure, 'structure'],
      [actor.id, 'actor'],
    ]);
    const ignored = new Set([
      'id',
      'created_at',
      'updated_at',
      'occurred_at',
      'requested_at',
      'decided_at',
      'effective_at',
      'effectiveAt',
      'entered_at',
      'stage_entered_at',
      'marked_at',
      'hash',
      'prev_hash',
      'request_id',
      'importedFromRow',
    ]);
    const normalise = (value: unknown): unknown => {
      if (typeof value === 'string') return names.get(value) ?? value;
      if (Array.isArray(value)) return value.map(normalise);
      if (value && typeof value === 'object') {
        return Object.fromEntries(
          Object.entries(value)
            .filter(([key]) => !ignored.has(key))
            .map(([key, inner]) => [key, normalise(inner)]),
        );
      }
      return value;
    };
    const rowsOf = async (table: string, where: string) => {
      const rows: { row: unknown }[] = await db.dataSource.query(
        `SELECT to_jsonb(x) AS row FROM ${table} x WHERE ${where}`,
        [[...names.keys()]],
      );
      return rows.map(({ row }) => JSON.stringify(normalise(row))).sort();
    };
    const mine = `x.startup_id::text = ANY($1)`;
    return {
      startup: await rowsOf('startup', `x.id::text = ANY($1)`),
      transition: await rowsOf('transition', mine),
      transitionStep: await rowsOf('transition_step', `x.transition_id::text = ANY($1)`),
      timeline: await rowsOf('timeline_event', mine),
      stay: await rowsOf('stage_stay', mine),
      outbox: await rowsOf('outbox', `x.aggregate_id::text = ANY($1)`),
      audit: await rowsOf('audit_entry', mine),
      dirty: await rowsOf('analytics_dirty_startup', mine),
      // Per startup, the audit entries in chain order.
      auditOrder: (
        (await db.dataSource.query(
          `SELECT s.name, array_agg(a.action ORDER BY a.id) AS actions FROM audit_entry a
             JOIN startup s ON s.id = a.startup_id WHERE s.current_structure_id = $1
            GROUP BY s.name ORDER BY s.name`,
          [structure],
        )) as { name: string; actions: string[] }[]
      ).map(({ name, actions }) => `${name}: ${actions.join(', ')}`),
    };
  };

  it('creates each valid row whole — startup, first entry, stay, timeline, outbox, audit — and only those', async () => {
    const report = await importer.import(
      manager,
      streamOf(
        [
          '\uFEFFnom;domaine;territoire;étape;description',
          'Électron Libre;SMART_CITIES;CAEN;INCUBATION;"Deux lignes,',
          'dans une cellule"',
          'Sans Domaine;;CAEN;;',
          'Rivage;SMART_PORTS_LOGISTICS;LE_HAVRE;;',
        ].join('\n'),
      ),
    );
    expect(report).toEqual({
      created: 2,
      rejected: [{ row: 3, errors: [{ path: 'domaine', message: 'required' }] }],
    });
    const rows: { name: string; stage: string; description: string | null }[] =
      await db.dataSource.query(
        `SELECT name, stage, description FROM startup WHERE current_structure_id = $1 ORDER BY stage DESC`,
        [structureId],
      );
    expect(rows).toEqual([
      {
        name: 'Électron Libre',
        stage: 'INCUBATION',
        description: 'Deux lignes,\ndans une cellule',
      },
      { name: 'Rivage', stage: 'DETECTION', description: null },
    ]);
    const whole = `SELECT count(*)::int AS n FROM startup s WHERE s.current_structure_id = $1
        AND EXISTS (SELECT 1 FROM transition t WHERE t.startup_id = s.id AND t.status = 'APPROVED')
        AND EXISTS (SELECT 1 FROM stage_stay st WHERE st.startup_id = s.id AND st.left_at IS NULL)
        AND EXISTS (SELECT 1 FROM timeline_event e WHERE e.startup_id = s.id AND e.kind = 'STAGE_ENTERED')
        AND EXISTS (SELECT 1 FROM outbox o JOIN transition t ON t.id = o.aggregate_id WHERE t.startup_id = s.id)
        AND EXISTS (SELECT 1 FROM audit_entry a WHERE a.entity_id = s.id::text AND a.action = 'startup.created')`;
    expect(await count(whole, [structureId])).toBe(2);
  });

  it('leaves exactly the rows that as many POST /startups leave, and a chain that verifies', async () => {
    // The same startups created both ways, each in a structure of its own: one by one through
    // StartupsService.create (POST /startups), and through the set-based import.
    const csv = [
      'nom;raison_sociale;siren;domaine;territoire;date_creation;etape;etiquettes;description;site_web',
      'Même Un;Même Un SAS;;SMART_CITIES;CAEN;2024-03-01;;a|b;Première;https://un.example.fr',
      'Même Deux;;;SMART_PORTS_LOGISTICS;LE_HAVRE;;INCUBATION;;;',
      'Même Trois;;;SMART_INDUSTRIES;ROUEN;01/02/2023;NURSERY;c;Troisième;',
    ].join('\n');
    const builders = new Builders(db.dataSource);
    const actorOf = async (label: string): Promise<Actor> => {
      const ownStructure = await builders.structure(`Incubateur ${label}`, 'INCUBATOR', 'CAEN');
      const email = `manager.${label}@test.parcours`;
      const id = await builders.user(email, [{ role: 'manager', structureId: ownStructure }]);
      return {
        id,
        email,
        displayName: label,
        roles: ['manager'],
        grants: [{ role: 'manager', scope: 'STRUCTURE', scopeId: ownStructure }],
      };
    };
    const alone = await actorOf('seul');
    const imported = await actorOf('import-lot');
    const [header, ...lines] = csv.split('\n');
    const columns = mapHeader(header.split(';'));
    if ('errors' in columns) throw new Error('bad header');
    for (const line of lines) {
      const checked = validateImportRow(line.split(';'), columns.columns);
      if ('errors' in checked) throw new Error(JSON.stringify(checked.errors));
      await startups.create(alone, checked.startup);
    }
    expect(await importer.import(imported, streamOf(csv))).toEqual({ created: 3, rejected: [] });

    const createdAlone = await footprint(alone);
    const firstEntry = 'transition.requested, transition.decided, stage.changed, startup.created';
    expect(createdAlone.auditOrder).toEqual([
      `Même Deux: ${firstEntry}`,
      `Même Trois: ${firstEntry}`,
      `Même Un: ${firstEntry}`,
    ]);
    expect(createdAlone.timeline).toHaveLength(6);
    expect(createdAlone.dirty).toHaveLength(3);
    expect(await footprint(imported)).toEqual(createdAlone);
    expect((await new AuditService(db.dataSource).verify()).valid).toBe(true);
  });

  it('loses no row to a SIREN registered meanwhile: the batch falls back to one transaction per row', async () => {
    // Two imports of the same SIREN at once: whichever checks first, exactly one creates it, and
    // the other reports the row while creating the rest of its batch.
    const fileFor = (name: string) =>
      `name;domain;territory;siren\n${name} A;SMART_CITIES;CAEN;552100554\n${name} B;SMART_CITIES;CAEN;\n`;
    const [first, second] = await Promise.all([
      importer.import(manager, streamOf(fileFor('Course'))),
      importer.import(manager, streamOf(fileFor('Concurrence'))),
    ]);
    expect(first.created + second.created).toBe(3);
    expect([...first.rejected, ...second.rejected]).toEqual([
      { row: 2, errors: [{ path: 'siren', message: 'already registered' }] },
    ]);
    expect(await count(`SELECT count(*)::int AS n FROM startup WHERE siren = '552100554'`)).toBe(1);
    expect(
      await count(
        `SELECT count(*)::int AS n FROM startup WHERE name IN ('Course B', 'Concurrence B')`,
      ),
    ).toBe(2);
  });

  it('refuses a file past the size limit without creating the row it cut', async () => {
    const rows = Array.from({ length: 50 }, (_, i) => `Limite ${i};SMART_CITIES;CAEN`).join('\n');
    const csv = `nom;domaine;territoire\n${rows}\n`;
    await expect(
      importer.import(manager, streamOf(csv, 64), { maxBytes: csv.length - 10 }),
    ).rejects.toMatchObject({ status: 413 });
    expect(await count(`SELECT count(*)::int AS n FROM startup WHERE name = 'Limite 49'`)).toBe(0);
  });

  it('reports a malformed file as 400 naming the line', async () => {
    await expect(
      importer.import(manager, streamOf('nom;domaine;territoire\n"Guillemet;SMART_CITIES;CAEN\n')),
    ).rejects.toMatchObject({ status: 400 });
    await expect(importer.import(manager, streamOf(''))).rejects.toMatchObject({ status: 400 });
  });
});
