import type { AccessWorld } from './access-scenario';
import type { Platform } from './platform';

/**
 * The expected answer of every route of the API to every kind of caller (SPEC §1, §3): 401 for
 * nobody signed in, 403 in scope but not allowed, 404 out of scope. `access-matrix.e2e-spec.ts`
 * reads the route table from the API's own OpenAPI document and fails for a route missing here.
 *
 * Callers (`MATRIX_ACTORS`): an admin; the manager of startup A's structure; the mentor and the
 * founder of startup A; a funder over everything; nobody. Routes that take an id are called on
 * an OWN object (startup A's world) and an OTHER one (startup B, another structure, another
 * territory): for the manager, the mentor and the founder, OTHER is out of scope.
 *
 * Writes must not change what the next cells read, so their bodies are refused after the
 * access checks (a stale If-Match, a move the state machine refuses, a duplicate grant), or
 * they act on objects made for the cell (`params` may create them), or they add harmlessly
 * (a new cohort, a new founder).
 */

export type Target = 'own' | 'other';
/** Statuses in the order admin, manager, mentor, founder, funder, anonymous. */
export type Row = readonly [number, number, number, number, number, number];

export interface CellContext {
  world: AccessWorld;
  platform: Platform;
  target: Target;
  /** A fresh unique suffix for names and e-mails. */
  unique: string;
}

export interface RouteAccess {
  /** Path parameters for the target; may create the object the cell acts on. */
  params?: (cell: CellContext) => Record<string, string> | Promise<Record<string, string>>;
  body?: (cell: CellContext) => unknown;
  headers?: Record<string, string>;
  query?: string;
  /** The route ends the caller's session (sign-out): the cell signs the caller in afresh. */
  freshSession?: boolean;
  /** Served but not in the OpenAPI document (probes, metrics): listed here to be tested. */
  undocumented?: boolean;
  /** One row for routes without an id; `own` and `other` rows for routes with one. */
  expect: Row | { own: Row; other: Row };
}

const STALE = { 'if-match': '"0"' };

const A_OR_B = ({ target }: CellContext) => (target === 'own' ? 'a' : 'b');
const startup = (cell: CellContext) => ({ id: cell.world.startups[A_OR_B(cell)] });
const founderOf = (cell: CellContext) => ({
  id: cell.world.userIds[cell.target === 'own' ? 'founder' : 'founderB'],
});

/** A person linked to A (own) or B (other), made for the cell: erased, reset, ungranted. */
async function throwawayPerson(cell: CellContext): Promise<Record<string, string>> {
  const email = `throwaway.${cell.unique}@matrix.test`;
  const id = await cell.platform.builders.user(email, [
    { role: 'founder', startupId: cell.world.startups[A_OR_B(cell)] },
  ]);
  const rows: { id: string }[] = await cell.platform.db.dataSource.query(
    `SELECT id FROM role_grant WHERE user_id = $1`,
    [id],
  );
  return { id, grantId: rows[0].id };
}

/** A notification of A's founder (own) or B's (other), made for the cell. */
async function notificationOfFounder(cell: CellContext): Promise<Record<string, string>> {
  const rows: { id: string }[] = await cell.platform.db.dataSource.query(
    `INSERT INTO notification (user_id, kind, title, body, dedupe_key)
     VALUES ($1, 'matrix', 'Probe', 'Probe', $2) RETURNING id`,
    [founderOf(cell).id, `matrix-${cell.unique}`],
  );
  return { id: rows[0].id };
}

/** An application of A (own) or B (other) to its incubator's programme, under examination. */
async function applicationOf(cell: CellContext): Promise<Record<string, string>> {
  const programmeId = cell.world.programmes[A_OR_B(cell)];
  const startupId = cell.world.startups[A_OR_B(cell)];
  const db = cell.platform.db.dataSource;
  await db.query(
    `INSERT INTO application (programme_id, startup_id, answers) VALUES ($1, $2, '{}')
     ON CONFLICT (programme_id, startup_id) WHERE status = 'SUBMITTED' DO NOTHING`,
    [programmeId, startupId],
  );
  const rows: { id: string }[] = await db.query(
    `SELECT id FROM application WHERE programme_id = $1 AND startup_id = $2 AND status = 'SUBMITTED'`,
    [programmeId, startupId],
  );
  return { id: rows[0].id };
}

