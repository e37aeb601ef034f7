import { signIn, startPlatform, type Platform } from './support/platform';
import { buildScenario, completeCurrentChecklist } from './support/scenario';

type Api = Awaited<ReturnType<typeof signIn>>;
interface Problem {
  status: number;
  detail: string;
  errors?: { path: string; message: string }[];
}
const pathsOf = (body: unknown) => ((body as Problem).errors ?? []).map((error) => error.path);

describe('applications with weighted reviews, and nursery hosting, over HTTP', () => {
  let platform: Platform;
  let scenario: Awaited<ReturnType<typeof buildScenario>>;
  let rouen: Api;
  let caen: Api;
  let ffwd: Api;
  let admin: Api;
  let placeId: string;

  const createStartup = async (name: string) => {
    const created = await rouen.post<{ id: string }>('/api/v1/startups', {
      name,
      domain: 'SMART_PORTS_LOGISTICS',
      territory: 'ROUEN',
      stage: 'INCUBATION',
      structureId: scenario.structures.rouenIncubator,
      programmeId: scenario.programmes.incubation,
    });
    expect(created.status).toBe(201);
    return created.body.id;
  };

  beforeAll(async () => {
    platform = await startPlatform();
    scenario = await buildScenario(platform);
    [rouen, caen, ffwd, admin] = await Promise.all([
      signIn(platform, scenario.users.managerRouen),
      signIn(platform, scenario.users.managerCaen),
      signIn(platform, scenario.users.managerFfwd),
      signIn(platform, scenario.users.admin),
    ]);
    const places: { id: string }[] = await platform.db.dataSource.query(
      `INSERT INTO place (territory_code, name, kind) VALUES ('ROUEN', 'Seine Innopolis', 'FLAGSHIP_BUILDING')
       RETURNING id`,
    );
    placeId = places[0].id;
    await platform.db.dataSource.query(`UPDATE structure SET place_id = $2 WHERE id = $1`, [
      scenario.structures.rouenNursery,
      placeId,
    ]);
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it('never gives more seats than a unit has, even to concurrent requests', async () => {
    const unit = await rouen.post<{ id: string; capacity: number }>(
      `/api/v1/places/${placeId}/units`,
      { name: 'Bureau 12', kind: 'OFFICE', capacity: 2 },
    );
    expect(unit.status).toBe(201);
    expect(
      (await caen.post(`/api/v1/places/${placeId}/units`, { name: 'X', kind: 'DESK', capacity: 1 }))
        .status,
    ).toBe(403);

    const invalid = await rouen.post(
      `/api/v1/startups/${await createStartup('Invalide')}/hosting-agreements`,
      {
        unitId: 'pas-un-id',
        startsOn: '2026-13-01',
        seats: 0,
        extra: true,
      },
    );
    expect(invalid.status).toBe(400);
    expect(pathsOf(invalid.body).sort()).toEqual(['extra', 'seats', 'startsOn', 'unitId']);

    const startupIds = await Promise.all(
      ['Quai Un', 'Quai Deux', 'Quai Trois', 'Quai Quatre', 'Quai Cinq'].map(createStartup),
    );
    const answers = await Promise.all(
      startupIds.map((startupId) =>
        rouen.post(`/api/v1/startups/${startupId}/hosting-agreements`, {
          unitId: unit.body.id,
          startsOn: '2026-01-05',
          endsOn: '2026-12-31',
          seats: 1,
          monthlyRentEur: 320.5,
        }),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 201, 409, 409, 409]);
    const refused = answers.find((answer) => answer.status === 409);
    expect(pathsOf(refused?.body)).toEqual(['seats']);

    const occupancy = await admin.get<{ units: { unitId: string; occupiedSeats: number }[] }>(
      `/api/v1/places/${placeId}/occupancy?on=2026-06-01`,
    );
    expect(occupancy.status).toBe(200);
    expect(occupancy.body.units.find((u) => u.unitId === unit.body.id)?.occupiedSeats).toBe(2);

    // Ending one agreement early frees its seat from the next day.
    const hosted = startupIds[answers.findIndex((answer) => answer.status === 201)];
    const listed = await rouen.get<{ items: { id: string; version: number }[] }>(
      `/api/v1/startups/${hosted}/hosting-agreements`,
    );
    const [agreement] = listed.body.items;
    const ended = await rouen.patch(
      `/api/v1/hosting-agreements/${agreement.id}`,
      { endsOn: '2026-03-31' },
      { 'if-match': `"${agreement.version}"` },
    );
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ endsOn: '2026-03-31' });
    const late = await rouen.post(`/api/v1/startups/${startupIds[4]}/hosting-agreements`, {
      unitId: unit.body.id,
      startsOn: '2026-04-01',
      seats: 1,
    });
    // Open-ended from April: the other agreement still holds its seat, one is free.
    expect(late.status).toBe(201);

    // Another structure's manager does not see the dossier: 404, not 403.
    expect((await caen.get(`/api/v1/startups/${hosted}/hosting-agreements`)).status).toBe(404);
  });

  it('lists every place, saying where the caller adds units and agreements', async () => {
    type Places = { items: { id: string; name: string; territory: string; manageable: boolean }[] };
    const manageable = async (api: Api) => {
      const listed = await api.get<Places>('/api/v1/places');
      expect(listed.status).toBe(200);
      return listed.body.items.find((place) => place.id === placeId);
    };
    expect(await manageable(rouen)).toMatchObject({
      name: 'Seine Innopolis',
      territory: 'ROUEN',
      manageable: true,
    });
    expect(await manageable(admin)).toMatchObject({ manageable: true });
    // The Caen manager sees the place (the support offer is public) but adds nothing there.
    expect(await manageable(caen)).toMatchObject({ manageable: false });
    expect(await manageable(ffwd)).toMatchObject({ manageable: false });
  });

  it('refuses entry into a nursery programme that requires hosting until an agreement exists (422)', async () => {
    const programme = await rouen.patch(`/api/v1/programmes/${scenario.programmes.nursery}`, {
      requiresHostingAgreement: true,
    });
    expect(programme.status).toBe(200);
    expect(programme.body).toMatchObject({ requiresHostingAgreement: true });

    const startupId = await createStartup('Docks Numériques');
    await platform.drain();
    await completeCurrentChecklist(platform, startupId);
    const move = { toStage: 'NURSERY', programmeId: scenario.programmes.nursery };
    const refused = await rouen.post(`/api/v1/startups/${startupId}/transitions`, move);
    expect(refused.status).toBe(422);
    expect(pathsOf(refused.body)).toEqual(['hostingAgreement']);
    expect((refused.body as unknown as Problem).errors?.[0].message).toMatch(
      /^HOSTING_AGREEMENT_MISSING/,
    );

    const unit = await rouen.post<{ id: string }>(`/api/v1/places/${placeId}/units`, {
      name: 'Open space',
      kind: 'DESK',
      capacity: 10,
    });
    const today = new Date().toISOString().slice(0, 10);
    const signed = await rouen.post(`/api/v1/startups/${startupId}/hosting-agreements`, {
      unitId: unit.body.id,
      startsOn: today,
      seats: 2,
    });
    expect(signed.status).toBe(201);
    const accepted = await rouen.post(`/api/v1/startups/${startupId}/transitions`, move);
    expect(accepted.status).toBe(201);
    expect(accepted.body).toMatchObject({ fromStage: 'INCUBATION', toStage: 'NURSERY' });

    const timeline = await rouen.get<{ items: { kind: string }[] }>(
      `/api/v1/startups/${startupId}/timeline`,
    );
    expect(timeline.body.items.map((event) => event.kind)).toContain('HOSTING_AGREEMENT_SIGNED');
  });

  it('takes an application, its weighted reviews and the decision that opens the move', async () => {
    const form = {
      applicationQuestions: [
        { key: 'pitch', label: 'Présentez votre projet', required: true },
        { key: 'levee', label: 'Levée de fonds prévue', required: false, maxLength: 200 },
      ],
      applicationCriteria: [
        { key: 'equipe', label: 'Équipe', weight: 2 },
        { key: 'international', label: 'Potentiel international', weight: 1 },
      ],
      reviewersRequired: 2,
    };
    const invalidForm = await ffwd.patch(`/api/v1/programmes/${scenario.programmes.acceleration}`, {
      applicationCriteria: [{ key: 'Équipe', label: '', weight: 0 }],
    });
    expect(invalidForm.status).toBe(400);
    expect(pathsOf(invalidForm.body).sort()).toEqual([
      'applicationCriteria.0.key',
      'applicationCriteria.0.label',
      'applicationCriteria.0.weight',
    ]);
    expect(
      (await ffwd.patch(`/api/v1/programmes/${scenario.programmes.acceleration}`, form)).status,
    ).toBe(200);

    const startupId = await createStartup('Cargo Vision');
    await platform.drain();
    await completeCurrentChecklist(platform, startupId);
    const founderEmail = 'fondateur.cargo@test.parcours';
    await platform.builders.user(founderEmail, [{ role: 'founder', startupId }]);
    const founder = await signIn(platform, founderEmail);

    const published = await founder.get<{ questions: unknown[]; scoreMax: number }>(
      `/api/v1/programmes/${scenario.programmes.acceleration}/application-form`,
    );
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ questions: form.applicationQuestions, scoreMax: 5 });

    const applyPath = `/api/v1/programmes/${scenario.programmes.acceleration}/applications`;
    const incomplete = await founder.post(applyPath, {
      startupId,
      answers: { levee: 'x'.repeat(201) },
    });
    expect(incomplete.status).toBe(400);
    expect(pathsOf(incomplete.body)).toEqual(['answers.pitch', 'answers.levee']);
    expect((await rouen.post(applyPath, { startupId, answers: { pitch: 'x' } })).status).toBe(403);

    const applied = await founder.post<{ id: string; status: string }>(applyPath, {
      startupId,
      answers: { pitch: 'Vision par ordinateur pour les terminaux à conteneurs' },
    });
    expect(applied.status).toBe(201);
    expect(applied.body.status).toBe('SUBMITTED');
    const applicationPath = `/api/v1/applications/${applied.body.id}`;

    expect((await caen.get(applicationPath)).status).toBe(404);
    const inbox = await ffwd.get<{ items: { id: string }[] }>(
      `/api/v1/applications?programmeId=${scenario.programmes.acceleration}&status=SUBMITTED`,
    );
    expect(inbox.body.items.map((item) => item.id)).toEqual([applied.body.id]);

    const badReview = await ffwd.post(`${applicationPath}/reviews`, {
      scores: [{ criterion: 'equipe', score: 7 }],
    });
    expect(badReview.status).toBe(400);
    expect(pathsOf(badReview.body)).toEqual(['scores.0.score']);

    const first = await ffwd.post(`${applicationPath}/reviews`, {
      scores: [
        { criterion: 'equipe', score: 5 },
        { criterion: 'international', score: 2 },
      ],
      comment: 'Équipe très complète',
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      reviewCount: 1,
      reviewsComplete: false,
      averageScore: null,
    });
    expect(
      (
        await ffwd.post(`${applicationPath}/reviews`, {
          scores: [
            { criterion: 'equipe', score: 1 },
            { criterion: 'international', score: 1 },
          ],
        })
      ).status,
    ).toBe(409);
    const early = await ffwd.post(`${applicationPath}/decision`, { decision: 'ACCEPT' });
    expect(early.status).toBe(409);

    const second = await admin.post(`${applicationPath}/reviews`, {
      scores: [
        { criterion: 'equipe', score: 3 },
        { criterion: 'international', score: 3 },
      ],
    });
    // (2×5 + 2) / 3 = 4 and (2×3 + 3) / 3 = 3: average 3.5.
    expect(second.body).toMatchObject({ reviewCount: 2, reviewsComplete: true, averageScore: 3.5 });
    const seenByFounder = await founder.get(applicationPath);
    expect(seenByFounder.body).toMatchObject({ averageScore: 3.5 });
    expect(seenByFounder.body).not.toHaveProperty('reviews');

    const decided = await ffwd.post<{
      application: { status: string; transitionId: string };
    }>(`${applicationPath}/decision`, { decision: 'ACCEPT', note: 'Promotion de printemps' });
    expect(decided.status).toBe(200);
    expect(decided.body.application.status).toBe('ACCEPTED');
    const [move] = await platform.db.dataSource.query(
      `SELECT from_stage, to_stage, programme_id, requires_four_eyes, status FROM transition WHERE id = $1`,
      [decided.body.application.transitionId],
    );
    // Acceleration needs four-eyes: the move waits for another person (or the founders' consent).
    expect(move).toMatchObject({
      from_stage: 'INCUBATION',
      to_stage: 'ACCELERATION',
      programme_id: scenario.programmes.acceleration,
      requires_four_eyes: true,
    });
    expect(['REQUESTED', 'PENDING_CONSENT']).toContain(move.status);
    expect((await ffwd.post(`${applicationPath}/decision`, { decision: 'REJECT' })).status).toBe(
      409,
    );
  });
});
