import { hashPassword, verifyPassword } from '@kizuna/db';
import type { Me, RegisterBody } from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import type { AuthenticatedUser, RequestContext } from '../common/request-context.js';
import { PRISMA, type Prisma } from '../infra/prisma.service.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { LoginRateLimiter } from './rate-limiter.js';
import { SessionService, toAuthenticatedUser, userWithRoles } from './session.service.js';
import { hashToken } from './tokens.js';

// Verified against when the account does not exist, so both paths cost one argon2 verify.
let dummyHash: Promise<string> | undefined;
const decoyHash = () => (dummyHash ??= hashPassword('not-a-real-password-but-a-timing-decoy'));

export function toMe(user: AuthenticatedUser): Me {
  return { ...user, locale: user.locale === 'ja' ? 'ja' : 'en' };
}

@Injectable()
export class AuthService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(LoginRateLimiter) private readonly limiter: LoginRateLimiter,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(OutboxService) private readonly outbox: OutboxService,
  ) {}

  /** Creates an unverified researcher account and queues the verification email. */
  async register(body: RegisterBody, ctx: RequestContext): Promise<void> {
    const passwordHash = await hashPassword(body.password);
    await this.prisma.$transaction(async (tx) => {
      const existing = await tx.user.findUnique({ where: { email: body.email }, select: { id: true } });
      if (existing) {
        // Tell the owner instead of the caller, so nobody learns which addresses have accounts.
        await this.outbox.enqueue(tx, 'email.accountExists', { userId: existing.id });
        return;
      }
      const user = await tx.user.create({
        data: {
          email: body.email,
          displayName: body.displayName,
          passwordHash,
          locale: body.locale,
          timeZone: body.timeZone,
          roles: { create: [{ role: 'RESEARCHER' }] },
        },
        select: { id: true },
      });
      await this.audit.record(tx, ctx, {
        actorId: user.id,
        action: 'user.registered',
        entityType: 'User',
        entityId: user.id,
        data: { locale: body.locale },
      });
      await this.outbox.enqueue(tx, 'email.verify', { userId: user.id });
    });
  }

  /** Consumes a single-use email token of the given purpose, or throws token_invalid. */
  private async consumeToken(
    tx: Parameters<Parameters<Prisma['$transaction']>[0]>[0],
    token: string,
    purpose: 'VERIFY_EMAIL' | 'RESET_PASSWORD',
  ) {
    const now = new Date();
    const row = await tx.emailToken.findUnique({ where: { tokenHash: hashToken(token) } });
    if (!row || row.purpose !== purpose || row.usedAt || row.expiresAt <= now) {
      throw new AppError('token_invalid', 'This link is invalid, has been used already or has expired');
    }
    // Conditional update: of two concurrent uses, exactly one wins.
    const claimed = await tx.emailToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
    if (claimed.count !== 1) throw new AppError('token_invalid', 'This link has been used already');
    return row;
  }

  async verifyEmail(token: string, ctx: RequestContext): Promise<Me> {
    const user = await this.prisma.$transaction(async (tx) => {
      const row = await this.consumeToken(tx, token, 'VERIFY_EMAIL');
      const updated = await tx.user.update({
        where: { id: row.userId },
        data: { emailVerifiedAt: new Date() },
        ...userWithRoles,
      });
      await tx.emailToken.updateMany({
        where: { userId: row.userId, purpose: 'VERIFY_EMAIL', usedAt: null },
        data: { usedAt: new Date() },
      });
      await this.audit.record(tx, ctx, {
        actorId: row.userId,
        action: 'user.email_verified',
        entityType: 'User',
        entityId: row.userId,
      });
      return updated;
    });
    return toMe(toAuthenticatedUser(user));
  }

  async resendVerification(email: string): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const user = await tx.user.findUnique({ where: { email }, select: { id: true, emailVerifiedAt: true } });
      if (user && !user.emailVerifiedAt) await this.outbox.enqueue(tx, 'email.verify', { userId: user.id });
    });
  }

  async login(email: string, password: string, ctx: RequestContext) {
    await this.limiter.assertAllowed(email, ctx.ip);
    const user = await this.prisma.user.findUnique({ where: { email }, ...userWithRoles });
    const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
    if (!user || !ok) {
      await this.limiter.recordFailure(email, ctx.ip);
      throw new AppError('invalid_credentials', 'Email or password is wrong');
    }
    await this.limiter.reset(email);
    if (!user.emailVerifiedAt) {
      throw new AppError('email_not_verified', 'Confirm your email address with the link we sent you first');
    }
    const session = await this.prisma.$transaction(async (tx) => {
      const created = await this.sessions.create(tx, user.id, { ip: ctx.ip, userAgent: ctx.userAgent });
      await this.audit.record(tx, ctx, {
        actorId: user.id,
        action: 'session.created',
        entityType: 'Session',
        entityId: created.id,
      });
      return created;
    });
    return { session, me: toMe(toAuthenticatedUser(user)) };
  }

  async logout(ctx: RequestContext): Promise<void> {
    const sessionId = ctx.sessionId;
    if (!sessionId) return;
    await this.prisma.$transaction(async (tx) => {
      await this.sessions.revoke(tx, sessionId);
      await this.audit.record(tx, ctx, { action: 'session.revoked', entityType: 'Session', entityId: sessionId });
    });
  }

  async updateProfile(
    ctx: RequestContext,
    changes: { displayName?: string; locale?: 'en' | 'ja'; timeZone?: string },
  ): Promise<Me> {
    const actor = this.requireActor(ctx);
    const user = await this.prisma.$transaction(async (tx) => {
      const updated = await tx.user.update({ where: { id: actor.id }, data: changes, ...userWithRoles });
      await this.audit.record(tx, ctx, {
        action: 'user.profile_updated',
        entityType: 'User',
        entityId: actor.id,
        data: { fields: Object.keys(changes) },
      });
      return updated;
    });
    return toMe(toAuthenticatedUser(user));
  }

  /** Changes the password and revokes every other session of the user. */
  async changePassword(ctx: RequestContext, currentPassword: string, newPassword: string): Promise<void> {
    const actor = this.requireActor(ctx);
    const user = await this.prisma.user.findUniqueOrThrow({ where: { id: actor.id }, select: { passwordHash: true } });
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      throw new AppError('validation_failed', 'The current password is wrong', [
        { path: 'body.currentPassword', code: 'wrong_password', message: 'The current password is wrong' },
      ]);
    }
    const passwordHash = await hashPassword(newPassword);
    await this.prisma.$transaction(async (tx) => {
      await tx.user.update({ where: { id: actor.id }, data: { passwordHash, passwordChangedAt: new Date() } });
      const revoked = await this.sessions.revokeAll(tx, actor.id, ctx.sessionId ?? undefined);
      await this.audit.record(tx, ctx, {
        action: 'user.password_changed',
        entityType: 'User',
        entityId: actor.id,
        data: { sessionsRevoked: revoked },
      });
      await this.outbox.enqueue(tx, 'email.passwordChanged', { userId: actor.id });
    });
  }

  async requestPasswordReset(email: string): Promise<void> {
    await this.prisma.$transaction(async (tx) => {
      const user = await tx.user.findUnique({ where: { email }, select: { id: true } });
      if (user) await this.outbox.enqueue(tx, 'email.passwordReset', { userId: user.id });
    });
  }

  /** Sets a new password from a reset link; every session of the user is revoked. */
  async confirmPasswordReset(token: string, password: string, ctx: RequestContext): Promise<void> {
    const passwordHash = await hashPassword(password);
    await this.prisma.$transaction(async (tx) => {
      const row = await this.consumeToken(tx, token, 'RESET_PASSWORD');
      // Receiving the link proves the address too.
      const user = await tx.user.findUniqueOrThrow({ where: { id: row.userId }, select: { emailVerifiedAt: true } });
      await tx.user.update({
        where: { id: row.userId },
        data: { passwordHash, passwordChangedAt: new Date(), emailVerifiedAt: user.emailVerifiedAt ?? new Date() },
      });
      await tx.emailToken.updateMany({
        where: { userId: row.userId, purpose: 'RESET_PASSWORD', usedAt: null },
        data: { usedAt: new Date() },
      });
      const revoked = await this.sessions.revokeAll(tx, row.userId);
      await this.audit.record(tx, ctx, {
        actorId: row.userId,
        action: 'user.password_reset',
        entityType: 'User',
        entityId: row.userId,
        data: { sessionsRevoked: revoked },
      });
      await this.outbox.enqueue(tx, 'email.passwordChanged', { userId: row.userId });
    });
  }

  private requireActor(ctx: RequestContext): AuthenticatedUser {
    if (!ctx.actor) throw new AppError('unauthenticated');
    return ctx.actor;
  }
}
