import { Inject, Injectable } from '@nestjs/common';
import { hashToken, newToken } from '../auth/tokens.js';
import { CONFIG, type Config } from '../config/config.js';
import { PRISMA, type Prisma } from '../infra/prisma.service.js';
import type { JobPayload } from '../jobs/registry.js';
import { DeliverOnce } from './deliver-once.js';
import { type Locale, renderEmail, type TemplateName } from './templates.js';

export type AccountEmailJob = 'email.verify' | 'email.passwordReset' | 'email.accountExists' | 'email.passwordChanged';

const SPEC: Record<
  AccountEmailJob,
  { template: TemplateName; token?: { purpose: 'VERIFY_EMAIL' | 'RESET_PASSWORD'; ttlMs: number; path: string } }
> = {
  'email.verify': {
    template: 'verify',
    token: { purpose: 'VERIFY_EMAIL', ttlMs: 24 * 3600_000, path: '/verify-email' },
  },
  'email.passwordReset': {
    template: 'passwordReset',
    token: { purpose: 'RESET_PASSWORD', ttlMs: 3600_000, path: '/reset-password' },
  },
  'email.accountExists': { template: 'accountExists' },
  'email.passwordChanged': { template: 'passwordChanged' },
};

export type HandlerResult = 'sent' | 'duplicate' | 'skipped';

/**
 * Sends the account emails (verification, password reset, notices). Idempotent: a delivery
 * row keyed by the job (one outbox event) and recipient is checked before sending and
 * written right after, so a retried job does not email twice. Tokens are minted here, at
 * send time, so no usable secret ever sits in the database, the outbox or Redis.
 */
@Injectable()
export class AccountEmailsHandler {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(DeliverOnce) private readonly once: DeliverOnce,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  async handle(job: AccountEmailJob, payload: JobPayload<AccountEmailJob>, jobId: string): Promise<HandlerResult> {
    const spec = SPEC[job];
    const user = await this.prisma.user.findUnique({
      where: { id: payload.userId },
      select: { id: true, email: true, displayName: true, locale: true, emailVerifiedAt: true },
    });
    if (!user) return 'skipped';
    if (job === 'email.verify' && user.emailVerifiedAt) return 'skipped';

    const dedupeKey = `${jobId}:${user.id}`;
    if (await this.once.delivered(dedupeKey)) return 'duplicate';

    let link: string | undefined;
    if (spec.token) {
      const token = newToken();
      await this.prisma.emailToken.create({
        data: {
          userId: user.id,
          purpose: spec.token.purpose,
          tokenHash: hashToken(token),
          expiresAt: new Date(Date.now() + spec.token.ttlMs),
        },
      });
      link = new URL(`${spec.token.path}?token=${token}`, this.config.PUBLIC_URL).toString();
    } else if (job === 'email.accountExists') {
      link = new URL('/forgot-password', this.config.PUBLIC_URL).toString();
    }

    const locale: Locale = user.locale === 'ja' ? 'ja' : 'en';
    const email = renderEmail(spec.template, locale, { name: user.displayName, link });
    return this.once.send(dedupeKey, user.email, spec.template, email);
  }
}
