import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { fileTypeFromBuffer } from 'file-type';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import type { RequestContext } from '../common/request-context.js';
import { PRISMA, type Prisma } from '../infra/prisma.service.js';
import { STORAGE, type Storage } from '../storage/storage.js';
import { accessTo, assertMember } from './proposal-access.js';

/** The file types a call may accept, by what the content really is. */
const MIME: Record<string, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  png: 'image/png',
  jpeg: 'image/jpeg',
};

type CallAttachment = { key: string; title: string; required: boolean; maxSizeMb: number; types: string[] };

function cleanFileName(name: string | undefined): string {
  const decoded = (() => {
    try {
      return decodeURIComponent(name ?? '');
    } catch {
      return '';
    }
  })();
  const base = decoded.split(/[\\/]/).pop() ?? '';
  // Control characters and quotes out; keep letters of every script.
  const safe = base
    .replace(/[\p{Cc}"]/gu, '')
    .trim()
    .slice(0, 200);
  return safe || 'attachment';
}

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
    if (data.length === 0) {
      throw new AppError('validation_failed', 'The file is empty', [
        { path: 'body', code: 'empty_file', message: 'The file is empty' },
      ]);
    }
    if (data.length > spec.maxSizeMb * 1024 * 1024) {
      throw new AppError('payload_too_large', `The file is larger than ${spec.maxSizeMb} MB`, [
        { path: 'body', code: 'too_big', message: 'File too large', params: { maximum: spec.maxSizeMb } },
      ]);
    }
    const detected = await fileTypeFromBuffer(data);
    const allowed = spec.types.map((t) => MIME[t]).filter(Boolean);
    if (!detected || !allowed.includes(detected.mime)) {
      throw new AppError('unsupported_media_type', `This file is not one of: ${spec.types.join(', ')}`, [
        {
          path: 'body',
          code: 'wrong_type',
          message: 'The content is not an allowed type',
          params: { allowed: spec.types.join(', '), detected: detected?.mime ?? 'unknown' },
        },
      ]);
    }
    const storageKey = `proposals/${id}/${randomUUID()}`;
    await this.storage.put(storageKey, data);
    const sha256 = createHash('sha256').update(data).digest('hex');
    const name = cleanFileName(fileName);
    const saved = await this.prisma.$transaction(async (tx) => {
      const attachment = await tx.proposalAttachment.upsert({
        where: { proposalId_key: { proposalId: id, key } },
        create: {
          proposalId: id,
          key,
          fileName: name,
          contentType: detected.mime,
          size: data.length,
          sha256,
          storageKey,
          uploadedById: ctx.actor!.id,
        },
        update: {
          fileName: name,
          contentType: detected.mime,
          size: data.length,
          sha256,
          storageKey,
          uploadedById: ctx.actor!.id,
          createdAt: new Date(),
        },
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
