import { Injectable } from '@nestjs/common';
import { InjectRedis } from '@parcours/server-queue';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';

export type Check = 'up' | 'down';
export interface Readiness {
  status: 'ok' | 'unavailable';
  checks: { postgres: Check; redis: Check };
}

const withTimeout = <T>(promise: Promise<T>, ms: number) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref()),
  ]);

/** Readiness: this process can reach PostgreSQL and Redis right now. */
@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    @InjectRedis() private readonly redis: Redis,
  ) {}

  async readiness(): Promise<Readiness> {
    const [postgres, redis] = await Promise.all([
      withTimeout(this.dataSource.query('SELECT 1'), 2_000).then(
        () => 'up' as const,
        () => 'down' as const,
      ),
      withTimeout(this.redis.ping(), 2_000).then(
        () => 'up' as const,
        () => 'down' as const,
      ),
    ]);
    return {
      status: postgres === 'up' && redis === 'up' ? 'ok' : 'unavailable',
      checks: { postgres, redis },
    };
  }
}
