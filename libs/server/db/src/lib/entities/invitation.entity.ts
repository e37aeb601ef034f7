import { INVITATION_EMAIL_OUTCOMES, type InvitationEmailOutcome } from '@parcours/contracts';
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
import { sqlIn } from '../schema/sql';
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
@Check('ck_invitation_email_outcome', sqlIn('email_outcome', INVITATION_EMAIL_OUTCOMES))
// The invitation sweep reads recent invitations whose e-mail is still to be sent.
@Index('ix_invitation_unemailed_created_at', ['createdAt'], {
  where: `"emailed_at" IS NULL AND "sealed_token" IS NOT NULL`,
})
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

  /**
   * The token, sealed with MFA_ENCRYPTION_KEY, kept only until the worker has e-mailed the link
   * (the database otherwise holds its hash alone); cleared once the e-mail is sent or given up.
   */
  @Column({ name: 'sealed_token', type: 'text', nullable: true })
  sealedToken!: string | null;

  /** The claim of the invitation's one e-mail, taken before sending. */
  @Column({ name: 'emailed_at', type: 'timestamptz', nullable: true })
  emailedAt!: Date | null;

  @Column({ name: 'email_outcome', type: 'text', nullable: true })
  emailOutcome!: InvitationEmailOutcome | null;

  @Column({ name: 'email_error', type: 'text', nullable: true })
  emailError!: string | null;
}
