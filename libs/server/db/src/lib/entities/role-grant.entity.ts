import {
  GRANT_SCOPES,
  ROLES,
  type GrantScope,
  type Role,
  type TerritoryCode,
} from '@parcours/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  type Relation,
} from 'typeorm';
import { grantScopeTargetCheck } from '../schema/schema-values';
import { sqlIn } from '../schema/sql';
import { AppUserEntity } from './app-user.entity';
import { StartupEntity } from './startup.entity';
import { StructureEntity } from './structure.entity';
import { TerritoryEntity } from './territory.entity';

/**
 * A role held over a scope. Founder and mentor links are grants scoped to a STARTUP.
 * Exactly the column of the scope is set: the target is a real foreign key, not a loose id.
 */
@Entity({ name: 'role_grant' })
// Expression index (coalesce over the target columns) written by the migration.
@Index('uq_role_grant_user_role_scope_target', { synchronize: false })
@Index('ix_role_grant_structure_id', ['structureId'], { where: `"structure_id" IS NOT NULL` })
@Index('ix_role_grant_startup_id', ['startupId'], { where: `"startup_id" IS NOT NULL` })
@Check('ck_role_grant_role', sqlIn('role', ROLES))
@Check('ck_role_grant_scope', sqlIn('scope', GRANT_SCOPES))
@Check('ck_role_grant_scope_target', grantScopeTargetCheck())
export class RoleGrantEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_role_grant' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => AppUserEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_role_grant_user_id' })
  user?: Relation<AppUserEntity>;

  @Column({ name: 'role', type: 'text' })
  role!: Role;

  @Column({ name: 'scope', type: 'text' })
  scope!: GrantScope;

  @Column({ name: 'territory_code', type: 'text', nullable: true })
  territoryCode!: TerritoryCode | null;

  @ManyToOne(() => TerritoryEntity, { nullable: true })
  @JoinColumn({ name: 'territory_code', foreignKeyConstraintName: 'fk_role_grant_territory_code' })
  territory?: Relation<TerritoryEntity> | null;

  @Column({ name: 'structure_id', type: 'uuid', nullable: true })
  structureId!: string | null;

  @ManyToOne(() => StructureEntity, { nullable: true })
  @JoinColumn({ name: 'structure_id', foreignKeyConstraintName: 'fk_role_grant_structure_id' })
  structure?: Relation<StructureEntity> | null;

  @Column({ name: 'startup_id', type: 'uuid', nullable: true })
  startupId!: string | null;

  @ManyToOne(() => StartupEntity, { nullable: true })
  @JoinColumn({ name: 'startup_id', foreignKeyConstraintName: 'fk_role_grant_startup_id' })
  startup?: Relation<StartupEntity> | null;

  @Column({ name: 'granted_by_id', type: 'uuid', nullable: true })
  grantedById!: string | null;

  @ManyToOne(() => AppUserEntity, { nullable: true })
  @JoinColumn({ name: 'granted_by_id', foreignKeyConstraintName: 'fk_role_grant_granted_by_id' })
  grantedBy?: Relation<AppUserEntity> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
