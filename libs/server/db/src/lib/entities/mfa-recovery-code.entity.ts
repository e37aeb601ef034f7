import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  type Relation,
} from 'typeorm';
import { AppUserEntity } from './app-user.entity';

/** A single-use recovery code for signing in without the authenticator; stored as SHA-256. */
@Entity({ name: 'mfa_recovery_code' })
@Unique('uq_mfa_recovery_code_user_id_code_hash', ['userId', 'codeHash'])
@Check('ck_mfa_recovery_code_code_hash_sha256', `"code_hash" ~ '^[0-9a-f]{64}$'`)
export class MfaRecoveryCodeEntity {
  @PrimaryGeneratedColumn('uuid', {
    name: 'id',
    primaryKeyConstraintName: 'pk_mfa_recovery_code',
  })
  id!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @ManyToOne(() => AppUserEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_mfa_recovery_code_user_id' })
  user?: Relation<AppUserEntity>;

  @Column({ name: 'code_hash', type: 'text' })
  codeHash!: string;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
