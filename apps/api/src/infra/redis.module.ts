import { type FactoryProvider, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { CONFIG, type Config } from '../config/config.js';

export const REDIS = Symbol('REDIS');

export function createRedis(url: string): Redis {
  // BullMQ needs maxRetriesPerRequest: null on connections it shares.
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
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
