import type { ReviewerProfile } from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import type { RequestContext } from '../common/request-context.js';
import { PRISMA, type Prisma } from '../infra/prisma.service.js';
import { usableInstitution } from '../reference/institutions.js';
import { ConflictsService } from './conflicts.service.js';

type ProfileInput = Omit<ReviewerProfile, 'affiliations' | 'institution' | 'version'> & {
  affiliations: { institutionId: string; startedOn: string; endedOn: string | null }[];
  version: number;
};

const day = (d: Date) => d.toISOString().slice(0, 10);
const institutionRef = { select: { id: true, name: true, countryCode: true } } as const;

@Injectable()
export class ProfileService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(ConflictsService) private readonly conflicts: ConflictsService,
  ) {}

  async get(ctx: RequestContext): Promise<ReviewerProfile> {
    const userId = ctx.actor!.id;
    const [user, profile, affiliations] = await Promise.all([
      this.prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { institution: institutionRef } }),
      this.prisma.reviewerProfile.findUnique({ where: { userId } }),
      this.prisma.reviewerAffiliation.findMany({
        where: { userId },
        include: { institution: institutionRef },
        orderBy: { startedOn: 'desc' },
      }),
    ]);
    return {
      keywords: profile?.keywords ?? [],
      expertise: profile?.expertise ?? '',
      publications: (profile?.publications as ReviewerProfile['publications']) ?? [],
      themes: profile?.themes ?? [],
      collaborators: profile?.collaborators ?? [],
      maxLoadPerCall: profile?.maxLoadPerCall ?? 6,
      available: profile?.available ?? true,
      unavailableUntil: profile?.unavailableUntil ? day(profile.unavailableUntil) : null,
      affiliations: affiliations.map((a) => ({
        institution: a.institution,
        startedOn: day(a.startedOn),
        endedOn: a.endedOn ? day(a.endedOn) : null,
      })),
      institution: user.institution,
      version: profile?.version ?? 0,
    };
  }

  async save(ctx: RequestContext, body: ProfileInput): Promise<ReviewerProfile> {
    const userId = ctx.actor!.id;
    const { version, affiliations, ...fields } = body;
    const data = {
      ...fields,
      // Matched case-insensitively against consortium members' addresses and names.
      collaborators: [...new Set(fields.collaborators.map((c) => c.toLowerCase()))],
      unavailableUntil: fields.unavailableUntil ? new Date(fields.unavailableUntil) : null,
    };
    await this.prisma.$transaction(async (tx) => {
      for (const [index, a] of affiliations.entries()) {
        await usableInstitution(tx, a.institutionId, userId, `body.affiliations.${index}.institutionId`);
      }
      const current = await tx.reviewerProfile.findUnique({ where: { userId }, select: { version: true } });
      if ((current?.version ?? 0) !== version) {
        throw new AppError('conflict', 'Your profile changed in another window; reload it', [
          {
            path: 'body.version',
            code: 'stale_version',
            message: 'Reload',
            params: { current: current?.version ?? 0 },
          },
        ]);
      }
      if (current) {
        await tx.reviewerProfile.update({ where: { userId }, data: { ...data, version: { increment: 1 } } });
      } else {
        await tx.reviewerProfile.create({ data: { ...data, userId } });
      }
      await tx.reviewerAffiliation.deleteMany({ where: { userId } });
      await tx.reviewerAffiliation.createMany({
        data: affiliations.map((a) => ({
          userId,
          institutionId: a.institutionId,
          startedOn: new Date(a.startedOn),
          endedOn: a.endedOn ? new Date(a.endedOn) : null,
        })),
      });
      await this.audit.record(tx, ctx, {
        action: 'reviewer.profile_saved',
        entityType: 'User',
        entityId: userId,
        data: { affiliations: affiliations.length, collaborators: data.collaborators.length },
      });
      await this.conflicts.detectForReviewer(tx, userId);
    });
    return this.get(ctx);
  }
}
