import { compareMoney, fitsCurrency, minorUnits, releaseBlocker, trancheCallAmount, unallocated } from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { AppError } from '../common/app-error.js';
import type { RequestContext } from '../common/request-context.js';
import type { Tx } from '../infra/prisma.service.js';
import { approvedLines, budgetOfGrant, GrantCore, type GrantRow, rateOf, toTranche } from './grant-core.js';
import { formatDate, isOverdue, parseDate, reportName } from './grant-dates.js';

/** Why a tranche cannot be released now (the shared rule, in English for the 409), or null when it can. */
export function releaseBlockerText(
  grant: GrantRow,
  tranche: GrantRow['tranches'][number],
  now = new Date(),
): string | null {
  const reports = grant.reports.map((r) => ({
    ...r,
    overdue: isOverdue(r.dueDate, r.status === 'ACCEPTED', now),
  }));
  const blocker = releaseBlocker({ status: grant.status, reports, milestones: grant.milestones }, tranche);
  if (!blocker) return null;
  const report = 'reportId' in blocker ? reports.find((r) => r.id === blocker.reportId) : undefined;
  switch (blocker.code) {
    case 'grant_status':
      return `The grant is ${grant.status.toLowerCase().replace(/_/g, ' ')}: no tranche is released`;
    case 'report_condition':
      return `Its condition, ${report ? reportName(report).toLowerCase() : 'a report'}, is not accepted yet`;
    case 'milestone_condition': {
      const milestone = grant.milestones.find((m) => m.id === blocker.milestoneId);
      return `Its condition, the milestone "${milestone?.title}", is not accepted yet`;
    }
    default: {
      const title = report ? reportName(report) : 'A report';
      return `${title}, due ${report ? formatDate(report.dueDate) : '?'}, is ${
        blocker.code === 'report_not_accepted' ? 'not accepted yet' : 'overdue'
      }`;
    }
  }
}

@Injectable()
export class TranchesService {
  constructor(@Inject(GrantCore) private readonly core: GrantCore) {}

  private approved(grant: GrantRow, partnerId: string) {
    const budget = budgetOfGrant(grant, approvedLines(grant));
    const p = budget.partners.find((x) => x.partnerId === partnerId);
    return { partner: p?.partnerCurrency.total ?? '0', call: p?.callCurrency.total ?? '0' };
  }

  async create(
    ctx: RequestContext,
    grantId: string,
    body: {
      partnerId: string;
      amount: string;
      condition: 'AGREEMENT' | 'REPORT' | 'MILESTONE';
      reportId?: string;
      milestoneId?: string;
      plannedDate?: string;
    },
  ) {
    return this.core.prisma.$transaction(async (tx) => {
      const { grant, access } = await this.core.lock(ctx, tx, grantId);
      this.core.assertManager(access);
      this.core.assertStatus(grant, ['AWARDED', 'ACTIVE', 'SUSPENDED', 'FINAL_REPORT_DUE'], 'Planning a tranche');
      const partner = grant.partners.find((p) => p.id === body.partnerId && p.active);
      if (!partner) {
        throw new AppError('validation_failed', 'The tranche is invalid', [
          { path: 'body.partnerId', code: 'unknown_partner', message: 'Not an active partner of the grant' },
        ]);
      }
      if (!fitsCurrency(body.amount, partner.currency)) {
        throw new AppError('validation_failed', 'The tranche is invalid', [
          {
            path: 'body.amount',
            code: 'amount_precision',
            message: `${partner.currency} amounts have at most ${minorUnits(partner.currency)} decimals`,
            params: { currency: partner.currency, decimals: minorUnits(partner.currency) },
          },
        ]);
      }
      if (body.condition === 'REPORT' && !grant.reports.some((r) => r.id === body.reportId)) {
        throw new AppError('validation_failed', 'The tranche is invalid', [
          { path: 'body.reportId', code: 'unknown_report', message: 'Not a report of this grant' },
        ]);
      }
      if (body.condition === 'MILESTONE' && !grant.milestones.some((m) => m.id === body.milestoneId)) {
        throw new AppError('validation_failed', 'The tranche is invalid', [
          { path: 'body.milestoneId', code: 'unknown_milestone', message: 'Not a milestone of this grant' },
        ]);
      }
      const approved = this.approved(grant, partner.id);
      const others = grant.tranches
        .filter((t) => t.partnerId === partner.id)
        .map((t) => ({ amount: t.amount.toFixed(2), callAmount: t.callAmount.toFixed(2) }));
      const left = unallocated(approved.partner, others, partner.currency);
      if (compareMoney(body.amount, left) > 0) {
        throw new AppError(
          'conflict',
          `The tranche exceeds what is left of the partner's approved budget: ${left} ${partner.currency} not yet in a tranche`,
        );
      }
      const callAmount = trancheCallAmount({
        amount: body.amount,
        rate: rateOf(grant, partner.currency),
        callCurrency: grant.currency,
        approvedPartner: approved.partner,
        approvedCall: approved.call,
        others,
      });
      const number = Math.max(0, ...grant.tranches.map((t) => t.number)) + 1;
      const tranche = await tx.grantTranche.create({
        data: {
          grantId,
          partnerId: partner.id,
          number,
          amount: body.amount,
          callAmount,
          condition: body.condition,
          reportId: body.condition === 'REPORT' ? body.reportId! : null,
          milestoneId: body.condition === 'MILESTONE' ? body.milestoneId! : null,
          plannedDate: body.plannedDate ? parseDate(body.plannedDate) : null,
          createdById: ctx.actor!.id,
        },
      });
      await this.core.record(tx, ctx, grantId, {
        action: 'tranche_planned',
        subjectType: 'TRANCHE',
        subjectId: tranche.id,
        data: { number, partnerId: partner.id, amount: body.amount, currency: partner.currency, callAmount },
      });
      return toTranche(tranche, partner.currency, grant.currency);
    });
  }

