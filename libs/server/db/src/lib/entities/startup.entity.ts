import {
  DOMAINS,
  STAGES,
  STARTUP_STATUSES,
  EXIT_REASONS,
  type DomainCode,
  type ExitReason,
  type Stage,
  type StartupStatus,
  type TerritoryCode,
} from '@parcours/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { sqlIn } from '../schema/sql';
import { AppUserEntity } from './app-user.entity';
import { CohortEntity } from './cohort.entity';
import { ProgrammeEntity } from './programme.entity';
import { StructureEntity } from './structure.entity';
import { TerritoryEntity } from './territory.entity';

/**
 * The dossier. `stage`, `stageEnteredAt` and `current*Id` are a denormalised copy of the open
 * stage stay, written in the same transaction as the stay, so that lists filter without joins.
 */
@Entity({ name: 'startup' })
@Unique('uq_startup_siren', ['siren'])
// Keyset pagination of the default list order (stage, name, id).
@Index('ix_startup_stage_name_id', ['stage', 'name', 'id'])
@Index('ix_startup_territory_code', ['territoryCode'])
@Index('ix_startup_domain', ['domain'])
@Index('ix_startup_current_structure_id', ['currentStructureId'])
@Check('ck_startup_name_not_blank', `btrim("name") <> ''`)
// Format only: the check digit is validated by the code, which can explain the error.
@Check('ck_startup_siren_format', `"siren" ~ '^[0-9]{9}$'`)
@Check('ck_startup_domain', sqlIn('domain', DOMAINS))
@Check('ck_startup_stage', sqlIn('stage', STAGES))
@Check('ck_startup_status', sqlIn('status', STARTUP_STATUSES))
@Check('ck_startup_exit_reason', sqlIn('exit_reason', EXIT_REASONS))
export class StartupEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_startup' })
  id!: string;

  @Column({ name: 'name', type: 'text' })
  name!: string;

  @Column({ name: 'legal_name', type: 'text', nullable: true })
  legalName!: string | null;

  @Column({ name: 'siren', type: 'char', length: 9, nullable: true })
  siren!: string | null;

  @Column({ name: 'domain', type: 'text' })
  domain!: DomainCode;

  @Column({ name: 'territory_code', type: 'text' })
  territoryCode!: TerritoryCode;

  @ManyToOne(() => TerritoryEntity, { nullable: false })
  @JoinColumn({ name: 'territory_code', foreignKeyConstraintName: 'fk_startup_territory_code' })
  territory?: Relation<TerritoryEntity>;

  @Column({ name: 'founded_on', type: 'date', nullable: true })
  foundedOn!: string | null;

  @Column({ name: 'stage', type: 'text' })
  stage!: Stage;

  @Column({ name: 'stage_entered_at', type: 'timestamptz', default: () => 'now()' })
  stageEnteredAt!: Date;

  @Column({ name: 'status', type: 'text', default: 'ACTIVE' })
  status!: StartupStatus;

  @Column({ name: 'exit_reason', type: 'text', nullable: true })
  exitReason!: ExitReason | null;

  @Column({ name: 'tags', type: 'text', array: true, default: () => `'{}'` })
  tags!: string[];

  @Column({ name: 'description', type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'website', type: 'text', nullable: true })
  website!: string | null;

  @Column({ name: 'current_structure_id', type: 'uuid', nullable: true })
  currentStructureId!: string | null;

  @ManyToOne(() => StructureEntity, { nullable: true })
  @JoinColumn({
    name: 'current_structure_id',
    foreignKeyConstraintName: 'fk_startup_current_structure_id',
  })
  currentStructure?: Relation<StructureEntity> | null;

  @Column({ name: 'current_programme_id', type: 'uuid', nullable: true })
  currentProgrammeId!: string | null;

  @ManyToOne(() => ProgrammeEntity, { nullable: true })
  @JoinColumn({
    name: 'current_programme_id',
    foreignKeyConstraintName: 'fk_startup_current_programme_id',
  })
  currentProgramme?: Relation<ProgrammeEntity> | null;

  @Column({ name: 'current_cohort_id', type: 'uuid', nullable: true })
  currentCohortId!: string | null;

  @ManyToOne(() => CohortEntity, { nullable: true })
  @JoinColumn({
    name: 'current_cohort_id',
    foreignKeyConstraintName: 'fk_startup_current_cohort_id',
  })
  currentCohort?: Relation<CohortEntity> | null;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById!: string | null;

  @ManyToOne(() => AppUserEntity, { nullable: true })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_startup_created_by_id' })
  createdBy?: Relation<AppUserEntity> | null;

  @Column({ name: 'updated_by_id', type: 'uuid', nullable: true })
  updatedById!: string | null;

  @ManyToOne(() => AppUserEntity, { nullable: true })
  @JoinColumn({ name: 'updated_by_id', foreignKeyConstraintName: 'fk_startup_updated_by_id' })
  updatedBy?: Relation<AppUserEntity> | null;

  @VersionColumn({ name: 'version', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
