import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DEFAULT_JOB_OPTIONS, QUEUES, type QueueName } from './registry.js';

/**
 * The producer side of the queues. Its Redis connection fails fast instead of buffering
 * while Redis is down, so the outbox relay's transaction rolls back and retries later
 * rather than hanging.
 */
export class Queues {
  private readonly connection: Redis;
  readonly byName: Map<QueueName, Queue>;

  constructor(redisUrl: string, prefix: string) {
    this.connection = new Redis(redisUrl, {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      connectTimeout: 2000,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    this.connection.on('error', () => {
      // Reported by the relay when an add fails; ioredis reconnects by itself.
    });
    this.byName = new Map(
      QUEUES.map((name) => [
        name,
        new Queue(name, { connection: this.connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS }),
      ]),
    );
  }

  /** Resolves once Redis is connected (commands fail fast otherwise), or rejects after `timeoutMs`. */
  async ready(timeoutMs = 30_000): Promise<void> {
    if (this.connection.status === 'ready') return;
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('Redis did not become ready')), timeoutMs);
      this.connection.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  get(name: QueueName): Queue {
    const queue = this.byName.get(name);
    if (!queue) throw new Error(`Unknown queue ${name}`);
    return queue;
  }

  async close() {
    await Promise.all([...this.byName.values()].map((q) => q.close()));
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}
