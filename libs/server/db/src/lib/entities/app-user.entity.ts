import { LOCALES, type Locale } from '@parcours/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { sqlIn } from '../schema/sql';

/** A person who signs in. What they may do lives in their role grants. */
@Entity({ name: 'app_user' })
// Expression index (lower(email)) written by the migration; TypeORM cannot describe it.
@Index('uq_app_user_email_lower', { synchronize: false })
@Check('ck_app_user_email_shape', `position('@' in "email") > 1`)
@Check('ck_app_user_display_name_not_blank', `btrim("display_name") <> ''`)
@Check('ck_app_user_locale', sqlIn('locale', LOCALES))
@Check('ck_app_user_mfa_enabled_has_secret', `"mfa_enabled_at" IS NULL OR "mfa_secret" IS NOT NULL`)
export class AppUserEntity {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_app_user' })
  id!: string;

  /** Kept as typed; uniqueness ignores case (see the index above). */
  @Column({ name: 'email', type: 'text' })
  email!: string;

  @Column({ name: 'display_name', type: 'text' })
  displayName!: string;

  /** Null until an invited user chooses a password. */
  @Column({ name: 'password_hash', type: 'text', nullable: true })
  passwordHash!: string | null;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  /** The TOTP secret, AES-256-GCM encrypted; set at enrolment, effective once confirmed. */
  @Column({ name: 'mfa_secret', type: 'text', nullable: true })
  mfaSecret!: string | null;

  /** When the holder proved their authenticator works; null while MFA is off or pending. */
  @Column({ name: 'mfa_enabled_at', type: 'timestamptz', nullable: true })
  mfaEnabledAt!: Date | null;

  /** The last TOTP time step accepted: a code is never accepted twice (RFC 6238 §5.2). */
  @Column({ name: 'mfa_last_time_step', type: 'integer', nullable: true })
  mfaLastTimeStep!: number | null;

  /** The language of the person's notifications and e-mails. */
  @Column({ name: 'locale', type: 'text', default: 'fr' })
  locale!: Locale;

  @VersionColumn({ name: 'version', default: 1 })
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
