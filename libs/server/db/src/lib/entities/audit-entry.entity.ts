import {
  Check,
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  type Relation,
} from 'typeorm';
import { AppUserEntity } from './app-user.entity';
import { StartupEntity } from './startup.entity';

/**
 * One entry of the append-only, hash-chained audit trail (written by `@parcours/server-audit`).
 * The id orders the chain; each entry's `hash` covers its content and the previous entry's
 * hash. Triggers of the migration refuse UPDATE, DELETE and TRUNCATE; the unique `prev_hash`
 * makes a forked chain impossible to commit.
 */
@Entity({ name: 'audit_entry' })
@Unique('uq_audit_entry_prev_hash', ['prevHash'])
@Index('ix_audit_entry_entity_id_id', ['entityId', 'id'])
@Index('ix_audit_entry_actor_id_id', ['actorId', 'id'])
@Index('ix_audit_entry_startup_id_id', ['startupId', 'id'])
@Index('ix_audit_entry_occurred_at', ['occurredAt'])
@Check('ck_audit_entry_action_shape', `"action" ~ '^[a-z][a-z_]*([.][a-z][a-z_]*)+$'`)
@Check('ck_audit_entry_entity_type_not_blank', `btrim("entity_type") <> ''`)
@Check('ck_audit_entry_entity_id_not_blank', `btrim("entity_id") <> ''`)
@Check('ck_audit_entry_hash_shape', `"hash" ~ '^[0-9a-f]{64}$'`)
@Check('ck_audit_entry_prev_hash_shape', `"prev_hash" ~ '^[0-9a-f]{64}$'`)
export class AuditEntryEntity {
  /** bigserial, taken by the writer under the chain lock so that ids follow the chain. */
  @PrimaryGeneratedColumn('increment', {
    name: 'id',
    type: 'bigint',
    primaryKeyConstraintName: 'pk_audit_entry',
  })
  id!: string;

  /** Millisecond precision, so that the ISO form hashed by the writer is the one read back. */
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @ManyToOne(() => AppUserEntity, { nullable: true })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'fk_audit_entry_actor_id' })
  actor?: Relation<AppUserEntity> | null;

  @Column({ name: 'action', type: 'text' })
  action!: string;

  @Column({ name: 'entity_type', type: 'text' })
  entityType!: string;

  /** Text: most entities have uuid keys, some (a refused route, a login e-mail) do not. */
  @Column({ name: 'entity_id', type: 'text' })
  entityId!: string;

  /** Lets managers read the entries of their startups through the usual visibility condition. */
  @Column({ name: 'startup_id', type: 'uuid', nullable: true })
  startupId!: string | null;

  @ManyToOne(() => StartupEntity, { nullable: true })
  @JoinColumn({ name: 'startup_id', foreignKeyConstraintName: 'fk_audit_entry_startup_id' })
  startup?: Relation<StartupEntity> | null;

  @Column({ name: 'before', type: 'jsonb', nullable: true })
  before!: unknown;

  @Column({ name: 'after', type: 'jsonb', nullable: true })
  after!: unknown;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId!: string | null;

  @Column({ name: 'prev_hash', type: 'text' })
  prevHash!: string;

  @Column({ name: 'hash', type: 'text' })
  hash!: string;
}
