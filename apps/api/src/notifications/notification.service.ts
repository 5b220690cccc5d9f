import {
  ALWAYS_SENT_CATEGORY,
  isTransactional,
  NOTIFICATION_TYPES,
  type NotificationData,
  type NotificationItem,
  type NotificationType,
} from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error.js';
import { PRISMA, type Prisma, type Tx } from '../infra/prisma.service.js';
import { LiveUpdates } from '../live/live-updates.service.js';
import { OutboxService } from '../outbox/outbox.service.js';

const PUSH_BATCH = 1000;

export interface NotifyInput<T extends NotificationType> {
  type: T;
  userIds: string[];
  data: NotificationData<T>;
  /** Path in the web app. */
  link?: string;
  /** Identifies the event: with the recipient it makes the notification unique, so a retry adds nothing. */
  eventKey: string;
}

type NotificationRow = {
  id: string;
  type: string;
  category: string;
  data: unknown;
  link: string | null;
  createdAt: Date;
  readAt: Date | null;
};

export function toNotificationItem(row: NotificationRow): NotificationItem {
  return {
    id: row.id,
    type: row.type as NotificationType,
    category: row.category as NotificationItem['category'],
    data: (row.data ?? {}) as Record<string, unknown>,
    link: row.link,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

/**
 * The one way anything notifies users. Called inside the transaction of the change that
 * causes it: the in-app notifications, the email jobs (per each recipient's preference)
 * and the live push are all committed with that change, or not at all.
 */
@Injectable()
export class NotificationService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(LiveUpdates) private readonly live: LiveUpdates,
  ) {}

  async notify<T extends NotificationType>(tx: Tx, input: NotifyInput<T>): Promise<number> {
    const spec = NOTIFICATION_TYPES[input.type];
    const data = spec.data.parse(input.data) as object;
    const userIds = [...new Set(input.userIds)];
    if (userIds.length === 0) return 0;
    const category = spec.category;
    const modes = new Map<string, string>();
    if (category !== ALWAYS_SENT_CATEGORY && !isTransactional(input.type)) {
      const prefs = await tx.notificationPreference.findMany({
        where: { userId: { in: userIds }, category },
        select: { userId: true, mode: true },
      });
      for (const p of prefs) modes.set(p.userId, p.mode);
    }
    const created = await tx.notification.createManyAndReturn({
      data: userIds.map((userId) => {
        const mode = modes.get(userId) ?? 'IMMEDIATE';
        return {
          userId,
          dedupeKey: `${input.eventKey}:${userId}`,
          type: input.type,
          category,
          data,
          link: input.link ?? null,
          emailState: mode === 'IMMEDIATE' ? 'IMMEDIATE' : mode === 'DIGEST' ? 'PENDING_DIGEST' : 'NONE',
        } as const;
      }),
      skipDuplicates: true,
      select: { id: true, userId: true, emailState: true },
    });
    await this.outbox.enqueueMany(
      tx,
      'notification.email',
      created.filter((n) => n.emailState === 'IMMEDIATE').map((n) => ({ notificationId: n.id })),
    );
    const notified = created.map((n) => n.userId);
    for (let i = 0; i < notified.length; i += PUSH_BATCH) {
      await this.outbox.enqueue(tx, 'inbox.push', { userIds: notified.slice(i, i + PUSH_BATCH) });
    }
    return created.length;
  }

  unreadCount(userId: string): Promise<number> {
    return this.prisma.notification.count({ where: { userId, readAt: null } });
  }

  async list(userId: string, query: { page: number; pageSize: number; unread?: 'true' | 'false' }) {
    const where = { userId, ...(query.unread === 'true' ? { readAt: null } : {}) };
    const [rows, total, unread] = await Promise.all([
      this.prisma.notification.findMany({
        where,
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
      }),
      this.prisma.notification.count({ where }),
      this.unreadCount(userId),
    ]);
    return { items: rows.map(toNotificationItem), total, page: query.page, pageSize: query.pageSize, unread };
  }

  async markRead(userId: string, id: string) {
    const result = await this.prisma.notification.updateMany({
      where: { id, userId, readAt: null },
      data: { readAt: new Date() },
    });
    if (result.count === 0) {
      // Someone else's notification answers exactly like a missing one.
      const own = await this.prisma.notification.count({ where: { id, userId } });
      if (own === 0) throw AppError.notFound('Notification');
    }
    return this.pushUnread(userId);
  }

  async markAllRead(userId: string) {
    await this.prisma.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: new Date() } });
    return this.pushUnread(userId);
  }

  /** Publishes the current unread count to the user's open browsers and returns it. */
  async pushUnread(userId: string) {
    const unread = await this.unreadCount(userId);
    await this.live.publish(userId, 'unread', { unread });
    return { unread };
  }

  /** Publishes the unread counts of many users (one query). */
  async pushUnreadMany(userIds: string[]) {
    const counts = await this.prisma.notification.groupBy({
      by: ['userId'],
      where: { userId: { in: userIds }, readAt: null },
      _count: { _all: true },
    });
    const byUser = new Map(counts.map((c) => [c.userId, c._count._all]));
    await Promise.all(userIds.map((id) => this.live.publish(id, 'unread', { unread: byUser.get(id) ?? 0 })));
  }
}
