import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import type { RequestContext } from '../common/request-context.js';
import { PRISMA, type Prisma } from '../infra/prisma.service.js';
import { STORAGE, type Storage } from '../storage/storage.js';
import { checkUpload } from '../storage/uploaded-file.js';
import { accessTo, assertMember } from './proposal-access.js';

type CallAttachment = { key: string; title: string; required: boolean; maxSizeMb: number; types: string[] };

@Injectable()
export class AttachmentsService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(STORAGE) private readonly storage: Storage,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  private async proposal(id: string) {
    const row = await this.prisma.proposal.findUnique({
      where: { id },
      include: {
        call: { select: { programmeId: true, attachments: true, closesAt: true } },
        members: { select: { userId: true, role: true } },
      },
    });
    if (!row) throw AppError.notFound('Proposal');
    return row;
  }

  /** Checks size and type against the content (never the file name) and stores the file under a fresh key. */
  async upload(ctx: RequestContext, id: string, key: string, data: Buffer, fileName: string | undefined) {
    const row = await this.proposal(id);
    assertMember(accessTo(ctx.actor, row));
    if (!['DRAFT', 'SUBMITTED', 'WITHDRAWN'].includes(row.status)) {
      throw new AppError('conflict', 'The proposal can no longer be changed');
    }
    if (new Date() >= row.call.closesAt) throw new AppError('call_closed', 'The call has closed');
    const spec = (row.call.attachments as CallAttachment[]).find((a) => a.key === key);
    if (!spec) throw AppError.notFound('Attachment kind');
    const file = await checkUpload(data, fileName, spec);
    const storageKey = `proposals/${id}/${randomUUID()}`;
    await this.storage.put(storageKey, data);
    const { fileName: name, contentType, sha256 } = file;
    const saved = await this.prisma.$transaction(async (tx) => {
      const attachment = await tx.proposalAttachment.upsert({
        where: { proposalId_key: { proposalId: id, key } },
        create: {
          proposalId: id,
          key,
          fileName: name,
          contentType,
          size: data.length,
          sha256,
          storageKey,
          uploadedById: ctx.actor!.id,
        },
        update: {
          fileName: name,
          contentType,
          size: data.length,
          sha256,
          storageKey,
          uploadedById: ctx.actor!.id,
          createdAt: new Date(),
        },
      });
      // Kept for good: a submission names its files by checksum, and reviewers get exactly those.
      await tx.proposalAttachmentFile.create({
        data: { proposalId: id, key, sha256, fileName: name, contentType, size: data.length, storageKey },
      });
      await this.audit.record(tx, ctx, {
        action: 'proposal.attachment_uploaded',
        entityType: 'Proposal',
        entityId: id,
        data: { key, fileName: name, size: data.length, sha256 },
      });
      return attachment;
    });
    return toAttachment(saved);
  }

  async download(ctx: RequestContext, id: string, key: string) {
    const row = await this.proposal(id);
    accessTo(ctx.actor, row);
    const attachment = await this.prisma.proposalAttachment.findUnique({
      where: { proposalId_key: { proposalId: id, key } },
    });
    if (!attachment) throw AppError.notFound('Attachment');
    return { attachment, stream: await this.storage.get(attachment.storageKey) };
  }
}

export function toAttachment(a: {
  key: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  createdAt: Date;
}) {
  return {
    key: a.key,
    fileName: a.fileName,
    contentType: a.contentType,
    size: a.size,
    sha256: a.sha256,
    uploadedAt: a.createdAt.toISOString(),
  };
}
