import { SESSION_FORMATS, type SessionFormat } from '@parcours/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { sqlIn } from '../schema/sql';
import { AppUserEntity } from './app-user.entity';
import { StartupEntity } from './startup.entity';

/** A mentoring session held with a startup, logged by the mentor who held it. */
@Entity({ name: 'mentoring_session' })
@Index('ix_mentoring_session_startup_id_held_at', ['startupId', 'heldAt'])
@Index('ix_mentoring_session_mentor_id', ['mentorId'])
@Check('ck_mentoring_session_format', sqlIn('format', SESSION_FORMATS))
@Check('ck_mentoring_session_duration_minutes_range', `"duration_minutes" BETWEEN 1 AND 1440`)
export class MentoringSessionEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_mentoring_session' })
  id!: string;

  @Column({ name: 'startup_id', type: 'uuid' })
  startupId!: string;

  @ManyToOne(() => StartupEntity, { nullable: false })
  @JoinColumn({ name: 'startup_id', foreignKeyConstraintName: 'fk_mentoring_session_startup_id' })
  startup?: Relation<StartupEntity>;

  @Column({ name: 'mentor_id', type: 'uuid' })
  mentorId!: string;

  @ManyToOne(() => AppUserEntity, { nullable: false })
  @JoinColumn({ name: 'mentor_id', foreignKeyConstraintName: 'fk_mentoring_session_mentor_id' })
  mentor?: Relation<AppUserEntity>;

  @Column({ name: 'held_at', type: 'timestamptz' })
  heldAt!: Date;

  @Column({ name: 'duration_minutes', type: 'integer' })
  durationMinutes!: number;

  @Column({ name: 'format', type: 'text' })
  format!: SessionFormat;

  @Column({ name: 'topics', type: 'text', array: true, default: () => `'{}'` })
  topics!: string[];

  /** Read by whoever may read the session (founders when it is shared with them). */
  @Column({ name: 'notes', type: 'text', nullable: true })
  notes!: string | null;

  /** Only the startup's mentors, its managers and admins read these. */
  @Column({ name: 'private_notes', type: 'text', nullable: true })
  privateNotes!: string | null;

  @Column({ name: 'shared_with_founders', type: 'boolean', default: false })
  sharedWithFounders!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
