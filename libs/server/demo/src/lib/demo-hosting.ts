import type { TerritoryCode } from '@parcours/contracts';
import type { EntityManager } from 'typeorm';
import { DEMO_ACCOUNTS } from './demo-accounts';
import { ACCELERATOR_PROGRAMME, CITY_STRUCTURES, DEMO_PLACES } from './demo-catalogue';
import { SHOWCASE_STARTUP_ID } from './demo-dataset';
import { demoId } from './demo-id';

const DAY_MS = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

interface DemoUnit {
  id: string;
  placeId: string;
  name: string;
  kind: 'OFFICE' | 'DESK';
  capacity: number;
}

/** Offices of four seats and a shared open space per bâtiment totem, sized to its nursery. */
const UNIT_LAYOUT: Record<TerritoryCode, { offices: number; desks: number }> = {
  ROUEN: { offices: 14, desks: 24 },
  CAEN: { offices: 12, desks: 20 },
  LE_HAVRE: { offices: 10, desks: 18 },
};
const OFFICE_SEATS = 4;
/** Monthly rent per seat, in euros excluding tax: offices cost more than the open space. */
const RENT_PER_SEAT = { OFFICE: 190, DESK: 120 } as const;

function demoUnits(territory: TerritoryCode): DemoUnit[] {
  const placeId = DEMO_PLACES[territory].id;
  const { offices, desks } = UNIT_LAYOUT[territory];
  const units: DemoUnit[] = [];
  for (let number = 1; number <= offices; number += 1) {
    const name = `Bureau ${String(number).padStart(2, '0')}`;
    units.push({
      id: demoId('hosting-unit', territory, name),
      placeId,
      name,
      kind: 'OFFICE',
      capacity: OFFICE_SEATS,
    });
  }
  units.push({
    id: demoId('hosting-unit', territory, 'Plateau partagé'),
    placeId,
    name: 'Plateau partagé',
    kind: 'DESK',
    capacity: desks,
  });
  return units;
}

interface NurseryStay {
  id: string;
  startup_id: string;
  territory_code: TerritoryCode;
  entered_at: Date;
  left_at: Date | null;
}

interface Booking {
  startsOn: number;
  /** Inclusive; Infinity while open-ended. */
  endsOn: number;
  seats: number;
}

/** The most seats booked on any day of [startsOn, endsOn]: on its first day or a booking's start. */
function peak(bookings: readonly Booking[], startsOn: number, endsOn: number): number {
  const days = [
    startsOn,
    ...bookings.map((b) => b.startsOn).filter((d) => d > startsOn && d <= endsOn),
  ];
  return Math.max(
    0,
    ...days.map((day) =>
      bookings
        .filter((b) => b.startsOn <= day && b.endsOn >= day)
        .reduce((sum, b) => sum + b.seats, 0),
    ),
  );
}

/**
 * Nursery hosting over the demo's history: units in each bâtiment totem, and for every stay of a
 * startup in a city's nursery a hosting agreement in that city's building, from the day it
 * entered to the day before it left (open-ended while it is still there), in the first unit with
 * room — so that `startupsHosted` and the occupancy of each place are real. Then an application
 * form on the accelerator programme and a few applications at different points of their review.
 * Idempotent: fixed ids, and nothing is written once the units exist.
 */
export async function seedHostingAndApplications(
  em: EntityManager,
): Promise<{ units: number; agreements: number; applications: number }> {
  const units = (['ROUEN', 'CAEN', 'LE_HAVRE'] as const).flatMap(demoUnits);
  const [{ present }]: { present: boolean }[] = await em.query(
    `SELECT EXISTS (SELECT 1 FROM hosting_unit WHERE id = ANY($1::uuid[])) AS present`,
    [units.map((unit) => unit.id)],
  );
  if (present) return { units: 0, agreements: 0, applications: 0 };
  await em.query(
    `INSERT INTO hosting_unit (id, place_id, name, kind, capacity)
     SELECT id, place_id, name, kind, capacity
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, place_id uuid, name text, kind text, capacity int)
     ON CONFLICT DO NOTHING`,
    [
      JSON.stringify(
        units.map((unit) => ({
          id: unit.id,
          place_id: unit.placeId,
          name: unit.name,
          kind: unit.kind,
          capacity: unit.capacity,
        })),
      ),
    ],
  );
  const agreements = await seedAgreements(em, units);
  const applications = await seedApplications(em);
  return { units: units.length, agreements, applications };
}

