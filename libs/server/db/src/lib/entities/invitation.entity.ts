import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  type Relation,
} from 'typeorm';
import { AppUserEntity } from './app-user.entity';

/**
 * A single-use, expiring link that lets an invited person choose their password. Only the
 * SHA-256 of the token is stored: a database leak does not hand out accounts.
 */
@Entity({ name: 'invitation' })
@Unique('uq_invitation_token_hash', ['tokenHash'])
@Index('ix_invitation_user_id', ['userId'])
@Check('ck_invitation_token_hash_sha256', `"token_hash" ~ '^[0-9a-f]{64}$'`)
@Check('ck_invitation_expires_after_created', `"expires_at" > "created_at"`)
export class InvitationEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_invitation' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => AppUserEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_invitation_user_id' })
  user?: Relation<AppUserEntity>;

  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById!: string | null;

  @ManyToOne(() => AppUserEntity, { nullable: true })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_invitation_created_by_id' })
  createdBy?: Relation<AppUserEntity> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  /** Set when a newer invitation for the same person replaces this one. */
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;
}
