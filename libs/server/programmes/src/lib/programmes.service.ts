import { Injectable } from '@nestjs/common';
import { AUDIT_ACTIONS, AUDIT_ENTITY_TYPES } from '@parcours/contracts';
import type {
  ApplicationCriterion,
  ApplicationQuestion,
  ChecklistTemplateItem,
  CohortView,
  PipelineStage,
  ProgrammeMode,
  ProgrammeView,
  StructureKind,
  StructureView,
  TerritoryCode,
} from '@parcours/contracts';
import { recordAudit, type AuditEntryInput } from '@parcours/server-audit';
import { CohortEntity, ProgrammeEntity, StructureEntity } from '@parcours/server-db';
import {
  conflictProblem,
  forbiddenProblem,
  notFoundProblem,
  staleVersionProblem,
  validationProblem,
} from '@parcours/server-http';
import { isAdmin, managedStructureIds, type Actor } from '@parcours/server-identity';
import { DataSource, type EntityManager, type FindOptionsWhere } from 'typeorm';

export interface StructureInput {
  name: string;
  kind: StructureKind;
  territory?: TerritoryCode | null;
  placeId?: string | null;
}

export interface ProgrammeInput {
  structureId: string;
  name: string;
  stage: PipelineStage;
  mode: ProgrammeMode;
  capacity?: number | null;
  reviewIntervalDays: number;
  timeInStageLimitDays?: number | null;
  allowsDirectEntry?: boolean;
  checklistTemplate?: ChecklistTemplateItem[];
  applicationQuestions?: ApplicationQuestion[];
  applicationCriteria?: ApplicationCriterion[];
  reviewersRequired?: number;
  requiresHostingAgreement?: boolean;
  targets?: Record<string, number>;
}

export interface CohortInput {
  name: string;
  startsOn: string;
  endsOn?: string | null;
  capacity?: number | null;
}

const PG_UNIQUE_VIOLATION = '23505';
const PG_FOREIGN_KEY_VIOLATION = '23503';

const structureView = (s: StructureEntity): StructureView => ({
  id: s.id,
  name: s.name,
  kind: s.kind,
  territory: s.territoryCode,
  placeId: s.placeId,
  version: s.version,
});

const programmeView = (p: ProgrammeEntity): ProgrammeView => ({
  id: p.id,
  structureId: p.structureId,
  name: p.name,
  stage: p.stage,
  mode: p.mode,
  capacity: p.capacity,
  reviewIntervalDays: p.reviewIntervalDays,
  timeInStageLimitDays: p.timeInStageLimitDays,
  allowsDirectEntry: p.allowsDirectEntry,
  checklistTemplate: p.checklistTemplate,
  targets: p.targets,
  applicationQuestions: p.applicationQuestions,
  applicationCriteria: p.applicationCriteria,
  reviewersRequired: p.reviewersRequired,
  requiresHostingAgreement: p.requiresHostingAgreement,
  version: p.version,
});

const cohortView = (c: CohortEntity): CohortView => ({
  id: c.id,
  programmeId: c.programmeId,
  name: c.name,
  startsOn: c.startsOn,
  endsOn: c.endsOn,
  capacity: c.capacity,
});

/**
 * Structures, programmes and cohorts: the reference data of the programme. Everyone signed in
 * reads them (they are the public map of the support offer); admins write structures; admins and
 * the managers of a structure write its programmes and cohorts.
 */
@Injectable()
export class ProgrammesService {
  constructor(private readonly dataSource: DataSource) {}

  private get structures() {
    return this.dataSource.getRepository(StructureEntity);
  }
  private get programmes() {
    return this.dataSource.getRepository(ProgrammeEntity);
  }
  private get cohorts() {
    return this.dataSource.getRepository(CohortEntity);
  }

  async listStructures(filter: {
    kind?: StructureKind;
    territory?: TerritoryCode;
  }): Promise<StructureView[]> {
    const where: FindOptionsWhere<StructureEntity> = {};
    if (filter.kind) where.kind = filter.kind;
    if (filter.territory) where.territoryCode = filter.territory;
    return (await this.structures.find({ where, order: { name: 'ASC' } })).map(structureView);
  }

