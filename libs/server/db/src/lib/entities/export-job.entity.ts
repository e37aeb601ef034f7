import {
  EXPORT_JOB_STATUSES,
  EXPORT_KINDS,
  EXPORT_LANGUAGES,
  type AnalyticsFilters,
  type ExportJobStatus,
  type ExportKind,
  type ExportLanguage,
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
  type Relation,
} from 'typeorm';
import { sqlIn } from '../schema/sql';
import { AppUserEntity } from './app-user.entity';

/**
 * A background export: what was asked, by whom, how far the worker got (a checkpoint it resumes
 * from after a crash) and the file it wrote, which only the requester may download.
 */
@Entity({ name: 'export_job' })
@Index('ix_export_job_requested_by_id_created_at', ['requestedById', 'createdAt'])
@Index('ix_export_job_expires_at', ['expiresAt'], { where: `"status" = 'DONE'` })
@Check('ck_export_job_kind', sqlIn('kind', EXPORT_KINDS))
@Check('ck_export_job_lang', sqlIn('lang', EXPORT_LANGUAGES))
@Check('ck_export_job_status', sqlIn('status', EXPORT_JOB_STATUSES))
@Check('ck_export_job_rows_done_not_negative', `"rows_done" >= 0`)
export class ExportJobEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_export_job' })
  id!: string;

  @Column({ name: 'requested_by_id', type: 'uuid' })
  requestedById!: string;

  @ManyToOne(() => AppUserEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'requested_by_id',
    foreignKeyConstraintName: 'fk_export_job_requested_by_id',
  })
  requestedBy?: Relation<AppUserEntity>;

  @Column({ name: 'kind', type: 'text' })
  kind!: ExportKind;

  @Column({ name: 'lang', type: 'text', default: 'fr' })
  lang!: ExportLanguage;

  /** The analytics filters as the request gave them (ISO strings). */
  @Column({ name: 'filters', type: 'jsonb', default: () => `'{}'` })
  filters!: AnalyticsFilters;

  /** The period's end when none was given: fixed at request time, so a resumed run agrees. */
  @Column({ name: 'period_to', type: 'timestamptz' })
  periodTo!: Date;

  @Column({ name: 'status', type: 'text', default: 'QUEUED' })
  status!: ExportJobStatus;

  @Column({ name: 'rows_done', type: 'integer', default: 0 })
  rowsDone!: number;

  @Column({ name: 'rows_total', type: 'integer', nullable: true })
  rowsTotal!: number | null;

  /** Keyset position after the last row safely written (CSV kinds), null before the first. */
  @Column({ name: 'checkpoint_key', type: 'jsonb', nullable: true })
  checkpointKey!: unknown[] | null;

  /** Bytes of the partial file that the checkpoint covers; anything beyond is cut on resume. */
  @Column({ name: 'checkpoint_bytes', type: 'bigint', default: 0 })
  checkpointBytes!: string;

  /** Which run owns the job: a run that lost it (a stalled duplicate) stops at its next write. */
  @Column({ name: 'run_token', type: 'uuid', nullable: true })
  runToken!: string | null;

  @Column({ name: 'error', type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'size_bytes', type: 'bigint', nullable: true })
  sizeBytes!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt!: Date | null;
}
