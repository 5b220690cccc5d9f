import { type FactoryProvider, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { CONFIG, type Config } from '../config/config.js';

export const REDIS = Symbol('REDIS');

/**
 * The process's general-purpose Redis connection (rate limits, live updates, metrics).
 * Commands fail after one reconnection attempt instead of waiting for Redis forever, so a
 * request never hangs on a Redis outage: what needs Redis answers 503, the rest goes on.
 * (BullMQ workers use connections of their own.)
 */
export function createRedis(url: string): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 2000, enableReadyCheck: true });
  redis.on('error', () => {
    // Reconnects by itself; callers see failed commands.
  });
  return redis;
}

class RedisCloser implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown() {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

const redisProvider: FactoryProvider<Redis> = {
  provide: REDIS,
  inject: [CONFIG],
  useFactory: (config: Config) => createRedis(config.REDIS_URL),
};

@Global()
@Module({ providers: [redisProvider, RedisCloser], exports: [REDIS] })
export class RedisModule {}
