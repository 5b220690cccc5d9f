import {
  type AwardBody,
  compareMoney,
  type FieldError,
  fitsCurrency,
  type GrantStatus,
  minorUnits,
  type WorkPlan,
} from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { managedProgrammeIds, managesProgramme } from '../calls/call-access.js';
import { AppError } from '../common/app-error.js';
import type { RequestContext } from '../common/request-context.js';
import { CONFIG, type Config } from '../config/config.js';
import type { Tx } from '../infra/prisma.service.js';
import { renderAgreement } from './agreement-pdf.js';
import { approvedLines, budgetOfGrant, GrantCore, requiredAcknowledgers } from './grant-core.js';
import { endOfMonth, formatDate, isOverdue, parseDate, reportSchedule } from './grant-dates.js';
import { GrantReminders } from './grant-reminders.js';
import { findFonts } from './pdf-fonts.js';

@Injectable()
export class GrantsService {
  constructor(
    @Inject(GrantCore) private readonly core: GrantCore,
    @Inject(GrantReminders) private readonly reminders: GrantReminders,
    @Inject(CONFIG) private readonly config: Config,
  ) {}

  private get prisma() {
    return this.core.prisma;
  }

  /** Awards a funded proposal whose decision is released: the one way a grant is made. */
  async award(ctx: RequestContext, proposalId: string, body: AwardBody) {
    const grantId = await this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Proposal" WHERE id = ${proposalId}::uuid FOR UPDATE`;
      const proposal = await tx.proposal.findUnique({
        where: { id: proposalId },
        include: {
          call: {
            include: { rates: true, agencies: { include: { agency: true } }, reviewSettings: true },
          },
          partners: {
            include: { institution: { include: { country: { select: { currency: true } } } } },
            orderBy: [{ role: 'asc' }, { createdAt: 'asc' }],
          },
          budgetLines: true,
          decision: true,
          grant: { select: { id: true, number: true } },
          members: { select: { userId: true } },
        },
      });
      if (!proposal || proposal.status === 'DRAFT' || !managesProgramme(ctx.actor, proposal.call.programmeId)) {
        throw AppError.notFound('Proposal');
      }
      if (proposal.grant) {
        throw new AppError('conflict', `The proposal is already awarded as grant ${proposal.grant.number}`);
      }
      if (
        proposal.status !== 'FUNDED' ||
        proposal.decision?.outcome !== 'FUNDED' ||
        !proposal.call.reviewSettings?.decisionsReleasedAt
      ) {
        throw new AppError('conflict', 'Only a proposal whose released decision is "funded" can be awarded');
      }

      // Agencies: the proposal's, or the one given; always one of the partner's country taking part in the call.
      const errors: FieldError[] = [];
      const partnerIds = new Set(proposal.partners.map((p) => p.id));
      const callAgencies = new Map(proposal.call.agencies.map((a) => [a.agencyId, a.agency]));
      const agencyOf = new Map(proposal.partners.map((p) => [p.id, p.agencyId]));
      body.agencies.forEach((a, i) => {
        const partner = proposal.partners.find((p) => p.id === a.partnerId);
        const agency = callAgencies.get(a.agencyId);
        if (!partner) {
          errors.push({ path: `body.agencies.${i}.partnerId`, code: 'unknown_partner', message: 'Not a partner' });
        } else if (!agency || agency.countryCode !== partner.institution.countryCode) {
          errors.push({
            path: `body.agencies.${i}.agencyId`,
            code: 'invalid_agency',
            message: "Not an agency of the partner's country taking part in the call",
          });
        } else {
          agencyOf.set(partner.id, agency.id);
        }
      });
      proposal.partners.forEach((p) => {
        if (!agencyOf.get(p.id)) {
          errors.push({
            path: 'body.agencies',
            code: 'missing_agency',
            message: `${p.institution.name} has no responsible agency: name one`,
            params: { partnerId: p.id },
          });
        }
      });

      // The approved budget: the proposal's lines, with the manager's changes.
      const currencyOf = new Map(proposal.partners.map((p) => [p.id, p.institution.country.currency]));
      const key = (l: { partnerId: string; year: number; category: string }) =>
        `${l.partnerId}|${l.year}|${l.category}`;
      const lines = new Map<
        string,
        { partnerId: string; year: number; category: string; amount: string; original: string | null }
      >();
      for (const l of proposal.budgetLines) {
        const amount = l.amount.toFixed(2);
        lines.set(key(l), { partnerId: l.partnerId, year: l.year, category: l.category, amount, original: amount });
      }
      const seen = new Set<string>();
      body.budgetChanges.forEach((c, i) => {
        if (!partnerIds.has(c.partnerId)) {
          errors.push({ path: `body.budgetChanges.${i}.partnerId`, code: 'unknown_partner', message: 'Not a partner' });
          return;
        }
        const currency = currencyOf.get(c.partnerId)!;
        if (!fitsCurrency(c.amount, currency)) {
          errors.push({
            path: `body.budgetChanges.${i}.amount`,
            code: 'amount_precision',
            message: `${currency} amounts have at most ${minorUnits(currency)} decimals`,
            params: { currency, decimals: minorUnits(currency) },
          });
          return;
        }
        if (seen.has(key(c))) {
          errors.push({ path: `body.budgetChanges.${i}`, code: 'duplicate', message: 'This line is changed twice' });
          return;
        }
        seen.add(key(c));
        const existing = lines.get(key(c));
        lines.set(key(c), { ...c, original: existing?.original ?? null });
      });
      if (errors.length) throw new AppError('validation_failed', 'The award is invalid', errors);

      const start = parseDate(body.startDate);
      const duration = proposal.durationMonths ?? proposal.call.maxDurationMonths;
      const end = body.endDate ? parseDate(body.endDate) : endOfMonth(start, duration);
      const rates = Object.fromEntries(proposal.call.rates.map((r) => [r.currency, r.rate.toString()]));
      const year = new Date().getUTCFullYear();
      const [seq] = await tx.$queryRaw<{ last: number }[]>`
        INSERT INTO "GrantNumberSequence" (year, last) VALUES (${year}, 1)
        ON CONFLICT (year) DO UPDATE SET last = "GrantNumberSequence".last + 1
        RETURNING last`;
      const number = `KZ-${year}-${String(seq!.last).padStart(4, '0')}`;

      // A line the manager adds with 0 is no line; a proposal line set to 0 stays, to show what was removed.
      const kept = [...lines.values()].filter((l) => l.original !== null || /[1-9]/.test(l.amount));
      const grant = await tx.grant.create({
        data: {
          number,
          proposalId,
          callId: proposal.callId,
          programmeId: proposal.call.programmeId,
          startDate: start,
          endDate: end,
          reportingPeriodMonths: body.reportingPeriodMonths,
          currency: proposal.call.currency,
          rates,
          indirectRate: proposal.call.indirectRate,
          adjustmentReason: body.budgetChanges.length ? (body.adjustmentReason ?? null) : null,
          awardedById: ctx.actor!.id,
        },
      });
      await tx.grantPartner.createMany({
        data: proposal.partners.map((p) => ({
          id: p.id,
          grantId: grant.id,
          institutionId: p.institutionId,
          role: p.role,
          agencyId: agencyOf.get(p.id)!,
          currency: p.institution.country.currency,
          countryCode: p.institution.countryCode,
          // Keeps the proposal's order of partners (lead first, then as they joined).
          createdAt: p.createdAt,
        })),
      });
      await tx.grantBudgetLine.createMany({
        data: kept.map((l) => ({
          grantId: grant.id,
          partnerId: l.partnerId,
          year: l.year,
          category: l.category,
          amount: l.amount,
          originalAmount: l.original,
        })),
      });
      const plan = (proposal.workPlan ?? { workPackages: [] }) as WorkPlan;
      const milestones = plan.workPackages.flatMap((wp) =>
        wp.milestones.map((m) => ({
          workPackage: wp.title,
          title: m.title,
          verification: m.verification,
          dueMonth: m.dueMonth,
        })),
      );
      milestones.sort((a, b) => a.dueMonth - b.dueMonth);
      await tx.grantMilestone.createMany({
        data: milestones.map((m, i) => ({
          grantId: grant.id,
          ordinal: i + 1,
          ...m,
          dueDate: endOfMonth(start, m.dueMonth),
        })),
      });
      await tx.grantReport.createMany({
        data: reportSchedule(start, end, body.reportingPeriodMonths).map((r) => ({ grantId: grant.id, ...r })),
      });

      const adjustments = kept
        .filter((l) => l.original === null || compareMoney(l.original, l.amount) !== 0)
        .map((l) => ({
          partnerId: l.partnerId,
          year: l.year,
          category: l.category,
          original: l.original,
          approved: l.amount,
        }));
      const { grant: row } = await this.core.load(ctx, grant.id, tx);
      await this.reminders.schedule(tx, row.reports);
      const budget = budgetOfGrant(row, approvedLines(row));
      await this.core.record(tx, ctx, grant.id, {
        action: 'awarded',
        comment: body.adjustmentReason ?? null,
        data: {
          number,
          proposalId,
          startDate: formatDate(start),
          endDate: formatDate(end),
          grandTotal: budget.grandTotal,
          currency: row.currency,
          adjustments,
          agencies: Object.fromEntries(agencyOf),
        },
      });
      await this.core.notifyConsortium(
        tx,
        row,
        'grant.awarded',
        { grantId: grant.id, number, acronym: proposal.acronym },
        `grant-awarded:${grant.id}`,
      );
      return grant.id;
    });
    return this.core.view(ctx, grantId);
  }

  async get(ctx: RequestContext, id: string) {
    return this.core.view(ctx, id);
  }

  async history(ctx: RequestContext, id: string) {
    await this.core.load(ctx, id);
    return this.core.history(this.prisma, id);
  }

  async list(ctx: RequestContext, query: { page: number; pageSize: number; status?: GrantStatus }) {
    const userId = ctx.actor!.id;
    const programmes = managedProgrammeIds(ctx.actor);
    // Members see the grants where their partner is still in the consortium (grant partners keep the proposal
    // partner's id).
    const memberships = await this.prisma.proposalMember.findMany({ where: { userId }, select: { partnerId: true } });
    const where = {
      ...(query.status ? { status: query.status } : {}),
      OR: [
        { programmeId: { in: programmes } },
        { partners: { some: { id: { in: memberships.map((m) => m.partnerId) }, active: true } } },
      ],
    };
    const [rows, total] = await Promise.all([
      this.prisma.grant.findMany({
        where,
        orderBy: [{ awardedAt: 'desc' }, { id: 'desc' }],
        skip: (query.page - 1) * query.pageSize,
        take: query.pageSize,
        include: {
          proposal: {
            select: {
              id: true,
              acronym: true,
              title: true,
              call: { select: { id: true, title: true } },
              members: { where: { userId }, select: { role: true, partnerId: true } },
            },
          },
          partners: { select: { id: true, currency: true, agencyId: true, countryCode: true, active: true } },
          budgetLines: true,
          milestones: { where: { status: { not: 'ACCEPTED' } }, select: { title: true, dueDate: true } },
          reports: { where: { status: { not: 'ACCEPTED' } }, select: { kind: true, number: true, dueDate: true } },
        },
      }),
      this.prisma.grant.count({ where }),
    ]);
    const items = rows.flatMap((g) => {
      const manager = programmes.includes(g.programmeId);
      const membership = g.proposal.members.find((m) => g.partners.some((p) => p.id === m.partnerId && p.active));
      if (!manager && !membership) return [];
      const due = [
        ...g.milestones.map((m) => ({ what: 'MILESTONE' as const, title: m.title, dueDate: m.dueDate })),
        ...g.reports.map((r) => ({
          what: 'REPORT' as const,
          title: r.kind === 'FINAL' ? 'Final report' : `Periodic report ${r.number}`,
          dueDate: r.dueDate,
        })),
      ].sort((a, b) => a.dueDate.getTime() - b.dueDate.getTime());
      const budget = budgetOfGrant(g, approvedLines(g));
      return [
        {
          id: g.id,
          number: g.number,
          status: g.status,
          myRole: manager ? ('MANAGER' as const) : membership!.role,
          proposal: { id: g.proposal.id, acronym: g.proposal.acronym, title: g.proposal.title },
          call: g.proposal.call,
          startDate: formatDate(g.startDate),
          endDate: formatDate(g.endDate),
          currency: g.currency,
          grandTotal: budget.grandTotal,
          nextDue: due[0] ? { ...due[0], dueDate: formatDate(due[0].dueDate) } : null,
          overdue: due.filter((d) => isOverdue(d.dueDate, false)).length,
        },
      ];
    });
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async agreement(ctx: RequestContext, id: string) {
    const view = await this.core.view(ctx, id);
    const { grant } = await this.core.load(ctx, id);
    return {
      contentType: 'application/pdf',
      fileName: `${view.number}-agreement-v${view.agreement.version}.pdf`,
      data: await renderAgreement(
        view,
        { programme: grant.proposal.call.programme.name, callTitle: grant.proposal.call.title },
        findFonts(this.config.PDF_FONT_DIR),
      ),
    };
  }

  /** A PI acknowledges the current agreement; the last acknowledgement makes an awarded grant active. */
  async acknowledge(ctx: RequestContext, id: string, version: number) {
    await this.prisma.$transaction(async (tx) => {
      const { grant, access } = await this.core.lock(ctx, tx, id);
      if (access.member !== 'LEAD_PI' && access.member !== 'PARTNER_PI') {
        throw AppError.forbidden('Only the lead PI and the partner PIs acknowledge the agreement');
      }
      if (grant.status === 'CLOSED') throw new AppError('conflict', 'The grant is closed');
      if (version !== grant.agreementVersion) {
        throw new AppError(
          'conflict',
          `The agreement has changed: read version ${grant.agreementVersion} and acknowledge that one`,
        );
      }
      const userId = ctx.actor!.id;
      if (grant.acknowledgements.some((a) => a.userId === userId && a.version === version)) {
        throw new AppError('conflict', 'You have already acknowledged this version of the agreement');
      }
      await tx.grantAcknowledgement.create({ data: { grantId: id, userId, version } });
      await this.core.record(tx, ctx, id, { action: 'agreement_acknowledged', data: { version } });
      const acknowledged = new Set([
        ...grant.acknowledgements.filter((a) => a.version === version).map((a) => a.userId),
        userId,
      ]);
      const complete = requiredAcknowledgers(grant).every((m) => acknowledged.has(m.userId));
      if (complete && grant.status === 'AWARDED') {
        await this.core.transition(tx, ctx, grant, 'ACTIVE', { data: { agreementVersion: version } });
      }
    });
    return this.core.view(ctx, id);
  }

  async suspend(ctx: RequestContext, id: string, reason: string) {
    return this.managerTransition(ctx, id, ['ACTIVE', 'FINAL_REPORT_DUE'], () => 'SUSPENDED', 'Suspending', reason);
  }

  async resume(ctx: RequestContext, id: string, reason: string) {
    return this.managerTransition(ctx, id, ['SUSPENDED'], (g) => g.suspendedFrom ?? 'ACTIVE', 'Resuming', reason);
  }

  async markFinalReportDue(ctx: RequestContext, id: string) {
    return this.managerTransition(ctx, id, ['ACTIVE'], () => 'FINAL_REPORT_DUE', 'Final reporting', null);
  }

  async close(ctx: RequestContext, id: string) {
    return this.managerTransition(
      ctx,
      id,
      ['FINAL_REPORT_DUE'],
      () => 'CLOSED',
      'Closing',
      null,
      async (_tx, grant) => {
        const final = grant.reports.find((r) => r.kind === 'FINAL');
        if (final?.status !== 'ACCEPTED') {
          throw new AppError('conflict', 'The grant closes only once its final report is accepted');
        }
      },
    );
  }

  private async managerTransition(
    ctx: RequestContext,
    id: string,
    from: readonly GrantStatus[],
    to: (grant: { suspendedFrom: GrantStatus | null }) => GrantStatus,
    what: string,
    reason: string | null,
    guard?: (tx: Tx, grant: Awaited<ReturnType<GrantCore['load']>>['grant']) => Promise<void>,
  ) {
    await this.prisma.$transaction(async (tx) => {
      const { grant, access } = await this.core.lock(ctx, tx, id);
      this.core.assertManager(access);
      this.core.assertStatus(grant, from, what);
      await guard?.(tx, grant);
      await this.core.transition(tx, ctx, grant, to(grant), { reason });
    });
    return this.core.view(ctx, id);
  }
}
