import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import type { RequestContext } from '../common/request-context.js';
import { PRISMA, type Prisma, type Tx } from '../infra/prisma.service.js';
import { ReviewAccess } from './review-access.js';

type ConflictRow = Awaited<ReturnType<Prisma['conflictOfInterest']['findUniqueOrThrow']>> & {
  proposal: { id: string; acronym: string };
  reviewer: { id: string; displayName: string };
};

export function toConflict(row: ConflictRow) {
  return {
    id: row.id,
    proposal: row.proposal,
    reviewer: row.reviewer,
    source: row.source,
    reason: row.reason,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
    liftedAt: row.liftedAt?.toISOString() ?? null,
    liftReason: row.liftReason,
  };
}

const include = {
  proposal: { select: { id: true, acronym: true } },
  reviewer: { select: { id: true, displayName: true } },
} as const;

/** Ends every open assignment of a newly conflicted pair (a submitted review stays, but no longer counts). */
async function endAssignment(tx: Tx, proposalId: string, reviewerId: string) {
  await tx.reviewAssignment.updateMany({
    where: { proposalId, reviewerId, status: { in: ['PROPOSED', 'INVITED', 'ACCEPTED'] } },
    data: { status: 'DECLINED', declineReason: 'Conflict of interest', respondedAt: new Date(), tokenHash: null },
  });
}

