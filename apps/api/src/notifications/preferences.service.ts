import {
  ALWAYS_SENT_CATEGORY,
  type DeliveryMode,
  NOTIFICATION_CATEGORIES,
  type NotificationCategory,
} from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import type { RequestContext } from '../common/request-context.js';
import { CONFIG, type Config } from '../config/config.js';
import { PRISMA, type Prisma } from '../infra/prisma.service.js';
import { ALL_OPTIONAL, readUnsubscribeToken } from './unsubscribe-token.js';

@Injectable()
export class PreferencesService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async get(userId: string) {
    const rows = await this.prisma.notificationPreference.findMany({ where: { userId } });
    const modes = new Map(rows.map((r) => [r.category, r.mode]));
    return {
      preferences: NOTIFICATION_CATEGORIES.map((category) => ({
        category,
        mode: category === ALWAYS_SENT_CATEGORY ? 'IMMEDIATE' : (modes.get(category) ?? 'IMMEDIATE'),
        locked: category === ALWAYS_SENT_CATEGORY,
      })),
    };
  }

  async update(ctx: RequestContext, changes: { category: NotificationCategory; mode: DeliveryMode }[]) {
    const userId = ctx.actor?.id;
    if (!userId) throw new AppError('unauthenticated');
    await this.prisma.$transaction(async (tx) => {
      for (const { category, mode } of changes) {
        await tx.notificationPreference.upsert({
          where: { userId_category: { userId, category } },
          create: { userId, category, mode },
          update: { mode },
        });
      }
      await this.audit.record(tx, ctx, {
        action: 'notification_preferences.updated',
        entityType: 'User',
        entityId: userId,
        data: { changes },
      });
    });
    return this.get(userId);
  }

  /** One-click unsubscribe from an email link: turns the category off for that user. */
  async unsubscribe(token: string, ctx: RequestContext) {
    const parsed = readUnsubscribeToken(this.config.APP_SECRET, token);
    if (!parsed || parsed.category === ALWAYS_SENT_CATEGORY) {
      throw new AppError('token_invalid', 'This unsubscribe link is not valid');
    }
    const { userId } = parsed;
    const categories =
      parsed.category === ALL_OPTIONAL
        ? NOTIFICATION_CATEGORIES.filter((c) => c !== ALWAYS_SENT_CATEGORY)
        : [parsed.category];
    await this.prisma.$transaction(async (tx) => {
      const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true } });
      if (!user) throw new AppError('token_invalid', 'This unsubscribe link is not valid');
      for (const category of categories) {
        await tx.notificationPreference.upsert({
          where: { userId_category: { userId, category } },
          create: { userId, category, mode: 'OFF' },
          update: { mode: 'OFF' },
        });
      }
      await this.audit.record(tx, ctx, {
        actorId: userId,
        action: 'notification_preferences.unsubscribed',
        entityType: 'User',
        entityId: userId,
        data: { categories },
      });
    });
    return { categories };
  }
}
