import {
  ALWAYS_SENT_CATEGORY,
  isTransactional,
  type NotificationCategory,
  type NotificationType,
} from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, type Config } from '../config/config.js';
import { DIRECT_DB, type DirectDb } from '../infra/direct-db.js';
import { PRISMA, type Prisma } from '../infra/prisma.service.js';
import { DeliverOnce } from '../mail/deliver-once.js';
import { greeting, type Locale, layoutEmail } from '../mail/layout.js';
import { DIGEST_TEXT, NOTIFICATION_EMAILS, UNSUBSCRIBE_LABEL } from './notification-templates.js';
import { ALL_OPTIONAL, unsubscribeToken } from './unsubscribe-token.js';
import { uuidv7 } from './uuid7.js';

export type SendResult = 'sent' | 'duplicate' | 'skipped';

/** What a batch of notification emails came to: sent now, sent before (duplicate), or not to be emailed. */
export type BatchResult = { sent: number; duplicate: number; skipped: number };

type NotificationToSend = {
  id: string;
  userId: string;
  type: string;
  category: NotificationCategory;
  data: unknown;
  link: string | null;
  email: string;
  displayName: string;
  locale: string;
  claimed: boolean;
};

/** Notification emails and digests, each sent once per event and recipient (see DeliverOnce). */
@Injectable()
export class NotificationEmailsHandler {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(DIRECT_DB) private readonly db: DirectDb,
    @Inject(DeliverOnce) private readonly once: DeliverOnce,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  private url(path: string) {
    return new URL(path, this.config.PUBLIC_URL).toString();
  }

  private unsubscribe(userId: string, category: NotificationCategory | typeof ALL_OPTIONAL, locale: Locale) {
    if (category === ALWAYS_SENT_CATEGORY) return undefined;
    const token = unsubscribeToken(this.config.APP_SECRET, userId, category);
    return {
      label: UNSUBSCRIBE_LABEL[locale],
      url: this.url(`/unsubscribe?token=${encodeURIComponent(token)}`),
      oneClickUrl: this.url(`/api/notifications/unsubscribe?token=${encodeURIComponent(token)}`),
    };
  }

  /** The email of one notification (a single event's `notification.email` job). */
  async sendNotification(notificationId: string): Promise<SendResult> {
    const result = await this.sendNotifications([notificationId]);
    return result.sent ? 'sent' : result.duplicate ? 'duplicate' : 'skipped';
  }

  /**
   * The emails of a batch of notifications (a fan-out's `notification.emails` job). One statement
   * reads the notifications that are to be emailed now, with their recipients, and claims their
   * deliveries as DeliverOnce does (INSERT … ON CONFLICT: a row already SENT is not claimed). The
   * claimed ones are sent concurrently over the SMTP pool and marked SENT as they go. If any
   * fails, the job fails and its retry claims, and sends, only what is not SENT.
   */
  async sendNotifications(notificationIds: string[]): Promise<BatchResult> {
    // Lower case as PostgreSQL prints uuids (the dedupe key and Message-ID derive from the id);
    // sorted, so that concurrent claims of overlapping batches lock rows in the same order.
    const ids = [...new Set(notificationIds.map((id) => id.toLowerCase()))].sort();
    const { rows } = await this.db.query<NotificationToSend>(
      `WITH n AS (
         SELECT n.id, n."userId", n.type, n.category::text AS category, n.data, n.link,
                u.email, u."displayName", u.locale, i."messageId", i."deliveryId"
         FROM unnest($1::uuid[], $2::text[], $3::uuid[]) AS i(id, "messageId", "deliveryId")
         JOIN "Notification" n ON n.id = i.id
         JOIN "User" u ON u.id = n."userId"
         WHERE n."emailState" = 'IMMEDIATE'
       ), claimed AS (
         INSERT INTO "EmailDelivery" (id, "dedupeKey", recipient, template, status, attempts, "messageId")
         SELECT n."deliveryId", 'notification:' || n.id, n.email, n.type, 'SENDING', 1, n."messageId"
         FROM n ORDER BY n.id
         ON CONFLICT ("dedupeKey") DO UPDATE
           SET status = 'SENDING', attempts = "EmailDelivery".attempts + 1, "lastError" = NULL
           WHERE "EmailDelivery".status <> 'SENT'
         RETURNING "dedupeKey"
       )
       SELECT n.id, n."userId", n.type, n.category, n.data, n.link, n.email, n."displayName", n.locale,
              c."dedupeKey" IS NOT NULL AS claimed
       FROM n LEFT JOIN claimed c ON c."dedupeKey" = 'notification:' || n.id`,
      // Delivery ids are UUIDv7, as Prisma makes them: time-ordered, so they go at the end of the index.
      [ids, ids.map((id) => this.once.messageIdFor(`notification:${id}`)), ids.map(() => uuidv7())],
    );
    const claimed = rows.filter((row) => row.claimed);
    const result = { sent: 0, duplicate: rows.length - claimed.length, skipped: ids.length - rows.length };
    if (claimed.length === 0) return result;
    result.sent = await this.once.sendClaimedMany(
      claimed.map((n) => {
        const dedupeKey = `notification:${n.id}`;
        return { dedupeKey, recipient: n.email, email: this.render(n), messageId: this.once.messageIdFor(dedupeKey) };
      }),
    );
    return result;
  }

