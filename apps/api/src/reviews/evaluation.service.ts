import { calibrateScores, decideFunding } from '@kizuna/review-engine';
import type { Ranking, ReviewContent, Rubric, SubmissionSnapshot } from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import { moneyCell, tableFile } from '../common/downloads.js';
import type { RequestContext } from '../common/request-context.js';
import { PRISMA, type Prisma, type Tx } from '../infra/prisma.service.js';
import { NotificationService } from '../notifications/notification.service.js';
import { settingsOf } from './pool.service.js';
import { ReviewAccess } from './review-access.js';

/** Proposals that are ranked: in review, or already decided. */
const RANKED = ['IN_REVIEW', 'FUNDED', 'RESERVE', 'NOT_FUNDED'] as const;
const DAY = 24 * 3600 * 1000;

@Injectable()
export class EvaluationService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(ReviewAccess) private readonly access: ReviewAccess,
    @Inject(NotificationService) private readonly notifications: NotificationService,
  ) {}

  /** Submitted reviews that count: the pair has no active conflict. (In series: `db` may be a transaction.) */
  private async countedReviews(db: Prisma | Tx, callId: string) {
    const rows = await db.reviewAssignment.findMany({
      where: { callId, status: 'SUBMITTED', review: { status: 'SUBMITTED' } },
      select: {
        proposalId: true,
        reviewerId: true,
        ordinal: true,
        reviewer: { select: { displayName: true } },
        review: { select: { weightedScore: true } },
      },
    });
    const conflicts = await db.conflictOfInterest.findMany({
      where: { callId, active: true },
      select: { proposalId: true, reviewerId: true },
    });
    const excluded = new Set(conflicts.map((c) => `${c.proposalId}:${c.reviewerId}`));
    return rows.filter((r) => r.review?.weightedScore != null && !excluded.has(`${r.proposalId}:${r.reviewerId}`));
  }

  async progress(ctx: RequestContext, callId: string) {
    const call = await this.access.managedCall(ctx, callId);
    const settings = settingsOf(call);
    const rubric = call.rubric as Rubric;
    const deadline = settings.reviewDeadline ? new Date(settings.reviewDeadline) : null;
    const now = new Date();
    const late = deadline !== null && now > deadline;
    const [assignments, counted] = await Promise.all([
      this.prisma.reviewAssignment.findMany({
        where: { callId, status: { not: 'PROPOSED' } },
        select: { status: true, reviewerId: true, reviewer: { select: { displayName: true, email: true } } },
      }),
      this.countedReviews(this.prisma, callId),
    ]);
    const byReviewer = new Map<
      string,
      { displayName: string; email: string; assigned: number; submitted: number; overdue: number }
    >();
    const counts = { invited: 0, accepted: 0, declined: 0, submitted: 0, overdue: 0 };
    for (const a of assignments) {
      if (a.status === 'INVITED') counts.invited++;
      if (a.status === 'ACCEPTED') counts.accepted++;
      if (a.status === 'DECLINED') counts.declined++;
      if (a.status === 'SUBMITTED') counts.submitted++;
      if (a.status === 'DECLINED') continue;
      const r = byReviewer.get(a.reviewerId) ?? { ...a.reviewer, assigned: 0, submitted: 0, overdue: 0 };
      r.assigned++;
      if (a.status === 'SUBMITTED') r.submitted++;
      else if (late) {
        r.overdue++;
        counts.overdue++;
      }
      byReviewer.set(a.reviewerId, r);
    }
    const { min, max } = rubric.scale;
    const width = (max - min) / 10;
    const distribution = Array.from({ length: 10 }, (_, i) => ({
      from: min + i * width,
      to: min + (i + 1) * width,
      count: 0,
    }));
    for (const r of counted) {
      const score = Number(r.review!.weightedScore);
      const bucket = Math.min(9, Math.max(0, Math.floor((score - min) / width)));
      distribution[bucket]!.count++;
    }
    return {
      reviewDeadline: settings.reviewDeadline,
      counts,
      reviewers: [...byReviewer.entries()]
        .map(([id, r]) => ({
          id,
          ...r,
          daysLate: r.overdue > 0 && deadline ? Math.floor((now.getTime() - deadline.getTime()) / DAY) : null,
        }))
        .sort((a, b) => b.overdue - a.overdue || a.displayName.localeCompare(b.displayName)),
      distribution,
    };
  }

  private async latestBudgets(db: Prisma | Tx, proposalIds: string[]) {
    const rows = await db.proposalSubmission.findMany({
      where: { proposalId: { in: proposalIds } },
      distinct: ['proposalId'],
      orderBy: [{ proposalId: 'asc' }, { number: 'desc' }],
      select: { proposalId: true, snapshot: true },
    });
    return new Map(rows.map((r) => [r.proposalId, (r.snapshot as unknown as SubmissionSnapshot).budget.summary]));
  }

  async ranking(ctx: RequestContext, callId: string): Promise<Ranking> {
    const call = await this.access.managedCall(ctx, callId);
    const settings = settingsOf(call);
    const rubric = call.rubric as Rubric;
    const [proposals, counted] = await Promise.all([
      this.prisma.proposal.findMany({
        where: { callId, status: { in: [...RANKED] } },
        select: {
          id: true,
          acronym: true,
          title: true,
          partnerCountries: true,
          decision: { select: { outcome: true, reason: true } },
          consensus: { select: { status: true } },
        },
      }),
      this.countedReviews(this.prisma, callId),
    ]);
    const budgets = await this.latestBudgets(
      this.prisma,
      proposals.map((p) => p.id),
    );
    const calibration = calibrateScores(
      counted.map((r) => ({ proposal: r.proposalId, reviewer: r.reviewerId, score: Number(r.review!.weightedScore) })),
      { scale: rubric.scale },
    );
    const byProposal = new Map(calibration.proposals.map((p) => [p.proposal, p]));
    const names = new Map(counted.map((r) => [r.reviewerId, r.reviewer.displayName]));
    const rows = proposals.map((p) => {
      const c = byProposal.get(p.id);
      return {
        proposal: {
          id: p.id,
          acronym: p.acronym,
          title: p.title,
          countries: p.partnerCountries,
          total: budgets.get(p.id)?.grandTotal ?? '0.00',
        },
        reviews: c?.reviews ?? 0,
        rawMean: c?.rawMean ?? null,
        calibrated: c?.calibrated ?? null,
        spread: c?.range ?? null,
        disagreement: c?.disagreement ?? false,
        rankRaw: c?.rankRaw ?? null,
        rankCalibrated: c?.rankCalibrated ?? null,
        consensus: p.consensus?.status ?? ('NONE' as const),
        decision: p.decision,
      };
    });
    rows.sort(
      (a, b) =>
        (a.rankCalibrated ?? Number.MAX_SAFE_INTEGER) - (b.rankCalibrated ?? Number.MAX_SAFE_INTEGER) ||
        a.proposal.acronym.localeCompare(b.proposal.acronym),
    );
    return {
      scale: rubric.scale,
      currency: call.currency,
      rows,
      reviewers: calibration.reviewers.map((r) => ({
        label: names.get(r.reviewer) ?? r.reviewer,
        offset: r.offset,
        count: r.reviews,
      })),
      released: settings.decisionsReleasedAt !== null,
    };
  }

  async exportRanking(ctx: RequestContext, callId: string, format: 'csv' | 'xlsx') {
    const ranking = await this.ranking(ctx, callId);
    return tableFile(
      'ranking',
      [
        'rank_calibrated',
        'rank_raw',
        'acronym',
        'title',
        'countries',
        `requested_${ranking.currency}`,
        'reviews',
        'raw_mean',
        'calibrated',
        'spread',
        'disagreement',
        'consensus',
        'decision',
        'decision_reason',
      ],
      ranking.rows.map((r) => [
        r.rankCalibrated,
        r.rankRaw,
        r.proposal.acronym,
        r.proposal.title,
        r.proposal.countries.join(' '),
        moneyCell(r.proposal.total, ranking.currency),
        r.reviews,
        r.rawMean === null ? null : Number(r.rawMean.toFixed(2)),
        r.calibrated === null ? null : Number(r.calibrated.toFixed(2)),
        r.spread === null ? null : Number(r.spread.toFixed(2)),
        r.disagreement ? 'yes' : 'no',
        r.consensus,
        r.decision?.outcome ?? '',
        r.decision?.reason ?? '',
      ]),
      format,
    );
  }

  /** The exact best set of proposals within every agency's envelope, by calibrated merit. */
  async fundingPlan(ctx: RequestContext, callId: string, minMerit: number | undefined) {
    await this.access.managedCall(ctx, callId);
    const [ranking, agencies] = await Promise.all([
      this.ranking(ctx, callId),
      this.prisma.callAgency.findMany({ where: { callId }, include: { agency: { select: { acronym: true } } } }),
    ]);
    const budgets = await this.latestBudgets(
      this.prisma,
      ranking.rows.map((r) => r.proposal.id),
    );
    const acronyms = new Map(agencies.map((a) => [a.agencyId, a.agency.acronym]));
    const plan = decideFunding(
      agencies.map((a) => ({ agency: a.agencyId, amount: a.envelope.toFixed(2) })),
      ranking.rows
        .filter((r) => r.calibrated !== null)
        .map((r) => {
          const byAgency = budgets.get(r.proposal.id)?.byAgency ?? [];
          return {
            id: r.proposal.id,
            merit: r.calibrated!,
            // A partner without a participating agency cannot be paid: such a proposal cannot be funded.
            eligibleForFunding: byAgency.every((b) => b.agencyId !== null && acronyms.has(b.agencyId)),
            requests: byAgency.flatMap((b) =>
              b.agencyId && acronyms.has(b.agencyId) ? [{ agency: b.agencyId, amount: b.total }] : [],
            ),
          };
        }),
      minMerit === undefined ? {} : { minMerit },
    );
    return {
      optimal: plan.optimal,
      totalMerit: plan.totalMerit,
      selected: [...plan.funded],
      agencies: plan.agencies.map((a) => ({
        agencyId: a.agency,
        acronym: acronyms.get(a.agency) ?? a.agency,
        envelope: a.envelope,
        committed: a.committed,
        remaining: a.remaining,
      })),
      explanations: plan.decisions
        .filter((d) => !d.funded && (d.skippedAboveLine || d.status !== 'exceedsEnvelope'))
        .map((d) => ({
          proposalId: d.id,
          reason: d.status as Exclude<typeof d.status, 'funded'>,
          exceeded: d.exceeds.map((x) => ({ acronym: acronyms.get(x.agency) ?? x.agency, by: x.exceededBy })),
        })),
    };
  }

  async decide(
    ctx: RequestContext,
    proposalId: string,
    body: { outcome: 'FUNDED' | 'RESERVE' | 'NOT_FUNDED'; reason: string },
  ) {
    return this.prisma.$transaction(async (tx) => {
      const proposal = await tx.proposal.findUnique({
        where: { id: proposalId },
        select: { callId: true, status: true },
      });
      if (!proposal) throw AppError.notFound('Proposal');
      const call = await this.access.managedCall(ctx, proposal.callId, tx).catch(() => {
        throw AppError.notFound('Proposal');
      });
      if (settingsOf(call).decisionsReleasedAt)
        throw new AppError('conflict', 'Decisions of this call have been released');
      if (proposal.status !== 'IN_REVIEW') throw new AppError('conflict', 'Only proposals in review are decided');
      const decision = await tx.fundingDecision.upsert({
        where: { proposalId },
        create: { proposalId, ...body, decidedById: ctx.actor!.id },
        update: { ...body, decidedById: ctx.actor!.id, decidedAt: new Date() },
      });
      await this.audit.record(tx, ctx, {
        action: 'proposal.decided',
        entityType: 'Proposal',
        entityId: proposalId,
        data: body,
      });
      return { outcome: decision.outcome, reason: decision.reason };
    });
  }

  /** Releases every decision: proposals take their outcome, applicants are told, the call is decided. */
  async release(ctx: RequestContext, callId: string) {
    return this.prisma.$transaction(async (tx) => {
      const call = await this.access.managedCall(ctx, callId, tx);
      if (call.status !== 'IN_REVIEW') throw new AppError('conflict', 'Only a call in review has decisions to release');
      await tx.$queryRaw`SELECT id FROM "Call" WHERE id = ${callId}::uuid FOR UPDATE`;
      const proposals = await tx.proposal.findMany({
        where: { callId, status: 'IN_REVIEW' },
        select: { id: true, acronym: true, decision: true, members: { select: { userId: true } } },
      });
      const undecided = proposals.filter((p) => !p.decision);
      if (undecided.length) {
        throw new AppError('conflict', `Decide every proposal first: ${undecided.map((p) => p.acronym).join(', ')}`);
      }
      const now = new Date();
      for (const outcome of ['FUNDED', 'RESERVE', 'NOT_FUNDED'] as const) {
        await tx.proposal.updateMany({
          where: { id: { in: proposals.filter((p) => p.decision!.outcome === outcome).map((p) => p.id) } },
          data: { status: outcome },
        });
      }
      await tx.callReviewSettings.upsert({
        where: { callId },
        create: { callId, decisionsReleasedAt: now },
        update: { decisionsReleasedAt: now },
      });
      await tx.call.update({ where: { id: callId }, data: { status: 'DECIDED' } });
      for (const p of proposals) {
        await this.notifications.notify(tx, {
          type: 'proposal.decision_released',
          userIds: p.members.map((m) => m.userId),
          data: { proposalId: p.id, acronym: p.acronym, callTitle: call.title, outcome: p.decision!.outcome },
          link: `/proposals/${p.id}/outcome`,
          eventKey: `decision-released:${p.id}`,
        });
      }
      await this.audit.record(tx, ctx, {
        action: 'call.decisions_released',
        entityType: 'Call',
        entityId: callId,
        data: { released: proposals.length },
      });
      return { released: proposals.length };
    });
  }

  /** The consortium's view of the outcome: never confidential comments or who reviewed. */
  async outcome(ctx: RequestContext, proposalId: string) {
    const proposal = await this.prisma.proposal.findUnique({
      where: { id: proposalId },
      select: {
        callId: true,
        members: { where: { userId: ctx.actor!.id }, select: { userId: true } },
        decision: true,
        consensus: { select: { body: true, status: true } },
        call: { select: { reviewSettings: { select: { decisionsReleasedAt: true } } } },
      },
    });
    if (!proposal || proposal.members.length === 0) throw AppError.notFound('Proposal');
    if (!proposal.call.reviewSettings?.decisionsReleasedAt || !proposal.decision) {
      return { released: false, outcome: null, reason: null, consensus: null, reviews: [] };
    }
    const counted = (await this.countedReviews(this.prisma, proposal.callId))
      .filter((r) => r.proposalId === proposalId)
      .sort((a, b) => a.ordinal - b.ordinal);
    const reviews = await this.prisma.review.findMany({
      where: { assignment: { proposalId, reviewerId: { in: counted.map((r) => r.reviewerId) } } },
      select: {
        weightedScore: true,
        assignment: { select: { ordinal: true } },
        revisions: { orderBy: { number: 'desc' }, take: 1, select: { content: true } },
      },
    });
    reviews.sort((a, b) => a.assignment.ordinal - b.assignment.ordinal);
    return {
      released: true,
      outcome: proposal.decision.outcome,
      reason: proposal.decision.reason,
      consensus: proposal.consensus?.status === 'APPROVED' ? proposal.consensus.body : null,
      reviews: reviews.map((r, i) => {
        const content = r.revisions[0]?.content as ReviewContent;
        return {
          number: i + 1,
          weightedScore: r.weightedScore === null ? null : Number(r.weightedScore),
          commentsToApplicants: content.commentsToApplicants,
          scores: content.scores,
        };
      }),
    };
  }
}
