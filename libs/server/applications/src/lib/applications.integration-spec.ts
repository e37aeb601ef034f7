import { Test, type TestingModule } from '@nestjs/testing';
import { DossiersModule, StartupsService } from '@parcours/server-dossiers';
import { HostingModule, HostingService } from '@parcours/server-hosting';
import type { Actor } from '@parcours/server-identity';
import { Builders, createTestDatabase, type TestDatabase } from '@parcours/server-testing';
import { DataSource } from 'typeorm';
import { ApplicationsModule } from './applications.module';
import { ApplicationsService } from './applications.service';

const actorOf = (id: string, grants: Actor['grants']): Actor => ({
  id,
  email: `${id}@test.parcours`,
  displayName: id,
  roles: [...new Set(grants.map((grant) => grant.role))],
  grants,
});

/** Problem details thrown by a service: status and the paths of `errors`. */
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

describe('applications to programmes', () => {
  let db: TestDatabase;
  let moduleRef: TestingModule;
  let applications: ApplicationsService;
  let hosting: HostingService;
  let startups: StartupsService;
  let admin: Actor;
  let nurseryManager: Actor;
  let secondNurseryManager: Actor;
  let incubatorManager: Actor;
  let otherManager: Actor;
  let founder: Actor;
  let nurseryProgrammeId: string;
  let unitId: string;
  let startupId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    moduleRef = await Test.createTestingModule({
      imports: [
        {
          module: class TestDataSourceModule {},
          global: true,
          providers: [{ provide: DataSource, useValue: db.dataSource }],
          exports: [DataSource],
        },
        ApplicationsModule,
        HostingModule,
        DossiersModule,
      ],
    }).compile();
    applications = moduleRef.get(ApplicationsService);
    hosting = moduleRef.get(HostingService);
    startups = moduleRef.get(StartupsService);

    const b = new Builders(db.dataSource);
    const incubatorId = await b.structure('Incubateur Rouen', 'INCUBATOR');
    const nurseryId = await b.structure('Pépinière Rouen', 'NURSERY');
    const otherId = await b.structure('Pépinière Caen', 'NURSERY', 'CAEN');
    const incubationProgrammeId = await b.programme(incubatorId, 'INCUBATION');
    nurseryProgrammeId = await b.programme(nurseryId, 'NURSERY', { name: 'Pépinière 2026' });
    await db.dataSource.query(
      `UPDATE programme SET application_questions = $2, application_criteria = $3,
              reviewers_required = 2, requires_hosting_agreement = true
        WHERE id = $1`,
      [
        nurseryProgrammeId,
        JSON.stringify([
          { key: 'pitch', label: 'Votre projet', required: true },
          { key: 'besoins', label: 'Vos besoins', required: false, maxLength: 50 },
        ]),
        JSON.stringify([
          { key: 'equipe', label: 'Équipe', weight: 3 },
          { key: 'marche', label: 'Marché', weight: 1 },
        ]),
      ],
    );
    const place: { id: string }[] = await db.dataSource.query(
      `INSERT INTO place (territory_code, name, kind) VALUES ('ROUEN', 'Seine Innopolis', 'FLAGSHIP_BUILDING')
       RETURNING id`,
    );
    await db.dataSource.query(`UPDATE structure SET place_id = $2 WHERE id = $1`, [
      nurseryId,
      place[0].id,
    ]);

    admin = actorOf(await b.user('admin@test.parcours', [{ role: 'admin' }]), [
      { role: 'admin', scope: 'GLOBAL', scopeId: null },
    ]);
    const managerGrant = (structureId: string) => [
      { role: 'manager' as const, scope: 'STRUCTURE' as const, scopeId: structureId },
    ];
    nurseryManager = actorOf(
      await b.user('pepiniere@test.parcours', [{ role: 'manager', structureId: nurseryId }]),
      managerGrant(nurseryId),
    );
    secondNurseryManager = actorOf(
      await b.user('pepiniere2@test.parcours', [{ role: 'manager', structureId: nurseryId }]),
      managerGrant(nurseryId),
    );
    incubatorManager = actorOf(
      await b.user('incubateur@test.parcours', [{ role: 'manager', structureId: incubatorId }]),
      managerGrant(incubatorId),
    );
    otherManager = actorOf(
      await b.user('caen@test.parcours', [{ role: 'manager', structureId: otherId }]),
      managerGrant(otherId),
    );
    const startup = await startups.create(incubatorManager, {
      name: 'Robotique Seine',
      domain: 'SMART_INDUSTRIES',
      territory: 'ROUEN',
      stage: 'INCUBATION',
      structureId: incubatorId,
      programmeId: incubationProgrammeId,
    });
    startupId = startup.id;
    founder = actorOf(await b.user('fondatrice@test.parcours', [{ role: 'founder', startupId }]), [
      { role: 'founder', scope: 'STARTUP', scopeId: startupId },
    ]);
    unitId = (
      await hosting.createUnit(admin, place[0].id, {
        name: 'Bureau 1',
        kind: 'OFFICE',
        capacity: 4,
      })
    ).id;
  });

  afterAll(async () => {
    await moduleRef?.close();
    await db?.drop();
  });

  it('publishes the form: questions, weighted criteria, reviews needed', async () => {
    const form = await applications.form(nurseryProgrammeId);
    expect(form).toMatchObject({
      programmeName: 'Pépinière 2026',
      stage: 'NURSERY',
      reviewersRequired: 2,
      scoreMax: 5,
    });
    expect(form.questions.map((question) => question.key)).toEqual(['pitch', 'besoins']);
    expect(form.criteria.map((criterion) => criterion.weight)).toEqual([3, 1]);
  });

  it('refuses answers that do not fit the form, naming each field, and records nothing', async () => {
    await expect(
      problemOf(
        applications.submit(founder, nurseryProgrammeId, {
          startupId,
          answers: { besoins: 'x'.repeat(51), inconnue: 'y' },
        }),
      ),
    ).resolves.toEqual({
      status: 400,
      paths: ['answers.inconnue', 'answers.pitch', 'answers.besoins'],
    });
    const [count] = await db.dataSource.query(`SELECT count(*)::int AS n FROM application`);
    expect(count.n).toBe(0);
  });

  it('lets only the founders of the startup apply', async () => {
    await expect(
      problemOf(applications.submit(otherManager, nurseryProgrammeId, { startupId, answers: {} })),
    ).resolves.toMatchObject({ status: 404 });
    await expect(
      problemOf(
        applications.submit(incubatorManager, nurseryProgrammeId, {
          startupId,
          answers: { pitch: 'Des robots' },
        }),
      ),
    ).resolves.toMatchObject({ status: 403 });
  });

  it('takes reviews, shows the average once all are in, and accepts through a stage move', async () => {
    const submitted = await applications.submit(founder, nurseryProgrammeId, {
      startupId,
      answers: { pitch: '  Des robots de tri pour les ports  ' },
    });
    expect(submitted).toMatchObject({
      status: 'SUBMITTED',
      // Named for reviewers whose structure does not follow the startup (they cannot read it).
      startupName: 'Robotique Seine',
      programmeName: 'Pépinière 2026',
      answers: { pitch: 'Des robots de tri pour les ports' },
      reviewCount: 0,
      reviewsComplete: false,
      averageScore: null,
    });
    await expect(
      problemOf(
        applications.submit(founder, nurseryProgrammeId, { startupId, answers: { pitch: 'Bis' } }),
      ),
    ).resolves.toMatchObject({ status: 409, paths: ['startupId'] });

    // Managers of another structure do not see it; the programme's managers do.
    await expect(problemOf(applications.get(otherManager, submitted.id))).resolves.toMatchObject({
      status: 404,
    });
    expect((await applications.list(otherManager, { limit: 50 })).items).toEqual([]);
    expect(
      (await applications.list(nurseryManager, { status: 'SUBMITTED', limit: 50 })).items.map(
        (item) => item.id,
      ),
    ).toEqual([submitted.id]);

    await expect(
      problemOf(
        applications.review(nurseryManager, submitted.id, {
          scores: [{ criterion: 'equipe', score: 9 }],
        }),
      ),
    ).resolves.toEqual({ status: 400, paths: ['scores.0.score', 'scores'] });

    const first = await applications.review(nurseryManager, submitted.id, {
      scores: [
        { criterion: 'equipe', score: 4 },
        { criterion: 'marche', score: 2 },
      ],
      comment: 'Équipe solide',
    });
    expect(first).toMatchObject({ reviewCount: 1, reviewsComplete: false, averageScore: null });
    expect(first.reviews?.map((review) => review.weightedScore)).toEqual([3.5]);
    expect(first.reviews?.map((review) => review.reviewerName)).toEqual(['pepiniere']);
    await expect(
      problemOf(
        applications.review(nurseryManager, submitted.id, {
          scores: [
            { criterion: 'equipe', score: 1 },
            { criterion: 'marche', score: 1 },
          ],
        }),
      ),
    ).resolves.toMatchObject({ status: 409 });
    await expect(
      problemOf(applications.decide(nurseryManager, submitted.id, 'ACCEPT', null)),
    ).resolves.toEqual({ status: 409, paths: ['decision'] });

    const second = await applications.review(secondNurseryManager, submitted.id, {
      scores: [
        { criterion: 'equipe', score: 5 },
        { criterion: 'marche', score: 5 },
      ],
    });
    // (3.5 + 5) / 2
    expect(second).toMatchObject({ reviewCount: 2, reviewsComplete: true, averageScore: 4.25 });

    // Founders see the average, not who scored what.
    const seenByFounder = await applications.get(founder, submitted.id);
    expect(seenByFounder.averageScore).toBe(4.25);
    expect(seenByFounder.reviews).toBeUndefined();

    // The programme hosts startups: without an agreement the move's guard refuses, and the
    // application stays under examination.
    await expect(
      problemOf(applications.decide(nurseryManager, submitted.id, 'ACCEPT', 'Bienvenue')),
    ).resolves.toEqual({ status: 422, paths: ['hostingAgreement'] });
    expect((await applications.get(nurseryManager, submitted.id)).status).toBe('SUBMITTED');

    await hosting.createAgreement(admin, startupId, {
      unitId,
      startsOn: '2020-01-01',
      seats: 2,
      monthlyRentEur: 450,
    });
    const decided = await applications.decide(nurseryManager, submitted.id, 'ACCEPT', 'Bienvenue');
    expect(decided.application).toMatchObject({
      status: 'ACCEPTED',
      decision: 'ACCEPT',
      decisionNote: 'Bienvenue',
    });
    // The move goes on under the rules of every move (the founders' consent for a structure new
    // to the startup, then the decision): whatever its state now, it was opened by the decider.
    const [opened] = await db.dataSource.query(
      `SELECT from_stage, to_stage, programme_id, requested_by_id, status FROM transition WHERE id = $1`,
      [decided.application.transitionId],
    );
    expect(opened).toMatchObject({
      from_stage: 'INCUBATION',
      to_stage: 'NURSERY',
      programme_id: nurseryProgrammeId,
      requested_by_id: nurseryManager.id,
    });
    expect(['PENDING_CONSENT', 'REQUESTED', 'APPROVED', 'EXECUTING', 'COMPLETED']).toContain(
      opened.status,
    );
    if (decided.transition) expect(decided.transition.id).toBe(decided.application.transitionId);

    const timeline: { kind: string }[] = await db.dataSource.query(
      `SELECT kind FROM timeline_event WHERE startup_id = $1 AND kind LIKE 'APPLICATION_%' ORDER BY id`,
      [startupId],
    );
    expect(timeline.map((event) => event.kind)).toEqual([
      'APPLICATION_SUBMITTED',
      'APPLICATION_REVIEWED',
      'APPLICATION_REVIEWED',
      'APPLICATION_DECIDED',
    ]);
    const audit: { action: string }[] = await db.dataSource.query(
      `SELECT action FROM audit_entry WHERE entity_id = $1 ORDER BY id`,
      [submitted.id],
    );
    expect(audit.map((entry) => entry.action)).toEqual([
      'application.submitted',
      'application.reviewed',
      'application.reviewed',
      'application.decided',
    ]);
  });

  it('closes reviews and decisions once decided, and a rejection opens no move', async () => {
    const again = await applications.submit(founder, nurseryProgrammeId, {
      startupId,
      answers: { pitch: 'Seconde candidature' },
    });
    for (const reviewer of [nurseryManager, admin]) {
      await applications.review(reviewer, again.id, {
        scores: [
          { criterion: 'equipe', score: 1 },
          { criterion: 'marche', score: 0 },
        ],
      });
    }
    const rejected = await applications.decide(admin, again.id, 'REJECT', 'Déjà hébergée');
    expect(rejected.transition).toBeNull();
    expect(rejected.application).toMatchObject({ status: 'REJECTED', transitionId: null });
    await expect(
      problemOf(applications.decide(admin, again.id, 'ACCEPT', null)),
    ).resolves.toMatchObject({ status: 409 });
  });
});
