import { randomUUID } from 'node:crypto';
import { MILESTONE_FILE_LIMITS } from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error.js';
import type { RequestContext } from '../common/request-context.js';
import type { Tx } from '../infra/prisma.service.js';
import { STORAGE, type Storage } from '../storage/storage.js';
import { checkUpload } from '../storage/uploaded-file.js';
import { CONSORTIUM_EDITABLE, GrantCore } from './grant-core.js';

/** Evidence is open to the consortium until it is submitted (and again when changes are asked for). */
const EVIDENCE_OPEN = new Set(['PENDING', 'CHANGES_REQUESTED']);

@Injectable()
export class MilestonesService {
  constructor(
    @Inject(GrantCore) private readonly core: GrantCore,
    @Inject(STORAGE) private readonly storage: Storage,
  ) {}

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
    const row = await this.core.prisma.grantMilestone.findUniqueOrThrow({
      where: { id: milestoneId },
      include: { files: { orderBy: { createdAt: 'asc' } } },
    });
    const [history, names] = await Promise.all([
      this.core.history(this.core.prisma, row.grantId, 'MILESTONE'),
      this.core.names(
        this.core.prisma,
        row.files.map((f) => f.uploadedById),
      ),
    ]);
    return this.core.toMilestone(row, history, names);
  }

  /** The milestone, locked, for a consortium member who may still change its evidence. */
  private async editable(ctx: RequestContext, tx: Tx, milestoneId: string, what: string) {
    const loaded = await this.locked(ctx, tx, milestoneId);
    if (!loaded.access.member) throw AppError.forbidden('Only members of the consortium change milestone evidence');
    this.core.assertStatus(loaded.grant, CONSORTIUM_EDITABLE, what);
    if (!EVIDENCE_OPEN.has(loaded.milestone.status)) {
      throw new AppError('conflict', 'The evidence is submitted: it can change only when changes are asked for');
    }
    return loaded;
  }

  /** Adds a file to the evidence: checked by content and size, stored first, then recorded (and audited). */
  async addFile(ctx: RequestContext, milestoneId: string, data: Buffer, fileName: string | undefined) {
    const file = await checkUpload(data, fileName, MILESTONE_FILE_LIMITS);
    const storageKey = `grants/milestones/${milestoneId}/${randomUUID()}`;
    // Refuse early (before storing anything) when the caller may not add files.
    await this.core.prisma.$transaction((tx) => this.editable(ctx, tx, milestoneId, 'Adding evidence files'));
    await this.storage.put(storageKey, data);
    const saved = await this.core.prisma.$transaction(async (tx) => {
      const { grant, milestone } = await this.editable(ctx, tx, milestoneId, 'Adding evidence files');
      if (milestone.files.length >= MILESTONE_FILE_LIMITS.count) {
        throw new AppError('validation_failed', `At most ${MILESTONE_FILE_LIMITS.count} files per milestone`, [
          {
            path: 'body',
            code: 'too_many_files',
            message: 'Too many files',
            params: { maximum: MILESTONE_FILE_LIMITS.count },
          },
        ]);
      }
      const row = await tx.grantMilestoneFile.create({
        data: { milestoneId, storageKey, uploadedById: ctx.actor!.id, ...file },
      });
      await this.core.record(tx, ctx, grant.id, {
        action: 'milestone_file_added',
        subjectType: 'MILESTONE',
        subjectId: milestoneId,
        data: { fileId: row.id, fileName: file.fileName, size: file.size, sha256: file.sha256 },
      });
      return row;
    });
    const view = await this.view(milestoneId);
    return view.files.find((f) => f.id === saved.id)!;
  }

  /** Removes a file from evidence not submitted yet; the stored bytes stay (the audit trail names them). */
  async removeFile(ctx: RequestContext, milestoneId: string, fileId: string) {
    await this.core.prisma.$transaction(async (tx) => {
      const { grant, milestone } = await this.editable(ctx, tx, milestoneId, 'Removing evidence files');
      const file = milestone.files.find((f) => f.id === fileId);
      if (!file) throw AppError.notFound('File');
      await tx.grantMilestoneFile.delete({ where: { id: fileId } });
      await this.core.record(tx, ctx, grant.id, {
        action: 'milestone_file_removed',
        subjectType: 'MILESTONE',
        subjectId: milestoneId,
        data: { fileId, fileName: file.fileName, sha256: file.sha256 },
      });
    });
  }

  /** A file of the evidence, for the consortium and the programme's managers (404 for anyone else). */
  async file(ctx: RequestContext, milestoneId: string, fileId: string) {
    const row = await this.core.prisma.grantMilestone.findUnique({
      where: { id: milestoneId },
      select: { grantId: true },
    });
    if (!row) throw AppError.notFound('File');
    await this.core.load(ctx, row.grantId).catch(() => {
      throw AppError.notFound('File');
    });
    const file = await this.core.prisma.grantMilestoneFile.findFirst({ where: { id: fileId, milestoneId } });
    if (!file) throw AppError.notFound('File');
    return { attachment: file, stream: await this.storage.get(file.storageKey) };
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