async function seedAgreements(em: EntityManager, units: readonly DemoUnit[]): Promise<number> {
  const nurseries = Object.values(CITY_STRUCTURES).map((city) => city.nursery.id);
  const stays: NurseryStay[] = await em.query(
    `SELECT st.id, st.startup_id, s.territory_code, st.entered_at, st.left_at
       FROM stage_stay st JOIN startup s ON s.id = st.startup_id
      WHERE st.stage = 'NURSERY' AND st.structure_id = ANY($1::uuid[])
      ORDER BY st.entered_at, st.id`,
    [nurseries],
  );
  const bookings = new Map<string, Booking[]>(units.map((unit) => [unit.id, []]));
  const rows: Record<string, unknown>[] = [];
  for (const stay of stays) {
    const startsOn = Date.parse(isoDate(new Date(stay.entered_at).getTime()));
    const lastDay =
      stay.left_at === null
        ? Infinity
        : Math.max(startsOn, Date.parse(isoDate(new Date(stay.left_at).getTime())) - DAY_MS);
    const placeId = DEMO_PLACES[stay.territory_code].id;
    // Two seats in an office when one is free, else a desk in the open space.
    const candidates = units
      .filter((unit) => unit.placeId === placeId)
      .map((unit) => ({ unit, seats: unit.kind === 'OFFICE' ? 2 : 1 }));
    const chosen = candidates.find(
      ({ unit, seats }) =>
        peak(bookings.get(unit.id) ?? [], startsOn, lastDay) + seats <= unit.capacity,
    );
    if (!chosen) continue;
    bookings.get(chosen.unit.id)?.push({ startsOn, endsOn: lastDay, seats: chosen.seats });
    rows.push({
      id: demoId('hosting-agreement', stay.id),
      startup_id: stay.startup_id,
      unit_id: chosen.unit.id,
      starts_on: isoDate(startsOn),
      ends_on: lastDay === Infinity ? null : isoDate(lastDay),
      seats: chosen.seats,
      monthly_rent_eur: chosen.seats * RENT_PER_SEAT[chosen.unit.kind],
      occurred_at: new Date(stay.entered_at).toISOString(),
    });
  }
  if (rows.length === 0) return 0;
  const inserted: { id: string }[] = await em.query(
    `INSERT INTO hosting_agreement (id, startup_id, unit_id, starts_on, ends_on, seats, monthly_rent_eur,
                                    created_at, updated_at)
     SELECT id, startup_id, unit_id, starts_on, ends_on, seats, monthly_rent_eur, occurred_at, occurred_at
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, startup_id uuid, unit_id uuid, starts_on date,
            ends_on date, seats int, monthly_rent_eur numeric, occurred_at timestamptz)
     ON CONFLICT DO NOTHING
     RETURNING id`,
    [JSON.stringify(rows)],
  );
  await em.query(
    `INSERT INTO timeline_event (startup_id, occurred_at, kind, payload)
     SELECT a.startup_id, r.occurred_at, 'HOSTING_AGREEMENT_SIGNED',
            jsonb_build_object('agreementId', a.id, 'unitId', a.unit_id, 'placeId', u.place_id,
                               'startsOn', a.starts_on, 'endsOn', a.ends_on, 'seats', a.seats)
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, occurred_at timestamptz)
       JOIN hosting_agreement a ON a.id = r.id JOIN hosting_unit u ON u.id = a.unit_id
      WHERE a.id = ANY($2::uuid[])`,
    [JSON.stringify(rows), inserted.map((row) => row.id)],
  );
  return inserted.length;
}

const APPLICATION_QUESTIONS = [
  {
    key: 'projet',
    label: 'Présentez votre projet et son marché en quelques lignes',
    required: true,
  },
  { key: 'international', label: 'Quels marchés visez-vous hors de France ?', required: true },
  { key: 'levee', label: 'Levée de fonds en cours ou prévue', required: false, maxLength: 500 },
];
const APPLICATION_CRITERIA = [
  { key: 'equipe', label: 'Équipe', weight: 3 },
  { key: 'traction', label: 'Traction commerciale', weight: 2 },
  { key: 'international', label: 'Potentiel international', weight: 2 },
  { key: 'innovation', label: 'Innovation', weight: 1 },
];

type Scores = Record<(typeof APPLICATION_CRITERIA)[number]['key'], number>;

const weighted = (scores: Scores) =>
  Math.round(
    (APPLICATION_CRITERIA.reduce((sum, c) => sum + c.weight * scores[c.key], 0) /
      APPLICATION_CRITERIA.reduce((sum, c) => sum + c.weight, 0)) *
      1000,
  ) / 1000;

/**
 * The accelerator's application form, and applications from nursery startups: the founder's own
 * (one review of two in), one fully reviewed and waiting for the committee, one rejected.
 */
