import { randomUUID } from 'node:crypto';
import {
  ALWAYS_SENT_CATEGORY,
  isTransactional,
  type NotificationCategory,
  type NotificationType,
} from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { CONFIG, type Config } from '../config/config.js';
import { PRISMA, type Prisma } from '../infra/prisma.service.js';
import { DeliverOnce } from '../mail/deliver-once.js';
import { greeting, type Locale, layoutEmail } from '../mail/layout.js';
import { DIGEST_TEXT, NOTIFICATION_EMAILS, UNSUBSCRIBE_LABEL } from './notification-templates.js';
import { ALL_OPTIONAL, unsubscribeToken } from './unsubscribe-token.js';

export type SendResult = 'sent' | 'duplicate' | 'skipped';

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
};

/** Notification emails and digests, each sent once per event and recipient (see DeliverOnce). */
@Injectable()
export class NotificationEmailsHandler {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
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

  async sendNotification(notificationId: string): Promise<SendResult> {
    const dedupeKey = `notification:${notificationId}`;
    const messageId = this.once.messageIdFor(dedupeKey);
    // The hot path of every notification email, in one statement: read the notification
    // (if it is to be emailed now) with its recipient, and claim its delivery as deliverOnce
    // does. No row: nothing to send; claimed false: it was sent already.
    const [row] = await this.prisma.$queryRaw<(NotificationToSend & { claimed: boolean })[]>`
      WITH n AS (
        SELECT n.id, n."userId", n.type, n.category::text AS category, n.data, n.link, u.email, u."displayName", u.locale
        FROM "Notification" n JOIN "User" u ON u.id = n."userId"
        WHERE n.id = ${notificationId}::uuid AND n."emailState" = 'IMMEDIATE'
      ), claimed AS (
        INSERT INTO "EmailDelivery" (id, "dedupeKey", recipient, template, status, attempts, "messageId")
        SELECT ${randomUUID()}::uuid, ${dedupeKey}, n.email, n.type, 'SENDING'::"DeliveryStatus", 1, ${messageId} FROM n
        ON CONFLICT ("dedupeKey") DO UPDATE
          SET status = 'SENDING', attempts = "EmailDelivery".attempts + 1, "lastError" = NULL
          WHERE "EmailDelivery".status <> 'SENT'
        RETURNING id
      )
      SELECT n.*, EXISTS (SELECT 1 FROM claimed) AS claimed FROM n`;
    if (!row) return 'skipped';
    if (!row.claimed) return 'duplicate';
    const n = { ...row, user: { email: row.email, displayName: row.displayName, locale: row.locale } };
    const locale: Locale = n.user.locale === 'ja' ? 'ja' : 'en';
    const text = NOTIFICATION_EMAILS[n.type as NotificationType](locale, n.data as Record<string, unknown>);
    const unsubscribe = isTransactional(n.type as NotificationType)
      ? undefined
      : this.unsubscribe(n.userId, n.category, locale);
    const email = layoutEmail(locale, {
      subject: text.subject,
      greeting: greeting(locale, n.user.displayName),
      paragraphs: text.paragraphs,
      action: { label: text.action, url: this.url(n.link ?? '/notifications') },
      ...(unsubscribe ? { unsubscribe } : {}),
    });
    return this.once.sendClaimed(dedupeKey, n.user.email, email, messageId);
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
