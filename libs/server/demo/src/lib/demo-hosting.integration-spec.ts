import { AnalyticsService, NoReportedKpis } from '@parcours/server-analytics';
import type { Actor } from '@parcours/server-identity';
import { createTestDatabase, type TestDatabase } from '@parcours/server-testing';
import { ACCELERATOR_PROGRAMME, CITY_STRUCTURES } from './demo-catalogue';
import { SHOWCASE_STARTUP_ID } from './demo-dataset';
import { seedDemoData } from './seed-demo-data';

const NOW = new Date('2026-11-26T10:00:00Z');

const funder: Actor = {
  id: '00000000-0000-4000-8000-000000000003',
  email: 'funder@test.parcours',
  displayName: 'Funder',
  roles: ['funder'],
  grants: [{ role: 'funder', scope: 'GLOBAL', scopeId: null }],
};

describe('the demo’s hosting and applications', () => {
  let db: TestDatabase;

  const counts = async () =>
    (
      await db.dataSource.query(
        `SELECT (SELECT count(*)::int FROM hosting_unit) AS units,
                (SELECT count(*)::int FROM hosting_agreement) AS agreements,
                (SELECT count(*)::int FROM application) AS applications,
                (SELECT count(*)::int FROM application_review) AS reviews`,
      )
    )[0];

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedDemoData(db.dataSource, { password: 'parcours-demo-2026', now: NOW });
  });
  afterAll(() => db?.drop());

  it('hosts every stay in a city nursery in that city’s bâtiment totem', async () => {
    const nurseries = Object.values(CITY_STRUCTURES).map((city) => city.nursery.id);
    const [unhosted] = await db.dataSource.query(
      `SELECT count(*)::int AS stays,
              count(*) FILTER (WHERE NOT EXISTS (
                SELECT 1 FROM hosting_agreement a JOIN hosting_unit u ON u.id = a.unit_id
                  JOIN structure n ON n.place_id = u.place_id
                 WHERE a.startup_id = st.startup_id AND n.id = st.structure_id
                   AND a.starts_on = (st.entered_at AT TIME ZONE 'UTC')::date))::int AS unhosted
         FROM stage_stay st WHERE st.stage = 'NURSERY' AND st.structure_id = ANY($1::uuid[])`,
      [nurseries],
    );
    expect(unhosted.stays).toBeGreaterThan(50);
    expect(unhosted.unhosted).toBe(0);
    const [open] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM hosting_agreement a JOIN startup s ON s.id = a.startup_id
        WHERE a.ends_on IS NULL AND s.stage <> 'NURSERY'`,
    );
    expect(open.n).toBe(0);
  });

  it('never books a unit beyond its seats on any day', async () => {
    const [overbooked] = await db.dataSource.query(
      `SELECT count(*)::int AS n FROM hosting_unit u
        CROSS JOIN LATERAL (SELECT DISTINCT starts_on AS day FROM hosting_agreement WHERE unit_id = u.id) d
        WHERE (SELECT sum(seats) FROM hosting_agreement a
                WHERE a.unit_id = u.id AND a.starts_on <= d.day
                  AND (a.ends_on IS NULL OR a.ends_on >= d.day)) > u.capacity`,
    );
    expect(overbooked.n).toBe(0);
  });

  it('gives the funders a real startupsHosted', async () => {
    const service = new AnalyticsService(db.dataSource, new NoReportedKpis());
    const kpis = await service.kpis(funder, { from: new Date('2024-01-01T00:00:00Z'), to: NOW });
    expect(kpis.startupsHosted).toBeGreaterThan(30);
  });

  it('holds an application form and applications at each point of their review', async () => {
    const [programme] = await db.dataSource.query(
      `SELECT jsonb_array_length(application_questions) AS questions,
              jsonb_array_length(application_criteria) AS criteria, reviewers_required
         FROM programme WHERE id = $1`,
      [ACCELERATOR_PROGRAMME.id],
    );
    expect(programme).toEqual({ questions: 3, criteria: 4, reviewers_required: 2 });
    const applications: { startup_id: string; status: string; reviews: number }[] =
      await db.dataSource.query(
        `SELECT a.startup_id, a.status,
                (SELECT count(*)::int FROM application_review r WHERE r.application_id = a.id) AS reviews
           FROM application a ORDER BY a.status, reviews`,
      );
    expect(applications.map(({ status, reviews }) => [status, reviews])).toEqual([
      ['REJECTED', 2],
      ['SUBMITTED', 1],
      ['SUBMITTED', 2],
    ]);
    expect(applications.map((a) => a.startup_id)).toContain(SHOWCASE_STARTUP_ID);
    // The dossier's timeline names the programme, as for an application made in the app.
    const events: { programme: string | null }[] = await db.dataSource.query(
      `SELECT payload->>'programmeName' AS programme FROM timeline_event
        WHERE kind = 'APPLICATION_SUBMITTED'`,
    );
    expect(events).toHaveLength(applications.length);
    expect(events.every((event) => event.programme === ACCELERATOR_PROGRAMME.name)).toBe(true);
  });

  it('adds nothing when seeded again', async () => {
    const before = await counts();
    await seedDemoData(db.dataSource, { password: 'parcours-demo-2026', now: NOW });
    expect(await counts()).toEqual(before);
  });
});
