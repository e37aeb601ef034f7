import { STAGES, type Stage } from '@parcours/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { sqlIn } from '../schema/sql';
import { TRANSITION_BATCH_STATUSES, type TransitionBatchStatus } from '../schema/schema-values';
import { AppUserEntity } from './app-user.entity';
import { CohortEntity } from './cohort.entity';
import { ProgrammeEntity } from './programme.entity';

/** A bulk move (e.g. graduating a cohort): one parent job, one item per startup. */
@Entity({ name: 'transition_batch' })
@Check('ck_transition_batch_to_stage', sqlIn('to_stage', STAGES))
@Check('ck_transition_batch_status', sqlIn('status', TRANSITION_BATCH_STATUSES))
@Check('ck_transition_batch_total_not_negative', `"total" >= 0`)
export class TransitionBatchEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_transition_batch' })
  id!: string;

  @Column({ name: 'requested_by_id', type: 'uuid' })
  requestedById!: string;

  @ManyToOne(() => AppUserEntity, { nullable: false })
  @JoinColumn({
    name: 'requested_by_id',
    foreignKeyConstraintName: 'fk_transition_batch_requested_by_id',
  })
  requestedBy?: Relation<AppUserEntity>;

  @Column({ name: 'to_stage', type: 'text' })
  toStage!: Stage;

  @Column({ name: 'programme_id', type: 'uuid', nullable: true })
  programmeId!: string | null;

  @ManyToOne(() => ProgrammeEntity, { nullable: true })
  @JoinColumn({
    name: 'programme_id',
    foreignKeyConstraintName: 'fk_transition_batch_programme_id',
  })
  programme?: Relation<ProgrammeEntity> | null;

  @Column({ name: 'cohort_id', type: 'uuid', nullable: true })
  cohortId!: string | null;

  @ManyToOne(() => CohortEntity, { nullable: true })
  @JoinColumn({ name: 'cohort_id', foreignKeyConstraintName: 'fk_transition_batch_cohort_id' })
  cohort?: Relation<CohortEntity> | null;

  @Column({ name: 'reason', type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'status', type: 'text', default: 'QUEUED' })
  status!: TransitionBatchStatus;

  @Column({ name: 'total', type: 'integer' })
  total!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
