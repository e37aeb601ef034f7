import { createHash } from 'node:crypto';
import { quarterOf, quarterStart } from '@parcours/contracts';
import type { EntityManager } from 'typeorm';
import { DEMO_ACCOUNTS, EXTRA_MENTORS } from './demo-accounts';
import { demoId } from './demo-id';
import { SHOWCASE_STARTUP_ID } from './demo-dataset';

const DAY_MS = 86_400_000;
/** The most recent sessions kept per mentor and startup: about one a month. */
const SESSIONS_PER_MENTEE = 6;
const SESSION_EVERY_DAYS = 30;

const TOPICS = [
  'financement',
  'recrutement',
  'stratégie commerciale',
  'international',
  'produit',
  'levée de fonds',
  'gouvernance',
  'salons internationaux',
];
const ACTIONS = [
  'Mettre à jour le prévisionnel de trésorerie',
  'Préparer le pitch pour le comité d’investissement',
  'Contacter deux distributeurs en Belgique',
  'Rédiger la fiche de poste du premier commercial',
  'S’inscrire au Digital-DAY de Rouen',
  'Demander un rendez-vous à Bpifrance',
  'Chiffrer la participation au CES',
  'Formaliser le pacte d’associés',
];
const TRADE_SHOWS = [
  { event: 'CES', country: 'US' },
  { event: 'MWC', country: 'ES' },
  { event: 'Hannover Messe', country: 'DE' },
  { event: 'VivaTech', country: 'FR' },
  { event: 'Web Summit', country: 'PT' },
  { event: 'Transport Logistic', country: 'DE' },
];
const EXPORT_COUNTRIES = ['BE', 'DE', 'GB', 'NL', 'ES', 'IT', 'CH', 'US', 'CA', 'SN', 'MA'];

/** A number in [0, 1) from a key: the same key, the same demo. */
function unit(...key: (string | number)[]): number {
  return createHash('sha1').update(key.join(':')).digest().readUInt32BE(0) / 2 ** 32;
}
const pick = <T>(list: readonly T[], ...key: (string | number)[]) =>
  list[Math.floor(unit(...key) * list.length)];
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

interface MentorLink {
  mentor_id: string;
  startup_id: string;
  since: Date;
  founder_id: string | null;
}

/**
 * Mentoring sessions with action items for every demo mentor's startups, and quarterly KPI
 * reports over the demo's history (so that the funders' KPIs show real sums). Idempotent, also
 * on a demo database seeded before these tables existed: rows have fixed ids and only the rows
 * inserted now get their timeline events.
 */
export async function seedMentoringAndKpiReports(
  em: EntityManager,
  now: Date,
): Promise<{ sessions: number; kpiReports: number }> {
  const [{ present }]: { present: boolean }[] = await em.query(
    `SELECT EXISTS (SELECT 1 FROM mentoring_session) AND EXISTS (SELECT 1 FROM kpi_report) AS present`,
  );
  if (present) return { sessions: 0, kpiReports: 0 };
  const sessions = await seedSessions(em, now);
  const kpiReports = await seedKpiReports(em, now);
  return { sessions, kpiReports };
}

