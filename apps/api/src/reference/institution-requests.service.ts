import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import type { RequestContext } from '../common/request-context.js';
import { PRISMA, type Prisma } from '../infra/prisma.service.js';

const select = {
  id: true,
  name: true,
  shortName: true,
  countryCode: true,
  type: true,
  status: true,
  website: true,
  reviewNote: true,
  createdAt: true,
  requestedById: true,
} as const;

type Row = {
  id: string;
  name: string;
  shortName: string | null;
  countryCode: string;
  type: 'UNIVERSITY' | 'RESEARCH_INSTITUTE' | 'COMPANY' | 'GOVERNMENT' | 'NGO';
  status: 'APPROVED' | 'PENDING' | 'REJECTED';
  website: string | null;
  reviewNote: string | null;
  createdAt: Date;
  requestedById: string | null;
};

/** Missing institutions requested by users and decided by admins. */
@Injectable()
export class InstitutionRequestsService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async request(
    ctx: RequestContext,
    body: { name: string; shortName: string | null; countryCode: string; type: Row['type']; website: string | null },
  ) {
    return this.prisma.$transaction(async (tx) => {
      const country = await tx.country.findUnique({ where: { code: body.countryCode } });
      if (!country) {
        throw new AppError('validation_failed', 'Unknown country', [
          { path: 'body.countryCode', code: 'unknown_country', message: 'Not an ASEAN member state or Japan' },
        ]);
      }
      const existing = await tx.institution.findFirst({
        where: { countryCode: body.countryCode, name: { equals: body.name, mode: 'insensitive' } },
        select: { id: true, status: true },
      });
      if (existing) {
        throw new AppError('conflict', 'This institution is already in the directory or requested', [
          {
            path: 'body.name',
            code: 'duplicate',
            message: 'Already listed or requested',
            params: { status: existing.status },
          },
        ]);
      }
      const created = await tx.institution.create({
        data: { ...body, status: 'PENDING', requestedById: ctx.actor!.id },
        select: { id: true, name: true, shortName: true, countryCode: true, type: true, status: true },
      });
      await this.audit.record(tx, ctx, {
        action: 'institution.requested',
        entityType: 'Institution',
        entityId: created.id,
        data: { name: body.name, countryCode: body.countryCode },
      });
      return created;
    });
  }

  private async withRequester(rows: Row[]) {
    const users = await this.prisma.user.findMany({
      where: { id: { in: rows.flatMap((r) => (r.requestedById ? [r.requestedById] : [])) } },
      select: { id: true, displayName: true, email: true },
    });
    const byId = new Map(users.map((u) => [u.id, u]));
    return rows.map(({ requestedById, createdAt, ...r }) => ({
      ...r,
      createdAt: createdAt.toISOString(),
      requestedBy: requestedById ? (byId.get(requestedById) ?? null) : null,
    }));
  }

  async list() {
    const rows = await this.prisma.institution.findMany({
      where: { requestedById: { not: null } },
      select,
      orderBy: [{ status: 'desc' }, { createdAt: 'desc' }],
      take: 500,
    });
    // PENDING first, then the decided ones, newest first.
    rows.sort((a, b) => Number(b.status === 'PENDING') - Number(a.status === 'PENDING'));
    return this.withRequester(rows);
  }

  async review(ctx: RequestContext, id: string, body: { decision: 'APPROVE' | 'REJECT'; note: string | null }) {
    const row = await this.prisma.$transaction(async (tx) => {
      const current = await tx.institution.findUnique({ where: { id }, select });
      if (!current?.requestedById) throw AppError.notFound('Institution request');
      if (current.status !== 'PENDING') {
        throw new AppError('conflict', `This request was ${current.status.toLowerCase()} already`);
      }
      const updated = await tx.institution.update({
        where: { id },
        data: { status: body.decision === 'APPROVE' ? 'APPROVED' : 'REJECTED', reviewNote: body.note },
        select,
      });
      await this.audit.record(tx, ctx, {
        action: body.decision === 'APPROVE' ? 'institution.approved' : 'institution.rejected',
        entityType: 'Institution',
        entityId: id,
        data: { note: body.note },
      });
      return updated;
    });
    const [result] = await this.withRequester([row]);
    return result!;
  }
}
