import { signIn, startPlatform, type Platform } from './support/platform';
import { buildScenario } from './support/scenario';

type Api = Awaited<ReturnType<typeof signIn>>;
interface Item {
  id: string;
  key: string;
  status: string;
  current: boolean;
  version: number;
  validatedById: string | null;
  waiverReason: string | null;
}

describe('the dossier: checklist and timeline', () => {
  let platform: Platform;
  let scenario: Awaited<ReturnType<typeof buildScenario>>;
  let rouen: Api;
  let caen: Api;
  let founder: Api;
  let startupId: string;

  beforeAll(async () => {
    platform = await startPlatform();
    scenario = await buildScenario(platform);
    rouen = await signIn(platform, scenario.users.managerRouen);
    caen = await signIn(platform, scenario.users.managerCaen);
    const created = await rouen.post<{ id: string }>('/api/v1/startups', {
      name: 'Dossier Complet',
      domain: 'SMART_CITIES',
      territory: 'ROUEN',
      stage: 'INCUBATION',
      structureId: scenario.structures.rouenIncubator,
      programmeId: scenario.programmes.incubation,
    });
    startupId = created.body.id;
    await platform.builders.user('fondatrice@test.parcours', [{ role: 'founder', startupId }]);
    founder = await signIn(platform, 'fondatrice@test.parcours');
    await platform.drain();
  });

  afterAll(async () => {
    await platform?.stop();
  });

  it('lets the founder submit, the manager validate, and nobody else touch the checklist', async () => {
    const list = await founder.get<{ items: Item[] }>(`/api/v1/startups/${startupId}/checklist`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((i) => [i.key, i.status, i.current])).toEqual([
      ['convention', 'OPEN', true],
    ]);
    const item = list.body.items[0];

    const submitted = await founder.patch<Item>(`/api/v1/checklist-items/${item.id}`, {
      status: 'SUBMITTED',
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body.status).toBe('SUBMITTED');
    const selfValidated = await founder.patch(`/api/v1/checklist-items/${item.id}`, {
      status: 'DONE',
    });
    expect(selfValidated.status).toBe(403);
    const outsider = await caen.patch(`/api/v1/checklist-items/${item.id}`, { status: 'DONE' });
    expect(outsider.status).toBe(404);
    const waivedWithoutReason = await rouen.patch<{ errors: { path: string }[] }>(
      `/api/v1/checklist-items/${item.id}`,
      { status: 'WAIVED' },
    );
    expect(waivedWithoutReason.status).toBe(400);
    expect(waivedWithoutReason.body.errors.map((e) => e.path)).toEqual(['note']);
    const stale = await rouen.patch(
      `/api/v1/checklist-items/${item.id}`,
      { status: 'DONE' },
      { 'if-match': '"1"' },
    );
    expect(stale.status).toBe(412);

    const validated = await rouen.patch<Item>(`/api/v1/checklist-items/${item.id}`, {
      status: 'DONE',
    });
    expect(validated.status).toBe(200);
    expect(validated.body).toMatchObject({ status: 'DONE' });
    expect(validated.body.validatedById).toEqual(expect.any(String));

    const audited: { action: string; actor_id: string }[] = await platform.db.dataSource.query(
      `SELECT action, actor_id FROM audit_entry WHERE entity_id = $1 ORDER BY id`,
      [item.id],
    );
    expect(audited.map((entry) => entry.action)).toEqual([
      'checklist_item.updated',
      'checklist_item.updated',
    ]);

    // The checklist now allows the move; afterwards the old stay's item is history.
    const moved = await rouen.post<{ id: string; status: string }>(
      `/api/v1/startups/${startupId}/transitions`,
      { toStage: 'NURSERY', programmeId: scenario.programmes.nursery },
    );
    expect(moved).toMatchObject({ status: 201, body: { status: 'PENDING_CONSENT' } });
    // The nursery never followed the startup: its founder agrees first.
    const consented = await founder.post(`/api/v1/transitions/${moved.body.id}/consent`, {
      decision: 'GRANT',
    });
    expect(consented.status).toBe(200);
    await platform.drain();
    const frozen = await rouen.patch(`/api/v1/checklist-items/${item.id}`, { status: 'OPEN' });
    expect(frozen.status).toBe(409);
    const current = await rouen.get<{ items: Item[] }>(`/api/v1/startups/${startupId}/checklist`);
    expect(current.body.items.map((i) => i.key).sort()).toEqual(['bail', 'kbis']);
    const all = await rouen.get<{ items: Item[] }>(
      `/api/v1/startups/${startupId}/checklist?all=true`,
    );
    expect(all.body.items).toHaveLength(3);
  });

  it('links founders and mentors: existing accounts get the grant, new e-mails an invitation', async () => {
    await platform.builders.user('mentor.existant@test.parcours');
    const mentor = await rouen.post<{
      email: string;
      invitation: unknown;
      grants: { role: string }[];
    }>(`/api/v1/startups/${startupId}/mentors`, { email: 'mentor.existant@test.parcours' });
    expect(mentor.status).toBe(201);
    expect(mentor.body.invitation).toBeNull();
    expect(mentor.body.grants.map((g) => g.role)).toEqual(['mentor']);
    const mentorApi = await signIn(platform, 'mentor.existant@test.parcours');
    expect((await mentorApi.get(`/api/v1/startups/${startupId}`)).status).toBe(200);

    const invited = await rouen.post<{ invitation: { expiresAt: string } | null }>(
      `/api/v1/startups/${startupId}/founders`,
      { email: 'nouvelle.fondatrice@test.parcours', displayName: 'Nouvelle Fondatrice' },
    );
    expect(invited.status).toBe(201);
    expect(invited.body.invitation).not.toBeNull();

    const outsider = await caen.post(`/api/v1/startups/${startupId}/founders`, {
      email: 'x@test.parcours',
    });
    expect(outsider.status).toBe(404);
    const bad = await rouen.post<{ errors: { path: string }[] }>(
      `/api/v1/startups/${startupId}/founders`,
      {
        email: 'not-an-email',
      },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e) => e.path)).toEqual(['email']);
  });

  it('tells the dossier’s story in order, page by page', async () => {
    type Page = {
      items: { id: string; kind: string; occurredAt: string }[];
      nextCursor: string | null;
    };
    const whole = await rouen.get<Page>(`/api/v1/startups/${startupId}/timeline?limit=200`);
    expect(whole.status).toBe(200);
    const kinds = whole.body.items.map((e) => e.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'STAGE_ENTERED',
        'STAGE_LEFT',
        'CHECKLIST_ITEM_UPDATED',
        'TRANSITION_REQUESTED',
      ]),
    );
    const times = whole.body.items.map((e) => e.occurredAt);
    expect([...times].sort()).toEqual(times);

    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : '';
      const page: Awaited<ReturnType<typeof rouen.get<Page>>> = await rouen.get<Page>(
        `/api/v1/startups/${startupId}/timeline?limit=2${query}`,
      );
      paged.push(...page.body.items.map((e) => e.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(whole.body.items.map((e) => e.id));
    const foreign = await caen.get(`/api/v1/startups/${startupId}/timeline`);
    expect(foreign.status).toBe(404);
  });
});
