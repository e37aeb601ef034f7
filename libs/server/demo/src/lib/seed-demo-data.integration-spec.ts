import { DOMAINS, TERRITORIES, type Stage } from '@parcours/contracts';
import { checkStageMove } from '@parcours/domain';
import { createTestDatabase, type TestDatabase } from '@parcours/server-testing';
import { verify } from 'argon2';
import type { DataSource } from 'typeorm';
import { DEMO_ACCOUNTS, DEMO_ACCOUNT_KEYS } from './demo-accounts';
import { ACCELERATOR, CITY_STRUCTURES, INTERNATIONALISATION } from './demo-catalogue';
import { SHOWCASE_STARTUP_ID } from './demo-dataset';
import { seedDemoData } from './seed-demo-data';

const PASSWORD = 'parcours-demo-2026';
const NOW = new Date('2026-11-26T10:00:00Z');

const DEMO_TABLES = [
  'place',
  'structure',
  'programme',
  'cohort',
  'app_user',
  'role_grant',
  'startup',
  'transition',
  'transition_step',
  'stage_stay',
  'enrolment',
  'checklist_item',
  'timeline_event',
  'mentoring_session',
  'action_item',
  'kpi_report',
] as const;

async function rowCounts(dataSource: DataSource): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of DEMO_TABLES) {
    const rows: { count: number }[] = await dataSource.query(
      `SELECT count(*)::int AS count FROM "${table}"`,
    );
    counts[table] = rows[0].count;
  }
  return counts;
}

