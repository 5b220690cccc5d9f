import {
  type AffinityIndex,
  type AssignmentInstance,
  buildAffinityIndex,
  computeAffinities,
  explainAffinity,
  type ReviewerExpertise,
  solveAssignment,
} from '@kizuna/review-engine';
import { type AssignmentRunResult, AssignmentRunResultSchema } from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import type { RequestContext } from '../common/request-context.js';
import { PRISMA, type Prisma, type Tx } from '../infra/prisma.service.js';
import { JobRunService } from '../jobs/job-run.service.js';
import { NotificationService } from '../notifications/notification.service.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { ConflictsService } from './conflicts.service.js';
import { maxLoadOf, settingsOf } from './pool.service.js';
import { ReviewAccess } from './review-access.js';

/** Candidates per proposal from text similarity; pools up to this size are fully considered. */
const TOP_CANDIDATES = 200;
/** Proposals that can be assigned: eligible ones (and those already in review). */
const ASSIGNABLE = ['ELIGIBLE', 'IN_REVIEW'] as const;
/** Assignments that hold a place (a declined one does not). */
const HOLDING = ['PROPOSED', 'INVITED', 'ACCEPTED', 'SUBMITTED'] as const;

type Reviewer = {
  id: string;
  displayName: string;
  institutionId: string | null;
  institution: string | null;
  countryCode: string | null;
  maxLoad: number;
  expertise: ReviewerExpertise;
};

const assignmentInclude = {
  reviewer: { select: { id: true, displayName: true, institution: { select: { name: true, countryCode: true } } } },
  review: { select: { status: true } },
} as const;

type AssignmentRow = Awaited<ReturnType<Prisma['reviewAssignment']['findUniqueOrThrow']>> & {
  reviewer: { id: string; displayName: string; institution: { name: string; countryCode: string } | null };
  review: { status: 'DRAFT' | 'SUBMITTED' } | null;
};

export function toAssignmentRow(row: AssignmentRow) {
  return {
    id: row.id,
    status: row.status,
    ordinal: row.ordinal,
    reviewer: {
      id: row.reviewer.id,
      displayName: row.reviewer.displayName,
      institution: row.reviewer.institution?.name ?? null,
      countryCode: row.reviewer.institution?.countryCode ?? null,
    },
    affinity: row.affinity,
    matchedTerms: row.matchedTerms as { term: string; weight: number }[],
    manual: row.manual,
    invitedAt: row.invitedAt?.toISOString() ?? null,
    respondedAt: row.respondedAt?.toISOString() ?? null,
    declineReason: row.declineReason,
    reviewStatus: row.review?.status ?? ('NONE' as const),
  };
}

function expertiseOf(userId: string, profile: { keywords: string[]; expertise: string; publications: unknown } | null) {
  return {
    id: userId,
    keywords: profile?.keywords ?? [],
    text: profile?.expertise ?? '',
    publications: (profile?.publications as { title: string; abstract?: string }[] | undefined) ?? [],
  } satisfies ReviewerExpertise;
}