  private async locked(ctx: RequestContext, tx: Tx, trancheId: string) {
    const row = await tx.grantTranche.findUnique({ where: { id: trancheId }, select: { grantId: true } });
    if (!row) throw AppError.notFound('Tranche');
    const loaded = await this.core.lock(ctx, tx, row.grantId).catch(() => {
      throw AppError.notFound('Tranche');
    });
    if (!loaded.access.manager) throw AppError.notFound('Tranche');
    return { ...loaded, tranche: loaded.grant.tranches.find((t) => t.id === trancheId)! };
  }

  /** Records a tranche as paid, when nothing blocks it (409 with the reason otherwise). */
  async release(ctx: RequestContext, trancheId: string, body: { paidOn: string; reference?: string }) {
    return this.core.prisma.$transaction(async (tx) => {
      const { grant, tranche } = await this.locked(ctx, tx, trancheId);
      if (tranche.status === 'RELEASED') throw new AppError('conflict', 'The tranche is already released');
      const blocker = releaseBlockerText(grant, tranche);
      if (blocker) throw new AppError('conflict', `The tranche cannot be released: ${blocker}`);
      const partner = grant.partners.find((p) => p.id === tranche.partnerId)!;
      const updated = await tx.grantTranche.update({
        where: { id: trancheId },
        data: {
          status: 'RELEASED',
          paidOn: parseDate(body.paidOn),
          reference: body.reference ?? null,
          releasedAt: new Date(),
          releasedById: ctx.actor!.id,
        },
      });
      const amount = updated.amount.toFixed(minorUnits(partner.currency));
      await this.core.record(tx, ctx, grant.id, {
        action: 'tranche_released',
        subjectType: 'TRANCHE',
        subjectId: trancheId,
        data: {
          number: tranche.number,
          partnerId: partner.id,
          amount,
          currency: partner.currency,
          callAmount: updated.callAmount.toFixed(minorUnits(grant.currency)),
          paidOn: body.paidOn,
        },
      });
      const institution = await tx.institution.findUniqueOrThrow({ where: { id: partner.institutionId } });
      await this.core.notifyConsortium(
        tx,
        grant,
        'grant.tranche_released',
        {
          grantId: grant.id,
          number: grant.number,
          acronym: grant.proposal.acronym,
          partner: institution.name,
          amount,
          currency: partner.currency,
          paidOn: body.paidOn,
        },
        `grant-tranche:${trancheId}`,
      );
      return toTranche(updated, partner.currency, grant.currency);
    });
  }

  async cancel(ctx: RequestContext, trancheId: string) {
    await this.core.prisma.$transaction(async (tx) => {
      const { grant, tranche } = await this.locked(ctx, tx, trancheId);
      if (tranche.status !== 'PLANNED') throw new AppError('conflict', 'A released tranche cannot be removed');
      await tx.grantTranche.delete({ where: { id: trancheId } });
      await this.core.record(tx, ctx, grant.id, {
        action: 'tranche_cancelled',
        subjectType: 'TRANCHE',
        subjectId: trancheId,
        data: { number: tranche.number, partnerId: tranche.partnerId, amount: tranche.amount.toFixed(2) },
      });
    });
  }
}
