import { DOMAINS, STAGES, TERRITORIES, type Stage } from '@parcours/contracts';
import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { ANALYTICS_EXIT_KINDS, type AnalyticsExitKind } from '../schema/analytics-values';
import { sqlIn } from '../schema/sql';

/**
 * The analytics fact table: one row per stage stay, denormalised with what the filters and the
 * figures need (the startup's territory and domain, how the stay ended, its duration, and the
 * previous occurrence of the same event for the same startup, which makes distinct counts over
 * any period exact). Derived data: rebuilt from `stage_stay`, `startup` and `transition` by
 * `@parcours/server-analytics`, never written by anything else. No foreign keys on purpose:
 * the raw tables stay free to change, and the roll-ups follow.
 *
 * Indexes with INCLUDE columns or on expressions are written by the migrations (TypeORM cannot
 * spell them) and declared here with `synchronize: false` so that the schema comparison leaves
 * them alone.
 */
@Entity({ name: 'analytics_stay' })
@Index('ix_analytics_stay_startup_id', { synchronize: false })
@Index('ix_analytics_stay_entered_at', { synchronize: false })
@Index('ix_analytics_stay_left_at', { synchronize: false })
@Index('ix_analytics_stay_structure_id', { synchronize: false })
@Index('ix_analytics_stay_programme_id', { synchronize: false })
@Index('ix_analytics_stay_cohort_id', { synchronize: false })
@Index('ix_analytics_stay_prev_entered_at', { synchronize: false })
@Index('ix_analytics_stay_prev_left_at', { synchronize: false })
@Index('ix_analytics_stay_repeat_entered_at', { synchronize: false })
@Index('ix_analytics_stay_repeat_left_at', { synchronize: false })
@Index('ix_analytics_stay_duration_order', { synchronize: false })
@Index('ix_analytics_stay_followed_by', { synchronize: false })
@Index('ix_analytics_stay_follower_class', { synchronize: false })
@Check('ck_analytics_stay_stage', sqlIn('stage', STAGES))
@Check('ck_analytics_stay_from_stage', sqlIn('from_stage', STAGES))
@Check('ck_analytics_stay_left_to_stage', sqlIn('left_to_stage', STAGES))
@Check('ck_analytics_stay_territory_code', sqlIn('territory_code', TERRITORIES))
@Check('ck_analytics_stay_domain', sqlIn('domain', DOMAINS))
@Check('ck_analytics_stay_exit_kind', sqlIn('exit_kind', ANALYTICS_EXIT_KINDS))
export class AnalyticsStayEntity {
  @PrimaryColumn({ name: 'stay_id', type: 'uuid', primaryKeyConstraintName: 'pk_analytics_stay' })
  stayId!: string;

  @Column({ name: 'startup_id', type: 'uuid' })
  startupId!: string;

  @Column({ name: 'stage', type: 'text' })
  stage!: Stage;

  @Column({ name: 'territory_code', type: 'text' })
  territoryCode!: string;

  @Column({ name: 'domain', type: 'text' })
  domain!: string;

  @Column({ name: 'structure_id', type: 'uuid', nullable: true })
  structureId!: string | null;

  @Column({ name: 'programme_id', type: 'uuid', nullable: true })
  programmeId!: string | null;

  @Column({ name: 'cohort_id', type: 'uuid', nullable: true })
  cohortId!: string | null;

  /**
   * The structures, programmes and cohorts of every stay of the startup (sorted, distinct): the
   * filters that select it, and the keys of the bucket rows its facts count in.
   */
  @Column({ name: 'followed_by', type: 'uuid', array: true })
  followedBy!: string[];

  /** The stage of the transition that began the stay; null for the startup's first entry. */
  @Column({ name: 'from_stage', type: 'text', nullable: true })
  fromStage!: Stage | null;

  @Column({ name: 'entered_at', type: 'timestamptz' })
  enteredAt!: Date;

  @Column({ name: 'left_at', type: 'timestamptz', nullable: true })
  leftAt!: Date | null;

  @Column({ name: 'left_to_stage', type: 'text', nullable: true })
  leftToStage!: Stage | null;

  @Column({ name: 'exit_kind', type: 'text', nullable: true })
  exitKind!: AnalyticsExitKind | null;

  /** `leftAt − enteredAt` in days, as a double; null while the stay is ongoing. */
  @Column({ name: 'duration_days', type: 'double precision', nullable: true })
  durationDays!: number | null;

  /** The duration histogram's class of the stay (whole weeks); null while ongoing. */
  @Column({ name: 'duration_class', type: 'integer', nullable: true })
  durationClass!: number | null;

  /** The startup's first stay ever: its entry counts as a new startup. */
  @Column({ name: 'first_stay', type: 'boolean' })
  firstStay!: boolean;

  /** When the same startup last entered the same stage before this stay; null the first time. */
  @Column({ name: 'prev_entered_at', type: 'timestamptz', nullable: true })
  prevEnteredAt!: Date | null;

  /** When a previous stay of the same startup in the same stage ended the same way. */
  @Column({ name: 'prev_left_at', type: 'timestamptz', nullable: true })
  prevLeftAt!: Date | null;
}
