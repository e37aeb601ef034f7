import {
  APPLICATION_DECISIONS,
  APPLICATION_STATUSES,
  type ApplicationDecision,
  type ApplicationStatus,
} from '@parcours/contracts';
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
import { ProgrammeEntity } from './programme.entity';
import { StartupEntity } from './startup.entity';
import { TransitionEntity } from './transition.entity';

/** A startup's application to a programme: its answers, then the committee's decision. */
@Entity({ name: 'application' })
// One application under examination per startup and programme; decided ones are history.
@Index('uq_application_open_programme_id_startup_id', ['programmeId', 'startupId'], {
  unique: true,
  where: `"status" = 'SUBMITTED'`,
})
@Index('ix_application_startup_id', ['startupId'])
@Index('ix_application_programme_id_status', ['programmeId', 'status'])
@Check('ck_application_status', sqlIn('status', APPLICATION_STATUSES))
@Check('ck_application_decision', sqlIn('decision', APPLICATION_DECISIONS))
@Check('ck_application_answers_object', `jsonb_typeof("answers") = 'object'`)
@Check('ck_application_decided_consistent', `("status" = 'SUBMITTED') = ("decision" IS NULL)`)
export class ApplicationEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_application' })
  id!: string;

  @Column({ name: 'programme_id', type: 'uuid' })
  programmeId!: string;

  @ManyToOne(() => ProgrammeEntity, { nullable: false })
  @JoinColumn({ name: 'programme_id', foreignKeyConstraintName: 'fk_application_programme_id' })
  programme?: Relation<ProgrammeEntity>;

  @Column({ name: 'startup_id', type: 'uuid' })
  startupId!: string;

  @ManyToOne(() => StartupEntity, { nullable: false })
  @JoinColumn({ name: 'startup_id', foreignKeyConstraintName: 'fk_application_startup_id' })
  startup?: Relation<StartupEntity>;

  @Column({ name: 'status', type: 'text', default: 'SUBMITTED' })
  status!: ApplicationStatus;

  /** Question key → answer text. */
  @Column({ name: 'answers', type: 'jsonb', default: () => `'{}'` })
  answers!: Record<string, string>;

  @Column({ name: 'submitted_by_id', type: 'uuid', nullable: true })
  submittedById!: string | null;

  @ManyToOne(() => AppUserEntity, { nullable: true })
  @JoinColumn({
    name: 'submitted_by_id',
    foreignKeyConstraintName: 'fk_application_submitted_by_id',
  })
  submittedBy?: Relation<AppUserEntity> | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', default: () => 'now()' })
  submittedAt!: Date;

  @Column({ name: 'decision', type: 'text', nullable: true })
  decision!: ApplicationDecision | null;

  @Column({ name: 'decided_by_id', type: 'uuid', nullable: true })
  decidedById!: string | null;

  @ManyToOne(() => AppUserEntity, { nullable: true })
  @JoinColumn({ name: 'decided_by_id', foreignKeyConstraintName: 'fk_application_decided_by_id' })
  decidedBy?: Relation<AppUserEntity> | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decision_note', type: 'text', nullable: true })
  decisionNote!: string | null;

  /** The stage move request an acceptance opened. */
  @Column({ name: 'transition_id', type: 'uuid', nullable: true })
  transitionId!: string | null;

  @ManyToOne(() => TransitionEntity, { nullable: true })
  @JoinColumn({ name: 'transition_id', foreignKeyConstraintName: 'fk_application_transition_id' })
  transition?: Relation<TransitionEntity> | null;

  @VersionColumn({ name: 'version', default: 1 })
  version!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
