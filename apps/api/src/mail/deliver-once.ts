import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PRISMA, type Prisma } from '../infra/prisma.service.js';
import type { RenderedEmail } from './layout.js';
import { Mailer } from './mailer.js';

export type DeliveryResult = 'sent' | 'duplicate';

/**
 * Sends an email at most once per dedupe key (an event and its recipient): the delivery row
 * is checked before the SMTP call and marked SENT right after it. A worker killed between the
 * two leaves it SENDING; the retry sends again with the same Message-ID (derived from the
 * key), which mail systems use to drop the copy.
 */
@Injectable()
export class DeliverOnce {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(Mailer) private readonly mailer: Mailer,
  ) {}

  messageIdFor(dedupeKey: string): string {
    return `<${createHash('sha256').update(dedupeKey).digest('hex').slice(0, 32)}@${this.mailer.hostname}>`;
  }

  /** Whether this key was delivered already (lets a handler skip work such as minting a token). */
  async delivered(dedupeKey: string): Promise<boolean> {
    const row = await this.prisma.emailDelivery.findUnique({ where: { dedupeKey }, select: { status: true } });
    return row?.status === 'SENT';
  }

  async send(dedupeKey: string, recipient: string, template: string, email: RenderedEmail): Promise<DeliveryResult> {
    if (await this.delivered(dedupeKey)) return 'duplicate';
    const messageId = this.messageIdFor(dedupeKey);
    await this.prisma.emailDelivery.upsert({
      where: { dedupeKey },
      create: { dedupeKey, recipient, template, status: 'SENDING', attempts: 1, messageId },
      update: { status: 'SENDING', attempts: { increment: 1 }, lastError: null },
    });
    return this.sendClaimed(dedupeKey, recipient, email, messageId);
  }

  /** Sends for a delivery row the caller has already claimed (status SENDING), then marks it SENT. */
  async sendClaimed(dedupeKey: string, recipient: string, email: RenderedEmail, messageId: string): Promise<'sent'> {
    try {
      await this.mailer.send(recipient, email, messageId);
    } catch (error) {
      await this.prisma.emailDelivery.update({
        where: { dedupeKey },
        data: { status: 'FAILED', lastError: String((error as Error).message).slice(0, 1000) },
      });
      throw error;
    }
    await this.prisma.emailDelivery.update({ where: { dedupeKey }, data: { status: 'SENT', sentAt: new Date() } });
    return 'sent';
  }
}