/** Fixed ids, so that a request body can name the unit its cell's params made. */
const MATRIX_UNITS = {
  a: '0a0a0a0a-0000-4000-8000-00000000000a',
  b: '0b0b0b0b-0000-4000-8000-00000000000b',
};

/** The place of A's structure (own) or B's (other), with one small unit, made once. */
async function hostingPlaceOf(cell: CellContext): Promise<{ id: string; unitId: string }> {
  const db = cell.platform.db.dataSource;
  const side = A_OR_B(cell);
  await db.query(
    `INSERT INTO place (territory_code, name, kind) VALUES ($1, $2, 'FLAGSHIP_BUILDING')
     ON CONFLICT (territory_code, name) DO NOTHING`,
    [side === 'a' ? 'ROUEN' : 'CAEN', `Matrix place ${side}`],
  );
  const places: { id: string }[] = await db.query(`SELECT id FROM place WHERE name = $1`, [
    `Matrix place ${side}`,
  ]);
  const id = places[0].id;
  await db.query(`UPDATE structure SET place_id = $2 WHERE id = $1`, [
    cell.world.structures[side],
    id,
  ]);
  await db.query(
    `INSERT INTO hosting_unit (id, place_id, name, kind, capacity)
     VALUES ($1, $2, 'Matrix unit', 'OFFICE', 4) ON CONFLICT (id) DO NOTHING`,
    [MATRIX_UNITS[side], id],
  );
  return { id, unitId: MATRIX_UNITS[side] };
}

/** A past hosting agreement of A (own) or B (other), made for the cell. */
async function hostingAgreementOf(cell: CellContext): Promise<Record<string, string>> {
  const { unitId } = await hostingPlaceOf(cell);
  const rows: { id: string }[] = await cell.platform.db.dataSource.query(
    `INSERT INTO hosting_agreement (startup_id, unit_id, starts_on, ends_on, seats)
     VALUES ($1, $2, '2020-01-01', '2020-01-31', 1) RETURNING id`,
    [cell.world.startups[A_OR_B(cell)], unitId],
  );
  return { id: rows[0].id };
}

/** A background export asked for by the admin, made for the cell and never queued. */
async function exportOfAdmin(cell: CellContext): Promise<Record<string, string>> {
  const rows: { id: string }[] = await cell.platform.db.dataSource.query(
    `INSERT INTO export_job (requested_by_id, kind, period_to)
     VALUES ($1, 'startups.csv', now()) RETURNING id`,
    [cell.world.userIds['admin']],
  );
  return { id: rows[0].id };
}

/**
 * An action item of a session shared with founders, given to A's founder (own) or B's (other),
 * made for the cell.
 */
async function actionItemOfFounder(cell: CellContext): Promise<Record<string, string>> {
  const side = A_OR_B(cell);
  const startupId = cell.world.startups[side];
  const db = cell.platform.db.dataSource;
  const sessions: { id: string }[] = await db.query(
    `INSERT INTO mentoring_session (startup_id, mentor_id, held_at, duration_minutes, format,
                                    shared_with_founders)
     VALUES ($1, $2, now() - interval '1 day', 30, 'VIDEO', true) RETURNING id`,
    [startupId, cell.world.userIds[side === 'a' ? 'mentor' : 'mentorB']],
  );
  const items: { id: string }[] = await db.query(
    `INSERT INTO action_item (session_id, startup_id, title, owner_id)
     VALUES ($1, $2, $3, $4) RETURNING id`,
    [sessions[0].id, startupId, `Matrix ${cell.unique}`, founderOf(cell).id],
  );
  return { id: items[0].id };
}