async function seedApplications(em: EntityManager): Promise<number> {
  await em.query(
    `UPDATE programme SET application_questions = $2, application_criteria = $3, reviewers_required = 2
      WHERE id = $1 AND application_criteria = '[]'::jsonb`,
    [
      ACCELERATOR_PROGRAMME.id,
      JSON.stringify(APPLICATION_QUESTIONS),
      JSON.stringify(APPLICATION_CRITERIA),
    ],
  );
  const others: { id: string }[] = await em.query(
    `SELECT id FROM startup WHERE stage = 'NURSERY' AND id <> $1 ORDER BY stage_entered_at, id LIMIT 2`,
    [SHOWCASE_STARTUP_ID],
  );
  const ffwd = DEMO_ACCOUNTS['manager.ffwd'].id;
  const admin = DEMO_ACCOUNTS.admin.id;
  const plans: {
    startupId: string;
    key: string;
    status: 'SUBMITTED' | 'REJECTED';
    reviews: { by: string; scores: Scores; comment: string | null }[];
  }[] = [
    {
      startupId: SHOWCASE_STARTUP_ID,
      key: 'showcase',
      status: 'SUBMITTED',
      reviews: [
        {
          by: ffwd,
          scores: { equipe: 4, traction: 3, international: 4, innovation: 5 },
          comment: 'Équipe solide, premiers clients en Belgique.',
        },
      ],
    },
    ...others.map((startup, index) => ({
      startupId: startup.id,
      key: `nursery-${index}`,
      status: index === 0 ? ('SUBMITTED' as const) : ('REJECTED' as const),
      reviews: [
        {
          by: ffwd,
          scores:
            index === 0
              ? { equipe: 5, traction: 4, international: 3, innovation: 4 }
              : { equipe: 2, traction: 1, international: 2, innovation: 3 },
          comment: index === 0 ? 'Prête pour la promotion suivante.' : null,
        },
        {
          by: admin,
          scores:
            index === 0
              ? { equipe: 4, traction: 4, international: 4, innovation: 3 }
              : { equipe: 2, traction: 2, international: 1, innovation: 2 },
          comment: null,
        },
      ],
    })),
  ];
  for (const plan of plans) {
    const id = demoId('application', plan.key);
    const rejected = plan.status === 'REJECTED';
    await em.query(
      `INSERT INTO application (id, programme_id, startup_id, status, answers, submitted_by_id,
                                submitted_at, decision, decided_by_id, decided_at, decision_note)
       SELECT $1, $2, $3, $4, $5,
              (SELECT user_id FROM role_grant WHERE role = 'founder' AND startup_id = $3 ORDER BY created_at LIMIT 1),
              now() - interval '20 days', $6, $7, $8, $9
       ON CONFLICT DO NOTHING`,
      [
        id,
        ACCELERATOR_PROGRAMME.id,
        plan.startupId,
        plan.status,
        JSON.stringify({
          projet: 'Plateforme logicielle pour les acteurs portuaires et industriels normands.',
          international: 'Belgique et Pays-Bas, puis l’Allemagne.',
        }),
        rejected ? 'REJECT' : null,
        rejected ? admin : null,
        rejected ? new Date(Date.now() - 5 * DAY_MS).toISOString() : null,
        rejected ? 'Traction encore insuffisante : à représenter dans six mois.' : null,
      ],
    );
    for (const review of plan.reviews) {
      await em.query(
        `INSERT INTO application_review (id, application_id, reviewed_by_id, scores, weighted_score,
                                         comment, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, now() - interval '10 days')
         ON CONFLICT DO NOTHING`,
        [
          demoId('application-review', plan.key, review.by),
          id,
          review.by,
          JSON.stringify(
            Object.entries(review.scores).map(([criterion, score]) => ({ criterion, score })),
          ),
          weighted(review.scores),
          review.comment,
        ],
      );
    }
    await em.query(
      `INSERT INTO timeline_event (startup_id, occurred_at, kind, actor_id, payload)
       SELECT a.startup_id, a.submitted_at, 'APPLICATION_SUBMITTED', a.submitted_by_id,
              jsonb_build_object('applicationId', a.id, 'programmeId', a.programme_id,
                                 'programmeName', p.name)
         FROM application a JOIN programme p ON p.id = a.programme_id WHERE a.id = $1
          AND NOT EXISTS (SELECT 1 FROM timeline_event WHERE kind = 'APPLICATION_SUBMITTED'
                            AND payload->>'applicationId' = $1::text)`,
      [id],
    );
  }
  return plans.length;
}
