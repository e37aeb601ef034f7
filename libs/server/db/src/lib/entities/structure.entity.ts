import { STRUCTURE_KINDS, type StructureKind, type TerritoryCode } from '@parcours/contracts';
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
  VersionColumn,
  type Relation,
} from 'typeorm';
import { sqlIn } from '../schema/sql';
import { PlaceEntity } from './place.entity';
import { TerritoryEntity } from './territory.entity';

@Entity({ name: 'structure' })
@Unique('uq_structure_name', ['name'])
@Check('ck_structure_kind', sqlIn('kind', STRUCTURE_KINDS))
@Check('ck_structure_name_not_blank', `btrim("name") <> ''`)
export class StructureEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_structure' })
  id!: string;

  @Column({ name: 'name', type: 'text' })
  name!: string;

  @Column({ name: 'kind', type: 'text' })
  kind!: StructureKind;

  /** Null for structures that serve every territory (e.g. the regional funders). */
  @Column({ name: 'territory_code', type: 'text', nullable: true })
  territoryCode!: TerritoryCode | null;

  @ManyToOne(() => TerritoryEntity, { nullable: true })
  @JoinColumn({ name: 'territory_code', foreignKeyConstraintName: 'fk_structure_territory_code' })
  territory?: Relation<TerritoryEntity> | null;

  @Column({ name: 'place_id', type: 'uuid', nullable: true })
  placeId!: string | null;

  @ManyToOne(() => PlaceEntity, { nullable: true })
  @JoinColumn({ name: 'place_id', foreignKeyConstraintName: 'fk_structure_place_id' })
  place?: Relation<PlaceEntity> | null;

  @VersionColumn({ name: 'version', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