/** A KPI report of A (own) or B (other) for a quarter of its own, made for the cell. */
async function kpiReportOf(cell: CellContext): Promise<Record<string, string>> {
  const rows: { id: string }[] = await cell.platform.db.dataSource.query(
    `INSERT INTO kpi_report (startup_id, quarter, quarter_starts_on, headcount, jobs_created,
                             revenue_eur, funds_raised_eur, customers)
     SELECT $1, q.quarter, q.starts_on, 3, 1, 1000, 0, 2
       FROM (SELECT (1900 + n) || '-Q1' AS quarter, make_date(1900 + n, 1, 1) AS starts_on
               FROM generate_series(0, 99) AS n
              WHERE NOT EXISTS (SELECT 1 FROM kpi_report k
                                 WHERE k.startup_id = $1 AND k.quarter = (1900 + n) || '-Q1')
              LIMIT 1) AS q
     RETURNING id`,
    [cell.world.startups[A_OR_B(cell)]],
  );
  return { id: rows[0].id };
}

const KPI_REPORT_BODY = (quarter: string) => ({
  quarter,
  headcount: 4,
  jobsCreated: 1,
  revenueEur: 12_000,
  fundsRaisedEur: 0,
  customers: 3,
  exportCountries: [],
  tradeShows: [],
});

/** A small PDF uploaded by the admin to A (own) or B (other), made for the cell. */
async function uploadedDocument(cell: CellContext): Promise<Record<string, string>> {
  const form = new FormData();
  form.append('file', new Blob(['%PDF-1.4\n%matrix\n']), `matrix-${cell.unique}.pdf`);
  const response = await fetch(
    `${cell.platform.baseUrl}/api/v1/startups/${startup(cell).id}/documents`,
    { method: 'POST', headers: { authorization: `Bearer ${cell.world.tokens.admin}` }, body: form },
  );
  if (response.status !== 201) throw new Error(`document upload: ${response.status}`);
  return { id: ((await response.json()) as { id: string }).id };
}

//                 admin manager mentor founder funder anon
const ALL_SIGNED_IN: Row = [200, 200, 200, 200, 200, 401];
const ANALYTICS: Row = [200, 200, 403, 403, 200, 401];
const EVERYONE = (status: number): Row => [status, status, status, status, status, status];
const ADMIN_ONLY = (status: number): Row => [status, 403, 403, 403, 403, 401];
const STAFF = (status: number): Row => [status, status, 403, 403, 403, 401];
const STAFF_SCOPED = (own: number) => ({
  own: [own, own, 403, 403, 403, 401] as Row,
  other: [own, 404, 403, 403, 403, 401] as Row,
});
/** An export of the admin: theirs alone; mentors and founders may not export at all. */
const EXPORT_OF_ADMIN = (status: number): Row => [status, 404, 403, 403, 404, 401];
/** Mentoring and KPI reports: the startup's people and admins; funders never (403 in scope). */
const MENTORING_IN_SCOPE = {
  own: [200, 200, 200, 200, 403, 401] as Row,
  other: [200, 404, 404, 404, 403, 401] as Row,
};
const READ_IN_SCOPE = {
  own: [200, 200, 200, 200, 200, 401] as Row,
  other: [200, 404, 404, 404, 200, 401] as Row,
};

const DOCUMENTS_IN_SCOPE = {
  own: [200, 200, 200, 200, 403, 401] as Row,
  other: [200, 404, 404, 404, 403, 401] as Row,
};

