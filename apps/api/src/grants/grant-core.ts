import {
  type BudgetLine,
  computeBudget,
  GRANT_WORKING_STATUSES,
  type Grant,
  type GrantStatus,
  grantBalances,
  minorUnits,
  type NotificationData,
  type NotificationType,
} from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { managesProgramme } from '../calls/call-access.js';
import { AppError } from '../common/app-error.js';
import type { RequestContext } from '../common/request-context.js';
import { PRISMA, type Prisma, type Tx } from '../infra/prisma.service.js';
import { NotificationService } from '../notifications/notification.service.js';
import { formatDate, isOverdue } from './grant-dates.js';

type Db = Prisma | Tx;
type PrismaDecimal = GrantRow['budgetLines'][number]['amount'];

export const grantInclude = {
  proposal: {
    select: {
      id: true,
      acronym: true,
      title: true,
      call: { select: { id: true, title: true, programmeId: true, programme: { select: { name: true } } } },
      members: {
        select: { userId: true, role: true, partnerId: true, user: { select: { displayName: true } } },
        orderBy: { createdAt: 'asc' as const },
      },
    },
  },
  partners: {
    include: {
      institution: { select: { id: true, name: true, countryCode: true } },
      agency: { select: { id: true, acronym: true, name: true } },
    },
    orderBy: [{ role: 'asc' as const }, { createdAt: 'asc' as const }],
  },
  budgetLines: { orderBy: [{ year: 'asc' as const }, { category: 'asc' as const }] },
  acknowledgements: true,
  milestones: { orderBy: { ordinal: 'asc' as const }, include: { files: { orderBy: { createdAt: 'asc' as const } } } },
  reports: { orderBy: [{ dueDate: 'asc' as const }, { kind: 'desc' as const }] },
  tranches: { orderBy: { number: 'asc' as const } },
  amendments: { orderBy: { number: 'asc' as const } },
} satisfies NonNullable<Parameters<Prisma['grant']['findUnique']>[0]>['include'];

export type GrantRow = NonNullable<Awaited<ReturnType<typeof loadGrant>>>;

function loadGrant(db: Db, id: string) {
  return db.grant.findUnique({ where: { id }, include: grantInclude });
}

export type MemberRole = 'LEAD_PI' | 'PARTNER_PI' | 'COLLABORATOR';

export interface GrantAccess {
  manager: boolean;
  /** The caller's role in the consortium (members of a partner removed by an amendment have none). */
  member: MemberRole | null;
}

/** Grant states in which the consortium works (the shared rule's list). */
export const CONSORTIUM_EDITABLE = GRANT_WORKING_STATUSES;

/** Members of active partners: the consortium of the grant. */
export function consortium(grant: GrantRow) {
  const active = new Set(grant.partners.filter((p) => p.active).map((p) => p.id));
  return grant.proposal.members.filter((m) => active.has(m.partnerId));
}

/** The PIs who must acknowledge the agreement: the lead PI and every partner PI of an active partner. */
export function requiredAcknowledgers(grant: GrantRow) {
  return consortium(grant).filter((m) => m.role === 'LEAD_PI' || m.role === 'PARTNER_PI');
}

/** The grant's approved lines (zero lines left out) in the shape computeBudget takes. */
export function approvedLines(grant: {
  budgetLines: readonly { partnerId: string; year: number; category: string; amount: PrismaDecimal }[];
}): BudgetLine[] {
  return grant.budgetLines
    .filter((l) => !l.amount.isZero())
    .map((l) => ({
      partnerId: l.partnerId,
      year: l.year,
      category: l.category as BudgetLine['category'],
      amount: l.amount.toFixed(2),
    }));
}

