import {
  CONSENT_STATUSES,
  EXIT_REASONS,
  STAGES,
  TRANSITION_STATUSES,
  type ConsentStatus,
  type ExitReason,
  type Stage,
  type TransitionStatus,
} from '@parcours/contracts';
import { MOVE_KINDS, type MoveKind } from '@parcours/domain';
import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { sqlIn } from '../schema/sql';
import { AppUserEntity } from './app-user.entity';
import { CohortEntity } from './cohort.entity';
import { ProgrammeEntity } from './programme.entity';
import { StartupEntity } from './startup.entity';
import { StructureEntity } from './structure.entity';
import { TransitionBatchEntity } from './transition-batch.entity';

/** A requested stage move, its decision and its execution. Imported history arrives COMPLETED. */
@Entity({ name: 'transition' })
// A startup has at most one move awaiting a decision or its founders' consent; a second request
// is a conflict.
@Index('uq_transition_one_requested_per_startup', ['startupId'], {
  unique: true,
  where: `"status" IN ('REQUESTED', 'PENDING_CONSENT')`,
})
@Index('ix_transition_pending_consent', ['startupId'], { where: `"status" = 'PENDING_CONSENT'` })
@Index('ix_transition_status', ['status'])
// With INCLUDE (startup_id), written by the migration.
@Index('ix_transition_target_structure_id_status', { synchronize: false })
@Index('ix_transition_effective_at', ['effectiveAt'])
@Index('ix_transition_startup_id_effective_at', ['startupId', 'effectiveAt'])
@Check('ck_transition_from_stage', sqlIn('from_stage', STAGES))
@Check('ck_transition_to_stage', sqlIn('to_stage', STAGES))
@Check('ck_transition_status', sqlIn('status', TRANSITION_STATUSES))
@Check('ck_transition_exit_reason', sqlIn('exit_reason', EXIT_REASONS))
@Check('ck_transition_move_kind', sqlIn('move_kind', MOVE_KINDS))
@Check('ck_transition_consent_status', sqlIn('consent_status', CONSENT_STATUSES))
// Analytics count completed transitions at their effective time: it must exist.
@Check(
  'ck_transition_completed_has_effective_at',
  `"status" <> 'COMPLETED' OR "effective_at" IS NOT NULL`,
)
export class TransitionEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_transition' })
  id!: string;

  @Column({ name: 'startup_id', type: 'uuid' })
  startupId!: string;

  @ManyToOne(() => StartupEntity, { nullable: false })
  @JoinColumn({ name: 'startup_id', foreignKeyConstraintName: 'fk_transition_startup_id' })
  startup?: Relation<StartupEntity>;

  /** Null for a startup's first entry into the pipeline. */
  @Column({ name: 'from_stage', type: 'text', nullable: true })
  fromStage!: Stage | null;

  @Column({ name: 'to_stage', type: 'text' })
  toStage!: Stage;

  @Column({ name: 'programme_id', type: 'uuid', nullable: true })
  programmeId!: string | null;

  @ManyToOne(() => ProgrammeEntity, { nullable: true })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'fk_transition_programme_id' })
  programme?: Relation<ProgrammeEntity> | null;

  @Column({ name: 'cohort_id', type: 'uuid', nullable: true })
  cohortId!: string | null;

  @ManyToOne(() => CohortEntity, { nullable: true })
  @JoinColumn({ name: 'cohort_id', foreignKeyConstraintName: 'fk_transition_cohort_id' })
  cohort?: Relation<CohortEntity> | null;

  @Column({ name: 'reason', type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'exit_reason', type: 'text', nullable: true })
  exitReason!: ExitReason | null;

  @Column({ name: 'status', type: 'text' })
  status!: TransitionStatus;

  @Column({ name: 'move_kind', type: 'text' })
  moveKind!: MoveKind;

  @Column({ name: 'requires_four_eyes', type: 'boolean', default: false })
  requiresFourEyes!: boolean;

  /** Null for imported history, which has no known requester. */
  @Column({ name: 'requested_by_id', type: 'uuid', nullable: true })
  requestedById!: string | null;

  @ManyToOne(() => AppUserEntity, { nullable: true })
  @JoinColumn({
    name: 'requested_by_id',
    foreignKeyConstraintName: 'fk_transition_requested_by_id',
  })
  requestedBy?: Relation<AppUserEntity> | null;

  @Column({ name: 'requested_at', type: 'timestamptz', default: () => 'now()' })
  requestedAt!: Date;

  @Column({ name: 'decided_by_id', type: 'uuid', nullable: true })
  decidedById!: string | null;

  @ManyToOne(() => AppUserEntity, { nullable: true })
  @JoinColumn({ name: 'decided_by_id', foreignKeyConstraintName: 'fk_transition_decided_by_id' })
  decidedBy?: Relation<AppUserEntity> | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decision_note', type: 'text', nullable: true })
  decisionNote!: string | null;

  /** When the stage change took effect: the instant the old stay ends and the new one begins. */
  @Column({ name: 'effective_at', type: 'timestamptz', nullable: true })
  effectiveAt!: Date | null;

  /** When every workflow step had finished. */
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @Column({ name: 'batch_id', type: 'uuid', nullable: true })
  batchId!: string | null;

  @ManyToOne(() => TransitionBatchEntity, { nullable: true })
  @JoinColumn({ name: 'batch_id', foreignKeyConstraintName: 'fk_transition_batch_id' })
  batch?: Relation<TransitionBatchEntity> | null;

  /** The structure whose managers decide the move: the target programme's, else the current one. */
  @Column({ name: 'target_structure_id', type: 'uuid', nullable: true })
  targetStructureId!: string | null;

  @ManyToOne(() => StructureEntity, { nullable: true })
  @JoinColumn({
    name: 'target_structure_id',
    foreignKeyConstraintName: 'fk_transition_target_structure_id',
  })
  targetStructure?: Relation<StructureEntity> | null;

  /**
   * The founders' consent, asked when the move would show the dossier to a structure that never
   * followed the startup and the startup has founder accounts; null when it was not asked.
   */
  @Column({ name: 'consent_status', type: 'text', nullable: true })
  consentStatus!: ConsentStatus | null;

  @Column({ name: 'consent_decided_by_id', type: 'uuid', nullable: true })
  consentDecidedById!: string | null;

  @ManyToOne(() => AppUserEntity, { nullable: true })
  @JoinColumn({
    name: 'consent_decided_by_id',
    foreignKeyConstraintName: 'fk_transition_consent_decided_by_id',
  })
  consentDecidedBy?: Relation<AppUserEntity> | null;

  @Column({ name: 'consent_decided_at', type: 'timestamptz', nullable: true })
  consentDecidedAt!: Date | null;

  @Column({ name: 'consent_note', type: 'text', nullable: true })
  consentNote!: string | null;

  @VersionColumn({ name: 'version', default: 1 })
  version!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