export const ACCESS_MATRIX: Record<string, RouteAccess> = {
  // Outside /api/v1 and outside the OpenAPI document: probes and metrics answer everyone.
  'GET /health/live': { undocumented: true, expect: EVERYONE(200) },
  'GET /health/ready': { undocumented: true, expect: EVERYONE(200) },
  'GET /metrics': { undocumented: true, expect: EVERYONE(200) },

  // Sign-in: public; what is refused is the body, whoever sends it.
  'POST /api/v1/auth/login': { body: () => ({}), expect: EVERYONE(400) },
  'POST /api/v1/auth/mfa': { body: () => ({}), expect: EVERYONE(400) },
  'POST /api/v1/auth/refresh': { body: () => ({}), expect: EVERYONE(401) },
  // Without a token (bearer, body or cookie) there is no session to end.
  'POST /api/v1/auth/logout': { freshSession: true, expect: [204, 204, 204, 204, 204, 401] },
  'POST /api/v1/auth/accept-invitation': { body: () => ({}), expect: EVERYONE(400) },
  'GET /api/v1/me': { expect: ALL_SIGNED_IN },
  // French is every test account's language already: the write changes nothing the next reads.
  'PATCH /api/v1/me': { body: () => ({ locale: 'fr' }), expect: ALL_SIGNED_IN },
  'POST /api/v1/me/mfa/enrol': { expect: ALL_SIGNED_IN },
  // Routes run in alphabetical order: confirm comes before enrol, nothing is pending yet.
  'POST /api/v1/me/mfa/confirm': {
    body: () => ({ code: '000000' }),
    expect: [409, 409, 409, 409, 409, 401],
  },
  'GET /api/v1/me/export': { expect: ALL_SIGNED_IN },

  // Notifications are their recipient's alone: an admin reading someone else's gets 404.
  'GET /api/v1/me/notifications': { expect: ALL_SIGNED_IN },
  'GET /api/v1/me/notifications/unread-count': { expect: ALL_SIGNED_IN },
  'POST /api/v1/me/notifications/read-all': { expect: ALL_SIGNED_IN },
  'POST /api/v1/me/notifications/{id}/read': {
    params: notificationOfFounder,
    expect: {
      own: [404, 404, 404, 200, 404, 401],
      other: [404, 404, 404, 404, 404, 401],
    },
  },

  // Structures and programmes are the programme's public map: every signed-in user reads them.
  'GET /api/v1/structures': { expect: ALL_SIGNED_IN },
  'POST /api/v1/structures': { body: () => ({}), expect: ADMIN_ONLY(400) },
  'GET /api/v1/structures/{id}': {
    params: (cell) => ({ id: cell.world.structures[A_OR_B(cell)] }),
    expect: { own: ALL_SIGNED_IN, other: ALL_SIGNED_IN },
  },
  'PATCH /api/v1/structures/{id}': {
    params: (cell) => ({ id: cell.world.structures[A_OR_B(cell)] }),
    body: () => ({ name: 'Renamed' }),
    headers: STALE,
    expect: { own: ADMIN_ONLY(412), other: ADMIN_ONLY(412) },
  },
  'GET /api/v1/programmes': { expect: ALL_SIGNED_IN },
  'POST /api/v1/programmes': { body: () => ({}), expect: STAFF(400) },
  'GET /api/v1/programmes/{id}': {
    params: (cell) => ({ id: cell.world.programmes[A_OR_B(cell)] }),
    expect: { own: ALL_SIGNED_IN, other: ALL_SIGNED_IN },
  },
  'PATCH /api/v1/programmes/{id}': {
    params: (cell) => ({ id: cell.world.programmes[A_OR_B(cell)] }),
    body: () => ({ name: 'Renamed' }),
    headers: STALE,
    expect: {
      own: STAFF(412),
      // Visible to all, so not hidden: another structure's manager is refused, not misled.
      other: [412, 403, 403, 403, 403, 401],
    },
  },
  'GET /api/v1/programmes/{id}/cohorts': {
    params: (cell) => ({ id: cell.world.programmes[A_OR_B(cell)] }),
    expect: { own: ALL_SIGNED_IN, other: ALL_SIGNED_IN },
  },
  'POST /api/v1/programmes/{id}/cohorts': {
    params: (cell) => ({ id: cell.world.programmes[A_OR_B(cell)] }),
    body: (cell) => ({ name: `Promo ${cell.unique}`, startsOn: '2026-09-01' }),
    expect: { own: STAFF(201), other: [201, 403, 403, 403, 403, 401] },
  },

  // Startups: lists filtered in SQL, single reads 404 outside scope.
  'GET /api/v1/startups': { query: '?limit=200', expect: ALL_SIGNED_IN },
  'GET /api/v1/startups/stage-counts': { expect: ALL_SIGNED_IN },
  'POST /api/v1/startups': { body: () => ({}), expect: STAFF(400) },
  'GET /api/v1/startups/{id}': { params: startup, expect: READ_IN_SCOPE },
  'PATCH /api/v1/startups/{id}': {
    params: startup,
    body: () => ({ description: 'Changed' }),
    headers: STALE,
    expect: {
      own: [412, 412, 403, 412, 403, 401],
      other: [412, 404, 404, 404, 403, 401],
    },
  },
  'GET /api/v1/startups/{id}/timeline': { params: startup, expect: READ_IN_SCOPE },
  'GET /api/v1/startups/{id}/checklist': { params: startup, expect: READ_IN_SCOPE },
  // Mentoring: the startup's mentors, managers and admins; founders read shared sessions and
  // update their own action items; funders never (403 in scope). A session held in the future
  // is refused (400) after the access checks, so the cells add nothing.
  'GET /api/v1/startups/{id}/sessions': { params: startup, expect: MENTORING_IN_SCOPE },
  'POST /api/v1/startups/{id}/sessions': {
    params: startup,
    body: () => ({ heldAt: '2099-01-01T09:00:00Z', durationMinutes: 30, format: 'VIDEO' }),
    expect: {
      own: [400, 400, 400, 403, 403, 401],
      other: [400, 404, 404, 403, 403, 401],
    },
  },
  'PATCH /api/v1/action-items/{id}': {
    params: actionItemOfFounder,
    body: () => ({ status: 'DONE' }),
    headers: STALE,
    expect: {
      own: [412, 412, 412, 412, 403, 401],
      other: [412, 404, 404, 404, 403, 401],
    },
  },
  'GET /api/v1/me/mentees': { expect: [403, 403, 200, 403, 403, 401] },
  'GET /api/v1/me/action-items': { expect: ALL_SIGNED_IN },
  // KPI reports: founders and managers write, mentors read, funders read only the sums in
  // analytics. A quarter that has not begun is refused (400) after the access checks.
  'GET /api/v1/startups/{id}/kpi-reports': { params: startup, expect: MENTORING_IN_SCOPE },
  'POST /api/v1/startups/{id}/kpi-reports': {
    params: startup,
    body: () => KPI_REPORT_BODY('2099-Q1'),
    expect: {
      own: [400, 400, 403, 400, 403, 401],
      other: [400, 404, 403, 404, 403, 401],
    },
  },
  'PUT /api/v1/kpi-reports/{id}': {
    params: kpiReportOf,
    body: () => KPI_REPORT_BODY('2025-Q1'),
    headers: STALE,
    expect: {
      own: [412, 412, 403, 412, 403, 401],
      other: [412, 404, 403, 404, 403, 401],
    },
  },
  'POST /api/v1/startups/{id}/founders': {
    params: startup,
    body: (cell) => ({ email: `new.founder.${cell.unique}@matrix.test` }),
    expect: STAFF_SCOPED(201),
  },
  'POST /api/v1/startups/{id}/mentors': {
    params: startup,
    body: (cell) => ({ email: `new.mentor.${cell.unique}@matrix.test` }),
    expect: STAFF_SCOPED(201),
  },
  'PATCH /api/v1/checklist-items/{id}': {
    params: (cell) => ({ id: cell.world.checklistItems[A_OR_B(cell)] }),
    body: () => ({ status: 'SUBMITTED' }),
    headers: STALE,
    expect: {
      own: [412, 412, 403, 412, 403, 401],
      other: [412, 404, 404, 404, 403, 401],
    },
  },

  // Import: staff only; a JSON body is not a CSV (415) once access is granted.
  'POST /api/v1/startups/import': { body: () => ({}), expect: STAFF(415) },
  'GET /api/v1/startups/import/template': { expect: STAFF(200) },
  // Documents: the people of the dossier and admins; funders never (403 in scope). An upload
  // sent as JSON is refused (415) after the access checks, so the cells add nothing.
  'POST /api/v1/startups/{id}/documents': {
    params: startup,
    body: () => ({}),
    expect: {
      own: [415, 415, 415, 415, 403, 401],
      other: [415, 404, 404, 404, 403, 401],
    },
  },
  'GET /api/v1/startups/{id}/documents': { params: startup, expect: DOCUMENTS_IN_SCOPE },
  'GET /api/v1/documents/{id}/content': { params: uploadedDocument, expect: DOCUMENTS_IN_SCOPE },

  // Transitions: the state machine refuses ALUMNI from INCUBATION after the access checks.
  'POST /api/v1/startups/{id}/transitions': {
    params: startup,
    body: () => ({ toStage: 'ALUMNI' }),
    expect: STAFF_SCOPED(409),
  },
  'GET /api/v1/transitions': { expect: STAFF(200) },
  'GET /api/v1/transitions/{id}': {
    params: (cell) => ({ id: cell.world.transitions[A_OR_B(cell)] }),
    expect: READ_IN_SCOPE,
  },
  'POST /api/v1/transitions/{id}/decision': {
    params: (cell) => ({ id: cell.world.transitions[A_OR_B(cell)] }),
    body: () => ({ decision: 'REJECT' }),
    expect: STAFF_SCOPED(409),
  },
  // Founders of the startup only; the world's moves are completed, so nothing is pending consent.
  'POST /api/v1/transitions/{id}/consent': {
    params: (cell) => ({ id: cell.world.transitions[A_OR_B(cell)] }),
    body: () => ({ decision: 'GRANT' }),
    expect: {
      own: [403, 403, 403, 409, 403, 401],
      other: [403, 403, 403, 404, 403, 401],
    },
  },
  'GET /api/v1/me/consents': { expect: ALL_SIGNED_IN },
  'POST /api/v1/transitions/{id}/cancel': {
    params: (cell) => ({ id: cell.world.transitions[A_OR_B(cell)] }),
    expect: STAFF_SCOPED(409),
  },
  'POST /api/v1/transitions/bulk': { body: () => ({}), expect: STAFF(400) },
  'GET /api/v1/transition-batches/{id}': {
    params: (cell) => ({ id: cell.world.batches[A_OR_B(cell)] }),
    expect: STAFF_SCOPED(200),
  },

  // The audit trail: managers read their startups' entries, funders everything (redacted).
  // Analytics: funders, admins and managers (figures over the startups they may see).
  'GET /api/v1/analytics/funnel': { expect: ANALYTICS },
  'GET /api/v1/analytics/time-in-stage': { expect: ANALYTICS },
  'GET /api/v1/analytics/flows': { expect: ANALYTICS },
  'GET /api/v1/analytics/kpis': { expect: ANALYTICS },
  'GET /api/v1/analytics/cohorts/{id}': {
    params: async (cell) => ({
      id: await cell.platform.builders.cohort(
        cell.world.programmes[A_OR_B(cell)],
        `Matrix ${cell.unique}`,
      ),
    }),
    expect: { own: ANALYTICS, other: ANALYTICS },
  },

  // Applications: founders apply (the probe's unknown answer is refused after the access
  // checks); admins and the managers of the programme's structure review and decide (no
  // criteria to score, reviews incomplete: 409 after the access checks).
  'GET /api/v1/programmes/{id}/application-form': {
    params: (cell) => ({ id: cell.world.programmes[A_OR_B(cell)] }),
    expect: { own: ALL_SIGNED_IN, other: ALL_SIGNED_IN },
  },
  'POST /api/v1/programmes/{id}/applications': {
    params: (cell) => ({ id: cell.world.programmes[A_OR_B(cell)] }),
    body: (cell) => ({ startupId: cell.world.startups[A_OR_B(cell)], answers: { probe: 'x' } }),
    expect: {
      own: [400, 403, 403, 400, 403, 401],
      other: [400, 403, 403, 404, 403, 401],
    },
  },
  'GET /api/v1/applications': { expect: [200, 200, 403, 200, 403, 401] },
  'GET /api/v1/applications/{id}': {
    params: applicationOf,
    expect: {
      own: [200, 200, 403, 200, 403, 401],
      other: [200, 404, 403, 404, 403, 401],
    },
  },
  'POST /api/v1/applications/{id}/reviews': {
    params: applicationOf,
    body: () => ({ scores: [{ criterion: 'probe', score: 1 }] }),
    expect: STAFF_SCOPED(409),
  },
  'POST /api/v1/applications/{id}/decision': {
    params: applicationOf,
    body: () => ({ decision: 'REJECT' }),
    expect: STAFF_SCOPED(409),
  },

  // Hosting: units are public like places; admins and managers of a structure at the place
  // write them (a duplicate unit name, too many seats and a stale If-Match are refused after
  // the access checks); occupancy is figures for staff and funders.
  'GET /api/v1/places': { expect: ALL_SIGNED_IN },
  'GET /api/v1/places/{id}/units': {
    params: async (cell) => ({ id: (await hostingPlaceOf(cell)).id }),
    expect: { own: ALL_SIGNED_IN, other: ALL_SIGNED_IN },
  },
  'POST /api/v1/places/{id}/units': {
    params: async (cell) => ({ id: (await hostingPlaceOf(cell)).id }),
    body: () => ({ name: 'Matrix unit', kind: 'OFFICE', capacity: 2 }),
    expect: { own: STAFF(409), other: [409, 403, 403, 403, 403, 401] },
  },
  'GET /api/v1/places/{id}/occupancy': {
    params: async (cell) => ({ id: (await hostingPlaceOf(cell)).id }),
    expect: { own: ANALYTICS, other: ANALYTICS },
  },
  'GET /api/v1/startups/{id}/hosting-agreements': { params: startup, expect: READ_IN_SCOPE },
  'POST /api/v1/startups/{id}/hosting-agreements': {
    params: async (cell) => {
      await hostingPlaceOf(cell);
      return startup(cell);
    },
    body: (cell) => ({ unitId: MATRIX_UNITS[A_OR_B(cell)], startsOn: '2020-02-01', seats: 1000 }),
    expect: STAFF_SCOPED(409),
  },
  'PATCH /api/v1/hosting-agreements/{id}': {
    params: hostingAgreementOf,
    body: () => ({ endsOn: '2020-01-15' }),
    headers: STALE,
    expect: STAFF_SCOPED(412),
  },

  // Exports: the same people as analytics. Background exports are their requester's alone: the
  // cell's export belongs to the admin, so every other allowed caller gets 404; it was never
  // queued, so its content is not ready (409).
  'GET /api/v1/exports/startups.csv': { expect: ANALYTICS },
  'GET /api/v1/exports/startups.xlsx': { expect: ANALYTICS },
  'GET /api/v1/exports/transitions.csv': { expect: ANALYTICS },
  'GET /api/v1/exports/funder-report.pdf': { expect: ANALYTICS },
  'POST /api/v1/exports': { body: () => ({}), expect: [400, 400, 403, 403, 400, 401] },
  'GET /api/v1/exports/{id}': {
    params: exportOfAdmin,
    expect: { own: EXPORT_OF_ADMIN(200), other: EXPORT_OF_ADMIN(200) },
  },
  'GET /api/v1/exports/{id}/content': {
    params: exportOfAdmin,
    expect: { own: EXPORT_OF_ADMIN(409), other: EXPORT_OF_ADMIN(409) },
  },

  'GET /api/v1/audit': { expect: [200, 200, 403, 403, 200, 401] },
  'GET /api/v1/audit/verify': { expect: [200, 403, 403, 403, 200, 401] },

  // Accounts: admins; managers grant founder and mentor roles on startups they follow.
  'GET /api/v1/users': { expect: ADMIN_ONLY(200) },
  'POST /api/v1/users': { body: () => ({}), expect: ADMIN_ONLY(400) },
  'GET /api/v1/users/{id}': {
    params: founderOf,
    expect: { own: ADMIN_ONLY(200), other: ADMIN_ONLY(200) },
  },
  'PATCH /api/v1/users/{id}': {
    params: founderOf,
    body: () => ({ displayName: 'Renamed' }),
    headers: STALE,
    expect: { own: ADMIN_ONLY(412), other: ADMIN_ONLY(412) },
  },
  'POST /api/v1/users/{id}/grants': {
    params: founderOf,
    // The founder already holds it: refused as a duplicate once access is granted. A startup
    // out of the manager's scope is named in the body, not the path: 400 on `scopeId`, with
    // the message of a startup that does not exist (nothing leaks).
    body: (cell) => ({
      role: 'founder',
      scope: 'STARTUP',
      scopeId: cell.world.startups[A_OR_B(cell)],
    }),
    expect: { own: STAFF(409), other: [409, 400, 403, 403, 403, 401] },
  },
  'DELETE /api/v1/users/{id}/grants/{grantId}': {
    params: throwawayPerson,
    expect: STAFF_SCOPED(204),
  },
  'POST /api/v1/users/{id}/invitations': {
    params: founderOf,
    expect: { own: ADMIN_ONLY(201), other: ADMIN_ONLY(201) },
  },
  'DELETE /api/v1/users/{id}/mfa': {
    params: throwawayPerson,
    expect: { own: ADMIN_ONLY(200), other: ADMIN_ONLY(200) },
  },
  // Workflow operations: admins only. Retry and abandon want a FAILED transition: 409 here.
  'GET /api/v1/operations/failed-steps': { expect: ADMIN_ONLY(200) },
  'GET /api/v1/operations/queues': { expect: ADMIN_ONLY(200) },
  'GET /api/v1/targets': { expect: ANALYTICS },
  // The same target twice is refused after the access checks: nothing is replaced.
  'PUT /api/v1/targets': {
    body: () => ({
      items: [
        { metric: 'newStartups', horizonYears: 3, target: 1 },
        { metric: 'newStartups', horizonYears: 3, target: 2 },
      ],
    }),
    expect: ADMIN_ONLY(400),
  },
  'POST /api/v1/operations/queue-dashboard/session': { expect: ADMIN_ONLY(204) },
  // The bull-board dashboard (a Fastify plugin, hidden from the OpenAPI document).
  'GET /api/v1/operations/queues/ui': { undocumented: true, expect: ADMIN_ONLY(200) },
  'POST /api/v1/operations/transitions/{id}/retry': {
    params: (cell) => ({ id: cell.world.transitions[A_OR_B(cell)] }),
    expect: { own: ADMIN_ONLY(409), other: ADMIN_ONLY(409) },
  },
  'POST /api/v1/operations/transitions/{id}/abandon': {
    params: (cell) => ({ id: cell.world.transitions[A_OR_B(cell)] }),
    body: () => ({ reason: 'Matrix probe' }),
    expect: { own: ADMIN_ONLY(409), other: ADMIN_ONLY(409) },
  },

  'POST /api/v1/users/{id}/erasure': {
    params: throwawayPerson,
    expect: { own: ADMIN_ONLY(200), other: ADMIN_ONLY(200) },
  },
};
