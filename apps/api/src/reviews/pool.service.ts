import { DEFAULT_REVIEW_SETTINGS, type ReviewSettings } from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { hashToken } from '../auth/tokens.js';
import { AppError } from '../common/app-error.js';
import type { RequestContext } from '../common/request-context.js';
import { PRISMA, type Prisma, type Tx } from '../infra/prisma.service.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { ConflictsService } from './conflicts.service.js';
import { ReviewAccess } from './review-access.js';

type SettingsRow = Awaited<ReturnType<Prisma['callReviewSettings']['findUniqueOrThrow']>>;

/** A call's review settings, with the defaults when none were saved yet. */
export function settingsOf(call: { reviewersPerProposal: number; reviewSettings: SettingsRow | null }): ReviewSettings {
  const s = call.reviewSettings;
  return {
    reviewersPerProposal: call.reviewersPerProposal,
    reviewDeadline: s?.reviewDeadline?.toISOString() ?? null,
    blindReview: s?.blindReview ?? DEFAULT_REVIEW_SETTINGS.blindReview,
    reminderDaysBefore: s?.reminderDaysBefore ?? [...DEFAULT_REVIEW_SETTINGS.reminderDaysBefore],
    overdueEveryDays: s?.overdueEveryDays ?? DEFAULT_REVIEW_SETTINGS.overdueEveryDays,
    minLoad: s?.minLoad ?? DEFAULT_REVIEW_SETTINGS.minLoad,
    onePerCountry: s?.onePerCountry ?? DEFAULT_REVIEW_SETTINGS.onePerCountry,
    outsideCountry: s?.outsideCountry ?? DEFAULT_REVIEW_SETTINGS.outsideCountry,
    decisionsReleasedAt: s?.decisionsReleasedAt?.toISOString() ?? null,
    version: s?.version ?? 0,
  };
}

const poolInclude = {
  user: {
    select: {
      id: true,
      displayName: true,
      institution: { select: { name: true, countryCode: true } },
      reviewerProfile: { select: { maxLoadPerCall: true } },
    },
  },
} as const;

type PoolRow = Awaited<ReturnType<Prisma['callReviewer']['findUniqueOrThrow']>> & {
  user: {
    id: string;
    displayName: string;
    institution: { name: string; countryCode: string } | null;
    reviewerProfile: { maxLoadPerCall: number } | null;
  } | null;
};

/** A pool member's maximum load in this call: set at invitation, else the reviewer's profile, else 6. */
export function maxLoadOf(row: {
  maxLoad: number | null;
  user: { reviewerProfile: { maxLoadPerCall: number } | null } | null;
}) {
  return row.maxLoad ?? row.user?.reviewerProfile?.maxLoadPerCall ?? 6;
}

