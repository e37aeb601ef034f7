import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * Sign-in sessions (rotating refresh tokens grouped in families), multi-factor sign-in (TOTP
 * state on the user, single-use recovery codes) and invitations. Every token and code is stored
 * as its SHA-256 only; the TOTP secret is stored encrypted by the application.
 */

const UP = [
  `ALTER TABLE "app_user"
     ADD COLUMN "mfa_enabled_at" timestamptz,
     ADD COLUMN "mfa_last_time_step" integer,
     ADD CONSTRAINT "ck_app_user_mfa_enabled_has_secret"
       CHECK ("mfa_enabled_at" IS NULL OR "mfa_secret" IS NOT NULL)`,

  `CREATE TABLE "refresh_token" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid(),
    "user_id" uuid NOT NULL,
    "family_id" uuid NOT NULL,
    "token_hash" text NOT NULL,
    "expires_at" timestamptz NOT NULL,
    "created_at" timestamptz NOT NULL DEFAULT now(),
    "used_at" timestamptz,
    "replaced_by_id" uuid,
    "revoked_at" timestamptz,
    "revoked_reason" text,
    "user_agent" text,
    CONSTRAINT "pk_refresh_token" PRIMARY KEY ("id"),
    CONSTRAINT "fk_refresh_token_user_id" FOREIGN KEY ("user_id") REFERENCES "app_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_refresh_token_replaced_by_id" FOREIGN KEY ("replaced_by_id") REFERENCES "refresh_token" ("id"),
    CONSTRAINT "uq_refresh_token_token_hash" UNIQUE ("token_hash"),
    CONSTRAINT "ck_refresh_token_token_hash_sha256" CHECK ("token_hash" ~ '^[0-9a-f]{64}$'),
    CONSTRAINT "ck_refresh_token_expires_after_created" CHECK ("expires_at" > "created_at"),
    CONSTRAINT "ck_refresh_token_replaced_when_used" CHECK ("replaced_by_id" IS NULL OR "used_at" IS NOT NULL)
  )`,
  // Revoking a session touches its whole family; disabling an account, every family of the user.
  `CREATE INDEX "ix_refresh_token_family_id" ON "refresh_token" ("family_id")`,
  `CREATE INDEX "ix_refresh_token_user_id" ON "refresh_token" ("user_id")`,

  `CREATE TABLE "mfa_recovery_code" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid(),
    "user_id" uuid NOT NULL,
    "code_hash" text NOT NULL,
    "used_at" timestamptz,
    "created_at" timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT "pk_mfa_recovery_code" PRIMARY KEY ("id"),
    CONSTRAINT "fk_mfa_recovery_code_user_id" FOREIGN KEY ("user_id") REFERENCES "app_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "uq_mfa_recovery_code_user_id_code_hash" UNIQUE ("user_id", "code_hash"),
    CONSTRAINT "ck_mfa_recovery_code_code_hash_sha256" CHECK ("code_hash" ~ '^[0-9a-f]{64}$')
  )`,

  `CREATE TABLE "invitation" (
    "id" uuid NOT NULL DEFAULT gen_random_uuid(),
    "user_id" uuid NOT NULL,
    "token_hash" text NOT NULL,
    "expires_at" timestamptz NOT NULL,
    "created_by_id" uuid,
    "created_at" timestamptz NOT NULL DEFAULT now(),
    "used_at" timestamptz,
    "revoked_at" timestamptz,
    CONSTRAINT "pk_invitation" PRIMARY KEY ("id"),
    CONSTRAINT "fk_invitation_user_id" FOREIGN KEY ("user_id") REFERENCES "app_user" ("id") ON DELETE CASCADE,
    CONSTRAINT "fk_invitation_created_by_id" FOREIGN KEY ("created_by_id") REFERENCES "app_user" ("id"),
    CONSTRAINT "uq_invitation_token_hash" UNIQUE ("token_hash"),
    CONSTRAINT "ck_invitation_token_hash_sha256" CHECK ("token_hash" ~ '^[0-9a-f]{64}$'),
    CONSTRAINT "ck_invitation_expires_after_created" CHECK ("expires_at" > "created_at")
  )`,
  `CREATE INDEX "ix_invitation_user_id" ON "invitation" ("user_id")`,
];

const DOWN = [
  `DROP TABLE "invitation"`,
  `DROP TABLE "mfa_recovery_code"`,
  `DROP TABLE "refresh_token"`,
  `ALTER TABLE "app_user"
     DROP CONSTRAINT "ck_app_user_mfa_enabled_has_secret",
     DROP COLUMN "mfa_last_time_step",
     DROP COLUMN "mfa_enabled_at"`,
];

export class SessionsMfaInvitations1795668386658 implements MigrationInterface {
  // Explicit: TypeORM would otherwise use the class name, which minifiers rename.
  name = 'SessionsMfaInvitations1795668386658';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const statement of UP) {
      await queryRunner.query(statement);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const statement of DOWN) {
      await queryRunner.query(statement);
    }
  }
}
