import type { Actor } from '@parcours/server-identity';
import { Builders, createTestDatabase, type TestDatabase } from '@parcours/server-testing';
import { ActionItemsService } from './action-items.service';
import { MentoringSessionsService } from './mentoring-sessions.service';

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

const DAY_MS = 86_400_000;

describe('mentoring sessions and action items against PostgreSQL', () => {
  let db: TestDatabase;
  let sessions: MentoringSessionsService;
  let actionItems: ActionItemsService;
  let startupId: string;
  let otherStartupId: string;
  let mentor: Actor;
  let founder: Actor;
  let manager: Actor;
  let otherManager: Actor;
  let funder: Actor;

  beforeAll(async () => {
    db = await createTestDatabase();
    sessions = new MentoringSessionsService(db.dataSource);
    actionItems = new ActionItemsService(db.dataSource);
    const b = new Builders(db.dataSource);
    const accelerator = await b.structure('FFWD Normandie', 'ACCELERATOR', 'CAEN');
    const other = await b.structure('Incubateur Rouen', 'INCUBATOR', 'ROUEN');
    const startups: { id: string }[] = await db.dataSource.query(
      `INSERT INTO startup (name, domain, territory_code, stage, current_structure_id)
       VALUES ('Hublot', 'SMART_PORTS_LOGISTICS', 'CAEN', 'ACCELERATION', $1),
              ('Ailleurs', 'SMART_CITIES', 'ROUEN', 'INCUBATION', $2)
       RETURNING id`,
      [accelerator, other],
    );
    [startupId, otherStartupId] = startups.map((s) => s.id);
    mentor = actorOf(await b.user('mentor@test.parcours', [{ role: 'mentor', startupId }]), [
      { role: 'mentor', scope: 'STARTUP', scopeId: startupId },
    ]);
    founder = actorOf(await b.user('founder@test.parcours', [{ role: 'founder', startupId }]), [
      { role: 'founder', scope: 'STARTUP', scopeId: startupId },
    ]);
    manager = actorOf(
      await b.user('ffwd@test.parcours', [{ role: 'manager', structureId: accelerator }]),
      [{ role: 'manager', scope: 'STRUCTURE', scopeId: accelerator }],
    );
    otherManager = actorOf(
      await b.user('rouen@test.parcours', [{ role: 'manager', structureId: other }]),
      [{ role: 'manager', scope: 'STRUCTURE', scopeId: other }],
    );
    funder = actorOf(await b.user('funder@test.parcours', [{ role: 'funder' }]), [
      { role: 'funder', scope: 'GLOBAL', scopeId: null },
    ]);
  });

  afterAll(() => db?.drop());

  it('logs a session with its action items, audited and on the timeline, in one transaction', async () => {
    const session = await sessions.create(mentor, startupId, {
      heldAt: new Date(Date.now() - DAY_MS),
      durationMinutes: 60,
      format: 'VIDEO',
      topics: [' levée de fonds ', ''],
      notes: 'Prochaine étape : data room',
      privateNotes: 'Trésorerie tendue',
      sharedWithFounders: true,
      actionItems: [
        { title: 'Ouvrir la data room', ownerId: founder.id, dueOn: '2030-01-15' },
        { title: 'Relire le pacte', ownerId: mentor.id },
      ],
    });
    expect(session).toMatchObject({
      mentorId: mentor.id,
      topics: ['levée de fonds'],
      privateNotes: 'Trésorerie tendue',
    });
    expect(session.actionItems.map((i) => i.ownerId)).toEqual([founder.id, mentor.id]);
    const audit: { action: string }[] = await db.dataSource.query(
      `SELECT action FROM audit_entry WHERE startup_id = $1 ORDER BY id`,
      [startupId],
    );
    expect(audit.map((a) => a.action)).toEqual([
      'mentoring_session.created',
      'action_item.created',
      'action_item.created',
    ]);
    const events: { kind: string; payload: Record<string, unknown> }[] = await db.dataSource.query(
      `SELECT kind, payload FROM timeline_event WHERE startup_id = $1`,
      [startupId],
    );
    expect(events).toEqual([
      {
        kind: 'MENTORING_SESSION_LOGGED',
        payload: expect.objectContaining({ sessionId: session.id, sharedWithFounders: true }),
      },
    ]);
    expect(JSON.stringify(events)).not.toContain('Trésorerie');
  });

  it('keeps private sessions and private notes from founders, and sessions from funders', async () => {
    await sessions.create(manager, startupId, {
      heldAt: new Date(),
      durationMinutes: 15,
      format: 'PHONE',
      privateNotes: 'Entre nous',
    });
    const seenByManager = await sessions.list(manager, startupId);
    expect(seenByManager.items).toHaveLength(2);
    expect(seenByManager.items[0]).toMatchObject({
      mentorId: manager.id,
      privateNotes: 'Entre nous',
    });

    const seenByFounder = await sessions.list(founder, startupId);
    expect(seenByFounder.items).toHaveLength(1);
    expect(seenByFounder.items[0]).not.toHaveProperty('privateNotes');

    expect(await problemOf(sessions.list(funder, startupId))).toMatchObject({ status: 403 });
    expect(await problemOf(sessions.list(otherManager, startupId))).toMatchObject({ status: 404 });
    expect(await problemOf(sessions.list(mentor, otherStartupId))).toMatchObject({ status: 404 });
    expect(
      await problemOf(
        sessions.create(founder, startupId, {
          heldAt: new Date(),
          durationMinutes: 10,
          format: 'VIDEO',
        }),
      ),
    ).toMatchObject({ status: 403 });
  });

  it('refuses a session in the future and owners who are not the startup’s people, writing nothing', async () => {
    const before: unknown[] = await db.dataSource.query(`SELECT id FROM mentoring_session`);
    expect(
      await problemOf(
        sessions.create(mentor, startupId, {
          heldAt: new Date(Date.now() + DAY_MS),
          durationMinutes: 10,
          format: 'VIDEO',
          actionItems: [
            { title: '  ' },
            { title: 'Pour le manager', ownerId: otherManager.id },
            { title: 'Pour le fondateur', ownerId: founder.id },
          ],
        }),
      ),
    ).toEqual({
      status: 400,
      paths: ['heldAt', 'actionItems.0.title', 'actionItems.1.ownerId', 'actionItems.2.ownerId'],
    });
    expect(await db.dataSource.query(`SELECT id FROM mentoring_session`)).toEqual(before);
  });

  it('lets founders move their own items’ status and nothing else', async () => {
    const { items } = await sessions.list(founder, startupId);
    const [forFounder, forMentor] = items[0].actionItems;
    await expect(
      actionItems.update(founder, forFounder.id, { status: 'IN_PROGRESS' }, null),
    ).resolves.toMatchObject({ status: 'IN_PROGRESS', version: 2 });
    expect(
      await problemOf(actionItems.update(founder, forFounder.id, { dueOn: '2031-01-01' }, null)),
    ).toMatchObject({ status: 403 });
    expect(
      await problemOf(actionItems.update(founder, forMentor.id, { status: 'DONE' }, null)),
    ).toMatchObject({ status: 403 });
    expect(
      await problemOf(actionItems.update(mentor, forMentor.id, { status: 'DONE' }, 1 + 5)),
    ).toMatchObject({ status: 412 });
    await expect(
      actionItems.update(mentor, forMentor.id, { status: 'DONE' }, 1),
    ).resolves.toMatchObject({ status: 'DONE' });
  });

  it('lists the mentor’s mentees and open items, and the founder’s own', async () => {
    const mentees = await actionItems.mentees(mentor);
    expect(mentees.items).toEqual([
      expect.objectContaining({
        startupId,
        sessions: 2,
        openActionItems: 1,
        overdueActionItems: 0,
        nextDueOn: '2030-01-15',
      }),
    ]);
    expect((await actionItems.mine(mentor)).items.map((i) => i.title)).toEqual([
      'Ouvrir la data room',
    ]);
    expect((await actionItems.mine(founder)).items.map((i) => i.title)).toEqual([
      'Ouvrir la data room',
    ]);
    expect((await actionItems.mine(founder, ['DONE'])).items).toEqual([]);
    expect((await actionItems.mentees(otherManager)).items).toEqual([]);
  });
});
