import {
  type AmendmentRequestSchema,
  addAmounts,
  compareMoney,
  type FieldError,
  fitsCurrency,
  minorUnits,
} from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { AppError } from '../common/app-error.js';
import type { RequestContext } from '../common/request-context.js';
import type { Tx } from '../infra/prisma.service.js';
import { approvedLines, budgetOfGrant, GrantCore, type GrantRow, toAmendment } from './grant-core.js';
import { formatDate, parseDate, reportSchedule } from './grant-dates.js';
import { GrantReminders } from './grant-reminders.js';

type AmendmentRequest = z.infer<typeof AmendmentRequestSchema>;

const OPEN: readonly GrantRow['status'][] = ['ACTIVE', 'SUSPENDED', 'FINAL_REPORT_DUE'];
const TITLES = {
  BUDGET_REALLOCATION: 'Budget reallocation',
  NO_COST_EXTENSION: 'No-cost extension',
  PARTNER_CHANGE: 'Partner change',
} as const;

const lineKey = (l: { partnerId: string; year: number; category: string }) => `${l.partnerId}|${l.year}|${l.category}`;

@Injectable()
export class AmendmentsService {
  constructor(
    @Inject(GrantCore) private readonly core: GrantCore,
    @Inject(GrantReminders) private readonly reminders: GrantReminders,
  ) {}

  /**
   * Checks a request against the grant as it is now and returns what it would change (before → after). Throws 400
   * for a request that names unknown things, 409 for one the grant's state does not allow.
   */
  private plan(grant: GrantRow, request: AmendmentRequest) {
    const errors: FieldError[] = [];
    const fail = () => {
      if (errors.length) throw new AppError('validation_failed', 'The amendment is invalid', errors);
    };
    const partners = new Map(grant.partners.filter((p) => p.active).map((p) => [p.id, p]));
    const tranched = (partnerId: string) =>
      grant.tranches.filter((t) => t.partnerId === partnerId).map((t) => t.amount.toFixed(2));
    if (request.kind === 'BUDGET_REALLOCATION') {
      request.lines.forEach((l, i) => {
        const partner = partners.get(l.partnerId);
        if (!partner) {
          errors.push({
            path: `body.request.lines.${i}.partnerId`,
            code: 'unknown_partner',
            message: 'Not an active partner of the grant',
          });
        } else if (!fitsCurrency(l.amount, partner.currency)) {
          errors.push({
            path: `body.request.lines.${i}.amount`,
            code: 'amount_precision',
            message: `${partner.currency} amounts have at most ${minorUnits(partner.currency)} decimals`,
          });
        }
      });
      fail();
      const current = new Map(grant.budgetLines.map((l) => [lineKey(l), l]));
      const after = new Map(approvedLines(grant).map((l) => [lineKey(l), l]));
      const lines = request.lines.map((l) => {
        const before = current.get(lineKey(l))?.amount.toFixed(2) ?? null;
        after.set(lineKey(l), { ...l });
        return { partnerId: l.partnerId, year: l.year, category: l.category, before, after: l.amount };
      });
      const oldBudget = budgetOfGrant(grant, approvedLines(grant));
      const newBudget = budgetOfGrant(
        grant,
        [...after.values()].filter((l) => /[1-9]/.test(l.amount)),
      );
      if (compareMoney(newBudget.grandTotal, oldBudget.grandTotal) > 0) {
        throw new AppError(
          'conflict',
          `A reallocation may not raise the grant's total: ${newBudget.grandTotal} > ${oldBudget.grandTotal} ${grant.currency}`,
        );
      }
      for (const p of newBudget.partners) {
        const committed = addAmounts(tranched(p.partnerId), p.currency);
        if (compareMoney(p.partnerCurrency.total, committed) < 0) {
          throw new AppError(
            'conflict',
            `A partner's budget may not fall below its tranches (${committed} ${p.currency} planned or paid)`,
          );
        }
      }
      return {
        lines,
        grandTotal: { before: oldBudget.grandTotal, after: newBudget.grandTotal },
        newLines: request.lines,
      };
    }
    if (request.kind === 'NO_COST_EXTENSION') {
      const end = parseDate(request.endDate);
      if (end.getTime() <= grant.endDate.getTime()) {
        throw new AppError('validation_failed', 'The amendment is invalid', [
          { path: 'body.request.endDate', code: 'too_small', message: 'must be after the current end date' },
        ]);
      }
      return { endDate: { before: formatDate(grant.endDate), after: request.endDate } };
    }
    const leaving = partners.get(request.removePartnerId);
    if (!leaving || leaving.role === 'LEAD') {
      errors.push({
        path: 'body.request.removePartnerId',
        code: 'unknown_partner',
        message: 'Not an active partner of the grant (the lead partner cannot leave)',
      });
    }
    const heir = request.transferTo ? partners.get(request.transferTo) : null;
    if (request.transferTo && (!heir || heir.id === leaving?.id || heir.currency !== leaving?.currency)) {
      errors.push({
        path: 'body.request.transferTo',
        code: 'invalid_partner',
        message: 'Another active partner paid in the same currency',
      });
    }
    fail();
    if (grant.tranches.some((t) => t.partnerId === leaving!.id && t.status === 'RELEASED')) {
      throw new AppError('conflict', 'A partner that has been paid cannot leave the grant');
    }
    return { removePartnerId: leaving!.id, transferTo: heir?.id ?? null };
  }

