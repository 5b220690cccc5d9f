import {
  type Panel,
  type PanelPerson,
  type ReviewContent,
  type ReviewerProposalView,
  type Rubric,
  type SubmissionSnapshot,
  weightedScore,
} from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { hashToken } from '../auth/tokens.js';
import { AppError } from '../common/app-error.js';
import type { RequestContext } from '../common/request-context.js';
import { PRISMA, type Prisma, type Tx } from '../infra/prisma.service.js';
import { LiveUpdates } from '../live/live-updates.service.js';
import { NotificationService } from '../notifications/notification.service.js';
import { STORAGE, type Storage } from '../storage/storage.js';
import { extensionOf } from '../storage/uploaded-file.js';
import { AssignmentService } from './assignment.service.js';
import { settingsOf } from './pool.service.js';
import { ReviewAccess, WORKING } from './review-access.js';

type ReviewRow = Awaited<ReturnType<Prisma['review']['findUniqueOrThrow']>> & {
  revisions: { number: number; submittedAt: Date; content: unknown }[];
};

export function contentOf(row: {
  scores: unknown;
  commentsToApplicants: string;
  confidentialComments: string;
  confidence: number | null;
  recommendation: ReviewContent['recommendation'];
}): ReviewContent {
  return {
    scores: (row.scores ?? {}) as ReviewContent['scores'],
    commentsToApplicants: row.commentsToApplicants,
    confidentialComments: row.confidentialComments,
    confidence: row.confidence,
    recommendation: row.recommendation,
  };
}

/** JSON with sorted keys: PostgreSQL's jsonb does not keep the order keys were written in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

const sameContent = (a: ReviewContent, b: ReviewContent) => canonical(a) === canonical(b);

/** Reviewers with an active conflict on the proposal: off its panel, whatever they wrote. */
async function conflictedReviewers(db: Prisma | Tx, proposalId: string) {
  const rows = await db.conflictOfInterest.findMany({
    where: { proposalId, active: true },
    select: { reviewerId: true },
  });
  return new Set(rows.map((c) => c.reviewerId));
}

/**
 * The panel: reviewers who submitted, without a conflict, in order ("Reviewer n" is `ordinal`). One query after the
 * other: `db` may be a transaction, whose single connection takes one query at a time.
 */
async function panelMembers(db: Prisma | Tx, proposalId: string) {
  const assignments = await db.reviewAssignment.findMany({
    where: { proposalId, status: 'SUBMITTED' },
    orderBy: { ordinal: 'asc' },
    select: { id: true, reviewerId: true, ordinal: true },
  });
  const excluded = await conflictedReviewers(db, proposalId);
  return assignments.filter((a) => !excluded.has(a.reviewerId));
}

/**
 * Who writes the consensus report: the one named on it while they are on the panel, else the panel's first reviewer
 * (so a rapporteur who turns out to be conflicted is replaced, not left holding the pen).
 */
function rapporteurOf(report: { rapporteurId: string } | null, panel: readonly { reviewerId: string }[]) {
  if (report && panel.some((a) => a.reviewerId === report.rapporteurId)) return report.rapporteurId;
  return panel[0]?.reviewerId ?? null;
}

