import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
  type Relation,
} from 'typeorm';
import { AppUserEntity } from './app-user.entity';
import { HostingUnitEntity } from './hosting-unit.entity';
import { StartupEntity } from './startup.entity';

/**
 * Seats of a unit given to a startup from `startsOn` to `endsOn` (inclusive; open-ended while
 * null). Overlapping agreements of a unit never take more seats than it has: checked under the
 * unit's row lock by the hosting service.
 */
@Entity({ name: 'hosting_agreement' })
@Index('ix_hosting_agreement_unit_id', ['unitId'])
@Index('ix_hosting_agreement_startup_id', ['startupId'])
@Check('ck_hosting_agreement_ends_after_start', `"ends_on" >= "starts_on"`)
@Check('ck_hosting_agreement_seats_positive', `"seats" > 0`)
@Check('ck_hosting_agreement_monthly_rent_eur_not_negative', `"monthly_rent_eur" >= 0`)
export class HostingAgreementEntity {
  @PrimaryGeneratedColumn('uuid', {
    name: 'id',
    primaryKeyConstraintName: 'pk_hosting_agreement',
  })
  id!: string;

  @Column({ name: 'startup_id', type: 'uuid' })
  startupId!: string;

  @ManyToOne(() => StartupEntity, { nullable: false })
  @JoinColumn({ name: 'startup_id', foreignKeyConstraintName: 'fk_hosting_agreement_startup_id' })
  startup?: Relation<StartupEntity>;

  @Column({ name: 'unit_id', type: 'uuid' })
  unitId!: string;

  @ManyToOne(() => HostingUnitEntity, { nullable: false })
  @JoinColumn({ name: 'unit_id', foreignKeyConstraintName: 'fk_hosting_agreement_unit_id' })
  unit?: Relation<HostingUnitEntity>;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn!: string;

  @Column({ name: 'ends_on', type: 'date', nullable: true })
  endsOn!: string | null;

  @Column({ name: 'seats', type: 'integer' })
  seats!: number;

  @Column({
    name: 'monthly_rent_eur',
    type: 'numeric',
    precision: 10,
    scale: 2,
    default: 0,
  })
  monthlyRentEur!: string;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById!: string | null;

  @ManyToOne(() => AppUserEntity, { nullable: true })
  @JoinColumn({
    name: 'created_by_id',
    foreignKeyConstraintName: 'fk_hosting_agreement_created_by_id',
  })
  createdBy?: Relation<AppUserEntity> | null;

  @Column({ name: 'updated_by_id', type: 'uuid', nullable: true })
  updatedById!: string | null;

  @ManyToOne(() => AppUserEntity, { nullable: true })
  @JoinColumn({
    name: 'updated_by_id',
    foreignKeyConstraintName: 'fk_hosting_agreement_updated_by_id',
  })
  updatedBy?: Relation<AppUserEntity> | null;

  @VersionColumn({ name: 'version', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
