import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.js';
import { CONFIG, type Config } from '../config/config.js';
import { PRISMA, type Prisma } from '../infra/prisma.service.js';
import { Queues } from '../jobs/queues.js';
import { isJobName, JOBS } from '../jobs/registry.js';
import { OUTBOX_CHANNEL } from './outbox.service.js';

const BATCH = 500;

/**
 * Moves committed outbox rows into BullMQ. Rows are claimed with FOR UPDATE SKIP LOCKED,
 * so several relays (one per worker process) never take the same row, and each job gets
 * the deterministic id `outbox-<row id>`, so a row re-added after a crash is ignored by
 * BullMQ rather than run twice. With Redis down the transaction rolls back and the rows
 * wait; the relay catches up when Redis returns.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private running = false;
  private wake: (() => void) | null = null;
  private notified = false;
  private loop: Promise<void> | null = null;
  private listener: pg.Client | null = null;
  private failures = 0;

  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(Queues) private readonly queues: Queues,
    @Inject(CONFIG) private readonly config: Config,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap() {
    this.running = true;
    await this.listen();
    this.loop = this.run();
  }

  async onApplicationShutdown() {
    this.running = false;
    this.notified = true;
    this.wake?.();
    await this.loop;
    await this.listener?.end().catch(() => undefined);
  }

  private async listen() {
    const client = new pg.Client({ connectionString: this.config.DATABASE_URL });
    client.on('error', (err) => {
      this.logger.warn({ err }, 'outbox listener lost its connection; polling only');
      this.listener = null;
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      client.on('notification', () => {
        this.notified = true;
        this.wake?.();
      });
      this.listener = client;
    } catch (err) {
      this.logger.warn({ err }, 'outbox listener could not connect; polling only');
    }
  }

  /** Relays one batch; returns how many rows it moved. */
  async relayOnce(): Promise<number> {
    return this.prisma.$transaction(
      async (tx) => {
        const rows = await tx.$queryRaw<{ id: bigint; jobName: string; payload: unknown }[]>`
          SELECT id, "jobName", payload FROM "OutboxMessage"
          WHERE status = 'PENDING' AND "availableAt" <= now()
          ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`;
        if (rows.length === 0) return 0;
        const known = rows.filter((row) => isJobName(row.jobName));
        for (const row of rows) {
          if (!isJobName(row.jobName))
            this.logger.error({ outboxId: String(row.id), jobName: row.jobName }, 'unknown job in outbox');
        }
        const byQueue = new Map<string, typeof known>();
        for (const row of known) {
          const queue = JOBS[row.jobName as keyof typeof JOBS].queue;
          byQueue.set(queue, [...(byQueue.get(queue) ?? []), row]);
        }
        for (const [queue, batch] of byQueue) {
          await this.queues
            .get(queue as never)
            .addBulk(
              batch.map((row) => ({ name: row.jobName, data: row.payload, opts: { jobId: `outbox-${row.id}` } })),
            );
        }
        const ids = known.map((row) => row.id);
        await tx.$executeRaw`UPDATE "OutboxMessage" SET status = 'DISPATCHED', "dispatchedAt" = now() WHERE id = ANY(${ids})`;
        return known.length;
      },
      { timeout: 30_000 },
    );
  }

  private async run() {
    while (this.running) {
      let moved = 0;
      try {
        moved = await this.relayOnce();
        if (this.failures > 0) this.logger.info('outbox relay recovered');
        this.failures = 0;
      } catch (err) {
        this.failures += 1;
        if (this.failures === 1 || this.failures % 30 === 0)
          this.logger.warn({ err }, 'outbox relay failed; will retry');
      }
      if (moved === BATCH || this.notified) {
        this.notified = false;
        continue;
      }
      const delay = this.failures > 0 ? Math.min(500 * 2 ** this.failures, 10_000) : this.config.OUTBOX_POLL_MS;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }
}
