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
  value === undefined ? undefined : ['1', 'true', 'yes', 'on'].includes(String(value).toLowerCase());
const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);

/** A secret only good enough for a laptop demo: refused outside demo mode. */
export const DEMO_JWT_SECRET = 'parcours-demo-only-secret-never-use-in-production-0000';
export const DEFAULT_DEMO_PASSWORD = 'parcours-demo-2026';

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

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  @IsOptional()
  @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsString()
  MAIL_FROM = 'Parcours <no-reply@parcours.test>';

  @IsString()
  PUBLIC_URL = 'http://localhost:4200';

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

  /** The secret that signs access tokens; the demo secret only in demo mode. */
  get jwtSecret(): string {
    return this.JWT_SECRET ?? DEMO_JWT_SECRET;
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
  for (const key of [...known, 'JWT_SECRET', 'SMTP_URL']) {
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
  if (!config.JWT_SECRET && !config.DEMO_MODE && config.NODE_ENV !== 'test') {
    problems.push('JWT_SECRET: required outside demo mode (at least 32 random characters)');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
