import type { Call, CallInput, CallStatus } from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { AppError } from '../common/app-error.js';
import type { RequestContext } from '../common/request-context.js';
import { PRISMA, type Prisma, type Tx } from '../infra/prisma.service.js';
import { OutboxService } from '../outbox/outbox.service.js';
import { assertManages, managedProgrammeIds, mayCreateProgrammes } from './call-access.js';

const callInclude = {
  programme: { select: { id: true, name: true } },
  agencies: { include: { agency: true }, orderBy: { agencyId: 'asc' } },
  rates: { orderBy: { currency: 'asc' } },
} as const;

type CallRow = NonNullable<Awaited<ReturnType<Prisma['call']['findUnique']>>> & {
  programme: { id: string; name: string };
  agencies: {
    agencyId: string;
    envelope: { toFixed(d: number): string };
    agency: { name: string; acronym: string; countryCode: string };
  }[];
  rates: { currency: string; rate: { toString(): string } }[];
};

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toCall(row: CallRow): Call {
  return {
    id: row.id,
    programme: row.programme,
    status: row.status,
    version: row.version,
    title: row.title,
    summary: row.summary,
    description: row.description,
    themes: row.themes,
    currency: row.currency,
    timeZone: row.timeZone,
    opensAt: row.opensAt.toISOString(),
    closesAt: row.closesAt.toISOString(),
    maxDurationMonths: row.maxDurationMonths,
    capPerProposal: row.capPerProposal?.toFixed(2) ?? null,
    capPerPartner: row.capPerPartner?.toFixed(2) ?? null,
    indirectRate: row.indirectRate.toString(),
    sections: row.sections as Call['sections'],
    attachments: row.attachments as Call['attachments'],
    eligibilityRules: row.eligibilityRules as Call['eligibilityRules'],
    rubric: row.rubric as Call['rubric'],
    reviewersPerProposal: row.reviewersPerProposal,
    agencies: row.agencies.map((a) => ({
      agencyId: a.agencyId,
      name: a.agency.name,
      acronym: a.agency.acronym,
      countryCode: a.agency.countryCode,
      envelope: a.envelope.toFixed(2),
    })),
    rates: row.rates.map((r) => ({ currency: r.currency, rate: r.rate.toString() })),
    publishedAt: iso(row.publishedAt),
    openedAt: iso(row.openedAt),
    closedAt: iso(row.closedAt),
  };
}

function toSummary(row: CallRow) {
  const call = toCall(row);
  return {
    id: call.id,
    programme: call.programme,
    status: call.status,
    title: call.title,
    summary: call.summary,
    themes: call.themes,
    currency: call.currency,
    timeZone: call.timeZone,
    opensAt: call.opensAt,
    closesAt: call.closesAt,
    agencies: call.agencies.map((a) => ({ acronym: a.acronym, countryCode: a.countryCode })),
  };
}

/** Writable fields of a call, from the validated input. */
function callData(input: CallInput) {
  return {
    title: input.title,
    summary: input.summary,
    description: input.description,
    themes: input.themes,
    currency: input.currency,
    timeZone: input.timeZone,
    opensAt: new Date(input.opensAt),
    closesAt: new Date(input.closesAt),
    maxDurationMonths: input.maxDurationMonths,
    capPerProposal: input.capPerProposal,
    capPerPartner: input.capPerPartner,
    indirectRate: input.indirectRate,
    sections: input.sections,
    attachments: input.attachments,
    eligibilityRules: input.eligibilityRules,
    rubric: input.rubric,
    reviewersPerProposal: input.reviewersPerProposal,
  };
}

const EDITABLE: CallStatus[] = ['DRAFT', 'PUBLISHED'];
const VISIBLE_TO_PUBLIC: CallStatus[] = ['PUBLISHED', 'OPEN', 'CLOSED', 'IN_REVIEW', 'DECIDED', 'ARCHIVED'];

