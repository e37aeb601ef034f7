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
  type Relation,
} from 'typeorm';
import { REMINDER_STATUSES, type ReminderStatus } from '../schema/schema-values';
import { sqlIn } from '../schema/sql';
import { StageStayEntity } from './stage-stay.entity';
import { StartupEntity } from './startup.entity';

/** A delayed job we scheduled, so that it can be found and cancelled when its stay closes. */
@Entity({ name: 'scheduled_reminder' })
// The BullMQ job id: scheduling the same reminder twice is refused here as well as in Redis.
@Unique('uq_scheduled_reminder_job_id', ['jobId'])
@Index('ix_scheduled_reminder_startup_id', ['startupId'])
@Index('ix_scheduled_reminder_stay_id', ['stayId'])
@Check('ck_scheduled_reminder_status', sqlIn('status', REMINDER_STATUSES))
@Check('ck_scheduled_reminder_kind_not_blank', `btrim("kind") <> ''`)
export class ScheduledReminderEntity {
  @PrimaryGeneratedColumn('uuid', {
    name: 'id',
    primaryKeyConstraintName: 'pk_scheduled_reminder',
  })
  id!: string;

  /** Open list (STAGE_REVIEW, ...), like the job names it mirrors. */
  @Column({ name: 'kind', type: 'text' })
  kind!: string;

  @Column({ name: 'startup_id', type: 'uuid' })
  startupId!: string;

  @ManyToOne(() => StartupEntity, { nullable: false })
  @JoinColumn({
    name: 'startup_id',
    foreignKeyConstraintName: 'fk_scheduled_reminder_startup_id',
  })
  startup?: Relation<StartupEntity>;

  @Column({ name: 'stay_id', type: 'uuid', nullable: true })
  stayId!: string | null;

  @ManyToOne(() => StageStayEntity, { nullable: true })
  @JoinColumn({ name: 'stay_id', foreignKeyConstraintName: 'fk_scheduled_reminder_stay_id' })
  stay?: Relation<StageStayEntity> | null;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt!: Date;

  @Column({ name: 'job_id', type: 'text' })
  jobId!: string;

  @Column({ name: 'status', type: 'text', default: 'SCHEDULED' })
  status!: ReminderStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
