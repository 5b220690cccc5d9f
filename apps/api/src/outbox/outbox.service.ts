import { Injectable } from '@nestjs/common';
import type { Tx } from '../infra/prisma.service.js';
import { JOBS, type JobName, type JobPayload } from '../jobs/registry.js';

export const OUTBOX_CHANNEL = 'kizuna_outbox';

/**
 * Records a side effect in the caller's transaction: it happens if and only if the change
 * commits. The worker's relay moves it into BullMQ (woken by NOTIFY, which PostgreSQL
 * delivers only on commit).
 */
@Injectable()
export class OutboxService {
  async enqueue<N extends JobName>(tx: Tx, jobName: N, payload: JobPayload<N>, options: { availableAt?: Date } = {}) {
    const data = JOBS[jobName].payload.parse(payload);
    const row = await tx.outboxMessage.create({
      data: {
        jobName,
        payload: data as object,
        // A later instant makes it a scheduled job, kept in PostgreSQL until then (it survives losing Redis).
        ...(options.availableAt ? { availableAt: options.availableAt } : {}),
      },
      select: { id: true },
    });
    await tx.$executeRawUnsafe(`NOTIFY ${OUTBOX_CHANNEL}`);
    return row.id;
  }

  /** Records many side effects of one job type at once (fan-outs). */
  async enqueueMany<N extends JobName>(tx: Tx, jobName: N, payloads: JobPayload<N>[]) {
    if (payloads.length === 0) return;
    const schema = JOBS[jobName].payload;
    await tx.outboxMessage.createMany({
      data: payloads.map((payload) => ({ jobName, payload: schema.parse(payload) as object })),
    });
    await tx.$executeRawUnsafe(`NOTIFY ${OUTBOX_CHANNEL}`);
  }
}
