import type { JobRun } from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error.js';
import type { AuthenticatedUser } from '../common/request-context.js';
import { PRISMA, type Prisma, type Tx } from '../infra/prisma.service.js';
import { LiveUpdates } from '../live/live-updates.service.js';

type Row = Awaited<ReturnType<Prisma['jobRun']['findUniqueOrThrow']>>;

function toJobRun(row: Row): JobRun {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    progress: row.progress,
    total: row.total,
    done: row.done,
    result: row.result ?? null,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** Long jobs' progress, persisted (so a page reload or another API copy sees it) and pushed live to their creator. */
@Injectable()
export class JobRunService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(LiveUpdates) private readonly live: LiveUpdates,
  ) {}

  create(tx: Tx, kind: string, createdById: string | null) {
    return tx.jobRun.create({ data: { kind, createdById } });
  }

  async get(id: string, actor: AuthenticatedUser): Promise<JobRun> {
    const row = await this.prisma.jobRun.findUnique({ where: { id } });
    const isAdmin = actor.roles.some((r) => r.role === 'ADMIN');
    if (!row || (row.createdById !== actor.id && !isAdmin)) throw AppError.notFound('Job run');
    return toJobRun(row);
  }

  private async update(id: string, data: Parameters<Prisma['jobRun']['update']>[0]['data']) {
    const row = await this.prisma.jobRun.update({ where: { id }, data });
    if (row.createdById) {
      await this.live.publish(row.createdById, 'job-run', { id: row.id, status: row.status, progress: row.progress });
    }
    return row;
  }

  start(id: string, total: number | null) {
    return this.update(id, { status: 'RUNNING', startedAt: new Date(), total, done: 0, progress: 0, error: null });
  }

  progress(id: string, done: number, total: number | null) {
    const progress = total ? Math.min(99, Math.floor((done / total) * 100)) : 0;
    return this.update(id, { done, progress });
  }

  succeed(id: string, result: object) {
    return this.update(id, { status: 'SUCCEEDED', progress: 100, result, finishedAt: new Date() });
  }

  fail(id: string, error: string) {
    return this.update(id, { status: 'FAILED', error: error.slice(0, 2000), finishedAt: new Date() });
  }
}