describe('seedDemoData against PostgreSQL', () => {
  let db: TestDatabase;
  let firstSummary: string;
  let firstSeedMs: number;

  beforeAll(async () => {
    db = await createTestDatabase();
    const startedAt = performance.now();
    firstSummary = await seedDemoData(db.dataSource, { password: PASSWORD, now: NOW });
    firstSeedMs = performance.now() - startedAt;
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('seeds the whole demo in well under fifteen seconds and says what it wrote', () => {
    expect(firstSeedMs).toBeLessThan(15_000);
    expect(firstSummary).toMatch(/^300 startups \(Caen \d+, Rouen \d+, Le Havre \d+\), /);
    expect(firstSummary).not.toContain('\n');
  });

  it('changes nothing, quickly, when called a second time', async () => {
    const before = await rowCounts(db.dataSource);
    const startedAt = performance.now();
    const summary = await seedDemoData(db.dataSource, { password: PASSWORD, now: NOW });
    const elapsedMs = performance.now() - startedAt;
    expect(summary).toContain('already present');
    expect(elapsedMs).toBeLessThan(1_000);
    expect(await rowCounts(db.dataSource)).toEqual(before);
    expect(before['startup']).toBe(300);
  });

  it('creates the eight demo accounts, with the demo password and their grants', async () => {
    const users: { email: string; password_hash: string }[] = await db.dataSource.query(
      `SELECT email, password_hash FROM app_user WHERE email LIKE '%@demo.parcours.test' ORDER BY email`,
    );
    expect(users.map((user) => user.email).sort()).toEqual(
      DEMO_ACCOUNT_KEYS.map((key) => `${key}@demo.parcours.test`).sort(),
    );
    // Hashed once: every account holds the same argon2id hash.
    expect(new Set(users.map((user) => user.password_hash)).size).toBe(1);
    expect(users[0].password_hash).toMatch(/^\$argon2id\$/);
    await expect(verify(users[0].password_hash, PASSWORD)).resolves.toBe(true);
    await expect(verify(users[0].password_hash, 'wrong-password')).resolves.toBe(false);

    const grants: { key: string; role: string; scope: string; structure_id: string | null }[] =
      await db.dataSource.query(
        `SELECT split_part(u.email, '@', 1) AS key, g.role, g.scope, g.structure_id
           FROM role_grant g JOIN app_user u ON u.id = g.user_id
          WHERE u.email LIKE '%@demo.parcours.test'`,
      );
    const of = (key: string) => grants.filter((grant) => grant.key === key);
    expect(of('admin')).toEqual([
      { key: 'admin', role: 'admin', scope: 'GLOBAL', structure_id: null },
    ]);
    expect(of('funder')).toEqual([
      { key: 'funder', role: 'funder', scope: 'GLOBAL', structure_id: null },
    ]);
    const managed = (key: string) =>
      of(key)
        .filter((grant) => grant.role === 'manager' && grant.scope === 'STRUCTURE')
        .map((grant) => grant.structure_id)
        .sort();
    expect(managed('manager.rouen')).toEqual(
      [CITY_STRUCTURES.ROUEN.incubator.id, CITY_STRUCTURES.ROUEN.nursery.id].sort(),
    );
    expect(managed('manager.caen')).toEqual(
      [CITY_STRUCTURES.CAEN.incubator.id, CITY_STRUCTURES.CAEN.nursery.id].sort(),
    );
    expect(managed('manager.lehavre')).toEqual(
      [CITY_STRUCTURES.LE_HAVRE.incubator.id, CITY_STRUCTURES.LE_HAVRE.nursery.id].sort(),
    );
    expect(managed('manager.ffwd')).toEqual([ACCELERATOR.id, INTERNATIONALISATION.id].sort());
    expect(
      of('mentor').every((grant) => grant.role === 'mentor' && grant.scope === 'STARTUP'),
    ).toBe(true);
    expect(of('founder')).toHaveLength(1);
  });

  it('holds about three hundred startups across the three territories and domains', async () => {
    const rows: { territory_code: string; domain: string; count: number }[] =
      await db.dataSource.query(
        `SELECT territory_code, domain, count(*)::int AS count FROM startup
          GROUP BY territory_code, domain`,
      );
    const total = rows.reduce((sum, row) => sum + row.count, 0);
    expect(total).toBeGreaterThanOrEqual(250);
    expect(total).toBeLessThanOrEqual(350);
    expect(new Set(rows.map((row) => row.territory_code))).toEqual(new Set(TERRITORIES));
    expect(new Set(rows.map((row) => row.domain))).toEqual(new Set(DOMAINS));
  });

  it('gives every startup exactly one open stay, matching its stage', async () => {
    const mismatches: unknown[] = await db.dataSource.query(
      `SELECT s.id, s.stage, count(st.id) AS open_stays
         FROM startup s
         LEFT JOIN stage_stay st ON st.startup_id = s.id AND st.left_at IS NULL
        GROUP BY s.id
       HAVING count(st.id) <> 1
           OR bool_or(st.stage <> s.stage OR st.entered_at <> s.stage_entered_at)`,
    );
    expect(mismatches).toEqual([]);
  });

  it('stores histories whose moves chain and pass the state machine, in order', async () => {
    const moves: {
      startup_id: string;
      from_stage: Stage | null;
      to_stage: Stage;
      reason: string | null;
      move_kind: string;
      allows_direct_entry: boolean | null;
    }[] = await db.dataSource.query(
      `SELECT t.startup_id, t.from_stage, t.to_stage, t.reason, t.move_kind, p.allows_direct_entry
         FROM transition t LEFT JOIN programme p ON p.id = t.programme_id
        WHERE t.status = 'COMPLETED'
        ORDER BY t.startup_id, t.effective_at`,
    );
    expect(moves.length).toBeGreaterThan(600);
    let previous: (typeof moves)[number] | null = null;
    for (const move of moves) {
      const first = previous === null || previous.startup_id !== move.startup_id;
      expect(move.from_stage).toBe(first ? null : previous?.to_stage);
      const check = checkStageMove({
        from: move.from_stage,
        to: move.to_stage,
        reason: move.reason,
        targetProgramme:
          move.allows_direct_entry === null
            ? null
            : { allowsDirectEntry: move.allows_direct_entry },
      });
      expect(check).toMatchObject({ ok: true, kind: move.move_kind });
      previous = move;
    }
    const kinds = new Set(moves.map((move) => move.move_kind));
    expect(kinds).toEqual(
      new Set(['FIRST_ENTRY', 'FORWARD', 'SKIP_FORWARD', 'BACK', 'EXIT', 'GRADUATE', 'RE_ENTRY']),
    );
  });

  it('puts the founder’s startup in the Rouen nursery and the mentor’s in acceleration', async () => {
    const founded: { id: string; stage: string; territory_code: string; structure: string }[] =
      await db.dataSource.query(
        `SELECT s.id, s.stage, s.territory_code, st.name AS structure
           FROM role_grant g JOIN startup s ON s.id = g.startup_id
           JOIN structure st ON st.id = s.current_structure_id
          WHERE g.user_id = $1 AND g.role = 'founder'`,
        [DEMO_ACCOUNTS.founder.id],
      );
    expect(founded).toEqual([
      {
        id: SHOWCASE_STARTUP_ID,
        stage: 'NURSERY',
        territory_code: 'ROUEN',
        structure: CITY_STRUCTURES.ROUEN.nursery.name,
      },
    ]);
    const mentored: { stage: string; cohort: string | null }[] = await db.dataSource.query(
      `SELECT s.stage, c.name AS cohort
         FROM role_grant g JOIN startup s ON s.id = g.startup_id
         LEFT JOIN cohort c ON c.id = s.current_cohort_id
        WHERE g.user_id = $1 AND g.role = 'mentor'`,
      [DEMO_ACCOUNTS.mentor.id],
    );
    expect(mentored.length).toBeGreaterThanOrEqual(3);
    expect(mentored.every((startup) => startup.stage === 'ACCELERATION')).toBe(true);
    expect(mentored.every((startup) => startup.cohort === 'FFWD #6 — automne 2026')).toBe(true);
  });

  it('logs sessions with action items for the mentor’s startups, and KPI reports over the history', async () => {
    const mentored: { startup_id: string; sessions: number; shared: number; items: number }[] =
      await db.dataSource.query(
        `SELECT g.startup_id, count(DISTINCT m.id)::int AS sessions,
                count(DISTINCT m.id) FILTER (WHERE m.shared_with_founders)::int AS shared,
                count(a.id)::int AS items
           FROM role_grant g
           LEFT JOIN mentoring_session m ON m.startup_id = g.startup_id AND m.mentor_id = g.user_id
           LEFT JOIN action_item a ON a.session_id = m.id
          WHERE g.user_id = $1 AND g.role = 'mentor'
          GROUP BY g.startup_id`,
        [DEMO_ACCOUNTS.mentor.id],
      );
    expect(mentored.length).toBeGreaterThanOrEqual(3);
    for (const startup of mentored) {
      expect(startup.sessions).toBeGreaterThan(0);
      expect(startup.items).toBeGreaterThanOrEqual(startup.sessions);
    }
    const [sums]: { reports: number; jobs: number; funds: number; shows: number }[] =
      await db.dataSource.query(
        `SELECT count(*)::int AS reports, sum(jobs_created)::int AS jobs,
                sum(funds_raised_eur)::float8 AS funds,
                sum(jsonb_array_length(trade_shows))::int AS shows
           FROM kpi_report`,
      );
    expect(sums.reports).toBeGreaterThan(300);
    expect(sums.jobs).toBeGreaterThan(0);
    expect(sums.funds).toBeGreaterThan(0);
    expect(sums.shows).toBeGreaterThan(0);
    // The showcase founder has last quarter's report to submit.
    const showcase: { quarter: string }[] = await db.dataSource.query(
      `SELECT quarter FROM kpi_report WHERE startup_id = $1 ORDER BY quarter DESC LIMIT 1`,
      [SHOWCASE_STARTUP_ID],
    );
    expect(showcase[0]?.quarter).toBe('2026-Q2');
  });

  it('leaves moves into the accelerator in the FFWD decision inbox, one per startup', async () => {
    const pending: { requester: string; target: string; startups: number; moves: number }[] =
      await db.dataSource.query(
        `SELECT u.email AS requester, t.target_structure_id AS target,
                count(DISTINCT t.startup_id)::int AS startups, count(*)::int AS moves
           FROM transition t JOIN app_user u ON u.id = t.requested_by_id
          WHERE t.status = 'REQUESTED'
          GROUP BY u.email, t.target_structure_id`,
      );
    expect(pending).toHaveLength(1);
    expect(pending[0]).toMatchObject({
      requester: 'manager.rouen@demo.parcours.test',
      target: ACCELERATOR.id,
    });
    expect(pending[0].moves).toBe(pending[0].startups);
    expect(pending[0].moves).toBeGreaterThanOrEqual(2);
  });

  it('fills every pipeline column of the Rouen manager’s board', async () => {
    const rouen = [CITY_STRUCTURES.ROUEN.incubator.id, CITY_STRUCTURES.ROUEN.nursery.id];
    const columns: { stage: string }[] = await db.dataSource.query(
      `SELECT DISTINCT s.stage FROM startup s
        WHERE s.current_structure_id = ANY($1::uuid[])
           OR EXISTS (SELECT 1 FROM stage_stay st
                       WHERE st.startup_id = s.id AND st.structure_id = ANY($1::uuid[]))`,
      [rouen],
    );
    expect(columns.map((column) => column.stage)).toEqual(
      expect.arrayContaining([
        'DETECTION',
        'INCUBATION',
        'NURSERY',
        'ACCELERATION',
        'INTERNATIONALISATION',
      ]),
    );
  });

  it('re-hashes the demo accounts when started with another demo password', async () => {
    const summary = await seedDemoData(db.dataSource, { password: 'another-demo-password' });
    expect(summary).toContain('DEMO_PASSWORD');
    const rows: { password_hash: string }[] = await db.dataSource.query(
      `SELECT DISTINCT password_hash FROM app_user WHERE email LIKE '%@demo.parcours.test'`,
    );
    expect(rows).toHaveLength(1);
    await expect(verify(rows[0].password_hash, 'another-demo-password')).resolves.toBe(true);
    await expect(verify(rows[0].password_hash, PASSWORD)).resolves.toBe(false);
  });
});

describe('seedDemoData on a database that refuses part of the demo', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('writes nothing at all: the demo is one transaction', async () => {
    // A structure named like the accelerator, under another id: the demo's insert clashes.
    await db.dataSource.query(
      `INSERT INTO structure (name, kind) VALUES ('FFWD Normandie', 'ACCELERATOR')`,
    );
    await expect(seedDemoData(db.dataSource, { password: PASSWORD, now: NOW })).rejects.toThrow(
      /uq_structure_name/,
    );
    const counts = await rowCounts(db.dataSource);
    expect(counts).toMatchObject({
      place: 0,
      structure: 1,
      programme: 0,
      app_user: 0,
      startup: 0,
      transition: 0,
    });
  });
});

describe('seedDemoData started by two processes at once', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('seeds once: the second waits for the first and finds the demo there', async () => {
    const summaries = await Promise.all([
      seedDemoData(db.dataSource, { password: PASSWORD, now: NOW }),
      seedDemoData(db.dataSource, { password: PASSWORD, now: NOW }),
    ]);
    expect(summaries.filter((summary) => summary.startsWith('300 startups'))).toHaveLength(1);
    expect(summaries.filter((summary) => summary.includes('nothing to do'))).toHaveLength(1);
    expect((await rowCounts(db.dataSource))['startup']).toBe(300);
  });
});