  async getStructure(id: string): Promise<StructureView> {
    const structure = await this.structures.findOneBy({ id });
    if (!structure) throw notFoundProblem('Structure');
    return structureView(structure);
  }

  async createStructure(actor: Actor, input: StructureInput): Promise<StructureView> {
    const id = await this.dataSource.transaction(async (em) => {
      const structures = em.getRepository(StructureEntity);
      const saved = await structures
        .save(
          structures.create({
            name: input.name,
            kind: input.kind,
            territoryCode: input.territory ?? null,
            placeId: input.placeId ?? null,
          }),
        )
        .catch(rethrowConstraint('name'));
      await this.audit(em, actor, {
        action: AUDIT_ACTIONS.structureCreated,
        entityType: AUDIT_ENTITY_TYPES.structure,
        entityId: saved.id,
        after: structureView(saved),
      });
      return saved.id;
    });
    return this.getStructure(id);
  }

  async updateStructure(
    actor: Actor,
    id: string,
    changes: Partial<StructureInput>,
    ifMatch: number | null,
  ): Promise<StructureView> {
    await this.dataSource.transaction(async (em) => {
      const structures = em.getRepository(StructureEntity);
      // Locked so that the audit entry's `before` is what this update replaces; NO KEY UPDATE
      // still lets moves insert rows referencing it (FK checks) while we wait for the chain.
      const structure = await structures.findOne({
        where: { id },
        lock: { mode: 'for_no_key_update' },
      });
      if (!structure) throw notFoundProblem('Structure');
      if (ifMatch !== null && ifMatch !== structure.version)
        throw staleVersionProblem(structure.version);
      const before = structureView(structure);
      if (changes.name !== undefined) structure.name = changes.name;
      if (changes.kind !== undefined) structure.kind = changes.kind;
      if (changes.territory !== undefined) structure.territoryCode = changes.territory;
      if (changes.placeId !== undefined) structure.placeId = changes.placeId;
      const saved = await structures.save(structure).catch(rethrowConstraint('name'));
      await this.audit(em, actor, {
        action: AUDIT_ACTIONS.structureUpdated,
        entityType: AUDIT_ENTITY_TYPES.structure,
        entityId: id,
        before,
        after: structureView(saved),
      });
    });
    return this.getStructure(id);
  }

  async listProgrammes(filter: {
    structureId?: string;
    stage?: PipelineStage;
  }): Promise<ProgrammeView[]> {
    const where: FindOptionsWhere<ProgrammeEntity> = {};
    if (filter.structureId) where.structureId = filter.structureId;
    if (filter.stage) where.stage = filter.stage;
    return (await this.programmes.find({ where, order: { name: 'ASC' } })).map(programmeView);
  }

  async getProgramme(id: string): Promise<ProgrammeView> {
    const programme = await this.programmes.findOneBy({ id });
    if (!programme) throw notFoundProblem('Programme');
    return programmeView(programme);
  }

  async createProgramme(actor: Actor, input: ProgrammeInput): Promise<ProgrammeView> {
    this.assertMayWrite(actor, input.structureId);
    const id = await this.dataSource.transaction(async (em) => {
      const programmes = em.getRepository(ProgrammeEntity);
      const saved = await programmes
        .save(
          programmes.create({
            ...input,
            capacity: input.capacity ?? null,
            timeInStageLimitDays: input.timeInStageLimitDays ?? null,
            allowsDirectEntry: input.allowsDirectEntry ?? false,
            checklistTemplate: input.checklistTemplate ?? [],
            applicationQuestions: input.applicationQuestions ?? [],
            applicationCriteria: input.applicationCriteria ?? [],
            reviewersRequired: input.reviewersRequired ?? 1,
            requiresHostingAgreement: input.requiresHostingAgreement ?? false,
            targets: input.targets ?? {},
          }),
        )
        .catch(rethrowConstraint('structureId'));
      await this.audit(em, actor, {
        action: AUDIT_ACTIONS.programmeCreated,
        entityType: AUDIT_ENTITY_TYPES.programme,
        entityId: saved.id,
        after: programmeView(saved),
      });
      return saved.id;
    });
    return this.getProgramme(id);
  }

