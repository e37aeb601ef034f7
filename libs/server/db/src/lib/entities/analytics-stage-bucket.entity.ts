import { STAGES, type Stage } from '@parcours/contracts';
import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import {
  ANALYTICS_DOMAIN_KEYS,
  ANALYTICS_GRAINS,
  ANALYTICS_TERRITORY_KEYS,
  type AnalyticsGrain,
} from '../schema/analytics-values';
import { sqlIn } from '../schema/sql';

/**
 * Pre-aggregated stay events per time bucket (UTC day, month, year), stage, territory and domain
 * (`*` rows count every startup). Entry counters are bucketed by `entered_at`, exit counters by
 * `left_at`. `*_new` count the events whose startup had no earlier event of the same kind in the
 * same stage: over a period that starts at the beginning of time they are the distinct counts.
 * `pairs_*` count consecutive events of one kind of the same startup in the same stage,
 * bucketed by the earlier one: with them, a period that runs to the present needs no scan.
 */
@Entity({ name: 'analytics_stage_bucket' })
@Check(
  'ck_analytics_stage_bucket_territory_code',
  sqlIn('territory_code', ANALYTICS_TERRITORY_KEYS),
)
@Check('ck_analytics_stage_bucket_domain', sqlIn('domain', ANALYTICS_DOMAIN_KEYS))
@Check('ck_analytics_stage_bucket_grain', sqlIn('grain', ANALYTICS_GRAINS))
@Check('ck_analytics_stage_bucket_stage', sqlIn('stage', STAGES))
export class AnalyticsStageBucketEntity {
  /**
   * The nil uuid (`ANALYTICS_EVERY_STARTUP`) for rows that count every startup of their territory and
   * domain; otherwise a structure, programme or cohort, for rows (territory and domain `*`) that
   * count the startups it follows or followed.
   */
  @PrimaryColumn({
    name: 'followed_by',
    type: 'uuid',
    primaryKeyConstraintName: 'pk_analytics_stage_bucket',
  })
  followedBy!: string;

  @PrimaryColumn({
    name: 'territory_code',
    type: 'text',
    primaryKeyConstraintName: 'pk_analytics_stage_bucket',
  })
  territoryCode!: string;

  @PrimaryColumn({
    name: 'domain',
    type: 'text',
    primaryKeyConstraintName: 'pk_analytics_stage_bucket',
  })
  domain!: string;

  @PrimaryColumn({
    name: 'grain',
    type: 'text',
    primaryKeyConstraintName: 'pk_analytics_stage_bucket',
  })
  grain!: AnalyticsGrain;

  @PrimaryColumn({
    name: 'bucket_start',
    type: 'date',
    primaryKeyConstraintName: 'pk_analytics_stage_bucket',
  })
  bucketStart!: string;

  @PrimaryColumn({
    name: 'stage',
    type: 'text',
    primaryKeyConstraintName: 'pk_analytics_stage_bucket',
  })
  stage!: Stage;

  @Column({ name: 'entered', type: 'integer', default: 0 })
  entered!: number;

  @Column({ name: 'entered_new', type: 'integer', default: 0 })
  enteredNew!: number;

  @Column({ name: 'first_stays', type: 'integer', default: 0 })
  firstStays!: number;

  @Column({ name: 'left_on', type: 'integer', default: 0 })
  leftOn!: number;

  @Column({ name: 'left_back', type: 'integer', default: 0 })
  leftBack!: number;

  @Column({ name: 'left_exit', type: 'integer', default: 0 })
  leftExit!: number;

  @Column({ name: 'left_other', type: 'integer', default: 0 })
  leftOther!: number;

  @Column({ name: 'left_on_new', type: 'integer', default: 0 })
  leftOnNew!: number;

  @Column({ name: 'left_back_new', type: 'integer', default: 0 })
  leftBackNew!: number;

  @Column({ name: 'left_exit_new', type: 'integer', default: 0 })
  leftExitNew!: number;

  @Column({ name: 'pairs_entered', type: 'integer', default: 0 })
  pairsEntered!: number;

  @Column({ name: 'pairs_on', type: 'integer', default: 0 })
  pairsOn!: number;

  @Column({ name: 'pairs_back', type: 'integer', default: 0 })
  pairsBack!: number;

  @Column({ name: 'pairs_exit', type: 'integer', default: 0 })
  pairsExit!: number;
}
