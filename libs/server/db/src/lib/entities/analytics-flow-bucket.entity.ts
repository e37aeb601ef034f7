import { STAGES, type Stage } from '@parcours/contracts';
import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import {
  ANALYTICS_DOMAIN_KEYS,
  ANALYTICS_GRAINS,
  ANALYTICS_NO_STAGE,
  ANALYTICS_TERRITORY_KEYS,
  type AnalyticsGrain,
} from '../schema/analytics-values';
import { sqlIn } from '../schema/sql';

/** Stage changes per time bucket (of their effective time), (from, to), territory and domain. */
@Entity({ name: 'analytics_flow_bucket' })
@Check('ck_analytics_flow_bucket_territory_code', sqlIn('territory_code', ANALYTICS_TERRITORY_KEYS))
@Check('ck_analytics_flow_bucket_domain', sqlIn('domain', ANALYTICS_DOMAIN_KEYS))
@Check('ck_analytics_flow_bucket_grain', sqlIn('grain', ANALYTICS_GRAINS))
@Check('ck_analytics_flow_bucket_from_stage', sqlIn('from_stage', [ANALYTICS_NO_STAGE, ...STAGES]))
@Check('ck_analytics_flow_bucket_to_stage', sqlIn('to_stage', STAGES))
export class AnalyticsFlowBucketEntity {
  /**
   * The nil uuid (`ANALYTICS_EVERY_STARTUP`) for rows that count every startup of their territory and
   * domain; otherwise a structure, programme or cohort, for rows (territory and domain `*`) that
   * count the startups it follows or followed.
   */
  @PrimaryColumn({
    name: 'followed_by',
    type: 'uuid',
    primaryKeyConstraintName: 'pk_analytics_flow_bucket',
  })
  followedBy!: string;

  @PrimaryColumn({
    name: 'territory_code',
    type: 'text',
    primaryKeyConstraintName: 'pk_analytics_flow_bucket',
  })
  territoryCode!: string;

  @PrimaryColumn({
    name: 'domain',
    type: 'text',
    primaryKeyConstraintName: 'pk_analytics_flow_bucket',
  })
  domain!: string;

  @PrimaryColumn({
    name: 'grain',
    type: 'text',
    primaryKeyConstraintName: 'pk_analytics_flow_bucket',
  })
  grain!: AnalyticsGrain;

  @PrimaryColumn({
    name: 'bucket_start',
    type: 'date',
    primaryKeyConstraintName: 'pk_analytics_flow_bucket',
  })
  bucketStart!: string;

  /** Empty for a startup's first entry. */
  @PrimaryColumn({
    name: 'from_stage',
    type: 'text',
    primaryKeyConstraintName: 'pk_analytics_flow_bucket',
  })
  fromStage!: string;

  @PrimaryColumn({
    name: 'to_stage',
    type: 'text',
    primaryKeyConstraintName: 'pk_analytics_flow_bucket',
  })
  toStage!: Stage;

  @Column({ name: 'transitions', type: 'integer', default: 0 })
  transitions!: number;
}