  async updateProgramme(
    actor: Actor,
    id: string,
    changes: Partial<Omit<ProgrammeInput, 'structureId'>>,
    ifMatch: number | null,
  ): Promise<ProgrammeView> {
    await this.dataSource.transaction(async (em) => {
      const programmes = em.getRepository(ProgrammeEntity);
      // Locked so that the audit entry's `before` is what this update replaces; NO KEY UPDATE
      // still lets moves insert rows referencing it (FK checks) while we wait for the chain.
      const programme = await programmes.findOne({
        where: { id },
        lock: { mode: 'for_no_key_update' },
      });
      if (!programme) throw notFoundProblem('Programme');
      this.assertMayWrite(actor, programme.structureId);
      if (ifMatch !== null && ifMatch !== programme.version)
        throw staleVersionProblem(programme.version);
      const before = programmeView(programme);
      Object.assign(programme, changes);
      const saved = await programmes.save(programme).catch(rethrowConstraint('name'));
      await this.audit(em, actor, {
        action: AUDIT_ACTIONS.programmeUpdated,
        entityType: AUDIT_ENTITY_TYPES.programme,
        entityId: id,
        before,
        after: programmeView(saved),
      });
    });
    return this.getProgramme(id);
  }

  async listCohorts(programmeId: string): Promise<CohortView[]> {
    await this.getProgramme(programmeId);
    return (await this.cohorts.find({ where: { programmeId }, order: { startsOn: 'ASC' } })).map(
      cohortView,
    );
  }

  async createCohort(actor: Actor, programmeId: string, input: CohortInput): Promise<CohortView> {
    const programme = await this.getProgramme(programmeId);
    this.assertMayWrite(actor, programme.structureId);
    if (input.endsOn && input.endsOn < input.startsOn) {
      throw validationProblem([{ path: 'endsOn', message: 'must not be before startsOn' }]);
    }
    return this.dataSource.transaction(async (em) => {
      const cohorts = em.getRepository(CohortEntity);
      const saved = await cohorts
        .save(
          cohorts.create({
            ...input,
            programmeId,
            endsOn: input.endsOn ?? null,
            capacity: input.capacity ?? null,
          }),
        )
        .catch(rethrowConstraint('name'));
      await this.audit(em, actor, {
        action: AUDIT_ACTIONS.cohortCreated,
        entityType: AUDIT_ENTITY_TYPES.cohort,
        entityId: saved.id,
        after: cohortView(saved),
      });
      return cohortView(saved);
    });
  }

  /** In the writing transaction, after its row locks. */
  private async audit(
    em: EntityManager,
    actor: Actor,
    entry: Omit<AuditEntryInput, 'actorId'>,
  ): Promise<void> {
    await recordAudit(em, { ...entry, actorId: actor.id });
  }

  private assertMayWrite(actor: Actor, structureId: string): void {
    if (isAdmin(actor) || managedStructureIds(actor).includes(structureId)) return;
    throw forbiddenProblem('Only admins and managers of the structure can change its programmes');
  }
}

/** Unique and foreign-key violations become 409 / 400 naming the field. */
function rethrowConstraint(field: string) {
  return (error: unknown): never => {
    const code = (error as { code?: string }).code;
    if (code === PG_UNIQUE_VIOLATION) {
      throw conflictProblem(`${field} is already taken`, [
        { path: field, message: 'already exists' },
      ]);
    }
    if (code === PG_FOREIGN_KEY_VIOLATION) {
      throw validationProblem([
        { path: field, message: 'refers to something that does not exist' },
      ]);
    }
    throw error;
  };
}
