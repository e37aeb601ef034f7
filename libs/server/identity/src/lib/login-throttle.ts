import { Injectable } from '@nestjs/common';
import { AppConfig } from '@parcours/server-config';
import { rateLimitedProblem } from '@parcours/server-http';
import { InjectRedis } from '@parcours/server-queue';
import type { Redis } from 'ioredis';

/** At most this many failed sign-ins per minute, per account and per client address. */
export const MAX_FAILURES_PER_MINUTE = 10;
const WINDOW_SECONDS = 60;

/**
 * Counts failed sign-ins in Redis so the limit holds across API processes. When Redis is
 * unreachable the check lets the attempt through: a sign-in outage is worse than a minute
 * without brute-force protection, and the password hash stays slow either way.
 */
@Injectable()
export class LoginThrottle {
  /** Under the deployment's prefix: deployments (and test platforms) sharing a Redis stay apart. */
  private readonly prefix: string;

  constructor(
    @InjectRedis() private readonly redis: Redis,
    config: AppConfig,
  ) {
    this.prefix = `${config.QUEUE_PREFIX}:login-failures`;
  }

  private accountKey(email: string): string {
    return `${this.prefix}:account:${email.toLowerCase()}`;
  }

  private keys(email: string, address: string): string[] {
    return [this.accountKey(email), `${this.prefix}:address:${address}`];
  }

  async assertAllowed(email: string, address: string): Promise<void> {
    const counts = await this.redis
      .mget(...this.keys(email, address))
      .catch(() => [] as (string | null)[]);
    if (counts.some((count) => Number(count ?? 0) >= MAX_FAILURES_PER_MINUTE)) {
      throw rateLimitedProblem(WINDOW_SECONDS);
    }
  }

  async recordFailure(email: string, address: string): Promise<void> {
    const pipeline = this.redis.multi();
    for (const key of this.keys(email, address)) {
      pipeline.incr(key).expire(key, WINDOW_SECONDS, 'NX');
    }
    await pipeline.exec().catch(() => undefined);
  }

  async recordSuccess(email: string): Promise<void> {
    await this.redis.del(this.accountKey(email)).catch(() => undefined);
  }
}
