import { isAbsolute, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const NODE_ENVS = ['development', 'test', 'production'] as const;
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const toBoolean = ({ value }: { value: unknown }) =>
  value === undefined
    ? undefined
    : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase());
const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);

/** Where documents are stored when DOCUMENTS_DIR is not set. */
export const DEFAULT_DOCUMENTS_DIR = '.data/documents';

/** A secret only good enough for a laptop demo: refused outside demo mode. */
export const DEMO_JWT_SECRET = 'parcours-demo-only-secret-never-use-in-production-0000';
export const DEFAULT_DEMO_PASSWORD = 'parcours-demo-2026';
/** 32 bytes (hex) that encrypt TOTP secrets in a laptop demo: refused outside demo mode. */
export const DEMO_MFA_ENCRYPTION_KEY =
  '646f6e6f742d7573652d746869732d64656d6f2d6b65792d696e2d70726f6421';

/** Five space-separated cron fields (minute hour day-of-month month day-of-week). */
const CRON_PATTERN = /^\S+( \S+){4}$/;

/** Settings without a default: absent unless set, so they are listed for loadConfig to read. */
const OPTIONAL_IDENTITY_SETTINGS = [
  'MFA_ENCRYPTION_KEY',
  'MFA_REQUIRED_FOR_STAFF',
  'REFRESH_COOKIE_SECURE',
] as const;