  async request(ctx: RequestContext, grantId: string, body: { justification: string; request: AmendmentRequest }) {
    return this.core.prisma.$transaction(async (tx) => {
      const { grant, access } = await this.core.lock(ctx, tx, grantId);
      this.core.assertLead(access);
      this.core.assertStatus(grant, OPEN, 'Requesting an amendment');
      this.plan(grant, body.request);
      const number = Math.max(0, ...grant.amendments.map((a) => a.number)) + 1;
      const amendment = await tx.grantAmendment.create({
        data: {
          grantId,
          number,
          kind: body.request.kind,
          justification: body.justification,
          request: body.request as object,
          requestedById: ctx.actor!.id,
        },
      });
      await this.core.record(tx, ctx, grantId, {
        action: 'amendment_requested',
        subjectType: 'AMENDMENT',
        subjectId: amendment.id,
        comment: body.justification,
        data: { number, request: body.request },
      });
      await this.core.notifyManagers(
        tx,
        grant,
        'grant.submitted',
        {
          grantId,
          number: grant.number,
          acronym: grant.proposal.acronym,
          what: 'AMENDMENT',
          title: `${TITLES[body.request.kind]} (${number})`,
          subject: { amendment: body.request.kind, number },
        },
        `grant-amendment:${amendment.id}:requested`,
      );
      return toAmendment(amendment, await this.core.names(tx, [amendment.requestedById]));
    });
  }

  /** Approves (the change applies; a new agreement version is issued) or rejects a request. */
  async decide(ctx: RequestContext, amendmentId: string, body: { decision: 'APPROVE' | 'REJECT'; comment: string }) {
    return this.core.prisma.$transaction(async (tx) => {
      const row = await tx.grantAmendment.findUnique({ where: { id: amendmentId }, select: { grantId: true } });
      if (!row) throw AppError.notFound('Amendment');
      const { grant, access } = await this.core.lock(ctx, tx, row.grantId).catch(() => {
        throw AppError.notFound('Amendment');
      });
      if (!access.manager) throw AppError.notFound('Amendment');
      const amendment = grant.amendments.find((a) => a.id === amendmentId)!;
      if (amendment.status !== 'REQUESTED') throw new AppError('conflict', 'The amendment is already decided');
      const approve = body.decision === 'APPROVE';
      let changes: Record<string, unknown> | null = null;
      if (approve) {
        this.core.assertStatus(grant, OPEN, 'Approving an amendment');
        changes = await this.apply(tx, grant, amendment.request as AmendmentRequest);
      }
      const updated = await tx.grantAmendment.update({
        where: { id: amendmentId },
        data: {
          status: approve ? 'APPROVED' : 'REJECTED',
          changes: (changes ?? undefined) as object | undefined,
          decidedById: ctx.actor!.id,
          decidedAt: new Date(),
          decisionComment: body.comment || null,
        },
      });
      await this.core.record(tx, ctx, grant.id, {
        action: approve ? 'amendment_approved' : 'amendment_rejected',
        subjectType: 'AMENDMENT',
        subjectId: amendmentId,
        comment: body.comment || null,
        data: { number: amendment.number, ...(changes ? { changes } : {}) },
      });
      if (approve) {
        await this.core.record(tx, ctx, grant.id, {
          action: 'agreement_reissued',
          data: { version: grant.agreementVersion + 1, amendment: amendment.number },
        });
      }
      await this.core.notifyConsortium(
        tx,
        grant,
        'grant.reviewed',
        {
          grantId: grant.id,
          number: grant.number,
          acronym: grant.proposal.acronym,
          what: 'AMENDMENT',
          title: `${TITLES[amendment.kind]} (${amendment.number})`,
          subject: { amendment: amendment.kind, number: amendment.number },
          accepted: approve,
          comment: body.comment,
        },
        `grant-amendment:${amendmentId}:decided`,
      );
      return toAmendment(updated, await this.core.names(tx, [updated.requestedById]));
    });
  }

