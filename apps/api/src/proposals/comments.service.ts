import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import type { RequestContext } from '../common/request-context.js';
import { PRISMA, type Prisma } from '../infra/prisma.service.js';
import { accessTo, assertMember } from './proposal-access.js';

type CommentRow = {
  id: string;
  sectionKey: string;
  body: string;
  createdAt: Date;
  resolvedAt: Date | null;
  author: { id: string; displayName: string };
};

function toComment(c: CommentRow) {
  return {
    id: c.id,
    sectionKey: c.sectionKey,
    author: c.author,
    body: c.body,
    createdAt: c.createdAt.toISOString(),
    resolvedAt: c.resolvedAt?.toISOString() ?? null,
  };
}

const withAuthor = { author: { select: { id: true, displayName: true } } } as const;

/** Comments per section: written and resolved by the consortium, read by it and (once submitted) its managers. */
@Injectable()
export class CommentsService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  private async proposal(ctx: RequestContext, id: string, key?: string) {
    const row = await this.prisma.proposal.findUnique({
      where: { id },
      select: {
        status: true,
        members: { select: { userId: true, role: true } },
        call: { select: { programmeId: true, sections: true } },
      },
    });
    if (!row) throw AppError.notFound('Proposal');
    const access = accessTo(ctx.actor, row);
    if (key && !(row.call.sections as { key: string }[]).some((s) => s.key === key)) throw AppError.notFound('Section');
    return access;
  }

  async list(ctx: RequestContext, id: string, key: string) {
    await this.proposal(ctx, id, key);
    const rows = await this.prisma.sectionComment.findMany({
      where: { proposalId: id, sectionKey: key },
      include: withAuthor,
      orderBy: { createdAt: 'asc' },
    });
    return rows.map(toComment);
  }

  async add(ctx: RequestContext, id: string, key: string, body: string) {
    assertMember(await this.proposal(ctx, id, key));
    return this.prisma.$transaction(async (tx) => {
      const comment = await tx.sectionComment.create({
        data: { proposalId: id, sectionKey: key, authorId: ctx.actor!.id, body },
        include: withAuthor,
      });
      await this.audit.record(tx, ctx, {
        action: 'proposal.comment_added',
        entityType: 'Proposal',
        entityId: id,
        data: { commentId: comment.id, sectionKey: key },
      });
      return toComment(comment);
    });
  }

  async resolve(ctx: RequestContext, id: string, commentId: string) {
    assertMember(await this.proposal(ctx, id));
    return this.prisma.$transaction(async (tx) => {
      const resolved = await tx.sectionComment.updateMany({
        where: { id: commentId, proposalId: id, resolvedAt: null },
        data: { resolvedAt: new Date() },
      });
      const comment = await tx.sectionComment.findFirst({
        where: { id: commentId, proposalId: id },
        include: withAuthor,
      });
      if (!comment) throw AppError.notFound('Comment');
      if (resolved.count === 1) {
        await this.audit.record(tx, ctx, {
          action: 'proposal.comment_resolved',
          entityType: 'Proposal',
          entityId: id,
          data: { commentId },
        });
      }
      return toComment(comment);
    });
  }
}
