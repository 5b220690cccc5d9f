import type { Role } from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import type { RequestContext } from '../common/request-context.js';
import { PRISMA, type Prisma } from '../infra/prisma.service.js';
import type { JobContext } from '../jobs/handlers.js';
import { JobRunService } from '../jobs/job-run.service.js';
import { NotificationService } from '../notifications/notification.service.js';
import { OutboxService } from '../outbox/outbox.service.js';

const BATCH = 1000;

type AnnouncementRow = {
  id: string;
  title: string;
  body: string;
  audience: Role[];
  createdAt: Date;
  jobRunId: string | null;
};

function toAnnouncement(a: AnnouncementRow) {
  return { ...a, createdAt: a.createdAt.toISOString() };
}

@Injectable()
export class AnnouncementsService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(JobRunService) private readonly runs: JobRunService,
    @Inject(NotificationService) private readonly notifications: NotificationService,
  ) {}

  async create(ctx: RequestContext, input: { title: string; body: string; audience: Role[] }) {
    const actor = ctx.actor;
    if (!actor) throw new AppError('unauthenticated');
    const audience = [...new Set(input.audience)];
    const announcement = await this.prisma.$transaction(async (tx) => {
      const run = await this.runs.create(tx, 'announcement.fanout', actor.id);
      const created = await tx.announcement.create({
        data: { title: input.title, body: input.body, audience, createdById: actor.id, jobRunId: run.id },
      });
      await this.audit.record(tx, ctx, {
        action: 'announcement.created',
        entityType: 'Announcement',
        entityId: created.id,
        data: { title: input.title, audience },
      });
      await this.outbox.enqueue(tx, 'announcement.fanout', { announcementId: created.id, jobRunId: run.id });
      return created;
    });
    return toAnnouncement(announcement);
  }

  async list(page: number, pageSize: number) {
    const [items, total] = await this.prisma.$transaction([
      this.prisma.announcement.findMany({
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        skip: (page - 1) * pageSize,
        take: pageSize,
      }),
      this.prisma.announcement.count(),
    ]);
    return { items: items.map(toAnnouncement), total, page, pageSize };
  }

  /**
   * Worker: notifies every verified user of the audience, a batch per transaction, with
   * progress. Safe to retry: notifications are unique per announcement and user.
   */
  async fanOut(announcementId: string, jobRunId: string, _ctx: JobContext) {
    const announcement = await this.prisma.announcement.findUnique({ where: { id: announcementId } });
    if (!announcement) return { skipped: true };
    const where = {
      emailVerifiedAt: { not: null },
      ...(announcement.audience.length ? { roles: { some: { role: { in: announcement.audience } } } } : {}),
    };
    const total = await this.prisma.user.count({ where });
    await this.runs.start(jobRunId, total);
    try {
      let cursor: string | undefined;
      let done = 0;
      let notified = 0;
      for (;;) {
        const users = await this.prisma.user.findMany({
          where,
          select: { id: true },
          orderBy: { id: 'asc' },
          take: BATCH,
          ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
        });
        if (users.length === 0) break;
        notified += await this.prisma.$transaction(
          (tx) =>
            this.notifications.notify(tx, {
              type: 'announcement.published',
              userIds: users.map((u) => u.id),
              data: { announcementId, title: announcement.title, body: announcement.body },
              link: '/notifications',
              eventKey: `announcement:${announcementId}`,
            }),
          { timeout: 60_000 },
        );
        done += users.length;
        cursor = users[users.length - 1]!.id;
        await this.runs.progress(jobRunId, done, total);
      }
      await this.runs.succeed(jobRunId, { recipients: done, notified });
      return { recipients: done, notified };
    } catch (error) {
      await this.runs.fail(jobRunId, (error as Error).message);
      throw error;
    }
  }
}
