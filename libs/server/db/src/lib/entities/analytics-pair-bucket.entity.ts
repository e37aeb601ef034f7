import { STAGES, type Stage } from '@parcours/contracts';
import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import {
  ANALYTICS_DOMAIN_KEYS,
  ANALYTICS_PAIR_KINDS,
  ANALYTICS_TERRITORY_KEYS,
  type AnalyticsPairKind,
} from '../schema/analytics-values';
import { sqlIn } from '../schema/sql';

/**
 * Consecutive events of one kind (entering a stage, leaving it each way) of the same startup in
 * the same stage, counted per (month of the first, month of the second). A startup with two
 * such events in a period counts once: subtracting the pairs that fall inside a period from the
 * events turns event counts into distinct startups, and these cells give that number for whole
 * months without reading the facts.
 */
@Entity({ name: 'analytics_pair_bucket' })
// With the pairs beside the months (INCLUDE, written by the migrations), cells are read
// index-only by first month or by second month; the planner picks the shorter range of the two.
@Index('ix_analytics_pair_bucket_first_month', { synchronize: false })
@Index('ix_analytics_pair_bucket_second_month', { synchronize: false })
@Check('ck_analytics_pair_bucket_territory_code', sqlIn('territory_code', ANALYTICS_TERRITORY_KEYS))
@Check('ck_analytics_pair_bucket_domain', sqlIn('domain', ANALYTICS_DOMAIN_KEYS))
@Check('ck_analytics_pair_bucket_stage', sqlIn('stage', STAGES))
@Check('ck_analytics_pair_bucket_kind', sqlIn('kind', ANALYTICS_PAIR_KINDS))
@Check('ck_analytics_pair_bucket_months_ordered', `"second_month" >= "first_month"`)
export class AnalyticsPairBucketEntity {
  /**
   * Always the nil uuid (`ANALYTICS_EVERY_STARTUP`): the cells count every startup of their
   * territory and domain; a structure's, programme's or cohort's pairs are read from the facts.
   */
  @PrimaryColumn({
    name: 'followed_by',
    type: 'uuid',
    primaryKeyConstraintName: 'pk_analytics_pair_bucket',
  })
  followedBy!: string;

  @PrimaryColumn({
    name: 'territory_code',
    type: 'text',
    primaryKeyConstraintName: 'pk_analytics_pair_bucket',
  })
  territoryCode!: string;

  @PrimaryColumn({
    name: 'domain',
    type: 'text',
    primaryKeyConstraintName: 'pk_analytics_pair_bucket',
  })
  domain!: string;

  @PrimaryColumn({
    name: 'stage',
    type: 'text',
    primaryKeyConstraintName: 'pk_analytics_pair_bucket',
  })
  stage!: Stage;

  @PrimaryColumn({
    name: 'kind',
    type: 'text',
    primaryKeyConstraintName: 'pk_analytics_pair_bucket',
  })
  kind!: AnalyticsPairKind;

  @PrimaryColumn({
    name: 'first_month',
    type: 'date',
    primaryKeyConstraintName: 'pk_analytics_pair_bucket',
  })
  firstMonth!: string;

  @PrimaryColumn({
    name: 'second_month',
    type: 'date',
    primaryKeyConstraintName: 'pk_analytics_pair_bucket',
  })
  secondMonth!: string;

  @Column({ name: 'pairs', type: 'integer', default: 0 })
  pairs!: number;
}
