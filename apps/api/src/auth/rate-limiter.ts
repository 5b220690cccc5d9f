import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { AppError } from '../common/app-error.js';
import { CONFIG, type Config } from '../config/config.js';
import { REDIS } from '../infra/redis.module.js';

const WINDOW_SECONDS = 15 * 60;

/**
 * Counts failed logins per account and per client address in Redis (shared by every API
 * copy). Over the limit, login answers 429 before the password is even checked.
 */
@Injectable()
export class LoginRateLimiter {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  private keys(email: string, ip: string | null) {
    const prefix = `${this.config.QUEUE_PREFIX}:ratelimit:login`;
    return { account: `${prefix}:account:${email}`, address: `${prefix}:ip:${ip ?? 'unknown'}` };
  }

  /** Without Redis the limits cannot be enforced: refuse sign-ins (fail closed) rather than allow unlimited guessing. */
  private async exec<T>(fn: () => Promise<T>): Promise<T> {
    try {
      // While Redis is unreachable, answer at once rather than wait for a reconnection.
      if (this.redis.status !== 'ready') throw new Error(`Redis is ${this.redis.status}`);
      return await fn();
    } catch {
      throw new AppError('unavailable', 'Sign-in is temporarily unavailable. Try again in a minute.', undefined, {
        'Retry-After': '30',
      });
    }
  }

  async assertAllowed(email: string, ip: string | null) {
    const { account, address } = this.keys(email, ip);
    const replies =
      (await this.exec(() => this.redis.multi().get(account).get(address).ttl(account).ttl(address).exec())) ?? [];
    const [a, b, ttlA, ttlB] = replies.map(([, value]) => value as string | number | null);
    const max = this.config.LOGIN_MAX_FAILURES;
    const over = Number(a ?? 0) >= max ? Number(ttlA) : Number(b ?? 0) >= max * 10 ? Number(ttlB) : -1;
    if (over >= 0) {
      const retryAfter = String(Math.max(1, over));
      throw new AppError(
        'rate_limited',
        `Too many failed sign-in attempts. Try again in ${retryAfter} seconds.`,
        undefined,
        {
          'Retry-After': retryAfter,
        },
      );
    }
  }

  async recordFailure(email: string, ip: string | null) {
    const { account, address } = this.keys(email, ip);
    await this.exec(() =>
      this.redis
        .multi()
        .incr(account)
        .expire(account, WINDOW_SECONDS, 'NX')
        .incr(address)
        .expire(address, WINDOW_SECONDS, 'NX')
        .exec(),
    );
  }

  async reset(email: string) {
    await this.exec(() => this.redis.del(this.keys(email, null).account));
  }
}
