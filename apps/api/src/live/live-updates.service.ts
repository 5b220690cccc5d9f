import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.js';
import { CONFIG, type Config } from '../config/config.js';
import { REDIS } from '../infra/redis.module.js';

type Listener = (event: string, data: unknown) => void;

/**
 * Live updates to browsers, fanned out through Redis pub/sub: whichever API copy or
 * worker publishes, every API copy holding a stream of that user delivers it. Losing a
 * message only delays the browser until its next event or reconnect (it re-reads the
 * current state on connect); nothing of record goes through here.
 */
@Injectable()
export class LiveUpdates implements OnApplicationShutdown {
  private subscriber: Redis | null = null;
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  private channel(userId: string) {
    return `${this.config.QUEUE_PREFIX}:live:${userId}`;
  }

  async publish(userId: string, event: string, data: unknown): Promise<void> {
    // Best effort: while Redis is unreachable, browsers catch up on their next event or reconnect.
    if (this.redis.status !== 'ready') return;
    try {
      await this.redis.publish(this.channel(userId), JSON.stringify({ event, data }));
    } catch (err) {
      this.logger.warn({ err, userId, event }, 'live update not published');
    }
  }

  private ensureSubscriber(): Redis {
    if (this.subscriber) return this.subscriber;
    const sub = this.redis.duplicate();
    sub.on('error', (err) => this.logger.warn({ err: err.message }, 'live updates subscriber error'));
    sub.on('message', (channel: string, message: string) => {
      const set = this.listeners.get(channel);
      if (!set) return;
      try {
        const { event, data } = JSON.parse(message) as { event: string; data: unknown };
        for (const listener of set) listener(event, data);
      } catch {
        // ignore malformed messages
      }
    });
    this.subscriber = sub;
    return sub;
  }

  /** Calls `listener` for every event of this user until the returned function is called. */
  async subscribe(userId: string, listener: Listener): Promise<() => Promise<void>> {
    const channel = this.channel(userId);
    const sub = this.ensureSubscriber();
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      await sub.subscribe(channel);
    }
    set.add(listener);
    return async () => {
      const current = this.listeners.get(channel);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) {
        this.listeners.delete(channel);
        await sub.unsubscribe(channel).catch(() => undefined);
      }
    };
  }

  async onApplicationShutdown() {
    await this.subscriber?.quit().catch(() => this.subscriber?.disconnect());
  }
}