@Injectable()
export class PoolService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(ReviewAccess) private readonly access: ReviewAccess,
    @Inject(ConflictsService) private readonly conflicts: ConflictsService,
  ) {}

  async settings(ctx: RequestContext, callId: string) {
    return settingsOf(await this.access.managedCall(ctx, callId));
  }

  async saveSettings(
    ctx: RequestContext,
    callId: string,
    body: Omit<ReviewSettings, 'reviewersPerProposal' | 'decisionsReleasedAt'>,
  ) {
    const { version, ...fields } = body;
    await this.prisma.$transaction(async (tx) => {
      const call = await this.access.managedCall(ctx, callId, tx);
      const current = call.reviewSettings?.version ?? 0;
      if (current !== version) {
        throw new AppError('conflict', `The review settings changed since you loaded them (now version ${current})`, [
          { path: 'body.version', code: 'stale_version', message: 'Reload', params: { current } },
        ]);
      }
      const data = {
        ...fields,
        reminderDaysBefore: [...new Set(fields.reminderDaysBefore)].sort((a, b) => b - a),
        reviewDeadline: fields.reviewDeadline ? new Date(fields.reviewDeadline) : null,
      };
      if (data.reviewDeadline && data.reviewDeadline <= call.closesAt) {
        throw new AppError('validation_failed', 'The review deadline must be after the call closes', [
          { path: 'body.reviewDeadline', code: 'too_early', message: 'must be after the call closes' },
        ]);
      }
      await tx.callReviewSettings.upsert({
        where: { callId },
        create: { callId, ...data },
        update: { ...data, version: { increment: 1 } },
      });
      await this.audit.record(tx, ctx, {
        action: 'call.review_settings_changed',
        entityType: 'Call',
        entityId: callId,
        data: { ...fields, version: version + 1 },
      });
    });
    return this.settings(ctx, callId);
  }

  private async loads(db: Prisma | Tx, callId: string) {
    const rows = await db.reviewAssignment.groupBy({
      by: ['reviewerId'],
      where: { callId, status: { not: 'DECLINED' } },
      _count: { _all: true },
    });
    return new Map(rows.map((r) => [r.reviewerId, r._count._all]));
  }

  private toMember(row: PoolRow, loads: Map<string, number>) {
    return {
      id: row.id,
      email: row.email,
      status: row.status,
      reviewer: row.user
        ? {
            id: row.user.id,
            displayName: row.user.displayName,
            institution: row.user.institution?.name ?? null,
            countryCode: row.user.institution?.countryCode ?? null,
          }
        : null,
      maxLoad: maxLoadOf(row),
      load: row.user ? (loads.get(row.user.id) ?? 0) : 0,
      invitedAt: row.createdAt.toISOString(),
      respondedAt: row.respondedAt?.toISOString() ?? null,
    };
  }

  async pool(ctx: RequestContext, callId: string) {
    await this.access.managedCall(ctx, callId);
    const [rows, loads] = await Promise.all([
      this.prisma.callReviewer.findMany({ where: { callId }, include: poolInclude, orderBy: { createdAt: 'asc' } }),
      this.loads(this.prisma, callId),
    ]);
    return rows.map((r) => this.toMember(r as PoolRow, loads));
  }

  async invite(ctx: RequestContext, callId: string, body: { emails: string[]; maxLoad?: number }) {
    await this.prisma.$transaction(async (tx) => {
      const call = await this.access.managedCall(ctx, callId, tx);
      if (call.status === 'DRAFT') throw new AppError('conflict', 'Publish the call before inviting reviewers');
      if (call.status === 'DECIDED' || call.status === 'ARCHIVED') {
        throw new AppError('conflict', 'The review of this call is over');
      }
      const existing = new Set(
        (await tx.callReviewer.findMany({ where: { callId }, select: { email: true } })).map((r) => r.email),
      );
      for (const email of [...new Set(body.emails)].filter((e) => !existing.has(e))) {
        const row = await tx.callReviewer.create({
          data: { callId, email, maxLoad: body.maxLoad ?? null, invitedById: ctx.actor!.id },
        });
        await this.outbox.enqueue(tx, 'email.reviewPool', { callReviewerId: row.id });
        await this.audit.record(tx, ctx, {
          action: 'call.reviewer_invited',
          entityType: 'Call',
          entityId: callId,
          data: { email, callReviewerId: row.id },
        });
      }
    });
    return this.pool(ctx, callId);
  }

  /** The invited person answers, signed in with the invited address; joining makes them a reviewer. */
  async respond(ctx: RequestContext, body: { token: string; accept: boolean; reason?: string }) {
    const actor = ctx.actor!;
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.callReviewer.findUnique({
        where: { tokenHash: hashToken(body.token) },
        include: { call: { select: { id: true, title: true } } },
      });
      if (row?.status !== 'INVITED') {
        throw new AppError('token_invalid', 'This invitation link has already been used or is no longer valid');
      }
      if (row.email !== actor.email.toLowerCase()) {
        throw AppError.forbidden(`This invitation was sent to another address; sign in as ${row.email}`);
      }
      const status = body.accept ? ('ACCEPTED' as const) : ('DECLINED' as const);
      await tx.callReviewer.update({
        where: { id: row.id },
        data: { status, userId: actor.id, respondedAt: new Date(), tokenHash: null },
      });
      if (body.accept) {
        const hasRole = await tx.userRole.findFirst({
          where: { userId: actor.id, role: 'REVIEWER', programmeId: null },
        });
        if (!hasRole) await tx.userRole.create({ data: { userId: actor.id, role: 'REVIEWER' } });
        await this.conflicts.detect(tx, row.callId, [actor.id]);
      }
      await this.audit.record(tx, ctx, {
        action: body.accept ? 'call.reviewer_joined' : 'call.reviewer_declined',
        entityType: 'Call',
        entityId: row.callId,
        data: { callReviewerId: row.id, ...(body.reason ? { reason: body.reason } : {}) },
      });
      return { callId: row.call.id, callTitle: row.call.title, status };
    });
  }
}