@Injectable()
export class ReviewsService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(ReviewAccess) private readonly access: ReviewAccess,
    @Inject(AssignmentService) private readonly assignments: AssignmentService,
    @Inject(STORAGE) private readonly storage: Storage,
    @Inject(LiveUpdates) private readonly live: LiveUpdates,
    @Inject(NotificationService) private readonly notifications: NotificationService,
  ) {}

  /**
   * Tells the panel's reviewers and the programme's managers, other than the actor, that the panel changed: their open
   * pages re-read it (through the same access checks). Best effort, after the change has committed.
   */
  private tellPanel(ctx: RequestContext, proposalId: string) {
    const tell = async () => {
      const [members, proposal] = await Promise.all([
        panelMembers(this.prisma, proposalId),
        this.prisma.proposal.findUniqueOrThrow({
          where: { id: proposalId },
          select: { call: { select: { programmeId: true } } },
        }),
      ]);
      const managers = await this.prisma.userRole.findMany({
        where: { role: 'PROGRAMME_MANAGER', programmeId: proposal.call.programmeId },
        select: { userId: true },
      });
      const to = new Set([...members.map((m) => m.reviewerId), ...managers.map((m) => m.userId)]);
      to.delete(ctx.actor!.id);
      await Promise.all([...to].map((userId) => this.live.publish(userId, 'panel', { proposalId })));
    };
    void tell().catch(() => undefined);
  }

  // ───────────── Invitations ─────────────

  async myAssignments(ctx: RequestContext) {
    const rows = await this.prisma.reviewAssignment.findMany({
      where: { reviewerId: ctx.actor!.id, status: { in: ['INVITED', 'ACCEPTED', 'SUBMITTED'] } },
      include: {
        proposal: {
          select: {
            id: true,
            acronym: true,
            title: true,
            conflicts: { where: { reviewerId: ctx.actor!.id, active: true }, select: { id: true } },
            call: {
              select: { id: true, title: true, timeZone: true, reviewSettings: { select: { reviewDeadline: true } } },
            },
          },
        },
        review: { select: { status: true } },
      },
      orderBy: [{ invitedAt: 'desc' }],
    });
    // A conflicted pair is invisible, like everywhere else.
    return rows.filter((r) => r.proposal.conflicts.length === 0).map((r) => this.toMine(r));
  }

  private toMine(r: {
    id: string;
    status: 'PROPOSED' | 'INVITED' | 'ACCEPTED' | 'DECLINED' | 'SUBMITTED';
    ordinal: number;
    invitedAt: Date | null;
    proposal: {
      id: string;
      acronym: string;
      title: string;
      call: { id: string; title: string; timeZone: string; reviewSettings: { reviewDeadline: Date | null } | null };
    };
    review: { status: 'DRAFT' | 'SUBMITTED' } | null;
  }) {
    return {
      id: r.id,
      status: r.status,
      ordinal: r.ordinal,
      call: {
        id: r.proposal.call.id,
        title: r.proposal.call.title,
        timeZone: r.proposal.call.timeZone,
        reviewDeadline: r.proposal.call.reviewSettings?.reviewDeadline?.toISOString() ?? null,
      },
      proposal: { id: r.proposal.id, acronym: r.proposal.acronym, title: r.proposal.title },
      reviewStatus: r.review?.status ?? ('NONE' as const),
      invitedAt: r.invitedAt?.toISOString() ?? null,
    };
  }

  async respond(ctx: RequestContext, id: string, body: { accept: boolean; reason?: string }) {
    await this.prisma.$transaction(async (tx) => {
      const assignment = await this.access.assignment(ctx, id, ['INVITED', 'ACCEPTED', 'DECLINED', 'SUBMITTED'], tx);
      await this.assignments.answer(tx, ctx, assignment, body.accept, body.reason);
    });
    const mine = await this.myAssignments(ctx);
    const row = mine.find((a) => a.id === id);
    if (row) return row;
    // Declined: no longer in the list, answer from the row.
    const r = await this.prisma.reviewAssignment.findUniqueOrThrow({
      where: { id },
      include: {
        proposal: {
          select: {
            id: true,
            acronym: true,
            title: true,
            call: {
              select: { id: true, title: true, timeZone: true, reviewSettings: { select: { reviewDeadline: true } } },
            },
          },
        },
        review: { select: { status: true } },
      },
    });
    return this.toMine(r);
  }

  /** One click from the email: the token alone identifies the assignment. */
  async respondByToken(body: { token: string; accept: boolean; reason?: string }) {
    return this.prisma.$transaction(async (tx) => {
      const assignment = await tx.reviewAssignment.findUnique({
        where: { tokenHash: hashToken(body.token) },
        include: { proposal: { select: { acronym: true } } },
      });
      if (
        assignment?.status !== 'INVITED' ||
        (await this.access.conflicted(tx, assignment.proposalId, assignment.reviewerId))
      ) {
        throw new AppError('token_invalid', 'This invitation link has already been used or is no longer valid');
      }
      const status = await this.assignments.answer(tx, null, assignment, body.accept, body.reason);
      return { status, assignmentId: assignment.id, proposalAcronym: assignment.proposal.acronym };
    });
  }

  // ───────────── The proposal, as its reviewer sees it ─────────────

  /** What a reviewer may read of their assignment's proposal: its latest submission, and the call. */
  private async submittedFor(ctx: RequestContext, assignmentId: string) {
    const assignment = await this.access.assignment(ctx, assignmentId, WORKING);
    const [call, submission] = await Promise.all([
      this.prisma.call.findUniqueOrThrow({ where: { id: assignment.callId }, include: { reviewSettings: true } }),
      this.prisma.proposalSubmission.findFirst({
        where: { proposalId: assignment.proposalId },
        orderBy: { number: 'desc' },
      }),
    ]);
    if (!submission) throw AppError.notFound('Proposal');
    return { assignment, call, submission, snapshot: submission.snapshot as unknown as SubmissionSnapshot };
  }

  async proposalView(ctx: RequestContext, assignmentId: string): Promise<ReviewerProposalView> {
    const { assignment, call, submission, snapshot } = await this.submittedFor(ctx, assignmentId);
    const settings = settingsOf(call);
    const blind = settings.blindReview;
    const p = snapshot.proposal;
    const titles = new Map((call.sections as { key: string; title: string }[]).map((s) => [s.key, s.title]));
    const totals = new Map(snapshot.budget.summary.partners.map((b) => [b.partnerId, b.callCurrency.total]));
    return {
      assignment: { id: assignment.id, ordinal: assignment.ordinal, status: assignment.status as 'ACCEPTED' },
      call: {
        id: call.id,
        title: call.title,
        timeZone: call.timeZone,
        reviewDeadline: settings.reviewDeadline,
        blindReview: blind,
        rubric: call.rubric as Rubric,
      },
      proposal: {
        id: p.id,
        acronym: p.acronym,
        title: p.title,
        abstract: p.abstract,
        keywords: p.keywords,
        theme: p.theme,
        durationMonths: p.durationMonths,
        submittedAt: submission.submittedAt.toISOString(),
        sections: p.sections.map((s) => ({ key: s.key, title: titles.get(s.key) ?? s.key, content: s.content })),
        // Blind review: partners are numbered; no names, institutions or countries.
        partners: p.partners.map((partner, i) => ({
          number: i + 1,
          role: partner.role,
          institution: blind ? null : partner.institution.name,
          countryCode: blind ? null : partner.institution.countryCode,
          total: totals.get(partner.id) ?? '0.00',
        })),
        budgetTotal: snapshot.budget.summary.grandTotal,
        currency: snapshot.budget.summary.callCurrency,
        attachments: p.attachments.map((a) => ({
          key: a.key,
          contentType: a.contentType,
          size: a.size,
          fileName: blind ? null : a.fileName,
        })),
      },
    };
  }

  /**
   * A submitted attachment for its reviewer: the file as it was submitted (found by the checksum in the latest
   * snapshot), even if the consortium has replaced it since. With blind review the download gets a neutral name, its
   * extension taken from the detected type, never from the name the applicants gave.
   */
  async attachment(ctx: RequestContext, assignmentId: string, key: string) {
    const { call, snapshot } = await this.submittedFor(ctx, assignmentId);
    const submitted = snapshot.proposal.attachments.find((a) => a.key === key);
    if (!submitted) throw AppError.notFound('Attachment');
    const file = await this.prisma.proposalAttachmentFile.findFirst({
      where: { proposalId: snapshot.proposal.id, key, sha256: submitted.sha256 },
      orderBy: { createdAt: 'desc' },
    });
    if (!file) throw AppError.notFound('Attachment');
    const fileName = settingsOf(call).blindReview
      ? `${snapshot.proposal.acronym}-${key}${extensionOf(file.contentType)}`
      : submitted.fileName;
    return {
      file: { contentType: file.contentType, size: file.size, fileName },
      stream: await this.storage.get(file.storageKey),
    };
  }

  // ───────────── The review form ─────────────

  private async rubricOf(db: Prisma | Tx, callId: string) {
    const call = await db.call.findUniqueOrThrow({ where: { id: callId }, select: { rubric: true } });
    return call.rubric as Rubric;
  }

  private toReview(row: ReviewRow | null) {
    if (!row) {
      return {
        scores: {},
        commentsToApplicants: '',
        confidentialComments: '',
        confidence: null,
        recommendation: null,
        status: 'DRAFT' as const,
        version: 0,
        weightedScore: null,
        submittedAt: null,
        updatedAt: null,
        unsubmittedChanges: false,
        revisions: [],
      };
    }
    const content = contentOf(row);
    const last = row.revisions.at(-1);
    return {
      ...content,
      status: row.status,
      version: row.version,
      weightedScore: row.weightedScore === null ? null : Number(row.weightedScore),
      submittedAt: row.submittedAt?.toISOString() ?? null,
      updatedAt: row.updatedAt.toISOString(),
      unsubmittedChanges: last ? !sameContent(last.content as ReviewContent, content) : false,
      revisions: row.revisions.map((r) => ({
        number: r.number,
        submittedAt: r.submittedAt.toISOString(),
        content: r.content as ReviewContent,
      })),
    };
  }

  private loadReview(db: Prisma | Tx, assignmentId: string) {
    return db.review.findUnique({
      where: { assignmentId },
      include: { revisions: { orderBy: { number: 'asc' } } },
    }) as Promise<ReviewRow | null>;
  }

  async review(ctx: RequestContext, assignmentId: string) {
    await this.access.assignment(ctx, assignmentId, WORKING);
    return this.toReview(await this.loadReview(this.prisma, assignmentId));
  }

  private assertScores(rubric: Rubric, scores: ReviewContent['scores']) {
    const keys = new Set(rubric.criteria.map((c) => c.key));
    const errors = Object.entries(scores).flatMap(([key, value]) => {
      if (!keys.has(key))
        return [{ path: `body.scores.${key}`, code: 'unknown_criterion', message: 'Not a criterion of the rubric' }];
      if (value !== null && (value < rubric.scale.min || value > rubric.scale.max)) {
        return [
          {
            path: `body.scores.${key}`,
            code: 'out_of_scale',
            message: `must be between ${rubric.scale.min} and ${rubric.scale.max}`,
            params: rubric.scale,
          },
        ];
      }
      return [];
    });
    if (errors.length) throw new AppError('validation_failed', 'Some scores are not valid for this rubric', errors);
  }

  /** Autosave: the working copy, with optimistic concurrency (another tab's newer save wins a 409). */
  async save(ctx: RequestContext, assignmentId: string, body: ReviewContent & { version: number }) {
    const { version, ...content } = body;
    const row = await this.prisma.$transaction(async (tx) => {
      const assignment = await this.access.assignment(ctx, assignmentId, WORKING, tx);
      this.assertOpen(await this.decisionsReleased(tx, assignment.callId));
      const rubric = await this.rubricOf(tx, assignment.callId);
      this.assertScores(rubric, content.scores);
      const data = {
        scores: content.scores,
        commentsToApplicants: content.commentsToApplicants,
        confidentialComments: content.confidentialComments,
        confidence: content.confidence,
        recommendation: content.recommendation,
      };
      if (version === 0) {
        const created = await tx.review.createMany({ data: [{ ...data, assignmentId }], skipDuplicates: true });
        if (created.count === 0) await this.stale(tx, assignmentId);
      } else {
        const updated = await tx.review.updateMany({
          where: { assignmentId, version },
          data: { ...data, version: { increment: 1 } },
        });
        if (updated.count === 0) await this.stale(tx, assignmentId);
      }
      return this.loadReview(tx, assignmentId);
    });
    return this.toReview(row);
  }

  private async stale(tx: Tx, assignmentId: string): Promise<never> {
    const current = await this.loadReview(tx, assignmentId);
    throw new AppError('conflict', 'Your review was changed in another window since you loaded it', [
      {
        path: 'body.version',
        code: 'stale_version',
        message: 'Reload and merge your changes',
        params: { current: current?.version ?? 0, review: this.toReview(current) },
      },
    ]);
  }

  private async decisionsReleased(db: Prisma | Tx, callId: string) {
    const s = await db.callReviewSettings.findUnique({ where: { callId }, select: { decisionsReleasedAt: true } });
    return s?.decisionsReleasedAt ?? null;
  }

  private assertOpen(released: Date | null) {
    if (released) throw new AppError('conflict', 'Decisions have been released: reviews can no longer change');
  }

  /** Submits the working copy: every criterion scored, confidence, recommendation and comments to applicants. */
  async submit(ctx: RequestContext, assignmentId: string, version: number) {
    let proposalId: string | undefined;
    const row = await this.prisma.$transaction(async (tx) => {
      const assignment = await this.access.assignment(ctx, assignmentId, WORKING, tx);
      proposalId = assignment.proposalId;
      this.assertOpen(await this.decisionsReleased(tx, assignment.callId));
      await tx.$queryRaw`SELECT id FROM "Review" WHERE "assignmentId" = ${assignmentId}::uuid FOR UPDATE`;
      const review = await this.loadReview(tx, assignmentId);
      if (!review || review.version !== version) await this.stale(tx, assignmentId);
      const current = review!;
      const rubric = await this.rubricOf(tx, assignment.callId);
      const content = contentOf(current);
      const errors = [
        ...rubric.criteria
          .filter((c) => content.scores[c.key] === null || content.scores[c.key] === undefined)
          .map((c) => ({ path: `body.scores.${c.key}`, code: 'required', message: `Score "${c.title}"` })),
        ...(content.confidence === null
          ? [{ path: 'body.confidence', code: 'required', message: 'Say how confident you are' }]
          : []),
        ...(content.recommendation === null
          ? [{ path: 'body.recommendation', code: 'required', message: 'Give a recommendation' }]
          : []),
        ...(content.commentsToApplicants.trim().length < 20
          ? [
              {
                path: 'body.commentsToApplicants',
                code: 'too_short',
                message: 'Write at least a few sentences to the applicants',
              },
            ]
          : []),
      ];
      if (errors.length) throw new AppError('validation_failed', 'The review is not complete', errors);
      const last = current.revisions.at(-1);
      if (last && sameContent(last.content as ReviewContent, content)) return current;
      const number = (last?.number ?? 0) + 1;
      const now = new Date();
      await tx.reviewRevision.create({
        data: { reviewId: current.id, number, content: content as object, submittedAt: now },
      });
      await tx.review.update({
        where: { id: current.id },
        data: {
          status: 'SUBMITTED',
          submittedAt: now,
          weightedScore: weightedScore(rubric, content.scores),
          version: { increment: 1 },
        },
      });
      await tx.reviewAssignment.update({ where: { id: assignmentId }, data: { status: 'SUBMITTED' } });
      await this.audit.record(tx, ctx, {
        action: number === 1 ? 'review.submitted' : 'review.resubmitted',
        entityType: 'ReviewAssignment',
        entityId: assignmentId,
        data: { proposalId: assignment.proposalId, revision: number },
      });
      return this.loadReview(tx, assignmentId);
    });
    if (proposalId) this.tellPanel(ctx, proposalId);
    return this.toReview(row);
  }

  // ───────────── The panel: reviews, discussion, consensus ─────────────

  async panel(ctx: RequestContext, proposalId: string): Promise<Panel> {
    const { proposal, manager } = await this.access.panel(ctx, proposalId);
    const [assignments, messages, consensus] = await Promise.all([
      this.prisma.reviewAssignment.findMany({
        where: { proposalId, status: 'SUBMITTED' },
        include: {
          reviewer: { select: { displayName: true } },
          review: { include: { revisions: { orderBy: { number: 'desc' }, take: 1 } } },
        },
        orderBy: { ordinal: 'asc' },
      }),
      this.prisma.discussionMessage.findMany({
        where: { proposalId },
        include: { author: { select: { displayName: true } } },
        orderBy: { createdAt: 'asc' },
      }),
      this.prisma.consensusReport.findUnique({ where: { proposalId } }),
    ]);
    const excluded = await conflictedReviewers(this.prisma, proposalId);
    const panel = assignments.filter((a) => !excluded.has(a.reviewerId));
    const ordinalOf = new Map(panel.map((a) => [a.reviewerId, a.ordinal]));
    const nameOf = new Map([
      ...messages.map((m) => [m.authorId, m.author.displayName] as const),
      ...panel.map((a) => [a.reviewerId, a.reviewer.displayName] as const),
    ]);
    const me = ctx.actor!.id;
    // Reviewers are "Reviewer n" to each other; managers also see who.
    const person = (userId: string): PanelPerson => {
      const ordinal = ordinalOf.get(userId) ?? null;
      return {
        kind: ordinal === null ? 'manager' : 'reviewer',
        ordinal,
        name: manager ? (nameOf.get(userId) ?? null) : null,
        me: userId === me,
      };
    };
    const rapporteurId = rapporteurOf(consensus, panel);
    const approvedBy = consensus?.approvedBy ?? [];
    const others = panel.filter((a) => a.reviewerId !== rapporteurId).map((a) => a.reviewerId);
    return {
      proposal: { id: proposal.id, acronym: proposal.acronym, title: proposal.title },
      reviews: panel.flatMap((a) => {
        const revision = a.review?.revisions[0];
        if (!revision || !a.review) return [];
        return [
          {
            reviewer: person(a.reviewerId),
            weightedScore: a.review.weightedScore === null ? null : Number(a.review.weightedScore),
            content: revision.content as ReviewContent,
            submittedAt: revision.submittedAt.toISOString(),
          },
        ];
      }),
      messages: messages
        .filter((m) => !excluded.has(m.authorId))
        .map((m) => ({ id: m.id, author: person(m.authorId), body: m.body, createdAt: m.createdAt.toISOString() })),
      consensus: rapporteurId
        ? {
            rapporteur: person(rapporteurId),
            body: consensus?.body ?? '',
            status: consensus?.status ?? 'DRAFT',
            version: consensus?.version ?? 0,
            approvals: approvedBy.filter((id) => others.includes(id)).map(person),
            awaiting: others.filter((id) => !approvedBy.includes(id)).map(person),
            iApproved: approvedBy.includes(me),
          }
        : null,
    };
  }

  async postMessage(ctx: RequestContext, proposalId: string, body: string) {
    await this.prisma.$transaction(async (tx) => {
      await this.access.panel(ctx, proposalId, tx);
      const message = await tx.discussionMessage.create({ data: { proposalId, authorId: ctx.actor!.id, body } });
      await this.audit.record(tx, ctx, {
        action: 'panel.message_posted',
        entityType: 'Proposal',
        entityId: proposalId,
        data: { messageId: message.id },
      });
    });
    this.tellPanel(ctx, proposalId);
    return this.panel(ctx, proposalId);
  }

  async saveConsensus(
    ctx: RequestContext,
    proposalId: string,
    body: { body: string; version: number; propose: boolean },
  ) {
    await this.prisma.$transaction(async (tx) => {
      const { manager } = await this.access.panel(ctx, proposalId, tx);
      await tx.$queryRaw`SELECT id FROM "Proposal" WHERE id = ${proposalId}::uuid FOR UPDATE`;
      const current = await tx.consensusReport.findUnique({ where: { proposalId } });
      const rapporteurId = rapporteurOf(current, await panelMembers(tx, proposalId));
      if (manager || rapporteurId !== ctx.actor!.id)
        throw AppError.forbidden('Only the rapporteur writes the consensus report');
      if ((current?.version ?? 0) !== body.version) {
        throw new AppError('conflict', 'The consensus report changed since you loaded it', [
          {
            path: 'body.version',
            code: 'stale_version',
            message: 'Reload',
            params: { current: current?.version ?? 0 },
          },
        ]);
      }
      if (current?.status === 'APPROVED' && current.body === body.body) return;
      if (body.propose && body.body.trim().length < 20) {
        throw new AppError('validation_failed', 'Write the report before proposing it', [
          { path: 'body.body', code: 'too_short', message: 'Write at least a few sentences' },
        ]);
      }
      const data = {
        body: body.body,
        status: body.propose ? ('PROPOSED' as const) : ('DRAFT' as const),
        approvedBy: [],
      };
      if (current)
        await tx.consensusReport.update({
          where: { proposalId },
          data: { ...data, rapporteurId: ctx.actor!.id, version: { increment: 1 } },
        });
      else await tx.consensusReport.create({ data: { ...data, proposalId, rapporteurId: ctx.actor!.id } });
      await this.audit.record(tx, ctx, {
        action: body.propose ? 'consensus.proposed' : 'consensus.saved',
        entityType: 'Proposal',
        entityId: proposalId,
        data: { version: body.version + 1 },
      });
    });
    this.tellPanel(ctx, proposalId);
    return this.panel(ctx, proposalId);
  }

  async approveConsensus(ctx: RequestContext, proposalId: string, version: number) {
    await this.prisma.$transaction(async (tx) => {
      const { manager } = await this.access.panel(ctx, proposalId, tx);
      if (manager) throw AppError.forbidden("The panel's reviewers approve the consensus report");
      await tx.$queryRaw`SELECT id FROM "Proposal" WHERE id = ${proposalId}::uuid FOR UPDATE`;
      const report = await tx.consensusReport.findUnique({ where: { proposalId } });
      if (!report || report.status === 'DRAFT')
        throw new AppError('conflict', 'No consensus report has been proposed yet');
      if (report.version !== version) {
        throw new AppError('conflict', 'The consensus report changed since you read it', [
          {
            path: 'body.version',
            code: 'stale_version',
            message: 'Read it again',
            params: { current: report.version },
          },
        ]);
      }
      const panel = await panelMembers(tx, proposalId);
      const rapporteurId = rapporteurOf(report, panel);
      if (rapporteurId === ctx.actor!.id)
        throw new AppError('conflict', 'The rapporteur does not approve their own report');
      const approvedBy = [...new Set([...report.approvedBy, ctx.actor!.id])];
      const all = panel.filter((a) => a.reviewerId !== rapporteurId).every((a) => approvedBy.includes(a.reviewerId));
      await tx.consensusReport.update({
        where: { proposalId },
        data: { approvedBy, status: all ? 'APPROVED' : 'PROPOSED' },
      });
      await this.audit.record(tx, ctx, {
        action: 'consensus.approved',
        entityType: 'Proposal',
        entityId: proposalId,
        data: { version, complete: all },
      });
    });
    this.tellPanel(ctx, proposalId);
    return this.panel(ctx, proposalId);
  }
  /**
   * A manager names the rapporteur among the panel's reviewers ("Reviewer n"). A draft already written passes to them
   * and goes back to draft, with approvals reset; an approved report stays as it is.
   */
  async setRapporteur(ctx: RequestContext, proposalId: string, ordinal: number) {
    await this.prisma.$transaction(async (tx) => {
      const { manager } = await this.access.panel(ctx, proposalId, tx);
      if (!manager) throw AppError.forbidden("The programme's managers name the rapporteur");
      await tx.$queryRaw`SELECT id FROM "Proposal" WHERE id = ${proposalId}::uuid FOR UPDATE`;
      const panel = await panelMembers(tx, proposalId);
      const chosen = panel.find((a) => a.ordinal === ordinal);
      if (!chosen) {
        throw new AppError('validation_failed', 'Choose a reviewer of the panel who has submitted', [
          { path: 'body.ordinal', code: 'not_on_panel', message: `Reviewer ${ordinal} is not on this panel` },
        ]);
      }
      const current = await tx.consensusReport.findUnique({ where: { proposalId } });
      const previous = rapporteurOf(current, panel);
      if (current?.status === 'APPROVED') {
        throw new AppError('conflict', 'The consensus report is approved: its rapporteur no longer changes');
      }
      if (previous === chosen.reviewerId && current) return;
      if (current) {
        await tx.consensusReport.update({
          where: { proposalId },
          data: { rapporteurId: chosen.reviewerId, status: 'DRAFT', approvedBy: [], version: { increment: 1 } },
        });
      } else {
        await tx.consensusReport.create({ data: { proposalId, rapporteurId: chosen.reviewerId } });
      }
      const proposal = await tx.proposal.findUniqueOrThrow({
        where: { id: proposalId },
        select: { acronym: true, call: { select: { title: true } } },
      });
      await this.notifications.notify(tx, {
        type: 'review.rapporteur',
        userIds: [chosen.reviewerId],
        data: { assignmentId: chosen.id, acronym: proposal.acronym, callTitle: proposal.call.title },
        link: `/reviews/${chosen.id}`,
        eventKey: `review-rapporteur:${proposalId}:${(current?.version ?? 0) + 1}`,
      });
      await this.audit.record(tx, ctx, {
        action: 'consensus.rapporteur_set',
        entityType: 'Proposal',
        entityId: proposalId,
        data: { ordinal, previousOrdinal: panel.find((a) => a.reviewerId === previous)?.ordinal ?? null },
      });
    });
    this.tellPanel(ctx, proposalId);
    return this.panel(ctx, proposalId);
  }
}
