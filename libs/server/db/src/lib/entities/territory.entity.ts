import { TERRITORIES, type TerritoryCode } from '@parcours/contracts';
import { Check, Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { sqlIn } from '../schema/sql';

@Entity({ name: 'territory' })
@Check('ck_territory_code', sqlIn('code', TERRITORIES))
@Check('ck_territory_name_not_blank', `btrim("name") <> ''`)
export class TerritoryEntity {
  @PrimaryColumn({ name: 'code', type: 'text', primaryKeyConstraintName: 'pk_territory' })
  code!: TerritoryCode;

  @Column({ name: 'name', type: 'text' })
  name!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