@Injectable()
export class CallsService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(OutboxService) private readonly outbox: OutboxService,
  ) {}

  private async checkReferences(tx: Tx, input: CallInput) {
    const ids = input.agencies.map((a) => a.agencyId);
    const found = await tx.agency.findMany({ where: { id: { in: ids } }, select: { id: true } });
    if (found.length !== ids.length) {
      const known = new Set(found.map((a) => a.id));
      throw new AppError(
        'validation_failed',
        'Unknown agency',
        input.agencies.flatMap((a, i) =>
          known.has(a.agencyId)
            ? []
            : [{ path: `body.agencies.${i}.agencyId`, code: 'unknown_agency', message: 'No such agency' }],
        ),
      );
    }
  }

  private async setRelations(tx: Tx, callId: string, input: CallInput) {
    await tx.callAgency.deleteMany({ where: { callId } });
    await tx.callAgency.createMany({
      data: input.agencies.map((a) => ({ callId, agencyId: a.agencyId, envelope: a.envelope })),
    });
    await tx.callExchangeRate.deleteMany({ where: { callId } });
    await tx.callExchangeRate.createMany({
      data: input.rates.map((r) => ({ callId, currency: r.currency, rate: r.rate })),
    });
  }

  async create(ctx: RequestContext, input: CallInput & { programmeId: string }): Promise<Call> {
    assertManages(ctx.actor, input.programmeId);
    const row = await this.prisma.$transaction(async (tx) => {
      await this.checkReferences(tx, input);
      const created = await tx.call.create({
        data: { ...callData(input), programmeId: input.programmeId, createdById: ctx.actor!.id },
      });
      await this.setRelations(tx, created.id, input);
      await this.audit.record(tx, ctx, {
        action: 'call.created',
        entityType: 'Call',
        entityId: created.id,
        data: { title: input.title },
      });
      return tx.call.findUniqueOrThrow({ where: { id: created.id }, include: callInclude });
    });
    return toCall(row as CallRow);
  }

  /** Reads a call for its managers, or 404. */
  private async managed(tx: Tx | Prisma, ctx: RequestContext, id: string) {
    const row = await tx.call.findUnique({ where: { id }, include: callInclude });
    if (!row) throw AppError.notFound('Call');
    assertManages(ctx.actor, row.programmeId);
    return row as CallRow;
  }

  private conflict(current: CallRow): never {
    throw AppError.stale('call', current.version);
  }

  async update(ctx: RequestContext, id: string, input: CallInput & { version: number }): Promise<Call> {
    const row = await this.prisma.$transaction(async (tx) => {
      const current = await this.managed(tx, ctx, id);
      if (!EDITABLE.includes(current.status)) {
        throw new AppError('conflict', `A call that is ${current.status.toLowerCase()} can no longer be changed`);
      }
      await this.checkReferences(tx, input);
      // Optimistic concurrency: the write applies only to the version the manager edited.
      const updated = await tx.call.updateMany({
        where: { id, version: input.version },
        data: { ...callData(input), version: { increment: 1 } },
      });
      if (updated.count !== 1) this.conflict(current);
      await this.setRelations(tx, id, input);
      await this.audit.record(tx, ctx, {
        action: 'call.updated',
        entityType: 'Call',
        entityId: id,
        data: { version: input.version + 1 },
      });
      const after = (await tx.call.findUniqueOrThrow({ where: { id }, include: callInclude })) as CallRow;
      if (after.status === 'PUBLISHED') await this.scheduleTransitions(tx, after);
      return after;
    });
    return toCall(row);
  }

  /** The worker opens and closes the call at its instants: delayed outbox rows, durable in PostgreSQL. */
  private async scheduleTransitions(tx: Tx, call: { id: string; opensAt: Date; closesAt: Date }) {
    await this.outbox.enqueue(tx, 'call.open', { callId: call.id }, { availableAt: call.opensAt });
    await this.outbox.enqueue(tx, 'call.close', { callId: call.id }, { availableAt: call.closesAt });
  }

  async publish(ctx: RequestContext, id: string, version: number): Promise<Call> {
    const row = await this.prisma.$transaction(async (tx) => {
      const current = await this.managed(tx, ctx, id);
      if (current.status !== 'DRAFT') throw new AppError('conflict', 'Only a draft can be published');
      if (current.version !== version) this.conflict(current);
      if (current.closesAt.getTime() <= Date.now()) {
        throw new AppError('validation_failed', 'The call would already be closed', [
          { path: 'closesAt', code: 'in_past', message: 'The closing instant has passed' },
        ]);
      }
      await tx.call.update({
        where: { id },
        data: { status: 'PUBLISHED', publishedAt: new Date(), version: { increment: 1 } },
      });
      await this.audit.record(tx, ctx, { action: 'call.published', entityType: 'Call', entityId: id });
      await this.scheduleTransitions(tx, current);
      return (await tx.call.findUniqueOrThrow({ where: { id }, include: callInclude })) as CallRow;
    });
    return toCall(row);
  }

  /**
   * Worker: opens or closes a call whose instant has come. Re-reads the call and acts only
   * if the transition is due, so stale or repeated jobs (after a date change, a retry, the
   * safety-net tick) change nothing.
   */
  async transition(callId: string, to: 'OPEN' | 'CLOSED', now = new Date()): Promise<'done' | 'skipped'> {
    return this.prisma.$transaction(async (tx) => {
      const call = await tx.call.findUnique({ where: { id: callId } });
      if (!call) return 'skipped';
      const due =
        to === 'OPEN'
          ? call.status === 'PUBLISHED' && call.opensAt <= now && call.closesAt > now
          : (call.status === 'PUBLISHED' || call.status === 'OPEN') && call.closesAt <= now;
      if (!due) return 'skipped';
      const moved = await tx.call.updateMany({
        where: { id: callId, status: call.status },
        data:
          to === 'OPEN'
            ? { status: 'OPEN', openedAt: now }
            : { status: 'CLOSED', closedAt: now, ...(call.openedAt ? {} : { openedAt: call.opensAt }) },
      });
      if (moved.count !== 1) return 'skipped';
      await this.audit.record(tx, null, {
        actorId: null,
        action: to === 'OPEN' ? 'call.opened' : 'call.closed',
        entityType: 'Call',
        entityId: callId,
        data: { at: now.toISOString(), scheduledFor: (to === 'OPEN' ? call.opensAt : call.closesAt).toISOString() },
      });
      return 'done';
    });
  }

  /** Safety net: every call whose opening or closing is overdue (e.g. jobs lost with Redis). */
  async overdueTransitions(now = new Date()) {
    const calls = await this.prisma.call.findMany({
      where: {
        OR: [
          { status: 'PUBLISHED', opensAt: { lte: now } },
          { status: { in: ['PUBLISHED', 'OPEN'] }, closesAt: { lte: now } },
        ],
      },
      select: { id: true, closesAt: true },
    });
    let done = 0;
    for (const call of calls) {
      if (call.closesAt > now && (await this.transition(call.id, 'OPEN', now)) === 'done') done++;
      if (call.closesAt <= now && (await this.transition(call.id, 'CLOSED', now)) === 'done') done++;
    }
    return { transitions: done };
  }

  async get(ctx: RequestContext, id: string): Promise<Call> {
    const row = await this.prisma.call.findUnique({ where: { id }, include: callInclude });
    if (!row) throw AppError.notFound('Call');
    const managed = managedProgrammeIds(ctx.actor).includes(row.programmeId);
    if (!VISIBLE_TO_PUBLIC.includes(row.status) && !managed) throw AppError.notFound('Call');
    return toCall(row as CallRow);
  }

  async listPublic(query: { page: number; pageSize: number; theme?: string }) {
    const where = {
      status: { in: ['PUBLISHED', 'OPEN'] as CallStatus[] },
      closesAt: { gt: new Date() },
      ...(query.theme ? { themes: { has: query.theme } } : {}),
    };
    const [rows, total] = await this.prisma.$transaction([
      this.prisma.call.findMany({
        where,
        include: callInclude,
        orderBy: [{ closesAt: 'asc' }, { id: 'asc' }],
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
      }),
      this.prisma.call.count({ where }),
    ]);
    return { items: rows.map((r) => toSummary(r as CallRow)), total, page: query.page, pageSize: query.pageSize };
  }

  async listManaged(
    ctx: RequestContext,
    query: { page: number; pageSize: number; programmeId?: string; status?: CallStatus },
  ) {
    const programmes = managedProgrammeIds(ctx.actor);
    const where = {
      programmeId: query.programmeId ? { in: programmes.filter((p) => p === query.programmeId) } : { in: programmes },
      ...(query.status ? { status: query.status } : {}),
    };
    const [rows, total] = await this.prisma.$transaction([
      this.prisma.call.findMany({
        where,
        include: callInclude,
        orderBy: [{ opensAt: 'desc' }, { id: 'asc' }],
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
      }),
      this.prisma.call.count({ where }),
    ]);
    return { items: rows.map((r) => toSummary(r as CallRow)), total, page: query.page, pageSize: query.pageSize };
  }

  programmes(ctx: RequestContext) {
    return this.prisma.programme.findMany({
      where: { id: { in: managedProgrammeIds(ctx.actor) } },
      select: { id: true, slug: true, name: true, description: true },
      orderBy: { name: 'asc' },
    });
  }

  async createProgramme(ctx: RequestContext, input: { name: string; slug: string; description: string }) {
    if (!mayCreateProgrammes(ctx.actor)) {
      throw AppError.forbidden('Only a programme manager not bound to one programme can create programmes');
    }
    return this.prisma.$transaction(async (tx) => {
      if (await tx.programme.findUnique({ where: { slug: input.slug } })) {
        throw new AppError('conflict', 'A programme with this slug exists', [
          { path: 'body.slug', code: 'taken', message: 'Choose another slug' },
        ]);
      }
      const programme = await tx.programme.create({
        data: input,
        select: { id: true, slug: true, name: true, description: true },
      });
      await tx.userRole.create({
        data: { userId: ctx.actor!.id, role: 'PROGRAMME_MANAGER', programmeId: programme.id },
      });
      await this.audit.record(tx, ctx, {
        action: 'programme.created',
        entityType: 'Programme',
        entityId: programme.id,
        data: input,
      });
      return programme;
    });
  }

  agencies() {
    return this.prisma.agency.findMany({
      select: { id: true, name: true, acronym: true, countryCode: true },
      orderBy: [{ countryCode: 'asc' }, { acronym: 'asc' }],
    });
  }
}
