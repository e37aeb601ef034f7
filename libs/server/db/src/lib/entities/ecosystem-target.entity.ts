import { ECOSYSTEM_TARGET_METRICS, type EcosystemTargetMetric } from '@parcours/contracts';
import {
  Check,
  Column,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { sqlIn } from '../schema/sql';
import { AppUserEntity } from './app-user.entity';

/**
 * A published target of the whole ecosystem (e.g. 150 new startups within 3 years), edited by
 * admins; programmes carry their own targets in `programme.targets`.
 */
@Entity({ name: 'ecosystem_target' })
@Check('ck_ecosystem_target_metric', sqlIn('metric', ECOSYSTEM_TARGET_METRICS))
@Check('ck_ecosystem_target_horizon_years', `"horizon_years" BETWEEN 1 AND 30`)
@Check('ck_ecosystem_target_target_not_negative', `"target" >= 0`)
export class EcosystemTargetEntity {
  @PrimaryColumn({ name: 'metric', type: 'text', primaryKeyConstraintName: 'pk_ecosystem_target' })
  metric!: EcosystemTargetMetric;

  @PrimaryColumn({
    name: 'horizon_years',
    type: 'integer',
    primaryKeyConstraintName: 'pk_ecosystem_target',
  })
  horizonYears!: number;

  @Column({ name: 'target', type: 'numeric' })
  target!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column({ name: 'updated_by_id', type: 'uuid', nullable: true })
  updatedById!: string | null;

  @ManyToOne(() => AppUserEntity, { nullable: true })
  @JoinColumn({
    name: 'updated_by_id',
    foreignKeyConstraintName: 'fk_ecosystem_target_updated_by_id',
  })
  updatedBy?: Relation<AppUserEntity> | null;
}
