import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DIRECT_DB, type DirectDb } from '../infra/direct-db.js';
import { PRISMA, type Prisma } from '../infra/prisma.service.js';
import type { RenderedEmail } from './layout.js';
import { Mailer } from './mailer.js';

export type DeliveryResult = 'sent' | 'duplicate';

/** A delivery row the caller has claimed (status SENDING) and the email to send for it. */
export interface ClaimedEmail {
  dedupeKey: string;
  recipient: string;
  email: RenderedEmail;
  messageId: string;
}

/** The email went out but its SENT mark could not be written: the delivery stays SENDING. */
class SentMarkError extends Error {
  constructor(cause: unknown) {
    super(`sent, but not marked SENT: ${(cause as Error)?.message ?? String(cause)}`, { cause });
  }
}

/** Counting semaphore: at most `size` holders at once, served in order. */
class Permits {
  private free: number;
  private readonly waiting: (() => void)[] = [];
  constructor(size: number) {
    this.free = size;
  }
  async acquire(): Promise<void> {
    if (this.free > 0) {
      this.free -= 1;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }
  release() {
    const next = this.waiting.shift();
    if (next) next();
    else this.free += 1;
  }
}

/**
 * Sends an email at most once per dedupe key (an event and its recipient): the delivery row
 * is claimed (SENDING) before the SMTP call and marked SENT right after it. A worker killed
 * between the two leaves it SENDING; the retry sends again with the same Message-ID (derived
 * from the key), which mail systems use to drop the copy.
 *
 * How many emails can be in that window is bounded: a send holds one of `Mailer.maxConnections`
 * permits from the start of its SMTP transaction until its SENT mark is committed, so a crash
 * re-sends at most that many per process (5 by default), however many emails a job claimed
 * (a claimed email not yet sent is simply sent by the retry, once). SENT marks that come while
 * one is being written are written together (see markSent).
 */
@Injectable()
export class DeliverOnce {
  private readonly permits: Permits;
  private toMark: { dedupeKey: string; done: (error?: unknown) => void }[] = [];
  private marking = false;

  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(Mailer) private readonly mailer: Mailer,
    @Inject(DIRECT_DB) private readonly db: DirectDb,
  ) {
    this.permits = new Permits(mailer.maxConnections);
  }

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
      await this.transmit({ dedupeKey, recipient, email, messageId });
    } catch (error) {
      if (!(error instanceof SentMarkError)) await this.markFailed([{ dedupeKey, error }]);
      throw error;
    }
    return 'sent';
  }

  /**
   * Sends claimed emails concurrently (as the SMTP pool allows) and marks each SENT as it goes.
   * Waits for all of them; if any failed, marks those FAILED and throws, so that the job is
   * retried: its new claim takes only the deliveries not yet SENT.
   */
  async sendClaimedMany(emails: ClaimedEmail[]): Promise<number> {
    const results = await Promise.allSettled(emails.map((e) => this.transmit(e)));
    const failed = results.flatMap((r, i) =>
      r.status === 'rejected' ? [{ dedupeKey: emails[i]!.dedupeKey, error: r.reason as unknown }] : [],
    );
    if (failed.length === 0) return emails.length;
    await this.markFailed(failed.filter((f) => !(f.error instanceof SentMarkError)));
    throw new Error(
      `${failed.length} of ${emails.length} emails not sent; first: ${String((failed[0]!.error as Error)?.message ?? failed[0]!.error)}`,
    );
  }

  /** SMTP, then the SENT mark, under one permit. */
  private async transmit(e: ClaimedEmail): Promise<void> {
    await this.permits.acquire();
    try {
      await this.mailer.send(e.recipient, e.email, e.messageId);
      await this.markSent(e.dedupeKey).catch((error: unknown) => {
        throw new SentMarkError(error);
      });
    } finally {
      this.permits.release();
    }
  }

  /**
   * Resolves once the SENT mark is committed. A mark is written at once, unless a statement is
   * in flight: then it waits for it, and the next statement writes every mark that came meanwhile
   * (one UPDATE … = ANY($1)). Marks are not held back to fill statements: each would add to the
   * window in which a crash makes an accepted email go out again.
   */
  private markSent(dedupeKey: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.toMark.push({ dedupeKey, done: (error) => (error === undefined ? resolve() : reject(error)) });
      if (!this.marking) void this.flushSent();
    });
  }

  private async flushSent() {
    this.marking = true;
    while (this.toMark.length > 0) {
      const batch = this.toMark;
      this.toMark = [];
      try {
        await this.db.query(
          `UPDATE "EmailDelivery" SET status = 'SENT', "sentAt" = now() WHERE "dedupeKey" = ANY($1::text[])`,
          [batch.map((m) => m.dedupeKey)],
        );
        for (const m of batch) m.done();
      } catch (error) {
        for (const m of batch) m.done(error ?? new Error('marking sent failed'));
      }
    }
    this.marking = false;
  }

  private async markFailed(failed: { dedupeKey: string; error: unknown }[]) {
    if (failed.length === 0) return;
    await this.db
      .query(
        `UPDATE "EmailDelivery" d SET status = 'FAILED', "lastError" = f.error
         FROM unnest($1::text[], $2::text[]) AS f(key, error)
         WHERE d."dedupeKey" = f.key AND d.status = 'SENDING'`,
        [
          failed.map((f) => f.dedupeKey),
          failed.map((f) => String((f.error as Error)?.message ?? f.error).slice(0, 1000)),
        ],
      )
      .catch(() => undefined);
  }
}