  private render(n: NotificationToSend) {
    const locale: Locale = n.locale === 'ja' ? 'ja' : 'en';
    const text = NOTIFICATION_EMAILS[n.type as NotificationType](locale, n.data as Record<string, unknown>);
    const unsubscribe = isTransactional(n.type as NotificationType)
      ? undefined
      : this.unsubscribe(n.userId, n.category, locale);
    return layoutEmail(locale, {
      subject: text.subject,
      greeting: greeting(locale, n.displayName),
      paragraphs: text.paragraphs,
      action: { label: text.action, url: this.url(n.link ?? '/notifications') },
      ...(unsubscribe ? { unsubscribe } : {}),
    });
  }

  /** One email with every notification waiting for this user's digest. */
  async sendDigest(userId: string, day: string): Promise<SendResult> {
    const user = await this.prisma.user.findUnique({
      where: { id: userId },
      select: { id: true, email: true, displayName: true, locale: true },
    });
    if (!user) return 'skipped';
    const dedupeKey = `digest:${userId}:${day}`;
    const pending = await this.prisma.notification.findMany({
      where: { userId, emailState: 'PENDING_DIGEST' },
      orderBy: { createdAt: 'asc' },
      take: 200,
    });
    if (pending.length === 0) return 'skipped';
    const locale: Locale = user.locale === 'ja' ? 'ja' : 'en';
    const t = DIGEST_TEXT[locale];
    const lines = pending.map(
      (n) => `• ${NOTIFICATION_EMAILS[n.type as NotificationType](locale, n.data as Record<string, unknown>).summary}`,
    );
    // Digests only hold optional categories; their link turns all of those off.
    const unsubscribe = this.unsubscribe(userId, ALL_OPTIONAL, locale);
    const email = layoutEmail(locale, {
      subject: t.subject(pending.length),
      greeting: greeting(locale, user.displayName),
      paragraphs: [t.intro, lines.join('\n')],
      action: { label: t.action, url: this.url('/notifications') },
      ...(unsubscribe ? { unsubscribe } : {}),
    });
    const result = await this.once.send(dedupeKey, user.email, 'digest', email);
    // Today's digest went out already: what came since waits for tomorrow's.
    if (result !== 'sent') return result;
    await this.prisma.notification.updateMany({
      where: { id: { in: pending.map((n) => n.id) }, emailState: 'PENDING_DIGEST' },
      data: { emailState: 'DIGESTED' },
    });
    return result;
  }

  /** Users for whom it is now 08:00 local time and who have notifications waiting for a digest. */
  async dueDigests(now = new Date()): Promise<{ userId: string; day: string }[]> {
    const rows = await this.prisma.$queryRaw<{ userId: string; day: string }[]>`
      SELECT DISTINCT u.id AS "userId", to_char(${now}::timestamptz AT TIME ZONE u."timeZone", 'YYYY-MM-DD') AS day
      FROM "Notification" n JOIN "User" u ON u.id = n."userId"
      WHERE n."emailState" = 'PENDING_DIGEST'
        AND extract(hour FROM ${now}::timestamptz AT TIME ZONE u."timeZone") = 8`;
    return rows;
  }
}
