import { Inject, Injectable } from '@nestjs/common';
import type { Redis } from 'ioredis';
import { CONFIG, type Config } from '../config/config.js';
import { REDIS } from '../infra/redis.module.js';

export const LATENCY_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] as const;

/**
 * Job latency (from enqueue to completion) as a Prometheus histogram kept in Redis, so
 * every worker adds to it and any API copy can expose it at /api/metrics.
 */
@Injectable()
export class JobMetrics {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  private get key() {
    return `${this.config.QUEUE_PREFIX}:metrics:job_latency`;
  }

  async observe(queue: string, seconds: number): Promise<void> {
    const multi = this.redis.multi();
    for (const le of LATENCY_BUCKETS) if (seconds <= le) multi.hincrby(this.key, `${queue}|${le}`, 1);
    multi.hincrby(this.key, `${queue}|+Inf`, 1);
    multi.hincrbyfloat(this.key, `${queue}|sum`, seconds);
    await multi.exec();
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
