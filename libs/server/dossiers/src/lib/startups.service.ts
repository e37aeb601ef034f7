import { Injectable } from '@nestjs/common';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES, STAGES } from '@parcours/contracts';
import type {
  DomainCode,
  Stage,
  StartupStatus,
  StartupView,
  TerritoryCode,
} from '@parcours/contracts';
import {
  conflictProblem,
  forbiddenProblem,
  notFoundProblem,
  staleVersionProblem,
  validationProblem,
} from '@parcours/server-http';
import { hasRole, isAdmin, managedStructureIds, type Actor } from '@parcours/server-identity';
import { recordAudit } from '@parcours/server-audit';
import { returnedRows } from '@parcours/server-db';
import { TransitionsService } from '@parcours/server-transitions';
import { DataSource } from 'typeorm';
import { StartupsRepository, type StartupFilter } from './startups.repository';

/** Stages a startup may be created in; later stages need a move with four-eyes approval. */
export const CREATION_STAGES = [
  'DETECTION',
  'INCUBATION',
  'NURSERY',
] as const satisfies readonly Stage[];

export interface NewStartup {
  name: string;
  legalName?: string | null;
  siren?: string | null;
  domain: DomainCode;
  territory: TerritoryCode;
  foundedOn?: string | null;
  stage?: (typeof CREATION_STAGES)[number];
  tags?: string[];
  description?: string | null;
  website?: string | null;
  structureId?: string | null;
  programmeId?: string | null;
  cohortId?: string | null;
}

export interface StartupChanges {
  name?: string;
  legalName?: string | null;
  siren?: string | null;
  domain?: DomainCode;
  territory?: TerritoryCode;
  foundedOn?: string | null;
  status?: StartupStatus;
  tags?: string[];
  description?: string | null;
  website?: string | null;
}

/** What founders may edit: the public profile. Everything else is the managers'. */
export const PUBLIC_PROFILE_FIELDS = ['description', 'website', 'tags'] as const;

const COLUMN_OF: Record<keyof StartupChanges, string> = {
  name: 'name',
  legalName: 'legal_name',
  siren: 'siren',
  domain: 'domain',
  territory: 'territory_code',
  foundedOn: 'founded_on',
  status: 'status',
  tags: 'tags',
  description: 'description',
  website: 'website',
};

const PG_UNIQUE_VIOLATION = '23505';

