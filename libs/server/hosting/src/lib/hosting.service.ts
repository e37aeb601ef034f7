import { Injectable } from '@nestjs/common';
import {
  AUDIT_ACTIONS,
  AUDIT_ENTITY_TYPES,
  type HostingAgreementView,
  type HostingUnitKind,
  type HostingUnitView,
  type PlaceOccupancyView,
  type PlaceView,
  type TerritoryCode,
} from '@parcours/contracts';
import { recordAudit } from '@parcours/server-audit';
import { returnedRows } from '@parcours/server-db';
import {
  conflictProblem,
  forbiddenProblem,
  notFoundProblem,
  staleVersionProblem,
  validationProblem,
} from '@parcours/server-http';
import {
  isAdmin,
  managedStructureIds,
  startupVisibility,
  type Actor,
} from '@parcours/server-identity';
import { DataSource, type EntityManager } from 'typeorm';

export interface HostingUnitInput {
  name: string;
  kind: HostingUnitKind;
  capacity: number;
}

export interface HostingAgreementInput {
  unitId: string;
  startsOn: string;
  endsOn?: string | null;
  seats: number;
  monthlyRentEur?: number;
}

export interface HostingAgreementChange {
  endsOn: string | null;
}

interface UnitRow {
  id: string;
  place_id: string;
  name: string;
  kind: HostingUnitKind;
  capacity: number;
}

interface AgreementRow {
  id: string;
  startup_id: string;
  unit_id: string;
  place_id: string;
  starts_on: string;
  ends_on: string | null;
  seats: number;
  monthly_rent_eur: string;
  version: number;
}

const PG_UNIQUE_VIOLATION = '23505';

const unitView = (row: UnitRow): HostingUnitView => ({
  id: row.id,
  placeId: row.place_id,
  name: row.name,
  kind: row.kind,
  capacity: row.capacity,
});

const agreementView = (row: AgreementRow): HostingAgreementView => ({
  id: row.id,
  startupId: row.startup_id,
  unitId: row.unit_id,
  placeId: row.place_id,
  startsOn: row.starts_on,
  endsOn: row.ends_on,
  seats: row.seats,
  monthlyRentEur: Number(row.monthly_rent_eur),
  version: row.version,
});

/** Dates leave PostgreSQL as ISO text: no time zone shifts a day. */
const AGREEMENT_COLUMNS = `a.id, a.startup_id, a.unit_id, u.place_id,
  to_char(a.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(a.ends_on, 'YYYY-MM-DD') AS ends_on,
  a.seats, a.monthly_rent_eur, a.version`;

/**
 * Nursery hosting: the units (offices, desks) of a place and the agreements giving startups
 * seats in them. Units are part of the public map of the support offer (everyone signed in reads
 * them); admins and the managers of a structure based at the place create units and agreements.
 * A unit never holds more seats than it has on any day: agreements of a unit are written under
 * the unit's row lock, after counting the busiest day of the new agreement's period.
 */
