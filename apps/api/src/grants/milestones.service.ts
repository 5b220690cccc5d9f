import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error.js';
import type { RequestContext } from '../common/request-context.js';
import type { Tx } from '../infra/prisma.service.js';
import { CONSORTIUM_EDITABLE, GrantCore } from './grant-core.js';

@Injectable()
export class MilestonesService {
  constructor(@Inject(GrantCore) private readonly core: GrantCore) {}

  /** The milestone's grant, locked, with the caller's access; 404 for anyone outside the grant. */
  private async locked(ctx: RequestContext, tx: Tx, milestoneId: string) {
    const row = await tx.grantMilestone.findUnique({ where: { id: milestoneId }, select: { grantId: true } });
    if (!row) throw AppError.notFound('Milestone');
    const loaded = await this.core.lock(ctx, tx, row.grantId).catch(() => {
      throw AppError.notFound('Milestone');
    });
    return { ...loaded, milestone: loaded.grant.milestones.find((m) => m.id === milestoneId)! };
  }

  private async view(milestoneId: string) {
    const row = await this.core.prisma.grantMilestone.findUniqueOrThrow({ where: { id: milestoneId } });
    const history = await this.core.history(this.core.prisma, row.grantId, 'MILESTONE');
    return this.core.toMilestone(row, history);
  }

  /** A consortium member submits evidence (text and links) that the milestone is reached. */
  async submit(ctx: RequestContext, milestoneId: string, body: { evidence: string; links: string[] }) {
    await this.core.prisma.$transaction(async (tx) => {
      const { grant, access, milestone } = await this.locked(ctx, tx, milestoneId);
      if (!access.member) throw AppError.forbidden('Only members of the consortium submit milestone evidence');
      this.core.assertStatus(grant, CONSORTIUM_EDITABLE, 'Submitting milestone evidence');
      if (milestone.status === 'SUBMITTED')
        throw new AppError('conflict', 'The evidence is already waiting for review');
      if (milestone.status === 'ACCEPTED') throw new AppError('conflict', 'The milestone is already accepted');
      await tx.grantMilestone.update({
        where: { id: milestoneId },
        data: { status: 'SUBMITTED', evidence: body.evidence, links: body.links, submittedAt: new Date() },
      });
      await this.core.record(tx, ctx, grant.id, {
        action: 'milestone_submitted',
        subjectType: 'MILESTONE',
        subjectId: milestoneId,
        data: { evidence: body.evidence, links: body.links },
      });
      const round = await tx.grantEvent.count({ where: { subjectId: milestoneId } });
      await this.core.notifyManagers(
        tx,
        grant,
        'grant.submitted',
        {
          grantId: grant.id,
          number: grant.number,
          acronym: grant.proposal.acronym,
          what: 'MILESTONE',
          title: milestone.title,
        },
        `grant-milestone:${milestoneId}:${round}`,
      );
    });
    return this.view(milestoneId);
  }

  /** A manager accepts the evidence, or asks for changes with a comment. */
  async review(
    ctx: RequestContext,
    milestoneId: string,
    body: { decision: 'ACCEPT' | 'REQUEST_CHANGES'; comment: string },
  ) {
    await this.core.prisma.$transaction(async (tx) => {
      const { grant, access, milestone } = await this.locked(ctx, tx, milestoneId);
      if (!access.manager) throw AppError.notFound('Milestone');
      this.core.assertStatus(grant, [...CONSORTIUM_EDITABLE, 'SUSPENDED'], 'Reviewing a milestone');
      if (milestone.status !== 'SUBMITTED') throw new AppError('conflict', 'There is no submitted evidence to review');
      const accepted = body.decision === 'ACCEPT';
      await tx.grantMilestone.update({
        where: { id: milestoneId },
        data: {
          status: accepted ? 'ACCEPTED' : 'CHANGES_REQUESTED',
          reviewedAt: new Date(),
          reviewComment: body.comment || null,
        },
      });
      await this.core.record(tx, ctx, grant.id, {
        action: accepted ? 'milestone_accepted' : 'milestone_changes_requested',
        subjectType: 'MILESTONE',
        subjectId: milestoneId,
        comment: body.comment || null,
      });
      const round = await tx.grantEvent.count({ where: { subjectId: milestoneId } });
      await this.core.notifyConsortium(
        tx,
        grant,
        'grant.reviewed',
        {
          grantId: grant.id,
          number: grant.number,
          acronym: grant.proposal.acronym,
          what: 'MILESTONE',
          title: milestone.title,
          accepted,
          comment: body.comment,
        },
        `grant-milestone:${milestoneId}:${round}`,
      );
    });
    return this.view(milestoneId);
  }
}
