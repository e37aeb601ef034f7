import type { TradeShowAttendance } from '@parcours/contracts';
import {
  Check,
  Column,
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
import { AppUserEntity } from './app-user.entity';
import { StartupEntity } from './startup.entity';

/** A startup's quarterly KPI report (indicateurs trimestriels): one per quarter. */
@Entity({ name: 'kpi_report' })
@Unique('uq_kpi_report_startup_id_quarter', ['startupId', 'quarter'])
// Analytics sums the reports of the quarters inside a period.
@Index('ix_kpi_report_quarter_starts_on', ['quarterStartsOn'])
@Check('ck_kpi_report_quarter_format', `"quarter" ~ '^[0-9]{4}-Q[1-4]$'`)
@Check(
  'ck_kpi_report_figures_not_negative',
  `"headcount" >= 0 AND "jobs_created" >= 0 AND "revenue_eur" >= 0 AND "funds_raised_eur" >= 0 AND "customers" >= 0`,
)
@Check('ck_kpi_report_trade_shows_array', `jsonb_typeof("trade_shows") = 'array'`)
export class KpiReportEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_kpi_report' })
  id!: string;

  @Column({ name: 'startup_id', type: 'uuid' })
  startupId!: string;

  @ManyToOne(() => StartupEntity, { nullable: false })
  @JoinColumn({ name: 'startup_id', foreignKeyConstraintName: 'fk_kpi_report_startup_id' })
  startup?: Relation<StartupEntity>;

  /** `2026-Q3`. */
  @Column({ name: 'quarter', type: 'text' })
  quarter!: string;

  /** First day of the quarter, derived from `quarter`, for period queries. */
  @Column({ name: 'quarter_starts_on', type: 'date' })
  quarterStartsOn!: string;

  @Column({ name: 'headcount', type: 'integer' })
  headcount!: number;

  @Column({ name: 'jobs_created', type: 'integer' })
  jobsCreated!: number;

  /** Whole euros; bigint, so the pg driver returns a string. */
  @Column({ name: 'revenue_eur', type: 'bigint' })
  revenueEur!: string;

  @Column({ name: 'funds_raised_eur', type: 'bigint' })
  fundsRaisedEur!: string;

  @Column({ name: 'customers', type: 'integer' })
  customers!: number;

  @Column({ name: 'export_countries', type: 'text', array: true, default: () => `'{}'` })
  exportCountries!: string[];

  @Column({ name: 'trade_shows', type: 'jsonb', default: () => `'[]'` })
  tradeShows!: TradeShowAttendance[];

  @Column({ name: 'submitted_by_id', type: 'uuid', nullable: true })
  submittedById!: string | null;

  @ManyToOne(() => AppUserEntity, { nullable: true })
  @JoinColumn({
    name: 'submitted_by_id',
    foreignKeyConstraintName: 'fk_kpi_report_submitted_by_id',
  })
  submittedBy?: Relation<AppUserEntity> | null;

  @Column({ name: 'updated_by_id', type: 'uuid', nullable: true })
  updatedById!: string | null;

  @ManyToOne(() => AppUserEntity, { nullable: true })
  @JoinColumn({ name: 'updated_by_id', foreignKeyConstraintName: 'fk_kpi_report_updated_by_id' })
  updatedBy?: Relation<AppUserEntity> | null;

  @VersionColumn({ name: 'version', default: 1 })
  version!: number;

  @Column({ name: 'submitted_at', type: 'timestamptz', default: () => 'now()' })
  submittedAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