async function seedSessions(em: EntityManager, now: Date): Promise<number> {
  const mentorIds = [DEMO_ACCOUNTS.mentor.id, ...EXTRA_MENTORS.map((m) => m.id)];
  const links: MentorLink[] = await em.query(
    `SELECT g.user_id AS mentor_id, g.startup_id, g.created_at AS since,
            (SELECT f.user_id FROM role_grant f
              WHERE f.role = 'founder' AND f.scope = 'STARTUP' AND f.startup_id = g.startup_id
              ORDER BY f.created_at, f.id LIMIT 1) AS founder_id
       FROM role_grant g
      WHERE g.role = 'mentor' AND g.scope = 'STARTUP' AND g.user_id = ANY($1::uuid[])
      ORDER BY g.user_id, g.startup_id`,
    [mentorIds],
  );
  const sessionRows: Record<string, unknown>[] = [];
  const itemRows: Record<string, unknown>[] = [];
  for (const link of links) {
    const since = new Date(link.since).getTime();
    const latest = now.getTime() - 3 * DAY_MS;
    for (let k = 0; k < SESSIONS_PER_MENTEE; k += 1) {
      const heldAt =
        latest -
        k * SESSION_EVERY_DAYS * DAY_MS -
        Math.floor(unit(link.startup_id, k) * 5) * DAY_MS;
      if (heldAt < since) break;
      const id = demoId('mentoring-session', link.mentor_id, link.startup_id, k);
      const shared = k % 3 !== 1;
      sessionRows.push({
        id,
        startup_id: link.startup_id,
        mentor_id: link.mentor_id,
        held_at: new Date(Math.floor(heldAt / 3_600_000) * 3_600_000).toISOString(),
        duration_minutes: [30, 45, 60, 90][Math.floor(unit(id, 'duration') * 4)],
        format: pick(['IN_PERSON', 'VIDEO', 'PHONE'], id, 'format'),
        topics: [...new Set([pick(TOPICS, id, 't1'), pick(TOPICS, id, 't2')])],
        notes: shared ? 'Point d’étape : priorités du trimestre revues ensemble.' : null,
        private_notes:
          k % 3 === 1
            ? 'Tension dans l’équipe fondatrice : à suivre avant le prochain comité.'
            : null,
        shared_with_founders: shared,
      });
      const items = 1 + Math.floor(unit(id, 'items') * 2);
      for (let i = 0; i < items; i += 1) {
        const due = heldAt + (14 + i * 7) * DAY_MS;
        // Older sessions' items are done; the latest ones are open, some already overdue.
        const status = k === 0 ? 'OPEN' : k === 1 && i === 0 ? 'IN_PROGRESS' : 'DONE';
        const forFounder = shared && link.founder_id !== null && i === 0;
        itemRows.push({
          id: demoId('action-item', id, i),
          session_id: id,
          startup_id: link.startup_id,
          title: pick(ACTIONS, id, 'action', i),
          owner_id: forFounder ? link.founder_id : link.mentor_id,
          due_on: isoDate(due),
          status,
        });
      }
    }
  }
  const inserted: { id: string; startup_id: string; held_at: Date; mentor_id: string }[] =
    await em.query(
      `INSERT INTO mentoring_session (id, startup_id, mentor_id, held_at, duration_minutes, format,
                                      topics, notes, private_notes, shared_with_founders)
       SELECT id, startup_id, mentor_id, held_at, duration_minutes, format,
              ARRAY(SELECT jsonb_array_elements_text(topics)), notes, private_notes,
              shared_with_founders
         FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, startup_id uuid, mentor_id uuid,
              held_at timestamptz, duration_minutes int, format text, topics jsonb, notes text,
              private_notes text, shared_with_founders boolean)
       ON CONFLICT (id) DO NOTHING
       RETURNING id, startup_id, held_at, mentor_id`,
      [JSON.stringify(sessionRows)],
    );
  await em.query(
    `INSERT INTO action_item (id, session_id, startup_id, title, owner_id, due_on, status)
     SELECT id, session_id, startup_id, title, owner_id, due_on, status
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, session_id uuid, startup_id uuid,
            title text, owner_id uuid, due_on date, status text)
     ON CONFLICT (id) DO NOTHING`,
    [JSON.stringify(itemRows)],
  );
  // The same events as a session logged through the API: metadata, never the notes.
  await em.query(
    `INSERT INTO timeline_event (startup_id, occurred_at, kind, actor_id, payload)
     SELECT m.startup_id, m.held_at, 'MENTORING_SESSION_LOGGED', m.mentor_id,
            jsonb_build_object('sessionId', m.id, 'durationMinutes', m.duration_minutes,
                               'format', m.format, 'topics', to_jsonb(m.topics),
                               'sharedWithFounders', m.shared_with_founders,
                               'actionItems', (SELECT count(*) FROM action_item a WHERE a.session_id = m.id))
       FROM mentoring_session m WHERE m.id = ANY($1::uuid[])`,
    [inserted.map((row) => row.id)],
  );
  return inserted.length;
}

/**
 * One report per quarter for each startup from its first nursery, acceleration or
 * internationalisation stay until the last ended quarter (or until it left the pipeline). The
 * showcase founder's last quarter is left missing: their space shows a report to submit.
 */
