import type { KpiReportFigures } from '@parcours/contracts';
import type { Actor } from '@parcours/server-identity';
import { Builders, createTestDatabase, type TestDatabase } from '@parcours/server-testing';
import { KpiReportsService } from './kpi-reports.service';

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

const figures = (quarter: string, overrides: Partial<KpiReportFigures> = {}): KpiReportFigures => ({
  quarter,
  headcount: 5,
  jobsCreated: 1,
  revenueEur: 30_000,
  fundsRaisedEur: 0,
  customers: 4,
  exportCountries: ['be'],
  tradeShows: [],
  ...overrides,
});

describe('quarterly KPI reports against PostgreSQL', () => {
  let db: TestDatabase;
  let reports: KpiReportsService;
  let startupId: string;
  let founder: Actor;
  let mentor: Actor;
  let manager: Actor;
  let funder: Actor;

  beforeAll(async () => {
    db = await createTestDatabase();
    reports = new KpiReportsService(db.dataSource);
    const b = new Builders(db.dataSource);
    const nursery = await b.structure('Pépinière Rouen', 'NURSERY');
    const rows: { id: string }[] = await db.dataSource.query(
      `INSERT INTO startup (name, domain, territory_code, stage, current_structure_id)
       VALUES ('Comptoir', 'SMART_CITIES', 'ROUEN', 'NURSERY', $1) RETURNING id`,
      [nursery],
    );
    startupId = rows[0].id;
    founder = actorOf(await b.user('founder@test.parcours', [{ role: 'founder', startupId }]), [
      { role: 'founder', scope: 'STARTUP', scopeId: startupId },
    ]);
    mentor = actorOf(await b.user('mentor@test.parcours', [{ role: 'mentor', startupId }]), [
      { role: 'mentor', scope: 'STARTUP', scopeId: startupId },
    ]);
    manager = actorOf(
      await b.user('rouen@test.parcours', [{ role: 'manager', structureId: nursery }]),
      [{ role: 'manager', scope: 'STRUCTURE', scopeId: nursery }],
    );
    funder = actorOf(await b.user('funder@test.parcours', [{ role: 'funder' }]), [
      { role: 'funder', scope: 'GLOBAL', scopeId: null },
    ]);
  });

  afterAll(() => db?.drop());

  it('keeps one report per quarter even when two submissions race', async () => {
    const outcomes = await Promise.allSettled([
      reports.submit(founder, startupId, figures('2025-Q4')),
      reports.submit(manager, startupId, figures('2025-Q4', { headcount: 6 })),
      reports.submit(founder, startupId, figures('2025-Q4', { headcount: 7 })),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    for (const outcome of outcomes.filter((o) => o.status === 'rejected')) {
      expect(await problemOf(Promise.reject(outcome.reason))).toMatchObject({
        status: 409,
        paths: ['quarter'],
      });
    }
    const rows: unknown[] = await db.dataSource.query(
      `SELECT id FROM kpi_report WHERE startup_id = $1`,
      [startupId],
    );
    expect(rows).toHaveLength(1);
  });

  it('refuses a quarter that has not begun, and those who may not write', async () => {
    const next = new Date();
    next.setUTCMonth(next.getUTCMonth() + 3);
    const quarter = `${next.getUTCFullYear()}-Q${Math.floor(next.getUTCMonth() / 3) + 1}`;
    expect(await problemOf(reports.submit(founder, startupId, figures(quarter)))).toEqual({
      status: 400,
      paths: ['quarter'],
    });
    expect(await problemOf(reports.submit(mentor, startupId, figures('2025-Q3')))).toMatchObject({
      status: 403,
    });
    expect(await problemOf(reports.list(funder, startupId))).toMatchObject({ status: 403 });
    await expect(reports.list(mentor, startupId)).resolves.toMatchObject({
      items: [expect.objectContaining({ quarter: '2025-Q4', exportCountries: ['BE'] })],
    });
  });

  it('amends with the figures before and after in the audit trail', async () => {
    const [report] = (await reports.list(founder, startupId)).items;
    const amended = await reports.amend(
      founder,
      report.id,
      figures('2025-Q4', { jobsCreated: 4 }),
      report.version,
    );
    expect(amended).toMatchObject({ jobsCreated: 4, version: report.version + 1 });
    expect(
      await problemOf(reports.amend(founder, report.id, figures('2025-Q4'), report.version)),
    ).toMatchObject({ status: 412 });
    const audit: {
      action: string;
      before: { jobsCreated: number };
      after: { jobsCreated: number };
    }[] = await db.dataSource.query(
      `SELECT action, before, after FROM audit_entry WHERE entity_id = $1 ORDER BY id`,
      [report.id],
    );
    expect(audit.map((a) => a.action)).toEqual(['kpi_report.submitted', 'kpi_report.amended']);
    expect(audit[1].before.jobsCreated).not.toBe(4);
    expect(audit[1].after.jobsCreated).toBe(4);
  });
});
