import { Redis } from 'ioredis';

export type RedisRole = 'worker' | 'producer';

/**
 * BullMQ's production guide: workers need `maxRetriesPerRequest: null` so blocking commands
 * wait through a Redis restart; producers fail fast instead, so that a caller holding a
 * database transaction (the outbox relay) is never stuck on a Redis that is down.
 */
export interface RoleRedisOptions {
  maxRetriesPerRequest: number | null;
  enableReadyCheck?: boolean;
  enableOfflineQueue?: boolean;
  connectTimeout?: number;
}

export function redisOptions(role: RedisRole): RoleRedisOptions {
  return role === 'worker'
    ? { maxRetriesPerRequest: null, enableReadyCheck: false }
    : { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2_000 };
}

export function createRedis(url: string, role: RedisRole): Redis {
  return new Redis(url, { ...redisOptions(role), lazyConnect: false });
}
