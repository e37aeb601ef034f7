import type { TerritoryCode } from '@parcours/contracts';
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
import { TerritoryEntity } from './territory.entity';

/** A physical site, such as a city's bâtiment totem, where structures host startups. */
@Entity({ name: 'place' })
@Unique('uq_place_territory_code_name', ['territoryCode', 'name'])
@Check('ck_place_name_not_blank', `btrim("name") <> ''`)
export class PlaceEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_place' })
  id!: string;

  @Column({ name: 'territory_code', type: 'text' })
  territoryCode!: TerritoryCode;

  @ManyToOne(() => TerritoryEntity, { nullable: false })
  @JoinColumn({ name: 'territory_code', foreignKeyConstraintName: 'fk_place_territory_code' })
  territory?: Relation<TerritoryEntity>;

  @Column({ name: 'name', type: 'text' })
  name!: string;

  @Column({ name: 'address', type: 'text', nullable: true })
  address!: string | null;

  /** Free text on purpose (e.g. FLAGSHIP_BUILDING): places are descriptive, nothing branches on it. */
  @Column({ name: 'kind', type: 'text' })
  kind!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
