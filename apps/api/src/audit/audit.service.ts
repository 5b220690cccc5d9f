import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../common/request-context.js';
import type { Tx } from '../infra/prisma.service.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  data?: Record<string, unknown>;
  /** Overrides the request's actor, e.g. the user a public reset link acts for. */
  actorId?: string | null;
}

/** Writes audit events inside the caller's transaction, so a change and its record commit together. */
@Injectable()
export class AuditService {
  async record(tx: Tx, ctx: RequestContext | null, entry: AuditEntry): Promise<void> {
    await tx.auditEvent.create({
      data: {
        actorId: entry.actorId !== undefined ? entry.actorId : (ctx?.actor?.id ?? null),
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId,
        data: (entry.data ?? {}) as object,
        ip: ctx?.ip ?? null,
        requestId: ctx?.requestId ?? null,
      },
    });
  }
}
