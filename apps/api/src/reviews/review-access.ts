import { Inject, Injectable } from '@nestjs/common';
import { managesProgramme } from '../calls/call-access.js';
import { AppError } from '../common/app-error.js';
import type { RequestContext } from '../common/request-context.js';
import { PRISMA, type Prisma, type Tx } from '../infra/prisma.service.js';

/** Assignment states in which the reviewer works on the proposal (and may read it). */
export const WORKING = ['ACCEPTED', 'SUBMITTED'] as const;

/**
 * The review phase's authorisation, in one place. Every read or write of a reviewer goes
 * through `assignment()` or `panel()`, which refuse (as 404, like a record that does not
 * exist) any pair with an active conflict of interest; every manager operation goes through
 * `managedCall()`.
 */
@Injectable()
export class ReviewAccess {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  /** The call, when the caller manages its programme; 404 otherwise. */
  async managedCall(ctx: RequestContext, callId: string, db: Prisma | Tx = this.prisma) {
    const call = await db.call.findUnique({ where: { id: callId }, include: { reviewSettings: true } });
    if (!call || !managesProgramme(ctx.actor, call.programmeId)) throw AppError.notFound('Call');
    return call;
  }

  /** True when the reviewer has an active conflict with the proposal. */
  async conflicted(db: Prisma | Tx, proposalId: string, reviewerId: string): Promise<boolean> {
    const row = await db.conflictOfInterest.findFirst({
      where: { proposalId, reviewerId, active: true },
      select: { id: true },
    });
    return row !== null;
  }

  /**
   * The caller's own assignment, in one of the given states and without a conflict; 404
   * for anyone else's, for a conflicted pair and for a state outside `states`.
   */
  async assignment(ctx: RequestContext, id: string, states: readonly string[], db: Prisma | Tx = this.prisma) {
    const row = await db.reviewAssignment.findUnique({ where: { id } });
    if (
      !row ||
      row.reviewerId !== ctx.actor?.id ||
      !states.includes(row.status) ||
      (await this.conflicted(db, row.proposalId, row.reviewerId))
    ) {
      throw AppError.notFound('Assignment');
    }
    return row;
  }

  /**
   * Who may open a proposal's panel: the managers of its programme, and its reviewers once
   * their own review is submitted (without a conflict). 404 for everyone else; 403 for an
   * assigned reviewer who has not submitted yet.
   */
  async panel(ctx: RequestContext, proposalId: string, db: Prisma | Tx = this.prisma) {
    const proposal = await db.proposal.findUnique({
      where: { id: proposalId },
      select: { id: true, acronym: true, title: true, callId: true, call: { select: { programmeId: true } } },
    });
    if (!proposal) throw AppError.notFound('Proposal');
    if (proposal.call.programmeId && managesProgramme(ctx.actor, proposal.call.programmeId)) {
      return { proposal, manager: true as const, assignment: null };
    }
    const assignment = ctx.actor
      ? await db.reviewAssignment.findUnique({
          where: { proposalId_reviewerId: { proposalId, reviewerId: ctx.actor.id } },
        })
      : null;
    if (
      !assignment ||
      !(WORKING as readonly string[]).includes(assignment.status) ||
      (await this.conflicted(db, proposalId, assignment.reviewerId))
    ) {
      throw AppError.notFound('Proposal');
    }
    if (assignment.status !== 'SUBMITTED') {
      throw AppError.forbidden('Submit your own review before you read the others and join the discussion');
    }
    return { proposal, manager: false as const, assignment };
  }
}