export function budgetOfGrant(
  grant: {
    partners: readonly { id: string; currency: string; agencyId: string; countryCode: string }[];
    currency: string;
    rates: unknown;
    indirectRate: { toString(): string };
  },
  lines: readonly BudgetLine[],
) {
  return computeBudget({
    lines,
    partners: grant.partners.map((p) => ({
      id: p.id,
      currency: p.currency,
      agencyId: p.agencyId,
      countryCode: p.countryCode,
    })),
    callCurrency: grant.currency,
    rates: grant.rates as Record<string, string>,
    indirectRate: grant.indirectRate.toString(),
  });
}

export function rateOf(grant: Pick<GrantRow, 'currency' | 'rates'>, currency: string): string {
  if (currency === grant.currency) return '1';
  const rate = (grant.rates as Record<string, string>)[currency];
  if (!rate) throw new AppError('conflict', `The grant has no exchange rate for ${currency}`);
  return rate;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** Everything the grant's features share: loading with access checks, locking, history, notifications, the view. */
@Injectable()
export class GrantCore {
  constructor(
    @Inject(PRISMA) readonly prisma: Prisma,
    @Inject(AuditService) readonly audit: AuditService,
    @Inject(NotificationService) private readonly notifications: NotificationService,
  ) {}

  accessTo(ctx: RequestContext, grant: GrantRow): GrantAccess {
    const manager = managesProgramme(ctx.actor, grant.programmeId);
    const member = consortium(grant).find((m) => m.userId === ctx.actor?.id)?.role ?? null;
    if (!manager && !member) throw AppError.notFound('Grant');
    return { manager, member };
  }

  /** The grant and the caller's relation to it; 404 for anyone who is neither a member nor a manager of it. */
  async load(ctx: RequestContext, id: string, db: Db = this.prisma) {
    const grant = await loadGrant(db, id);
    if (!grant) throw AppError.notFound('Grant');
    return { grant, access: this.accessTo(ctx, grant) };
  }

  /** The grant, for the system's own jobs (no caller, no access check). */
  system(db: Db, id: string) {
    return loadGrant(db, id);
  }

  /** Like load(), after locking the grant's row: every change to a grant is serialised on it. */
  async lock(ctx: RequestContext, tx: Tx, id: string) {
    await tx.$queryRaw`SELECT id FROM "Grant" WHERE id = ${id}::uuid FOR UPDATE`;
    return this.load(ctx, id, tx);
  }

  assertManager(access: GrantAccess) {
    if (!access.manager) throw AppError.notFound('Grant');
  }

  assertLead(access: GrantAccess) {
    if (access.member !== 'LEAD_PI') throw AppError.forbidden('Only the lead PI can do this');
  }

  assertStatus(grant: GrantRow, allowed: readonly GrantStatus[], what: string) {
    if (!allowed.includes(grant.status)) {
      throw new AppError('conflict', `${what} is not possible while the grant is ${grant.status.toLowerCase()}`);
    }
  }

  /** Records an entry of the grant's history and the audit event, in the caller's transaction. */
  async record(
    tx: Tx,
    ctx: RequestContext,
    grantId: string,
    entry: {
      action: string;
      subjectType?: 'MILESTONE' | 'REPORT' | 'TRANCHE' | 'AMENDMENT';
      subjectId?: string;
      comment?: string | null;
      data?: Record<string, unknown>;
    },
  ) {
    await tx.grantEvent.create({
      data: {
        grantId,
        action: entry.action,
        subjectType: entry.subjectType ?? null,
        subjectId: entry.subjectId ?? null,
        actorId: ctx.actor?.id ?? null,
        comment: entry.comment ?? null,
        data: (entry.data ?? {}) as object,
      },
    });
    await this.audit.record(tx, ctx, {
      action: `grant.${entry.action}`,
      entityType: entry.subjectType
        ? `Grant${entry.subjectType[0]}${entry.subjectType.slice(1).toLowerCase()}`
        : 'Grant',
      entityId: entry.subjectId ?? grantId,
      data: { grantId, ...(entry.comment ? { comment: entry.comment } : {}), ...(entry.data ?? {}) },
    });
  }

  async notifyConsortium<T extends NotificationType>(
    tx: Tx,
    grant: GrantRow,
    type: T,
    data: NotificationData<T>,
    eventKey: string,
  ) {
    return this.notifications.notify(tx, {
      type,
      userIds: consortium(grant).map((m) => m.userId),
      data,
      link: `/grants/${grant.id}`,
      eventKey,
    });
  }

  async notifyManagers<T extends NotificationType>(
    tx: Tx,
    grant: GrantRow,
    type: T,
    data: NotificationData<T>,
    eventKey: string,
  ) {
    const managers = await tx.userRole.findMany({
      where: { role: 'PROGRAMME_MANAGER', programmeId: grant.programmeId },
      select: { userId: true },
    });
    await this.notifications.notify(tx, {
      type,
      userIds: managers.map((m) => m.userId),
      data,
      link: `/grants/${grant.id}`,
      eventKey,
    });
  }

  /** A status change: the new state, its history entry and audit event, and the consortium told. */
  async transition(
    tx: Tx,
    ctx: RequestContext,
    grant: GrantRow,
    to: GrantStatus,
    extra: { reason?: string | null; data?: Record<string, unknown> } = {},
  ) {
    const now = new Date();
    await tx.grant.update({
      where: { id: grant.id },
      data: {
        status: to,
        ...(to === 'ACTIVE' && !grant.activatedAt ? { activatedAt: now } : {}),
        ...(to === 'CLOSED' ? { closedAt: now } : {}),
        ...(to === 'SUSPENDED'
          ? { suspendedFrom: grant.status, suspensionReason: extra.reason ?? null }
          : { suspendedFrom: null, suspensionReason: null }),
      },
    });
    await this.record(tx, ctx, grant.id, {
      action: 'status_changed',
      comment: extra.reason ?? null,
      data: { from: grant.status, to, ...(extra.data ?? {}) },
    });
    const count = await tx.grantEvent.count({ where: { grantId: grant.id, action: 'status_changed' } });
    await this.notifyConsortium(
      tx,
      grant,
      'grant.status_changed',
      {
        grantId: grant.id,
        number: grant.number,
        acronym: grant.proposal.acronym,
        status: to,
        reason: extra.reason ?? null,
      },
      `grant-status:${grant.id}:${count}`,
    );
  }

  /** Display names of users, for history entries. */
  async names(db: Db, ids: readonly (string | null)[]) {
    const unique = [...new Set(ids.filter((id): id is string => id !== null))];
    if (unique.length === 0) return new Map<string, string>();
    const users = await db.user.findMany({ where: { id: { in: unique } }, select: { id: true, displayName: true } });
    return new Map(users.map((u) => [u.id, u.displayName]));
  }

  async history(db: Db, grantId: string, subjectType?: string) {
    const events = await db.grantEvent.findMany({
      where: { grantId, ...(subjectType ? { subjectType } : {}) },
      orderBy: { id: 'asc' },
    });
    const names = await this.names(
      db,
      events.map((e) => e.actorId),
    );
    return events.map((e) => ({
      action: e.action,
      subjectType: e.subjectType,
      subjectId: e.subjectId,
      actor: e.actorId ? { id: e.actorId, displayName: names.get(e.actorId) ?? '' } : null,
      comment: e.comment,
      data: e.data as Record<string, unknown>,
      at: e.createdAt.toISOString(),
    }));
  }

  toMilestone(
    m: GrantRow['milestones'][number],
    history: Awaited<ReturnType<GrantCore['history']>>,
    names: ReadonlyMap<string, string>,
  ) {
    return {
      id: m.id,
      workPackage: m.workPackage,
      title: m.title,
      verification: m.verification,
      dueMonth: m.dueMonth,
      dueDate: formatDate(m.dueDate),
      status: m.status,
      overdue: isOverdue(m.dueDate, m.status === 'ACCEPTED'),
      evidence: m.evidence,
      links: m.links,
      files: m.files.map((f) => ({
        id: f.id,
        fileName: f.fileName,
        contentType: f.contentType,
        size: f.size,
        sha256: f.sha256,
        uploadedBy: names.has(f.uploadedById) ? { id: f.uploadedById, displayName: names.get(f.uploadedById)! } : null,
        uploadedAt: f.createdAt.toISOString(),
      })),
      submittedAt: iso(m.submittedAt),
      reviewedAt: iso(m.reviewedAt),
      reviewComment: m.reviewComment,
      history: history.filter((h) => h.subjectId === m.id),
    };
  }

  /** The full view of a grant for the caller. */
  async view(ctx: RequestContext, id: string, db: Db = this.prisma): Promise<Grant> {
    const { grant, access } = await this.load(ctx, id, db);
    // In series: `db` may be a transaction, whose one connection takes one query at a time.
    const milestoneHistory = await this.history(db, grant.id, 'MILESTONE');
    const names = await this.names(db, [
      ...grant.amendments.map((a) => a.requestedById),
      ...grant.milestones.flatMap((m) => m.files.map((f) => f.uploadedById)),
    ]);
    const budget = budgetOfGrant(grant, approvedLines(grant));
    const original = budgetOfGrant(
      grant,
      grant.budgetLines
        .filter((l) => l.originalAmount !== null)
        .map((l) => ({
          partnerId: l.partnerId,
          year: l.year,
          category: l.category as BudgetLine['category'],
          amount: l.originalAmount!.toFixed(2),
        })),
    );
    const partnerTotals = new Map(budget.partners.map((p) => [p.partnerId, p]));
    const balances = grantBalances({
      callCurrency: grant.currency,
      partners: grant.partners.map((p) => ({
        partnerId: p.id,
        currency: p.currency,
        agencyId: p.agencyId,
        approvedPartner: partnerTotals.get(p.id)?.partnerCurrency.total ?? '0',
        approvedCall: partnerTotals.get(p.id)?.callCurrency.total ?? '0',
      })),
      tranches: grant.tranches.map((t) => ({
        partnerId: t.partnerId,
        amount: t.amount.toFixed(2),
        callAmount: t.callAmount.toFixed(2),
        status: t.status,
      })),
    });
    const agencyAcronyms = new Map(grant.partners.map((p) => [p.agencyId, p.agency.acronym]));
    const acks = grant.acknowledgements.filter((a) => a.version === grant.agreementVersion);
    const required = requiredAcknowledgers(grant);
    const acknowledgements = required.map((m) => ({
      userId: m.userId,
      displayName: m.user.displayName,
      role: m.role as 'LEAD_PI' | 'PARTNER_PI',
      acknowledgedAt: iso(acks.find((a) => a.userId === m.userId)?.acknowledgedAt ?? null),
    }));
    const members = grant.proposal.members;
    return {
      id: grant.id,
      number: grant.number,
      status: grant.status,
      suspendedFrom: grant.suspendedFrom,
      suspensionReason: grant.suspensionReason,
      myRole: access.manager ? 'MANAGER' : access.member!,
      proposal: { id: grant.proposal.id, acronym: grant.proposal.acronym, title: grant.proposal.title },
      call: {
        id: grant.proposal.call.id,
        title: grant.proposal.call.title,
        programmeId: grant.proposal.call.programmeId,
      },
      startDate: formatDate(grant.startDate),
      endDate: formatDate(grant.endDate),
      reportingPeriodMonths: grant.reportingPeriodMonths,
      currency: grant.currency,
      indirectRate: grant.indirectRate.toString(),
      awardedAt: grant.awardedAt.toISOString(),
      activatedAt: iso(grant.activatedAt),
      closedAt: iso(grant.closedAt),
      agreement: {
        version: grant.agreementVersion,
        issuedAt: grant.agreementIssuedAt.toISOString(),
        acknowledgements,
        complete: acknowledgements.every((a) => a.acknowledgedAt !== null),
      },
      partners: grant.partners.map((p) => {
        const pi = members.find((m) => m.partnerId === p.id && (m.role === 'LEAD_PI' || m.role === 'PARTNER_PI'));
        return {
          id: p.id,
          role: p.role,
          institution: p.institution,
          currency: p.currency,
          rate: rateOf(grant, p.currency),
          agency: p.agency,
          active: p.active,
          pi: pi ? { userId: pi.userId, displayName: pi.user.displayName } : null,
        };
      }),
      budget: {
        adjustmentReason: grant.adjustmentReason,
        lines: grant.budgetLines.map((l) => ({
          partnerId: l.partnerId,
          year: l.year,
          category: l.category as BudgetLine['category'],
          original: l.originalAmount?.toFixed(2) ?? null,
          approved: l.amount.toFixed(2),
        })),
        adjustments: grant.budgetLines
          .filter((l) => l.originalAmount === null || !l.originalAmount.equals(l.amount))
          .map((l) => ({
            partnerId: l.partnerId,
            year: l.year,
            category: l.category as BudgetLine['category'],
            original: l.originalAmount?.toFixed(2) ?? '0.00',
            approved: l.amount.toFixed(2),
          })),
        partners: budget.partners.map((p) => ({
          partnerId: p.partnerId,
          currency: p.currency,
          agencyId: p.agencyId,
          partnerCurrency: p.partnerCurrency,
          callCurrency: p.callCurrency,
        })),
        byAgency: budget.byAgency,
        byYear: budget.byYear,
        byCategory: budget.byCategory,
        grandTotal: budget.grandTotal,
        originalGrandTotal: original.grandTotal,
      },
      milestones: grant.milestones.map((m) => this.toMilestone(m, milestoneHistory, names)),
      reports: grant.reports.map(toReportSummary),
      tranches: grant.tranches.map((t) =>
        toTranche(t, grant.partners.find((p) => p.id === t.partnerId)!.currency, grant.currency),
      ),
      balances: {
        partners: balances.partners,
        agencies: balances.agencies.map((a) => ({
          agencyId: a.agencyId,
          acronym: agencyAcronyms.get(a.agencyId) ?? '',
          callCurrency: a.callCurrency,
        })),
        total: balances.total,
      },
      amendments: grant.amendments.map((a) => toAmendment(a, names)),
    };
  }
}

export function toReportSummary(r: GrantRow['reports'][number]) {
  return {
    id: r.id,
    kind: r.kind,
    number: r.number,
    periodStart: formatDate(r.periodStart),
    periodEnd: formatDate(r.periodEnd),
    dueDate: formatDate(r.dueDate),
    status: r.status,
    overdue: isOverdue(r.dueDate, r.status === 'ACCEPTED'),
    submittedAt: iso(r.submittedAt),
    reviewedAt: iso(r.reviewedAt),
    reviewComment: r.reviewComment,
  };
}

export function toTranche(t: GrantRow['tranches'][number], currency: string, callCurrency: string) {
  return {
    id: t.id,
    number: t.number,
    partnerId: t.partnerId,
    currency,
    amount: t.amount.toFixed(minorUnits(currency)),
    callAmount: t.callAmount.toFixed(minorUnits(callCurrency)),
    condition: t.condition,
    reportId: t.reportId,
    milestoneId: t.milestoneId,
    status: t.status,
    plannedDate: t.plannedDate ? formatDate(t.plannedDate) : null,
    paidOn: t.paidOn ? formatDate(t.paidOn) : null,
    reference: t.reference,
    releasedAt: iso(t.releasedAt),
  };
}

export function toAmendment(a: GrantRow['amendments'][number], names: Map<string, string>) {
  return {
    id: a.id,
    number: a.number,
    kind: a.kind,
    status: a.status,
    justification: a.justification,
    request: a.request as Record<string, unknown>,
    changes: (a.changes ?? null) as Record<string, unknown> | null,
    requestedBy: { id: a.requestedById, displayName: names.get(a.requestedById) ?? '' },
    requestedAt: a.requestedAt.toISOString(),
    decidedAt: iso(a.decidedAt),
    decisionComment: a.decisionComment,
  };
}
