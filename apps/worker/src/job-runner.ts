import { LOGGER } from '@kizuna/api/common/logger';
import { CONFIG, type Config } from '@kizuna/api/config/config';
import { JOB_HANDLERS, type JobHandlers } from '@kizuna/api/jobs/handlers';
import { JobMetrics } from '@kizuna/api/jobs/job-metrics';
import { isJobName, JOBS, QUEUE_CONCURRENCY, QUEUES } from '@kizuna/api/jobs/registry';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** Refuses to start unless every job name has exactly one handler and nothing else is registered. */
export function assertHandlers(handlers: Record<string, unknown>) {
  const missing = Object.keys(JOBS).filter((name) => typeof handlers[name] !== 'function');
  const unknown = Object.keys(handlers).filter((name) => !isJobName(name));
  if (missing.length || unknown.length) {
    throw new Error(
      `Job handlers do not match the registry. Missing: [${missing.join(', ')}]; unknown: [${unknown.join(', ')}]`,
    );
  }
}

/** Runs a BullMQ worker per queue. Payloads are re-validated; an invalid one fails at once, without retries. */
@Injectable()
export class JobRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly workers: Worker[] = [];
  private connection: Redis | null = null;

  constructor(
    @Inject(JOB_HANDLERS) private readonly handlers: JobHandlers,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(JobMetrics) private readonly metrics: JobMetrics,
  ) {
    assertHandlers(handlers);
  }

  onApplicationBootstrap() {
    this.connection = new Redis(this.config.REDIS_URL, { maxRetriesPerRequest: null });
    this.connection.on('error', (err) => this.logger.warn({ err: err.message }, 'redis connection error'));
    for (const queue of QUEUES) {
      const worker = new Worker(queue, (job) => this.process(job), {
        connection: this.connection,
        prefix: this.config.QUEUE_PREFIX,
        concurrency: QUEUE_CONCURRENCY[queue],
      });
      worker.on('completed', (job) => {
        if (job.finishedOn)
          void this.metrics.observe(queue, (job.finishedOn - job.timestamp) / 1000).catch(() => undefined);
      });
      worker.on('failed', (job, err) =>
        this.logger.warn(
          { queue, jobId: job?.id, job: job?.name, attempt: job?.attemptsMade, err: err.message },
          'job failed',
        ),
      );
      worker.on('error', (err) => this.logger.warn({ queue, err: err.message }, 'worker error'));
      this.workers.push(worker);
    }
    this.logger.info({ queues: QUEUES }, 'job runner started');
  }

  async process(job: Job): Promise<unknown> {
    if (!isJobName(job.name)) throw new UnrecoverableError(`Unknown job ${job.name}`);
    const parsed = JOBS[job.name].payload.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`Invalid payload for ${job.name}: ${parsed.error.message}`);
    const handler = this.handlers[job.name] as (payload: unknown, ctx: unknown) => Promise<unknown>;
    const result = await handler(parsed.data, {
      jobId: String(job.id),
      attempt: job.attemptsMade + 1,
      progress: (value: number) => job.updateProgress(value),
    });
    this.logger.info({ jobId: job.id, job: job.name, result }, 'job done');
    return result;
  }

  async onApplicationShutdown() {
    // Lets running jobs finish; unfinished ones are picked up again by another worker.
    await Promise.all(this.workers.map((w) => w.close()));
    await this.connection?.quit().catch(() => this.connection?.disconnect());
  }
}