@Injectable()
export class StartupsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly startups: StartupsRepository,
    private readonly transitions: TransitionsService,
  ) {}

  list(actor: Actor, filter: StartupFilter, limit: number, cursor?: string) {
    return this.startups.list(this.dataSource.manager, actor, filter, limit, cursor);
  }

  /** Every stage is present, with 0 where no startup is: columns never lose their count. */
  async stageCounts(actor: Actor, filter: Omit<StartupFilter, 'stage'>) {
    const found = await this.startups.stageCounts(this.dataSource.manager, actor, filter);
    return { counts: Object.fromEntries(STAGES.map((stage) => [stage, found[stage] ?? 0])) };
  }

  async get(actor: Actor, id: string): Promise<StartupView> {
    const startup = await this.startups.findVisible(this.dataSource.manager, actor, id);
    if (!startup) throw notFoundProblem('Startup');
    return startup;
  }

  /**
   * Creates the dossier and its first entry into the pipeline — a completed transition like
   * every other stage change — in one transaction.
   */
  async create(actor: Actor, input: NewStartup): Promise<StartupView> {
    const structureId = this.structureForNewStartup(actor, input.structureId ?? null);
    const id = await this.dataSource.transaction(async (em) => {
      const stage: Stage = input.stage ?? 'DETECTION';
      const rows: { id: string; version: number }[] = await em
        .query(
          `INSERT INTO startup (name, legal_name, siren, domain, territory_code, founded_on, stage,
                                stage_entered_at, status, tags, description, website,
                                current_structure_id, created_by_id, updated_by_id)
           VALUES ($1, $2, $3, $4, $5, $6, $7, now(), 'ACTIVE', $8, $9, $10, $11, $12, $12)
           RETURNING id, version`,
          [
            input.name.trim(),
            input.legalName ?? null,
            input.siren ?? null,
            input.domain,
            input.territory,
            input.foundedOn ?? null,
            stage,
            input.tags ?? [],
            input.description ?? null,
            input.website ?? null,
            structureId,
            actor.id,
          ],
        )
        .catch((error: unknown) => this.rethrowUnique(error));
      const created = rows[0];
      await this.transitions.firstEntry(
        em,
        actor,
        {
          id: created.id,
          status: 'ACTIVE',
          version: created.version,
          currentStructureId: structureId,
        },
        {
          toStage: stage,
          programmeId: input.programmeId ?? null,
          cohortId: input.cohortId ?? null,
        },
      );
      // Last: the first entry's own records come first and every row lock is already held.
      await recordAudit(em, {
        action: AUDIT_ACTIONS.startupCreated,
        entityType: AUDIT_ENTITY_TYPES.startup,
        entityId: created.id,
        startupId: created.id,
        actorId: actor.id,
        after: { ...input, name: input.name.trim(), stage, structureId },
      });
      return created.id;
    });
    return this.get(actor, id);
  }

  async update(
    actor: Actor,
    id: string,
    changes: StartupChanges,
    ifMatch: number | null,
  ): Promise<StartupView> {
    const current = await this.get(actor, id);
    const fields = Object.keys(changes) as (keyof StartupChanges)[];
    const mayEditAll = isAdmin(actor) || hasRole(actor, 'manager');
    if (!mayEditAll) {
      const isFounder = actor.grants.some((g) => g.role === 'founder' && g.scopeId === id);
      if (!isFounder)
        throw forbiddenProblem('Only managers and the startup’s founders can edit it');
      const refused = fields.filter(
        (field) => !(PUBLIC_PROFILE_FIELDS as readonly string[]).includes(field),
      );
      if (refused.length > 0) {
        throw forbiddenProblem(`Founders edit the public profile only; not: ${refused.join(', ')}`);
      }
    }
    const expected = ifMatch ?? current.version;
    if (ifMatch !== null && ifMatch !== current.version) throw staleVersionProblem(current.version);
    if (fields.length === 0) return current;
    const params: unknown[] = [id, expected, actor.id];
    const sets = fields.map((field) => {
      params.push(changes[field] ?? null);
      return `${COLUMN_OF[field]} = $${params.length}`;
    });
    const updated = await this.dataSource.transaction(async (em) => {
      const rows = returnedRows<{ id: string }>(
        await em
          .query(
            `UPDATE startup SET ${sets.join(', ')}, updated_by_id = $3, updated_at = now(), version = version + 1
              WHERE id = $1 AND version = $2 RETURNING id`,
            params,
          )
          .catch((error: unknown) => this.rethrowUnique(error)),
      );
      if (rows.length === 0) return false;
      // The row still had the version read into `current`, so `current` holds the values replaced.
      await recordAudit(em, {
        action: AUDIT_ACTIONS.startupUpdated,
        entityType: AUDIT_ENTITY_TYPES.startup,
        entityId: id,
        startupId: id,
        actorId: actor.id,
        before: Object.fromEntries(fields.map((field) => [field, current[field]])),
        after: Object.fromEntries(fields.map((field) => [field, changes[field] ?? null])),
      });
      return true;
    });
    if (!updated) throw staleVersionProblem((await this.get(actor, id)).version);
    return this.get(actor, id);
  }

  /** Managers create in a structure they manage (their only one by default); admins anywhere. */
  structureForNewStartup(actor: Actor, requested: string | null): string | null {
    if (isAdmin(actor)) return requested;
    const managed = managedStructureIds(actor);
    if (requested) {
      if (!managed.includes(requested)) {
        throw validationProblem([{ path: 'structureId', message: 'not a structure you manage' }]);
      }
      return requested;
    }
    if (managed.length === 1) return managed[0];
    throw validationProblem([
      { path: 'structureId', message: 'required: the structure that follows the startup' },
    ]);
  }

  private rethrowUnique(error: unknown): never {
    if ((error as { code?: string }).code === PG_UNIQUE_VIOLATION) {
      throw conflictProblem('A startup with this SIREN already exists', [
        { path: 'siren', message: 'already registered' },
      ]);
    }
    throw error;
  }
}
