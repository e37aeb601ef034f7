import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { sqlIn } from '../schema/sql';
import {
  TRANSITION_BATCH_ITEM_STATUSES,
  type TransitionBatchItemStatus,
} from '../schema/schema-values';
import { StartupEntity } from './startup.entity';
import { TransitionBatchEntity } from './transition-batch.entity';
import { TransitionEntity } from './transition.entity';

/** The outcome of a bulk move for one startup; the key makes a retried child job idempotent. */
@Entity({ name: 'transition_batch_item' })
@Check('ck_transition_batch_item_status', sqlIn('status', TRANSITION_BATCH_ITEM_STATUSES))
export class TransitionBatchItemEntity {
  @PrimaryColumn({
    name: 'batch_id',
    type: 'uuid',
    primaryKeyConstraintName: 'pk_transition_batch_item',
  })
  batchId!: string;

  @ManyToOne(() => TransitionBatchEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'batch_id', foreignKeyConstraintName: 'fk_transition_batch_item_batch_id' })
  batch?: Relation<TransitionBatchEntity>;

  @PrimaryColumn({
    name: 'startup_id',
    type: 'uuid',
    primaryKeyConstraintName: 'pk_transition_batch_item',
  })
  startupId!: string;

  @ManyToOne(() => StartupEntity, { nullable: false })
  @JoinColumn({
    name: 'startup_id',
    foreignKeyConstraintName: 'fk_transition_batch_item_startup_id',
  })
  startup?: Relation<StartupEntity>;

  @Column({ name: 'status', type: 'text', default: 'PENDING' })
  status!: TransitionBatchItemStatus;

  @Column({ name: 'transition_id', type: 'uuid', nullable: true })
  transitionId!: string | null;

  @ManyToOne(() => TransitionEntity, { nullable: true })
  @JoinColumn({
    name: 'transition_id',
    foreignKeyConstraintName: 'fk_transition_batch_item_transition_id',
  })
  transition?: Relation<TransitionEntity> | null;

  /** Problem details (or guard failures) explaining why this startup was not moved. */
  @Column({ name: 'error', type: 'jsonb', nullable: true })
  error!: Record<string, unknown> | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
