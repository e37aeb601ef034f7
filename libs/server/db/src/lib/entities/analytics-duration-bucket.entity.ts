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
 * Histogram of completed stays' durations per time bucket (of `left_at`), stage, territory and
 * domain: it tells which duration class holds a percentile's rank, so that only that class's
 * stays are read to find the exact value.
 */
@Entity({ name: 'analytics_duration_bucket' })
@Check(
  'ck_analytics_duration_bucket_territory_code',
  sqlIn('territory_code', ANALYTICS_TERRITORY_KEYS),
)
@Check('ck_analytics_duration_bucket_domain', sqlIn('domain', ANALYTICS_DOMAIN_KEYS))
@Check('ck_analytics_duration_bucket_grain', sqlIn('grain', ANALYTICS_GRAINS))
@Check('ck_analytics_duration_bucket_stage', sqlIn('stage', STAGES))
export class AnalyticsDurationBucketEntity {
  /**
   * The nil uuid (`ANALYTICS_EVERY_STARTUP`) for rows that count every startup of their territory and
   * domain; otherwise a structure, programme or cohort, for rows (territory and domain `*`) that
   * count the startups it follows or followed.
   */
  @PrimaryColumn({
    name: 'followed_by',
    type: 'uuid',
    primaryKeyConstraintName: 'pk_analytics_duration_bucket',
  })
  followedBy!: string;

  @PrimaryColumn({
    name: 'territory_code',
    type: 'text',
    primaryKeyConstraintName: 'pk_analytics_duration_bucket',
  })
  territoryCode!: string;

  @PrimaryColumn({
    name: 'domain',
    type: 'text',
    primaryKeyConstraintName: 'pk_analytics_duration_bucket',
  })
  domain!: string;

  @PrimaryColumn({
    name: 'grain',
    type: 'text',
    primaryKeyConstraintName: 'pk_analytics_duration_bucket',
  })
  grain!: AnalyticsGrain;

  @PrimaryColumn({
    name: 'bucket_start',
    type: 'date',
    primaryKeyConstraintName: 'pk_analytics_duration_bucket',
  })
  bucketStart!: string;

  @PrimaryColumn({
    name: 'stage',
    type: 'text',
    primaryKeyConstraintName: 'pk_analytics_duration_bucket',
  })
  stage!: Stage;

  @PrimaryColumn({
    name: 'duration_class',
    type: 'integer',
    primaryKeyConstraintName: 'pk_analytics_duration_bucket',
  })
  durationClass!: number;

  @Column({ name: 'stays', type: 'integer', default: 0 })
  stays!: number;
}
