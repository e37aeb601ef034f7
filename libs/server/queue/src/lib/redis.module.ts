import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '@parcours/server-config';
import type { Redis } from 'ioredis';
import { createRedis } from './redis-connection';

/** A fail-fast Redis client for request paths (readiness, rate limits), not for BullMQ. */
export const REDIS = Symbol('REDIS');
export const InjectRedis = () => Inject(REDIS);

class RedisCloser implements OnApplicationShutdown {
  constructor(@InjectRedis() private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Global()
@Module({
  providers: [
    {
      provide: REDIS,
      inject: [AppConfig],
      useFactory: (config: AppConfig) => {
        const redis = createRedis(config.REDIS_URL, 'producer');
        // Errors surface on the commands that need Redis; the event would otherwise crash the process.
        redis.on('error', () => undefined);
        return redis;
      },
    },
    RedisCloser,
  ],
  exports: [REDIS],
})
export class RedisModule {}