async function seedKpiReports(em: EntityManager, now: Date): Promise<number> {
  const spans: { startup_id: string; first: Date; last: Date | null }[] = await em.query(
    `SELECT st.startup_id, min(st.entered_at) AS first,
            (SELECT min(o.entered_at) FROM stage_stay o
              WHERE o.startup_id = st.startup_id AND o.stage IN ('EXITED', 'ALUMNI')
                AND o.left_at IS NULL) AS last
       FROM stage_stay st
      WHERE st.stage IN ('NURSERY', 'ACCELERATION', 'INTERNATIONALISATION')
      GROUP BY st.startup_id`,
  );
  const currentQuarterStart = (quarterStart(quarterOf(now)) as Date).getTime();
  const lastEnded = quarterOf(new Date(currentQuarterStart - DAY_MS));
  const rows: Record<string, unknown>[] = [];
  for (const span of spans) {
    let start = (quarterStart(quarterOf(new Date(span.first))) as Date).getTime();
    const end = Math.min(currentQuarterStart, span.last ? new Date(span.last).getTime() : Infinity);
    let headcount = 2 + Math.floor(unit(span.startup_id, 'headcount') * 4);
    while (start < end) {
      const quarter = quarterOf(new Date(start));
      const next = new Date(start);
      next.setUTCMonth(next.getUTCMonth() + 3);
      if (!(span.startup_id === SHOWCASE_STARTUP_ID && quarter === lastEnded)) {
        const jobs = Math.floor(unit(span.startup_id, quarter, 'jobs') * 3);
        headcount += jobs;
        const raised = unit(span.startup_id, quarter, 'raise') < 0.12;
        const shows = unit(span.startup_id, quarter, 'shows') < 0.2 ? 1 : 0;
        const show = pick(TRADE_SHOWS, span.startup_id, quarter, 'show');
        rows.push({
          id: demoId('kpi-report', span.startup_id, quarter),
          startup_id: span.startup_id,
          quarter,
          quarter_starts_on: isoDate(start),
          headcount,
          jobs_created: jobs,
          revenue_eur: Math.round(
            headcount * (15_000 + unit(span.startup_id, quarter, 'rev') * 20_000),
          ),
          funds_raised_eur: raised
            ? 50_000 * (1 + Math.floor(unit(span.startup_id, quarter, 'amount') * 30))
            : 0,
          customers:
            2 + Math.floor(headcount * (1 + unit(span.startup_id, quarter, 'customers') * 4)),
          export_countries: EXPORT_COUNTRIES.filter(
            (code) => unit(span.startup_id, quarter, code) < 0.08,
          ),
          trade_shows:
            shows > 0
              ? [
                  {
                    ...show,
                    date: isoDate(start + Math.floor(unit(quarter, show.event) * 80) * DAY_MS),
                  },
                ]
              : [],
          submitted_at: new Date(next.getTime() + 10 * DAY_MS).toISOString(),
        });
      }
      start = next.getTime();
    }
  }
  const inserted: { id: string }[] = await em.query(
    `INSERT INTO kpi_report (id, startup_id, quarter, quarter_starts_on, headcount, jobs_created,
                             revenue_eur, funds_raised_eur, customers, export_countries, trade_shows,
                             submitted_at, updated_at)
     SELECT id, startup_id, quarter, quarter_starts_on, headcount, jobs_created, revenue_eur,
            funds_raised_eur, customers, ARRAY(SELECT jsonb_array_elements_text(export_countries)),
            trade_shows, least(submitted_at, now()), least(submitted_at, now())
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, startup_id uuid, quarter text,
            quarter_starts_on date, headcount int, jobs_created int, revenue_eur bigint,
            funds_raised_eur bigint, customers int, export_countries jsonb, trade_shows jsonb,
            submitted_at timestamptz)
     ON CONFLICT DO NOTHING
     RETURNING id`,
    [JSON.stringify(rows)],
  );
  await em.query(
    `INSERT INTO timeline_event (startup_id, occurred_at, kind, payload)
     SELECT k.startup_id, k.submitted_at, 'KPI_REPORT_SUBMITTED',
            jsonb_build_object('reportId', k.id, 'quarter', k.quarter)
       FROM kpi_report k WHERE k.id = ANY($1::uuid[])`,
    [inserted.map((row) => row.id)],
  );
  return inserted.length;
}
