import {
  STEP_STATUSES,
  WORKFLOW_STEPS,
  type StepStatus,
  type WorkflowStepName,
} from '@parcours/contracts';
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
import { TransitionEntity } from './transition.entity';

/**
 * One effect of a completed transition. The primary key (transition, step) is the idempotency
 * key: a retried job claims the row with a conditional update and does nothing if it loses.
 */
@Entity({ name: 'transition_step' })
@Check('ck_transition_step_name', sqlIn('name', WORKFLOW_STEPS))
@Check('ck_transition_step_status', sqlIn('status', STEP_STATUSES))
@Check('ck_transition_step_attempts_not_negative', `"attempts" >= 0`)
export class TransitionStepEntity {
  @PrimaryColumn({
    name: 'transition_id',
    type: 'uuid',
    primaryKeyConstraintName: 'pk_transition_step',
  })
  transitionId!: string;

  @ManyToOne(() => TransitionEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'transition_id',
    foreignKeyConstraintName: 'fk_transition_step_transition_id',
  })
  transition?: Relation<TransitionEntity>;

  @PrimaryColumn({ name: 'name', type: 'text', primaryKeyConstraintName: 'pk_transition_step' })
  name!: WorkflowStepName;

  @Column({ name: 'status', type: 'text', default: 'PENDING' })
  status!: StepStatus;

  @Column({ name: 'attempts', type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  /** Why an operator abandoned the step (status SKIPPED). */
  @Column({ name: 'skip_reason', type: 'text', nullable: true })
  skipReason!: string | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt!: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
