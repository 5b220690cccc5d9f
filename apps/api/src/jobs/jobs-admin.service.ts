import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import type { RequestContext } from '../common/request-context.js';
import { PRISMA, type Prisma } from '../infra/prisma.service.js';
import { Queues } from './queues.js';
import { QUEUES } from './registry.js';

/** What admins see and do with the queues: depth, failed jobs (kept after their last attempt), retry. */
@Injectable()
export class JobsAdminService {
  constructor(
    @Inject(Queues) private readonly queues: Queues,
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async stats() {
    return Promise.all(
      QUEUES.map(async (queue) => {
        const counts = await this.queues.get(queue).getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
        return {
          queue,
          waiting: counts.waiting ?? 0,
          active: counts.active ?? 0,
          delayed: counts.delayed ?? 0,
          failed: counts.failed ?? 0,
          completed: counts.completed ?? 0,
        };
      }),
    );
  }

  async failed(page: number, pageSize: number) {
    const perQueue = await Promise.all(
      QUEUES.map(async (queue) => {
        const q = this.queues.get(queue);
        const [jobs, count] = await Promise.all([q.getFailed(0, page * pageSize - 1), q.getFailedCount()]);
        return { jobs: jobs.filter(Boolean).map((job) => ({ queue, job })), count };
      }),
    );
    const all = perQueue
      .flatMap((p) => p.jobs)
      .sort((a, b) => (b.job.finishedOn ?? 0) - (a.job.finishedOn ?? 0))
      .slice((page - 1) * pageSize, page * pageSize);
    return {
      items: all.map(({ queue, job }) => ({
        queue,
        id: String(job.id),
        name: job.name,
        data: job.data,
        failedReason: job.failedReason ?? '',
        attemptsMade: job.attemptsMade,
        failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
      })),
      total: perQueue.reduce((sum, p) => sum + p.count, 0),
      page,
      pageSize,
    };
  }

  async retry(queue: string, id: string, ctx: RequestContext) {
    if (!(QUEUES as readonly string[]).includes(queue)) throw AppError.notFound('Queue');
    const job = await this.queues.get(queue as (typeof QUEUES)[number]).getJob(id);
    if (!job || !(await job.isFailed())) throw AppError.notFound('Failed job');
    await job.retry('failed');
    await this.prisma.$transaction((tx) =>
      this.audit.record(tx, ctx, {
        action: 'job.retried',
        entityType: 'Job',
        entityId: `${queue}/${id}`,
        data: { name: job.name },
      }),
    );
    return { status: 'retried' as const };
  }
}