@Injectable()
export class HostingService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Every place, public like its units, each saying whether the caller manages its hosting, so
   * that the back-office offers its forms only where the API would accept them.
   */
  async listPlaces(actor: Actor): Promise<{ items: PlaceView[] }> {
    const managed = isAdmin(actor) ? null : managedStructureIds(actor);
    const rows: {
      id: string;
      name: string;
      territory_code: TerritoryCode;
      address: string | null;
      manageable: boolean;
    }[] = await this.dataSource.query(
      `SELECT p.id, p.name, p.territory_code, p.address,
              ($1::boolean OR EXISTS (SELECT 1 FROM structure s
                                       WHERE s.place_id = p.id AND s.id = ANY($2::uuid[])))
                AS manageable
         FROM place p ORDER BY p.name, p.id`,
      [managed === null, managed ?? []],
    );
    return {
      items: rows.map((row) => ({
        id: row.id,
        name: row.name,
        territory: row.territory_code,
        address: row.address,
        manageable: row.manageable,
      })),
    };
  }

  async listUnits(placeId: string): Promise<{ items: HostingUnitView[] }> {
    await this.assertPlaceExists(this.dataSource.manager, placeId);
    const rows: UnitRow[] = await this.dataSource.query(
      `SELECT id, place_id, name, kind, capacity FROM hosting_unit WHERE place_id = $1
        ORDER BY name, id`,
      [placeId],
    );
    return { items: rows.map(unitView) };
  }

  async createUnit(
    actor: Actor,
    placeId: string,
    input: HostingUnitInput,
  ): Promise<HostingUnitView> {
    return this.dataSource.transaction(async (em) => {
      await this.assertPlaceExists(em, placeId);
      await this.assertManagesPlace(em, actor, placeId);
      const rows: UnitRow[] = await em
        .query(
          `INSERT INTO hosting_unit (place_id, name, kind, capacity) VALUES ($1, $2, $3, $4)
           RETURNING id, place_id, name, kind, capacity`,
          [placeId, input.name.trim(), input.kind, input.capacity],
        )
        .catch((error: unknown) => {
          if ((error as { code?: string }).code === PG_UNIQUE_VIOLATION) {
            throw conflictProblem('This place already has a unit of that name', [
              { path: 'name', message: 'already exists' },
            ]);
          }
          throw error;
        });
      const unit = unitView(rows[0]);
      await recordAudit(em, {
        action: AUDIT_ACTIONS.hostingUnitCreated,
        entityType: AUDIT_ENTITY_TYPES.hostingUnit,
        entityId: unit.id,
        actorId: actor.id,
        after: unit,
      });
      return unit;
    });
  }

  /** Seats taken on one day (today by default), per unit of the place. */
  async occupancy(placeId: string, on?: string): Promise<PlaceOccupancyView> {
    await this.assertPlaceExists(this.dataSource.manager, placeId);
    const rows: {
      id: string;
      name: string;
      kind: HostingUnitKind;
      capacity: number;
      occupied: number;
      startups: number;
      day: string;
    }[] = await this.dataSource.query(
      `SELECT u.id, u.name, u.kind, u.capacity,
              coalesce(sum(a.seats), 0)::int AS occupied,
              count(DISTINCT a.startup_id)::int AS startups,
              to_char(coalesce($2::date, current_date), 'YYYY-MM-DD') AS day
         FROM hosting_unit u
         LEFT JOIN hosting_agreement a ON a.unit_id = u.id
              AND a.starts_on <= coalesce($2::date, current_date)
              AND (a.ends_on IS NULL OR a.ends_on >= coalesce($2::date, current_date))
        WHERE u.place_id = $1
        GROUP BY u.id ORDER BY u.name, u.id`,
      [placeId, on ?? null],
    );
    const capacity = rows.reduce((sum, row) => sum + row.capacity, 0);
    const occupiedSeats = rows.reduce((sum, row) => sum + row.occupied, 0);
    const day: { day: string }[] = await this.dataSource.query(
      `SELECT to_char(coalesce($1::date, current_date), 'YYYY-MM-DD') AS day`,
      [on ?? null],
    );
    return {
      placeId,
      on: day[0].day,
      capacity,
      occupiedSeats,
      rate: capacity === 0 ? null : Math.round((occupiedSeats / capacity) * 1000) / 1000,
      units: rows.map((row) => ({
        unitId: row.id,
        name: row.name,
        kind: row.kind,
        capacity: row.capacity,
        occupiedSeats: row.occupied,
        startups: row.startups,
      })),
    };
  }

  async listAgreements(
    actor: Actor,
    startupId: string,
  ): Promise<{ items: HostingAgreementView[] }> {
    await this.assertStartupVisible(this.dataSource.manager, actor, startupId);
    const rows: AgreementRow[] = await this.dataSource.query(
      `SELECT ${AGREEMENT_COLUMNS}
         FROM hosting_agreement a JOIN hosting_unit u ON u.id = a.unit_id
        WHERE a.startup_id = $1 ORDER BY a.starts_on DESC, a.id`,
      [startupId],
    );
    return { items: rows.map(agreementView) };
  }

  async createAgreement(
    actor: Actor,
    startupId: string,
    input: HostingAgreementInput,
  ): Promise<HostingAgreementView> {
    if (input.endsOn && input.endsOn < input.startsOn) {
      throw validationProblem([{ path: 'endsOn', message: 'must not be before startsOn' }]);
    }
    return this.dataSource.transaction(async (em) => {
      await this.assertStartupVisible(em, actor, startupId);
      const unit = await this.lockUnit(em, input.unitId);
      if (!unit) {
        throw validationProblem([{ path: 'unitId', message: 'unknown hosting unit' }]);
      }
      await this.assertManagesPlace(em, actor, unit.place_id);
      await this.assertSeatsFree(em, unit, input.startsOn, input.endsOn ?? null, input.seats, null);
      const rows: { id: string }[] = await em.query(
        `INSERT INTO hosting_agreement (startup_id, unit_id, starts_on, ends_on, seats,
                                        monthly_rent_eur, created_by_id, updated_by_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id`,
        [
          startupId,
          unit.id,
          input.startsOn,
          input.endsOn ?? null,
          input.seats,
          input.monthlyRentEur ?? 0,
          actor.id,
        ],
      );
      const agreement = await this.agreement(em, rows[0].id);
      await recordAudit(em, {
        action: AUDIT_ACTIONS.hostingAgreementCreated,
        entityType: AUDIT_ENTITY_TYPES.hostingAgreement,
        entityId: agreement.id,
        startupId,
        actorId: actor.id,
        after: agreement,
      });
      await this.timeline(em, startupId, 'HOSTING_AGREEMENT_SIGNED', actor.id, {
        agreementId: agreement.id,
        unitId: unit.id,
        placeId: unit.place_id,
        startsOn: agreement.startsOn,
        endsOn: agreement.endsOn,
        seats: agreement.seats,
      });
      return agreement;
    });
  }

  /** Ends an agreement (or moves its end): a later or open end must still fit the unit. */
  async updateAgreement(
    actor: Actor,
    agreementId: string,
    change: HostingAgreementChange,
    ifMatch: number | null,
  ): Promise<HostingAgreementView> {
    return this.dataSource.transaction(async (em) => {
      const found: { unit_id: string; startup_id: string }[] = await em.query(
        `SELECT unit_id, startup_id FROM hosting_agreement WHERE id = $1`,
        [agreementId],
      );
      if (!found[0]) throw notFoundProblem('Hosting agreement');
      await this.assertStartupVisible(em, actor, found[0].startup_id, 'Hosting agreement');
      // The unit first, as every writer of its agreements does: no lock-order inversion.
      const unit = await this.lockUnit(em, found[0].unit_id);
      if (!unit) throw notFoundProblem('Hosting agreement');
      const rows: AgreementRow[] = await em.query(
        `SELECT ${AGREEMENT_COLUMNS}
           FROM hosting_agreement a JOIN hosting_unit u ON u.id = a.unit_id
          WHERE a.id = $1 FOR UPDATE OF a`,
        [agreementId],
      );
      const before = agreementView(rows[0]);
      await this.assertManagesPlace(em, actor, unit.place_id);
      if (ifMatch !== null && ifMatch !== before.version) throw staleVersionProblem(before.version);
      if (change.endsOn !== null && change.endsOn < before.startsOn) {
        throw validationProblem([{ path: 'endsOn', message: 'must not be before startsOn' }]);
      }
      await this.assertSeatsFree(em, unit, before.startsOn, change.endsOn, before.seats, before.id);
      returnedRows(
        await em.query(
          `UPDATE hosting_agreement SET ends_on = $2, updated_by_id = $3, version = version + 1,
                  updated_at = now()
            WHERE id = $1 RETURNING id`,
          [agreementId, change.endsOn, actor.id],
        ),
      );
      const after = await this.agreement(em, agreementId);
      await recordAudit(em, {
        action: AUDIT_ACTIONS.hostingAgreementUpdated,
        entityType: AUDIT_ENTITY_TYPES.hostingAgreement,
        entityId: agreementId,
        startupId: before.startupId,
        actorId: actor.id,
        before: { endsOn: before.endsOn },
        after: { endsOn: after.endsOn },
      });
      await this.timeline(em, before.startupId, 'HOSTING_AGREEMENT_UPDATED', actor.id, {
        agreementId,
        from: before.endsOn,
        endsOn: after.endsOn,
      });
      return after;
    });
  }

  /**
   * The busiest day of [startsOn, endsOn] is the first day or a day another agreement starts:
   * the sum of seats of the agreements covering each such day, plus the new seats, must fit.
   */
  private async assertSeatsFree(
    em: EntityManager,
    unit: UnitRow,
    startsOn: string,
    endsOn: string | null,
    seats: number,
    excludedAgreementId: string | null,
  ): Promise<void> {
    const rows: { peak: number }[] = await em.query(
      `WITH overlapping AS (
         SELECT starts_on, coalesce(ends_on, 'infinity'::date) AS ends_on, seats
           FROM hosting_agreement
          WHERE unit_id = $1 AND id IS DISTINCT FROM $4::uuid
            AND starts_on <= coalesce($3::date, 'infinity'::date)
            AND coalesce(ends_on, 'infinity'::date) >= $2::date
       ), days AS (
         SELECT $2::date AS day UNION SELECT starts_on FROM overlapping WHERE starts_on > $2::date
       )
       SELECT coalesce(max((SELECT sum(o.seats) FROM overlapping o
                             WHERE o.starts_on <= d.day AND o.ends_on >= d.day)), 0)::int AS peak
         FROM days d`,
      [unit.id, startsOn, endsOn, excludedAgreementId],
    );
    const taken = rows[0]?.peak ?? 0;
    if (taken + seats > unit.capacity) {
      throw conflictProblem(
        `The unit "${unit.name}" has ${unit.capacity} seats and ${taken} are already taken on the busiest day of that period`,
        [
          {
            path: 'seats',
            message: `UNIT_FULL: at most ${Math.max(unit.capacity - taken, 0)} seats free`,
          },
        ],
      );
    }
  }

  private async lockUnit(em: EntityManager, unitId: string): Promise<UnitRow | null> {
    const rows: UnitRow[] = await em.query(
      `SELECT id, place_id, name, kind, capacity FROM hosting_unit WHERE id = $1 FOR UPDATE`,
      [unitId],
    );
    return rows[0] ?? null;
  }

  private async agreement(em: EntityManager, id: string): Promise<HostingAgreementView> {
    const rows: AgreementRow[] = await em.query(
      `SELECT ${AGREEMENT_COLUMNS}
         FROM hosting_agreement a JOIN hosting_unit u ON u.id = a.unit_id WHERE a.id = $1`,
      [id],
    );
    return agreementView(rows[0]);
  }

  private async timeline(
    em: EntityManager,
    startupId: string,
    kind: string,
    actorId: string,
    payload: Record<string, unknown>,
  ): Promise<void> {
    await em.query(
      `INSERT INTO timeline_event (startup_id, occurred_at, kind, actor_id, payload)
       VALUES ($1, now(), $2, $3, $4)`,
      [startupId, kind, actorId, payload],
    );
  }

  private async assertPlaceExists(em: EntityManager, placeId: string): Promise<void> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM place WHERE id = $1`, [placeId]);
    if (rows.length === 0) throw notFoundProblem('Place');
  }

  /** Admins, and managers of a structure based at the place. */
  private async assertManagesPlace(em: EntityManager, actor: Actor, placeId: string) {
    if (isAdmin(actor)) return;
    const managed = managedStructureIds(actor);
    const rows: unknown[] =
      managed.length === 0
        ? []
        : await em.query(`SELECT 1 FROM structure WHERE place_id = $1 AND id = ANY($2::uuid[])`, [
            placeId,
            managed,
          ]);
    if (rows.length === 0) {
      throw forbiddenProblem(
        'Only admins and managers of a structure at this place manage its hosting',
      );
    }
  }

  private async assertStartupVisible(
    em: EntityManager,
    actor: Actor,
    startupId: string,
    what = 'Startup',
  ): Promise<void> {
    const visibility = startupVisibility(actor, 's');
    const row = await em
      .createQueryBuilder()
      .select('s.id')
      .from('startup', 's')
      .where('s.id = :startupId', { startupId })
      .andWhere(visibility.sql, visibility.params)
      .getRawOne();
    if (!row) throw notFoundProblem(what);
  }
}