@Injectable()
export class ConflictsService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(ReviewAccess) private readonly access: ReviewAccess,
  ) {}

  /**
   * Detects conflicts between the call's pool reviewers (or only `reviewerIds`) and its
   * submitted proposals, and records the new ones (source DETECTED). A detected conflict a
   * manager lifted stays lifted. Sources:
   * - the reviewer's current institution, or one they left less than three years ago, is a partner;
   * - the reviewer is a member of any proposal in the same call;
   * - a collaborator the reviewer declared (e-mail or full name) is a member of the consortium.
   */
  async detect(db: Prisma | Tx, callId: string, reviewerIds?: string[]): Promise<number> {
    const only = reviewerIds ?? null;
    const inserted = await db.$executeRaw`
      WITH pool AS (
        SELECT DISTINCT cr."userId" AS rid FROM "CallReviewer" cr
        WHERE cr."callId" = ${callId}::uuid AND cr.status = 'ACCEPTED' AND cr."userId" IS NOT NULL
          AND (${only}::uuid[] IS NULL OR cr."userId" = ANY(${only}::uuid[]))
      ),
      props AS (
        SELECT p.id FROM "Proposal" p WHERE p."callId" = ${callId}::uuid AND p.status NOT IN ('DRAFT', 'WITHDRAWN')
      ),
      inst AS (
        SELECT pool.rid, u."institutionId" AS iid FROM pool JOIN "User" u ON u.id = pool.rid
        WHERE u."institutionId" IS NOT NULL
        UNION
        SELECT a."userId", a."institutionId" FROM "ReviewerAffiliation" a JOIN pool ON pool.rid = a."userId"
        WHERE a."endedOn" IS NULL OR a."endedOn" >= (now() AT TIME ZONE 'UTC' - interval '3 years')::date
      ),
      found AS (
        SELECT pp."proposalId" AS pid, inst.rid, 'Institution in the consortium: ' || i.name AS reason, 1 AS rank
        FROM inst
        JOIN "ProposalPartner" pp ON pp."institutionId" = inst.iid
        JOIN props ON props.id = pp."proposalId"
        JOIN "Institution" i ON i.id = inst.iid
        UNION ALL
        SELECT props.id, pool.rid, 'Applicant in the same call (' || mp.acronym || ')', 2
        FROM pool
        JOIN "ProposalMember" m ON m."userId" = pool.rid
        JOIN "Proposal" mp ON mp.id = m."proposalId" AND mp."callId" = ${callId}::uuid
        CROSS JOIN props
        UNION ALL
        SELECT m."proposalId", pool.rid, 'Declared collaborator in the consortium: ' || u."displayName", 3
        FROM pool
        JOIN "ReviewerProfile" rp ON rp."userId" = pool.rid
        JOIN "ProposalMember" m ON m."proposalId" IN (SELECT id FROM props)
        JOIN "User" u ON u.id = m."userId"
        WHERE lower(u.email) = ANY(rp.collaborators) OR lower(u."displayName") = ANY(rp.collaborators)
      )
      INSERT INTO "ConflictOfInterest" (id, "callId", "proposalId", "reviewerId", source, reason)
      SELECT DISTINCT ON (pid, rid) gen_random_uuid(), ${callId}::uuid, pid, rid, 'DETECTED', reason
      FROM found WHERE pid IS NOT NULL
      ORDER BY pid, rid, rank
      ON CONFLICT ("proposalId", "reviewerId", source) DO NOTHING`;
    if (inserted > 0) {
      // Newly conflicted pairs lose any open assignment.
      await db.$executeRaw`
        UPDATE "ReviewAssignment" a SET status = 'DECLINED', "declineReason" = 'Conflict of interest',
          "respondedAt" = now(), "tokenHash" = NULL
        WHERE a."callId" = ${callId}::uuid AND a.status IN ('PROPOSED', 'INVITED', 'ACCEPTED')
          AND EXISTS (SELECT 1 FROM "ConflictOfInterest" c
                      WHERE c."proposalId" = a."proposalId" AND c."reviewerId" = a."reviewerId" AND c.active)`;
    }
    return inserted;
  }

  /** Detection again for every call whose pool the reviewer is in (after a profile change). */
  async detectForReviewer(tx: Tx, reviewerId: string) {
    const calls = await tx.callReviewer.findMany({
      where: { userId: reviewerId, status: 'ACCEPTED', call: { status: { in: ['CLOSED', 'IN_REVIEW'] } } },
      select: { callId: true },
    });
    for (const { callId } of calls) await this.detect(tx, callId, [reviewerId]);
  }

  /** Active conflicts of a call as "proposalId:reviewerId" keys. */
  async activeKeys(db: Prisma | Tx, callId: string): Promise<Set<string>> {
    const rows = await db.conflictOfInterest.findMany({
      where: { callId, active: true },
      select: { proposalId: true, reviewerId: true },
    });
    return new Set(rows.map((r) => `${r.proposalId}:${r.reviewerId}`));
  }

  async list(ctx: RequestContext, callId: string) {
    await this.access.managedCall(ctx, callId);
    await this.detect(this.prisma, callId);
    const rows = await this.prisma.conflictOfInterest.findMany({
      where: { callId },
      include,
      orderBy: [{ active: 'desc' }, { createdAt: 'asc' }],
    });
    return rows.map(toConflict);
  }

  async set(ctx: RequestContext, callId: string, body: { proposalId: string; reviewerId: string; reason: string }) {
    const row = await this.prisma.$transaction(async (tx) => {
      await this.access.managedCall(ctx, callId, tx);
      const proposal = await tx.proposal.findFirst({ where: { id: body.proposalId, callId }, select: { id: true } });
      if (!proposal) {
        throw new AppError('validation_failed', 'No such proposal in this call', [
          { path: 'body.proposalId', code: 'unknown_proposal', message: 'Not a proposal of this call' },
        ]);
      }
      const reviewer = await tx.user.findUnique({ where: { id: body.reviewerId }, select: { id: true } });
      if (!reviewer) {
        throw new AppError('validation_failed', 'No such reviewer', [
          { path: 'body.reviewerId', code: 'unknown_reviewer', message: 'No such user' },
        ]);
      }
      const conflict = await tx.conflictOfInterest.upsert({
        where: {
          proposalId_reviewerId_source: { proposalId: body.proposalId, reviewerId: body.reviewerId, source: 'MANAGER' },
        },
        create: {
          callId,
          proposalId: body.proposalId,
          reviewerId: body.reviewerId,
          source: 'MANAGER',
          reason: body.reason,
          createdById: ctx.actor!.id,
        },
        update: { active: true, reason: body.reason, liftedAt: null, liftedById: null, liftReason: null },
        include,
      });
      await endAssignment(tx, body.proposalId, body.reviewerId);
      await this.audit.record(tx, ctx, {
        action: 'conflict.set',
        entityType: 'ConflictOfInterest',
        entityId: conflict.id,
        data: { proposalId: body.proposalId, reviewerId: body.reviewerId, reason: body.reason },
      });
      return conflict;
    });
    return toConflict(row);
  }

  async lift(ctx: RequestContext, id: string, reason: string) {
    const row = await this.prisma.$transaction(async (tx) => {
      const conflict = await tx.conflictOfInterest.findUnique({ where: { id } });
      if (!conflict) throw AppError.notFound('Conflict');
      await this.access.managedCall(ctx, conflict.callId, tx);
      if (!conflict.active) throw new AppError('conflict', 'This conflict has already been lifted');
      const lifted = await tx.conflictOfInterest.update({
        where: { id },
        data: { active: false, liftedAt: new Date(), liftedById: ctx.actor!.id, liftReason: reason },
        include,
      });
      await this.audit.record(tx, ctx, {
        action: 'conflict.lifted',
        entityType: 'ConflictOfInterest',
        entityId: id,
        data: { proposalId: conflict.proposalId, reviewerId: conflict.reviewerId, source: conflict.source, reason },
      });
      return lifted;
    });
    return toConflict(row);
  }

  /** The reviewer declares a conflict on one of their assignments: it ends, and access with it. */
  async declare(ctx: RequestContext, assignmentId: string, reason: string) {
    await this.prisma.$transaction(async (tx) => {
      const assignment = await this.access.assignment(ctx, assignmentId, ['INVITED', 'ACCEPTED', 'SUBMITTED'], tx);
      const conflict = await tx.conflictOfInterest.upsert({
        where: {
          proposalId_reviewerId_source: {
            proposalId: assignment.proposalId,
            reviewerId: assignment.reviewerId,
            source: 'DECLARED',
          },
        },
        create: {
          callId: assignment.callId,
          proposalId: assignment.proposalId,
          reviewerId: assignment.reviewerId,
          source: 'DECLARED',
          reason,
          createdById: ctx.actor!.id,
        },
        update: { active: true, reason, liftedAt: null, liftedById: null, liftReason: null },
      });
      await endAssignment(tx, assignment.proposalId, assignment.reviewerId);
      await this.audit.record(tx, ctx, {
        action: 'conflict.declared',
        entityType: 'ConflictOfInterest',
        entityId: conflict.id,
        data: { proposalId: assignment.proposalId, assignmentId, reason },
      });
    });
  }
}
