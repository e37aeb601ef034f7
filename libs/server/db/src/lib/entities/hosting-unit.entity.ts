import { HOSTING_UNIT_KINDS, type HostingUnitKind } from '@parcours/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  type Relation,
} from 'typeorm';
import { sqlIn } from '../schema/sql';
import { PlaceEntity } from './place.entity';

/** An office or a set of desks in a place, with the number of seats it offers. */
@Entity({ name: 'hosting_unit' })
@Unique('uq_hosting_unit_place_id_name', ['placeId', 'name'])
@Check('ck_hosting_unit_kind', sqlIn('kind', HOSTING_UNIT_KINDS))
@Check('ck_hosting_unit_name_not_blank', `btrim("name") <> ''`)
@Check('ck_hosting_unit_capacity_positive', `"capacity" > 0`)
export class HostingUnitEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_hosting_unit' })
  id!: string;

  @Column({ name: 'place_id', type: 'uuid' })
  placeId!: string;

  @ManyToOne(() => PlaceEntity, { nullable: false })
  @JoinColumn({ name: 'place_id', foreignKeyConstraintName: 'fk_hosting_unit_place_id' })
  place?: Relation<PlaceEntity>;

  @Column({ name: 'name', type: 'text' })
  name!: string;

  @Column({ name: 'kind', type: 'text' })
  kind!: HostingUnitKind;

  @Column({ name: 'capacity', type: 'integer' })
  capacity!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
