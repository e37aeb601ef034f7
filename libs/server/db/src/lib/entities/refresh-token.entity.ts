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
 * One refresh token of a sign-in session. A session is a family: every refresh replaces the
 * token by a new one of the same family, so presenting a replaced token again (a stolen copy
 * being replayed) identifies the family to revoke. Only the SHA-256 of the token is stored.
 */
@Entity({ name: 'refresh_token' })
@Unique('uq_refresh_token_token_hash', ['tokenHash'])
@Index('ix_refresh_token_family_id', ['familyId'])
@Index('ix_refresh_token_user_id', ['userId'])
@Check('ck_refresh_token_token_hash_sha256', `"token_hash" ~ '^[0-9a-f]{64}$'`)
@Check('ck_refresh_token_expires_after_created', `"expires_at" > "created_at"`)
@Check('ck_refresh_token_replaced_when_used', `"replaced_by_id" IS NULL OR "used_at" IS NOT NULL`)
export class RefreshTokenEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_refresh_token' })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => AppUserEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_refresh_token_user_id' })
  user?: Relation<AppUserEntity>;

  /** The session: the same for every token issued from one sign-in. */
  @Column({ name: 'family_id', type: 'uuid' })
  familyId!: string;

  @Column({ name: 'token_hash', type: 'text' })
  tokenHash!: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt!: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  /** When the token was exchanged for its successor; a second exchange is a replay. */
  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @Column({ name: 'replaced_by_id', type: 'uuid', nullable: true })
  replacedById!: string | null;

  @ManyToOne(() => RefreshTokenEntity, { nullable: true })
  @JoinColumn({
    name: 'replaced_by_id',
    foreignKeyConstraintName: 'fk_refresh_token_replaced_by_id',
  })
  replacedBy?: Relation<RefreshTokenEntity> | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  /** Why the family ended (logout, reuse, account disabled...): open text for operators. */
  @Column({ name: 'revoked_reason', type: 'text', nullable: true })
  revokedReason!: string | null;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent!: string | null;
}