  private async apply(tx: Tx, grant: GrantRow, request: AmendmentRequest): Promise<Record<string, unknown>> {
    const planned = this.plan(grant, request);
    if (request.kind === 'BUDGET_REALLOCATION') {
      for (const l of request.lines) {
        await tx.grantBudgetLine.upsert({
          where: {
            grantId_partnerId_year_category: {
              grantId: grant.id,
              partnerId: l.partnerId,
              year: l.year,
              category: l.category,
            },
          },
          create: { grantId: grant.id, partnerId: l.partnerId, year: l.year, category: l.category, amount: l.amount },
          update: { amount: l.amount },
        });
      }
      const { newLines: _, ...changes } = planned as { newLines: unknown };
      await this.bumpAgreement(tx, grant);
      return changes as Record<string, unknown>;
    }
    if (request.kind === 'NO_COST_EXTENSION') {
      const end = parseDate(request.endDate);
      await tx.grant.update({ where: { id: grant.id }, data: { endDate: end } });
      // Reports: periods that now end before the new end date are added; the final report moves.
      const schedule = reportSchedule(grant.startDate, end, grant.reportingPeriodMonths);
      const added: number[] = [];
      for (const r of schedule) {
        const existing = grant.reports.find((x) => x.kind === r.kind && x.number === r.number);
        if (r.kind === 'FINAL') {
          await tx.grantReport.update({
            where: { id: existing!.id },
            data: { periodStart: r.periodStart, periodEnd: r.periodEnd, dueDate: r.dueDate },
          });
        } else if (!existing) {
          await tx.grantReport.create({ data: { grantId: grant.id, ...r } });
          added.push(r.number);
        }
      }
      await this.bumpAgreement(tx, grant);
      // Reminders for the added reports and the final report's new due date (the old ones skip themselves).
      await this.reminders.schedule(
        tx,
        await tx.grantReport.findMany({ where: { grantId: grant.id, status: { not: 'ACCEPTED' } } }),
      );
      return { ...planned, periodicReportsAdded: added };
    }
    const { removePartnerId, transferTo } = planned as { removePartnerId: string; transferTo: string | null };
    const lines = grant.budgetLines.filter((l) => l.partnerId === removePartnerId && !l.amount.isZero());
    const moved: { year: number; category: string; amount: string }[] = [];
    for (const l of lines) {
      if (transferTo) {
        const target = grant.budgetLines.find(
          (x) => x.partnerId === transferTo && x.year === l.year && x.category === l.category,
        );
        if (target) {
          await tx.grantBudgetLine.update({ where: { id: target.id }, data: { amount: target.amount.plus(l.amount) } });
        } else {
          await tx.grantBudgetLine.create({
            data: { grantId: grant.id, partnerId: transferTo, year: l.year, category: l.category, amount: l.amount },
          });
        }
      }
      moved.push({ year: l.year, category: l.category, amount: l.amount.toFixed(2) });
      await tx.grantBudgetLine.update({ where: { id: l.id }, data: { amount: 0 } });
    }
    const cancelled = await tx.grantTranche.deleteMany({ where: { partnerId: removePartnerId, status: 'PLANNED' } });
    await tx.grantPartner.update({ where: { id: removePartnerId }, data: { active: false } });
    await this.bumpAgreement(tx, grant);
    return { removePartnerId, transferTo, lines: moved, tranchesCancelled: cancelled.count };
  }

  private async bumpAgreement(tx: Tx, grant: GrantRow) {
    await tx.grant.update({
      where: { id: grant.id },
      data: { agreementVersion: grant.agreementVersion + 1, agreementIssuedAt: new Date() },
    });
  }
}