@Injectable()
export class AssignmentService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(JobRunService) private readonly runs: JobRunService,
    @Inject(ReviewAccess) private readonly access: ReviewAccess,
    @Inject(ConflictsService) private readonly conflicts: ConflictsService,
    @Inject(NotificationService) private readonly notifications: NotificationService,
  ) {}

  // ───────────── Reading the call ─────────────

  private assignableProposals(db: Prisma | Tx, callId: string) {
    return db.proposal.findMany({
      where: { callId, status: { in: [...ASSIGNABLE] } },
      select: {
        id: true,
        acronym: true,
        title: true,
        abstract: true,
        keywords: true,
        partnerCountries: true,
        partners: { select: { institutionId: true } },
      },
      orderBy: { id: 'asc' },
    });
  }

  /** Accepted, available pool members with their expertise and maximum load in this call. */
  private async poolReviewers(db: Prisma | Tx, callId: string): Promise<Reviewer[]> {
    const today = new Date();
    const rows = await db.callReviewer.findMany({
      where: { callId, status: 'ACCEPTED', userId: { not: null } },
      include: {
        user: {
          select: {
            id: true,
            displayName: true,
            institutionId: true,
            institution: { select: { name: true, countryCode: true } },
            reviewerProfile: true,
          },
        },
      },
      orderBy: { createdAt: 'asc' },
    });
    return rows.flatMap((row) => {
      const user = row.user;
      if (!user) return [];
      const profile = user.reviewerProfile;
      const away = profile && (!profile.available || (profile.unavailableUntil && profile.unavailableUntil > today));
      return [
        {
          id: user.id,
          displayName: user.displayName,
          institutionId: user.institutionId,
          institution: user.institution?.name ?? null,
          countryCode: user.institution?.countryCode ?? null,
          maxLoad: away ? 0 : maxLoadOf(row),
          expertise: expertiseOf(user.id, profile),
        },
      ];
    });
  }

  // ───────────── Automatic assignment (worker job) ─────────────

  async startRun(ctx: RequestContext, callId: string) {
    const run = await this.prisma.$transaction(async (tx) => {
      const call = await this.access.managedCall(ctx, callId, tx);
      if (!['CLOSED', 'IN_REVIEW'].includes(call.status)) {
        throw new AppError('conflict', 'Reviewers are assigned after the call has closed');
      }
      const created = await this.runs.create(tx, 'assignment.run', ctx.actor!.id);
      await this.audit.record(tx, ctx, {
        action: 'call.assignment_run_started',
        entityType: 'Call',
        entityId: callId,
        data: { jobRunId: created.id },
      });
      await this.outbox.enqueue(tx, 'assignment.run', { callId, jobRunId: created.id });
      return created;
    });
    return this.runs.get(run.id, ctx.actor!);
  }

  /**
   * Worker: the optimal assignment of the pool to the eligible proposals. Assignments already
   * sent (or added by hand) stay and count towards k and the loads; the solver fills the rest
   * and its pairs replace the previous run's proposed ones. Re-running is safe.
   */
  async run(callId: string, jobRunId: string) {
    await this.runs.start(jobRunId, null);
    try {
      const call = await this.prisma.call.findUniqueOrThrow({
        where: { id: callId },
        include: { reviewSettings: true },
      });
      const settings = settingsOf(call);
      await this.conflicts.detect(this.prisma, callId);
      const [proposals, reviewers, held, conflicts, declined] = await Promise.all([
        this.assignableProposals(this.prisma, callId),
        this.poolReviewers(this.prisma, callId),
        this.prisma.reviewAssignment.findMany({
          where: {
            callId,
            OR: [{ status: { in: ['INVITED', 'ACCEPTED', 'SUBMITTED'] } }, { manual: true, status: 'PROPOSED' }],
          },
          select: { proposalId: true, reviewerId: true },
        }),
        this.conflicts.activeKeys(this.prisma, callId),
        this.prisma.reviewAssignment.findMany({
          where: { callId, status: 'DECLINED' },
          select: { proposalId: true, reviewerId: true },
        }),
      ]);
      await this.runs.progress(jobRunId, 10, 100);
      if (proposals.length === 0) throw new Error('No eligible proposals: run the eligibility check first');
      if (reviewers.length === 0) throw new Error('No reviewer has joined the pool yet');

      const byId = new Map(reviewers.map((r) => [r.id, r]));
      const heldBy = new Map<string, string[]>();
      const load = new Map<string, number>();
      for (const h of held) {
        heldBy.set(h.proposalId, [...(heldBy.get(h.proposalId) ?? []), h.reviewerId]);
        load.set(h.reviewerId, (load.get(h.reviewerId) ?? 0) + 1);
      }
      const excluded = new Set([...conflicts, ...declined.map((d) => `${d.proposalId}:${d.reviewerId}`)]);

      // Affinity: the best candidates by text similarity; in small pools, every reviewer.
      const index = buildAffinityIndex(proposals);
      const scored = computeAffinities(
        index,
        reviewers.map((r) => r.expertise),
        { topN: TOP_CANDIDATES },
      );
      const affinity = new Map(scored.map((c) => [`${c.proposalId}:${c.reviewerId}`, c]));
      await this.runs.progress(jobRunId, 40, 100);

      // The solver's view of a reviewer: without an institution, one of its own (so the institution is in one
      // country, as the rules need); without a country, "ZZ".
      const institutionOf = (r: Reviewer) => r.institutionId ?? `none:${r.id}`;
      const countryOf = (r: Reviewer) => r.countryCode ?? 'ZZ';
      const k = settings.reviewersPerProposal;
      const instance: AssignmentInstance = {
        k,
        proposals: [],
        reviewers: reviewers.map((r) => ({
          id: r.id,
          institution: institutionOf(r),
          country: countryOf(r),
          minLoad: Math.max(0, Math.min(settings.minLoad, r.maxLoad) - (load.get(r.id) ?? 0)),
          maxLoad: Math.max(0, r.maxLoad - (load.get(r.id) ?? 0)),
        })),
        candidates: [],
        conflicts: [],
        constraints: {
          onePerInstitution: true,
          onePerCountry: settings.onePerCountry,
          outsideCountry: settings.outsideCountry,
        },
      };
      for (const p of proposals) {
        const already = (heldBy.get(p.id) ?? []).map((id) => byId.get(id)).filter((r) => r !== undefined);
        // Each proposal needs the places its held reviewers leave: its own k in one joint solve.
        const need = k - already.length;
        if (need <= 0) continue;
        const takenInstitutions = new Set(already.map(institutionOf));
        const takenCountries = new Set(already.map(countryOf));
        const outsideDone = already.some((r) => r.countryCode && !p.partnerCountries.includes(r.countryCode));
        // A fixed reviewer from outside the consortium already meets that constraint: every reviewer counts as outside.
        instance.proposals.push({ id: p.id, countries: outsideDone ? [] : p.partnerCountries, k: need });
        const pool =
          reviewers.length <= TOP_CANDIDATES ? reviewers : reviewers.filter((r) => affinity.has(`${p.id}:${r.id}`));
        for (const r of pool) {
          const key = `${p.id}:${r.id}`;
          if (excluded.has(key) || already.includes(r)) continue;
          if (takenInstitutions.has(institutionOf(r))) continue;
          if (settings.onePerCountry && takenCountries.has(countryOf(r))) continue;
          instance.candidates.push({ proposal: p.id, reviewer: r.id, affinity: affinity.get(key)?.score ?? 0 });
        }
      }
      const solved = solveAssignment(instance);
      await this.runs.progress(jobRunId, 85, 100);

      const acronym = new Map(proposals.map((p) => [p.id, p.acronym]));
      const pairs = solved.assignment;
      await this.prisma.$transaction(async (tx) => {
        await tx.reviewAssignment.deleteMany({ where: { callId, status: 'PROPOSED', manual: false } });
        const ordinals = await tx.reviewAssignment.groupBy({
          by: ['proposalId'],
          where: { callId },
          _max: { ordinal: true },
        });
        const next = new Map(ordinals.map((o) => [o.proposalId, o._max.ordinal ?? 0]));
        await tx.reviewAssignment.createMany({
          data: pairs.map((pair) => {
            const ordinal = (next.get(pair.proposal) ?? 0) + 1;
            next.set(pair.proposal, ordinal);
            const scoredPair = affinity.get(`${pair.proposal}:${pair.reviewer}`);
            return {
              callId,
              proposalId: pair.proposal,
              reviewerId: pair.reviewer,
              ordinal,
              affinity: pair.affinity,
              matchedTerms: (scoredPair?.matchedTerms ?? []) as object,
            };
          }),
        });
      });
      // The contract's report: codes and params for translation, with the solver's English reasons.
      const { infeasibility } = solved;
      const result: AssignmentRunResult = {
        feasible: solved.feasible,
        objective: solved.objective,
        assigned: pairs.length,
        proposals: proposals.length,
        reviewers: reviewers.length,
        solveMs: Math.round(solved.timing.totalMs),
        infeasibility: {
          proposals: infeasibility.proposals.map((p) => ({ ...p, acronym: acronym.get(p.id) ?? p.id })),
          reviewers: infeasibility.reviewers.map((x) => ({ ...x, displayName: byId.get(x.id)?.displayName ?? x.id })),
          global: infeasibility.global,
        },
      };
      await this.runs.succeed(jobRunId, result);
      return result;
    } catch (error) {
      await this.runs.fail(jobRunId, error instanceof Error ? error.message : String(error));
      throw error;
    }
  }

  // ───────────── The manager's board ─────────────

  async board(ctx: RequestContext, callId: string) {
    const call = await this.access.managedCall(ctx, callId);
    const [proposals, assignments, reviewers, lastRun] = await Promise.all([
      this.assignableProposals(this.prisma, callId),
      this.prisma.reviewAssignment.findMany({
        where: { callId },
        include: assignmentInclude,
        orderBy: [{ ordinal: 'asc' }],
      }),
      this.poolReviewers(this.prisma, callId),
      this.prisma.auditEvent.findFirst({
        where: { entityType: 'Call', entityId: callId, action: 'call.assignment_run_started' },
        orderBy: { id: 'desc' },
        select: { data: true },
      }),
    ]);
    const runId = (lastRun?.data as { jobRunId?: string } | null)?.jobRunId;
    const run = runId ? await this.prisma.jobRun.findUnique({ where: { id: runId } }) : null;
    const byProposal = new Map<string, AssignmentRow[]>();
    const load = new Map<string, number>();
    for (const a of assignments as AssignmentRow[]) {
      byProposal.set(a.proposalId, [...(byProposal.get(a.proposalId) ?? []), a]);
      if (a.status !== 'DECLINED') load.set(a.reviewerId, (load.get(a.reviewerId) ?? 0) + 1);
    }
    return {
      reviewersPerProposal: call.reviewersPerProposal,
      lastRun: run
        ? {
            jobRunId: run.id,
            status: run.status,
            finishedAt: run.finishedAt?.toISOString() ?? null,
            // A run stored by an older version may not parse: it is then shown without its report.
            result: run.status === 'SUCCEEDED' ? (AssignmentRunResultSchema.safeParse(run.result).data ?? null) : null,
            error: run.error,
          }
        : null,
      proposals: proposals.map((p) => ({
        id: p.id,
        acronym: p.acronym,
        title: p.title,
        countries: p.partnerCountries,
        assignments: (byProposal.get(p.id) ?? []).map(toAssignmentRow),
      })),
      reviewers: reviewers.map((r) => ({
        id: r.id,
        displayName: r.displayName,
        load: load.get(r.id) ?? 0,
        maxLoad: r.maxLoad,
      })),
    };
  }

  /** Affinity of one pair with its explanation, for pairs made by hand. */
  private explain(
    proposal: { id: string; title: string; abstract: string; keywords: string[] },
    index: AffinityIndex | null,
    reviewer: Reviewer,
  ) {
    const idx = index ?? buildAffinityIndex([proposal]);
    return explainAffinity(idx, proposal.id, reviewer.expertise);
  }

  /** Reviewers who could replace or complete a proposal's panel: no conflict, load left, other institution; best affinity first. */
  private async candidatesFor(db: Prisma | Tx, callId: string, proposalId: string, limit: number) {
    // In series: `db` may be a transaction, whose one connection takes one query at a time.
    const proposals = await this.assignableProposals(db, callId);
    const reviewers = await this.poolReviewers(db, callId);
    const conflicts = await this.conflicts.activeKeys(db, callId);
    const assignments = await db.reviewAssignment.findMany({
      where: { callId },
      select: { proposalId: true, reviewerId: true, status: true },
    });
    const proposal = proposals.find((p) => p.id === proposalId);
    if (!proposal) return [];
    const load = new Map<string, number>();
    const onProposal = new Set<string>();
    for (const a of assignments) {
      if (a.status !== 'DECLINED') load.set(a.reviewerId, (load.get(a.reviewerId) ?? 0) + 1);
      if (a.proposalId === proposalId) onProposal.add(a.reviewerId);
    }
    const byId = new Map(reviewers.map((r) => [r.id, r]));
    const panelInstitutions = new Set(
      assignments
        .filter((a) => a.proposalId === proposalId && a.status !== 'DECLINED')
        .map((a) => byId.get(a.reviewerId)?.institutionId),
    );
    const index = buildAffinityIndex(proposals);
    return reviewers
      .filter(
        (r) =>
          !onProposal.has(r.id) &&
          !conflicts.has(`${proposalId}:${r.id}`) &&
          (load.get(r.id) ?? 0) < r.maxLoad &&
          !panelInstitutions.has(r.institutionId),
      )
      .map((r) => {
        const explained = this.explain(proposal, index, r);
        return {
          reviewer: { id: r.id, displayName: r.displayName, institution: r.institution, countryCode: r.countryCode },
          affinity: explained.score,
          matchedTerms: [...explained.matchedTerms],
          load: load.get(r.id) ?? 0,
          maxLoad: r.maxLoad,
        };
      })
      .sort((a, b) => b.affinity - a.affinity || a.load - b.load)
      .slice(0, limit);
  }

  async replacements(ctx: RequestContext, assignmentId: string) {
    const assignment = await this.prisma.reviewAssignment.findUnique({ where: { id: assignmentId } });
    if (!assignment) throw AppError.notFound('Assignment');
    await this.access.managedCall(ctx, assignment.callId);
    return this.candidatesFor(this.prisma, assignment.callId, assignment.proposalId, 5);
  }

  async add(ctx: RequestContext, callId: string, body: { proposalId: string; reviewerId: string }) {
    const row = await this.prisma.$transaction(async (tx) => {
      await this.access.managedCall(ctx, callId, tx);
      await tx.$queryRaw`SELECT id FROM "Proposal" WHERE id = ${body.proposalId}::uuid FOR UPDATE`;
      const proposals = await this.assignableProposals(tx, callId);
      const proposal = proposals.find((p) => p.id === body.proposalId);
      if (!proposal) {
        throw new AppError('validation_failed', 'Not an eligible proposal of this call', [
          { path: 'body.proposalId', code: 'not_assignable', message: 'Only eligible proposals get reviewers' },
        ]);
      }
      const reviewer = (await this.poolReviewers(tx, callId)).find((r) => r.id === body.reviewerId);
      if (!reviewer) {
        throw new AppError('validation_failed', 'Not a reviewer of this call', [
          { path: 'body.reviewerId', code: 'not_in_pool', message: "Only reviewers who joined the call's pool" },
        ]);
      }
      await this.conflicts.detect(tx, callId, [reviewer.id]);
      if (await this.access.conflicted(tx, proposal.id, reviewer.id)) {
        throw new AppError('conflict', 'This reviewer has a conflict of interest with the proposal');
      }
      const existing = await tx.reviewAssignment.findUnique({
        where: { proposalId_reviewerId: { proposalId: proposal.id, reviewerId: reviewer.id } },
      });
      if (existing && existing.status !== 'DECLINED')
        throw new AppError('conflict', 'This reviewer is already assigned');
      const panel = await tx.reviewAssignment.findMany({
        where: { proposalId: proposal.id, status: { in: [...HOLDING] } },
        select: { reviewer: { select: { institutionId: true } } },
      });
      if (reviewer.institutionId && panel.some((a) => a.reviewer.institutionId === reviewer.institutionId)) {
        throw new AppError('conflict', 'Another reviewer of this proposal is from the same institution');
      }
      const load = await tx.reviewAssignment.count({
        where: { callId, reviewerId: reviewer.id, status: { in: [...HOLDING] } },
      });
      if (load >= reviewer.maxLoad)
        throw new AppError('conflict', `This reviewer has no load left (${load} of ${reviewer.maxLoad})`);
      const explained = this.explain(proposal, null, reviewer);
      const max = await tx.reviewAssignment.aggregate({ where: { proposalId: proposal.id }, _max: { ordinal: true } });
      const data = {
        status: 'PROPOSED' as const,
        manual: true,
        affinity: explained.score,
        matchedTerms: [...explained.matchedTerms] as object,
        declineReason: null,
        respondedAt: null,
        invitedAt: null,
      };
      const created = existing
        ? await tx.reviewAssignment.update({ where: { id: existing.id }, data, include: assignmentInclude })
        : await tx.reviewAssignment.create({
            data: {
              ...data,
              callId,
              proposalId: proposal.id,
              reviewerId: reviewer.id,
              ordinal: (max._max.ordinal ?? 0) + 1,
            },
            include: assignmentInclude,
          });
      await this.audit.record(tx, ctx, {
        action: 'assignment.added',
        entityType: 'ReviewAssignment',
        entityId: created.id,
        data: { proposalId: proposal.id, reviewerId: reviewer.id },
      });
      return created;
    });
    return toAssignmentRow(row as AssignmentRow);
  }

  async remove(ctx: RequestContext, id: string) {
    await this.prisma.$transaction(async (tx) => {
      const assignment = await tx.reviewAssignment.findUnique({ where: { id } });
      if (!assignment) throw AppError.notFound('Assignment');
      await this.access.managedCall(ctx, assignment.callId, tx);
      if (!['PROPOSED', 'DECLINED'].includes(assignment.status)) {
        throw new AppError('conflict', 'Only proposed or declined assignments can be removed');
      }
      await tx.reviewAssignment.delete({ where: { id } });
      await this.audit.record(tx, ctx, {
        action: 'assignment.removed',
        entityType: 'ReviewAssignment',
        entityId: id,
        data: { proposalId: assignment.proposalId, reviewerId: assignment.reviewerId, status: assignment.status },
      });
    });
  }

  /** Sends every proposed assignment as an invitation; the call and its assigned proposals move to review. */
  async send(ctx: RequestContext, callId: string) {
    return this.prisma.$transaction(async (tx) => {
      const call = await this.access.managedCall(ctx, callId, tx);
      if (!['CLOSED', 'IN_REVIEW'].includes(call.status)) throw new AppError('conflict', 'The call is not in review');
      const settings = settingsOf(call);
      if (!settings.reviewDeadline) {
        throw new AppError('conflict', 'Set the review deadline before inviting reviewers', [
          { path: 'reviewDeadline', code: 'required', message: 'Set it in the review settings' },
        ]);
      }
      const proposed = await tx.reviewAssignment.findMany({
        where: { callId, status: 'PROPOSED' },
        select: { id: true, proposalId: true },
      });
      if (proposed.length === 0) return { invited: 0 };
      const now = new Date();
      await tx.reviewAssignment.updateMany({
        where: { id: { in: proposed.map((p) => p.id) } },
        data: { status: 'INVITED', invitedAt: now },
      });
      await this.outbox.enqueueMany(
        tx,
        'email.reviewInvitation',
        proposed.map((p) => ({ assignmentId: p.id })),
      );
      await tx.proposal.updateMany({
        where: { id: { in: [...new Set(proposed.map((p) => p.proposalId))] }, status: 'ELIGIBLE' },
        data: { status: 'IN_REVIEW' },
      });
      if (call.status === 'CLOSED') await tx.call.update({ where: { id: callId }, data: { status: 'IN_REVIEW' } });
      await this.audit.record(tx, ctx, {
        action: 'call.review_invitations_sent',
        entityType: 'Call',
        entityId: callId,
        data: { invited: proposed.length },
      });
      return { invited: proposed.length };
    });
  }

  // ───────────── The reviewer's answer ─────────────

  /** Accept or decline; a decline tells the managers and suggests the best replacements. */
  async answer(
    tx: Tx,
    ctx: RequestContext | null,
    assignment: { id: string; callId: string; proposalId: string; reviewerId: string; status: string },
    accept: boolean,
    reason: string | undefined,
  ) {
    if (assignment.status !== 'INVITED') {
      throw new AppError('conflict', `You already answered this invitation (${assignment.status.toLowerCase()})`);
    }
    const status = accept ? ('ACCEPTED' as const) : ('DECLINED' as const);
    await tx.reviewAssignment.update({
      where: { id: assignment.id },
      data: { status, respondedAt: new Date(), declineReason: accept ? null : (reason ?? null), tokenHash: null },
    });
    await this.audit.record(tx, ctx, {
      ...(ctx ? {} : { actorId: assignment.reviewerId }),
      action: accept ? 'assignment.accepted' : 'assignment.declined',
      entityType: 'ReviewAssignment',
      entityId: assignment.id,
      data: { proposalId: assignment.proposalId, ...(reason ? { reason } : {}) },
    });
    if (!accept) {
      const replacements = await this.candidatesFor(tx, assignment.callId, assignment.proposalId, 3);
      const proposal = await tx.proposal.findUniqueOrThrow({
        where: { id: assignment.proposalId },
        select: { acronym: true, call: { select: { programmeId: true } } },
      });
      const managers = await tx.reviewAssignment.findUniqueOrThrow({
        where: { id: assignment.id },
        select: { reviewer: { select: { displayName: true } } },
      });
      const managerIds = await tx.userRole.findMany({
        where: { role: 'PROGRAMME_MANAGER', programmeId: proposal.call.programmeId },
        select: { userId: true },
      });
      await this.notifications.notify(tx, {
        type: 'review.declined',
        userIds: managerIds.map((m) => m.userId),
        data: {
          callId: assignment.callId,
          acronym: proposal.acronym,
          reviewer: managers.reviewer.displayName,
          reason: reason ?? '',
          replacements: replacements.map((r) => ({
            name: r.reviewer.displayName,
            affinity: Number(r.affinity.toFixed(3)),
          })),
        },
        link: `/manage/calls/${assignment.callId}/review`,
        eventKey: `review-declined:${assignment.id}`,
      });
    }
    return status;
  }
}
