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
import { NOTIFICATION_EMAIL_BATCH } from '../jobs/registry.js';
import { LiveUpdates } from '../live/live-updates.service.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { uuidv7 } from './uuid7.js';

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
    // Whether each recipient's preference for the category applies (else: emailed at once).
    const optional = category !== ALWAYS_SENT_CATEGORY && !isTransactional(input.type);
    // One statement for any number of recipients: the notifications with each one's email state
    // from their preference; a recipient already notified of this event is skipped.
    const created = await tx.$queryRaw<{ id: string; userId: string; emailState: string }[]>`
      INSERT INTO "Notification" (id, "userId", "dedupeKey", type, category, data, link, "emailState")
      SELECT r.id, r."userId", ${input.eventKey}::text || ':' || r."userId", ${input.type}::text,
             ${category}::"NotificationCategory", ${JSON.stringify(data)}::jsonb, ${input.link ?? null}::text,
             (CASE p.mode WHEN 'DIGEST' THEN 'PENDING_DIGEST' WHEN 'OFF' THEN 'NONE' ELSE 'IMMEDIATE' END)::"NotificationEmailState"
      FROM unnest(${userIds.map(() => uuidv7())}::uuid[], ${userIds}::uuid[]) WITH ORDINALITY AS r(id, "userId", i)
      LEFT JOIN "NotificationPreference" p
        ON ${optional}::boolean AND p."userId" = r."userId" AND p.category = ${category}::"NotificationCategory"
      ORDER BY r.i
      ON CONFLICT ("dedupeKey") DO NOTHING
      RETURNING id, "userId", "emailState"::text AS "emailState"`;
    // A single email is a job of its own; several (a fan-out) go in batches, one job each.
    const emails = created.filter((n) => n.emailState === 'IMMEDIATE').map((n) => n.id);
    if (emails.length === 1) {
      await this.outbox.enqueue(tx, 'notification.email', { notificationId: emails[0]! });
    } else if (emails.length > 1) {
      const batches = [];
      for (let i = 0; i < emails.length; i += NOTIFICATION_EMAIL_BATCH) {
        batches.push({ notificationIds: emails.slice(i, i + NOTIFICATION_EMAIL_BATCH) });
      }
      await this.outbox.enqueueMany(tx, 'notification.emails', batches);
    }
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
