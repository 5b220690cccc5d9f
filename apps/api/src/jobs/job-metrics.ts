import { type BeforeApplicationShutdown, Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { CONFIG, type Config } from '../config/config.js';
import { REDIS } from '../infra/redis.module.js';

export const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] as const;

/** How long observations wait in memory before they go to Redis together. */
const FLUSH_MS = 200;

/**
 * Job latency (from enqueue to completion) as a Prometheus histogram kept in Redis, so
 * every worker adds to it and any API copy can expose it at /api/metrics. Observations are
 * summed in memory and added every FLUSH_MS in one transaction (not up to 13 commands per job).
 */
@Injectable()
export class JobMetrics implements BeforeApplicationShutdown {
  /** Increments not yet in Redis, by hash field (bounded: 13 fields per queue). */
  private pending = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  private get key() {
    return `${this.config.QUEUE_PREFIX}:metrics:job_latency`;
  }

  private add(field: string, value: number) {
    this.pending.set(field, (this.pending.get(field) ?? 0) + value);
  }

  async observe(queue: string, seconds: number): Promise<void> {
    for (const le of LATENCY_BUCKETS) if (seconds <= le) this.add(`${queue}|${le}`, 1);
    this.add(`${queue}|+Inf`, 1);
    this.add(`${queue}|sum`, seconds);
    if (!this.timer) {
      this.timer = setTimeout(() => void this.flush().catch(() => undefined), FLUSH_MS);
      this.timer.unref();
    }
  }

  /** Adds what was observed to Redis; on failure keeps it for the next flush. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    const multi = this.redis.multi();
    for (const [field, n] of batch) {
      if (field.endsWith('|sum')) multi.hincrbyfloat(this.key, field, n);
      else multi.hincrby(this.key, field, n);
    }
    try {
      await multi.exec();
    } catch (error) {
      for (const [field, n] of batch) this.add(field, n);
      throw error;
    }
  }

  async beforeApplicationShutdown() {
    // Best effort: with Redis down the last observations are dropped rather than holding up the shutdown.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.flush().catch(() => undefined),
      new Promise((resolve) => {
        timer = setTimeout(resolve, 2000);
      }),
    ]);
    clearTimeout(timer);
  }

  /** The histogram in Prometheus text format. */
  async render(): Promise<string> {
    const fields = await this.redis.hgetall(this.key);
    const queues = [...new Set(Object.keys(fields).map((f) => f.split('|')[0]!))].sort();
    const lines = [
      '# HELP kizuna_job_latency_seconds Time from enqueue to completion of background jobs.',
      '# TYPE kizuna_job_latency_seconds histogram',
    ];
    for (const q of queues) {
      for (const le of [...LATENCY_BUCKETS, '+Inf'] as const) {
        lines.push(`kizuna_job_latency_seconds_bucket{queue="${q}",le="${le}"} ${Number(fields[`${q}|${le}`] ?? 0)}`);
      }
      lines.push(`kizuna_job_latency_seconds_sum{queue="${q}"} ${Number(fields[`${q}|sum`] ?? 0)}`);
      lines.push(`kizuna_job_latency_seconds_count{queue="${q}"} ${Number(fields[`${q}|+Inf`] ?? 0)}`);
    }
    return `${lines.join('\n')}\n`;
  }
}