/** A 256-bit key written as 64 hex digits or as base64/base64url (43 or 44 characters). */
const AES_256_KEY = /^(?:[0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=?)$/;

/** Decodes a key that matched AES_256_KEY into its 32 bytes. */
export function decodeAes256Key(text: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(text)
    ? Buffer.from(text, 'hex')
    : Buffer.from(text.replace(/=$/, ''), 'base64url');
  if (key.length !== 32) throw new Error('an AES-256 key is 32 bytes');
  return key;
}

/**
 * Every setting of the API and the worker, read from the environment and validated at start:
 * a missing or invalid setting stops the process with a message that names it.
 */
export class AppConfig {
  @IsIn(NODE_ENVS)
  NODE_ENV: (typeof NODE_ENVS)[number] = 'development';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/parcours';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(200)
  DATABASE_POOL_SIZE = 10;

  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix of every BullMQ key, so several deployments (or test files) can share one Redis. */
  @Matches(/^[A-Za-z0-9:_{}-]+$/, { message: 'QUEUE_PREFIX may hold letters, digits, : _ - { }' })
  QUEUE_PREFIX = 'parcours';

  @Transform(toBoolean)
  @IsBoolean()
  DEMO_MODE = false;

  @IsString()
  @MinLength(12)
  DEMO_PASSWORD = DEFAULT_DEMO_PASSWORD;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'JWT_SECRET must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsString()
  JWT_ISSUER = 'parcours';

  @IsString()
  JWT_AUDIENCE = 'parcours-api';

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(900)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  /** Lifetime of a refresh token; every refresh issues a new one, so a session slides. */
  @Transform(toInt)
  @IsInt()
  @Min(300)
  @Max(90 * 24 * 3600)
  REFRESH_TOKEN_TTL_SECONDS = 7 * 24 * 3600;

  /** Forces the Secure flag of the refresh cookie on or off; by default on unless plain-http dev. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  REFRESH_COOKIE_SECURE?: boolean;

  /** How long an invitation link stays valid. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(30 * 24)
  INVITATION_TTL_HOURS = 7 * 24;

  /** Encrypts TOTP secrets at rest (AES-256-GCM): 64 hex digits or 32 bytes in base64. */
  @IsOptional()
  @Matches(AES_256_KEY, {
    message:
      'MFA_ENCRYPTION_KEY must be 32 bytes as 64 hex digits or base64 (openssl rand -hex 32)',
  })
  MFA_ENCRYPTION_KEY?: string;

  /**
   * Whether admins and managers must sign in with a second factor. Default: yes, except in demo
   * mode and under NODE_ENV=test (whose suites sign staff in with a password alone); it cannot
   * be turned off in production.
   */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  MFA_REQUIRED_FOR_STAFF?: boolean;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsString()
  MAIL_FROM = 'Parcours <no-reply@parcours.test>';

  @IsString()
  PUBLIC_URL = 'http://localhost:4200';

  /**
   * How often the worker queues the e-mails of notifications not yet e-mailed and tells deciders
   * about four-eyes moves waiting for them (milliseconds).
   */
  @Transform(toInt)
  @IsInt()
  @Min(200)
  @Max(3_600_000)
  NOTIFICATION_SWEEP_EVERY_MS = 10_000;

  /** Notifications older than this are never e-mailed by the sweep (a backlog is not news). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 7)
  NOTIFICATION_EMAIL_MAX_AGE_HOURS = 24;

  /** Cron pattern (in SCHEDULE_TIMEZONE) of the time-in-stage escalation run. */
  @Matches(CRON_PATTERN, { message: 'TIME_IN_STAGE_ESCALATION_CRON must be a 5-field cron' })
  TIME_IN_STAGE_ESCALATION_CRON = '0 7 * * *';

  /** Cron pattern (in SCHEDULE_TIMEZONE) of the weekly funder digest: Monday 08:00. */
  @Matches(CRON_PATTERN, { message: 'WEEKLY_DIGEST_CRON must be a 5-field cron' })
  WEEKLY_DIGEST_CRON = '0 8 * * 1';

  /** Cron pattern (in SCHEDULE_TIMEZONE) of the overdue action item reminders: daily 07:15. */
  @Matches(CRON_PATTERN, { message: 'ACTION_ITEM_REMINDER_CRON must be a 5-field cron' })
  ACTION_ITEM_REMINDER_CRON = '15 7 * * *';

  /** Cron pattern (in SCHEDULE_TIMEZONE) of the missing KPI report reminders: daily 07:30. */
  @Matches(CRON_PATTERN, { message: 'KPI_REPORT_REMINDER_CRON must be a 5-field cron' })
  KPI_REPORT_REMINDER_CRON = '30 7 * * *';

  /** IANA time zone of the schedules above. */
  @Matches(/^[A-Za-z_]+(\/[A-Za-z_+-]+)*$/, { message: 'SCHEDULE_TIMEZONE must be an IANA zone' })
  SCHEDULE_TIMEZONE = 'Europe/Paris';

  /** Milliseconds between two outbox polls when no notification wakes the relay. */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  OUTBOX_POLL_MS = 500;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(64)
  WORKER_CONCURRENCY = 8;

  /**
   * How long a worker holds an active job before another may take it over as stalled. A worker
   * killed mid-job delays its jobs by this much; SIGTERM finishes active jobs within it.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  @Max(600_000)
  JOB_LOCK_DURATION_MS = 30_000;

  /**
   * A transition whose stage change is this old and whose workflow has not finished has its
   * effect flow published again (Redis lost it, or a job failed for good); milliseconds.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1000)
  WORKFLOW_REDRIVE_AFTER_MS = 60_000;

  /** How often each worker's relay looks for such transitions (milliseconds). */
  @Transform(toInt)
  @IsInt()
  @Min(200)
  WORKFLOW_REDRIVE_EVERY_MS = 30_000;

  /**
   * Fault injection for the fault-tolerance tests, off (0) unless set: the worker kills itself
   * (SIGKILL) right after its outbox relay has added the jobs of its Nth batch and before it
   * marks the rows sent. Refused when NODE_ENV=production.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  FAULT_RELAY_CRASH_AFTER_BATCH = 0;

  /**
   * Where background exports write their files. The API serves them and the worker writes them,
   * so with several machines this must be a shared volume.
   */
  @Matches(/^\/.*[^/]$|^\/$/, { message: 'EXPORT_DIR must be an absolute path' })
  EXPORT_DIR = join(tmpdir(), 'parcours-exports');

  /** How long a finished background export stays downloadable before its file is deleted. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(24 * 30)
  EXPORT_RETENTION_HOURS = 24;

  /** Rows read per database query by every export (keyset batches keep memory flat). */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(50_000)
  EXPORT_BATCH_ROWS = 2_000;

  /**
   * Folder of the local-disk document storage (created if missing); `.data/documents` under the
   * working directory by default. In production it must be absolute: a volume every API process
   * mounts, since any of them may serve a download.
   */
  @IsOptional()
  @IsString()
  @MinLength(1)
  DOCUMENTS_DIR?: string;

  /** The document storage folder, absolute. */
  get documentsDir(): string {
    return resolve(this.DOCUMENTS_DIR ?? DEFAULT_DOCUMENTS_DIR);
  }

  /** The secret that signs access tokens; the demo secret only in demo mode. */
  get jwtSecret(): string {
    return this.JWT_SECRET ?? DEMO_JWT_SECRET;
  }

  /** The key that encrypts TOTP secrets; the demo key only in demo mode (and tests). */
  get mfaEncryptionKey(): Buffer {
    return decodeAes256Key(this.MFA_ENCRYPTION_KEY ?? DEMO_MFA_ENCRYPTION_KEY);
  }

  get mfaRequiredForStaff(): boolean {
    return this.MFA_REQUIRED_FOR_STAFF ?? (!this.DEMO_MODE && this.NODE_ENV !== 'test');
  }

  /** Browsers drop Secure cookies over plain http, which only a development machine uses. */
  get refreshCookieSecure(): boolean {
    return (
      this.REFRESH_COOKIE_SECURE ??
      (this.NODE_ENV === 'production' || this.PUBLIC_URL.startsWith('https://'))
    );
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the configuration; throws a ConfigError naming every bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const raw: Record<string, string> = {};
  for (const key of [
    ...known,
    'JWT_SECRET',
    'SMTP_URL',
    'DOCUMENTS_DIR',
    ...OPTIONAL_IDENTITY_SETTINGS,
  ]) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const problems = validateSync(config, { forbidUnknownValues: false }).flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) =>
      message.startsWith(error.property) ? message : `${error.property}: ${message}`,
    ),
  );
  if (config.DEMO_MODE && config.NODE_ENV === 'production') {
    problems.push('DEMO_MODE: demo mode is refused when NODE_ENV=production');
  }
  if (config.FAULT_RELAY_CRASH_AFTER_BATCH > 0 && config.NODE_ENV === 'production') {
    problems.push(
      'FAULT_RELAY_CRASH_AFTER_BATCH: fault injection is refused when NODE_ENV=production',
    );
  }
  if (!config.JWT_SECRET && !config.DEMO_MODE && config.NODE_ENV !== 'test') {
    problems.push('JWT_SECRET: required outside demo mode (at least 32 random characters)');
  }
  if (!config.MFA_ENCRYPTION_KEY && !config.DEMO_MODE && config.NODE_ENV !== 'test') {
    problems.push('MFA_ENCRYPTION_KEY: required outside demo mode (openssl rand -hex 32)');
  }
  if (config.MFA_REQUIRED_FOR_STAFF === false && config.NODE_ENV === 'production') {
    problems.push(
      'MFA_REQUIRED_FOR_STAFF: multi-factor sign-in cannot be turned off in production',
    );
  }
  if (
    config.NODE_ENV === 'production' &&
    config.DOCUMENTS_DIR &&
    !isAbsolute(config.DOCUMENTS_DIR)
  ) {
    problems.push('DOCUMENTS_DIR: must be an absolute path in production');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
