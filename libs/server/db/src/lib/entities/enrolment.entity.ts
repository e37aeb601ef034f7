import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  type Relation,
} from 'typeorm';
import { CohortEntity } from './cohort.entity';
import { ProgrammeEntity } from './programme.entity';
import { StartupEntity } from './startup.entity';
import { TransitionEntity } from './transition.entity';

/** A startup followed by a programme (and cohort). Open enrolments count against capacity. */
@Entity({ name: 'enrolment' })
// The transition that enrolled the startup is the idempotency key of the ENROL step.
@Unique('uq_enrolment_transition_id', ['transitionId'])
@Index('ix_enrolment_startup_id', ['startupId'])
@Index('ix_enrolment_open_programme_id', ['programmeId'], { where: `"ended_at" IS NULL` })
@Index('ix_enrolment_open_cohort_id', ['cohortId'], { where: `"ended_at" IS NULL` })
@Check('ck_enrolment_ended_after_enrolled', `"ended_at" >= "enrolled_at"`)
export class EnrolmentEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_enrolment' })
  id!: string;

  @Column({ name: 'startup_id', type: 'uuid' })
  startupId!: string;

  @ManyToOne(() => StartupEntity, { nullable: false })
  @JoinColumn({ name: 'startup_id', foreignKeyConstraintName: 'fk_enrolment_startup_id' })
  startup?: Relation<StartupEntity>;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => ProgrammeEntity, { nullable: false })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'fk_enrolment_programme_id' })
  programme?: Relation<ProgrammeEntity>;

  @Column({ name: 'cohort_id', type: 'uuid', nullable: true })
  cohortId!: string | null;

  @ManyToOne(() => CohortEntity, { nullable: true })
  @JoinColumn({ name: 'cohort_id', foreignKeyConstraintName: 'fk_enrolment_cohort_id' })
  cohort?: Relation<CohortEntity> | null;

  @Column({ name: 'transition_id', type: 'uuid' })
  transitionId!: string;

  @ManyToOne(() => TransitionEntity, { nullable: false })
  @JoinColumn({ name: 'transition_id', foreignKeyConstraintName: 'fk_enrolment_transition_id' })
  transition?: Relation<TransitionEntity>;

  @Column({ name: 'enrolled_at', type: 'timestamptz', default: () => 'now()' })
  enrolledAt!: Date;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt!: Date | null;
}
