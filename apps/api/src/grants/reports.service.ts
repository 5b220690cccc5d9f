import {
  EMPTY_REPORT_OUTPUTS,
  type FieldError,
  financialStatement,
  fitsCurrency,
  type GrantReport,
  minorUnits,
  type ReportOutputs,
  type SaveReportBodySchema,
} from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import type { z } from 'zod';
import { AppError } from '../common/app-error.js';
import type { RequestContext } from '../common/request-context.js';
import type { Prisma, Tx } from '../infra/prisma.service.js';
import { CONSORTIUM_EDITABLE, GrantCore, type GrantRow, rateOf, toReportSummary } from './grant-core.js';
import { reportName } from './grant-dates.js';

type SaveBody = z.infer<typeof SaveReportBodySchema>;

const EMPTY_NARRATIVE = { summary: '', progress: '', deviations: '', nextSteps: '' };

@Injectable()
export class ReportsService {
  constructor(@Inject(GrantCore) private readonly core: GrantCore) {}

  private async grantOf(ctx: RequestContext, db: Prisma | Tx, reportId: string, lock: boolean) {
    const row = await db.grantReport.findUnique({ where: { id: reportId }, select: { grantId: true } });
    if (!row) throw AppError.notFound('Report');
    const load = lock ? this.core.lock(ctx, db as Tx, row.grantId) : this.core.load(ctx, row.grantId, db);
    const loaded = await load.catch(() => {
      throw AppError.notFound('Report');
    });
    return { ...loaded, report: loaded.grant.reports.find((r) => r.id === reportId)! };
  }

  async get(ctx: RequestContext, reportId: string, db: Prisma | Tx = this.core.prisma): Promise<GrantReport> {
    const { grant, report } = await this.grantOf(ctx, db, reportId, false);
    return this.toReport(db, grant, report.id);
  }

  private async toReport(db: Prisma | Tx, grant: GrantRow, reportId: string): Promise<GrantReport> {
    const report = await db.grantReport.findUniqueOrThrow({ where: { id: reportId }, include: { spending: true } });
    // Earlier reports that count: submitted or accepted, ending before this one.
    const earlier = await db.grantReportSpending.findMany({
      where: {
        report: {
          grantId: grant.id,
          id: { not: report.id },
          status: { in: ['SUBMITTED', 'ACCEPTED'] },
          periodEnd: { lt: report.periodEnd },
        },
      },
    });
    const amount = (a: { toFixed(n: number): string }) => a.toFixed(2);
    const statement = financialStatement({
      callCurrency: grant.currency,
      partners: grant.partners.map((p) => ({ partnerId: p.id, currency: p.currency, rate: rateOf(grant, p.currency) })),
      budget: grant.budgetLines.map((l) => ({
        partnerId: l.partnerId,
        category: l.category,
        amount: amount(l.amount),
      })),
      thisPeriod: report.spending.map((s) => ({
        partnerId: s.partnerId,
        category: s.category,
        amount: amount(s.amount),
      })),
      earlier: earlier.map((s) => ({ partnerId: s.partnerId, category: s.category, amount: amount(s.amount) })),
    });
    const content = report.content as { narrative?: GrantReport['narrative']; outputs?: ReportOutputs };
    const outputs = content.outputs ?? EMPTY_REPORT_OUTPUTS;
    const currencyOf = new Map(grant.partners.map((p) => [p.id, p.currency]));
    return {
      ...toReportSummary(report),
      grantId: grant.id,
      version: report.version,
      narrative: content.narrative ?? EMPTY_NARRATIVE,
      outputs,
      jointPublications: outputs.publications.filter((p) => new Set(p.countries).size >= 2).length,
      spending: report.spending.map((s) => ({
        partnerId: s.partnerId,
        category: s.category as GrantReport['spending'][number]['category'],
        amount: s.amount.toFixed(minorUnits(currencyOf.get(s.partnerId) ?? 'USD')),
      })),
      statement,
    };
  }

  /** The lead PI saves a report that is not submitted yet (or was returned). */
  async save(ctx: RequestContext, reportId: string, body: SaveBody) {
    return this.core.prisma.$transaction(async (tx) => {
      const { grant, access, report } = await this.grantOf(ctx, tx, reportId, true);
      this.core.assertLead(access);
      this.core.assertStatus(grant, [...CONSORTIUM_EDITABLE, 'AWARDED', 'SUSPENDED'], 'Writing a report');
      if (report.status !== 'DUE' && report.status !== 'RETURNED') {
        throw new AppError('conflict', `The report is ${report.status.toLowerCase()}: it can no longer be changed`);
      }
      if (body.version !== report.version) throw AppError.stale('report', report.version);
      const errors: FieldError[] = [];
      const partners = new Map(grant.partners.map((p) => [p.id, p]));
      const seen = new Set<string>();
      body.spending.forEach((s, i) => {
        const partner = partners.get(s.partnerId);
        if (!partner) {
          errors.push({
            path: `body.spending.${i}.partnerId`,
            code: 'unknown_partner',
            message: 'Not a partner of the grant',
          });
        } else if (!fitsCurrency(s.amount, partner.currency)) {
          errors.push({
            path: `body.spending.${i}.amount`,
            code: 'amount_precision',
            message: `${partner.currency} amounts have at most ${minorUnits(partner.currency)} decimals`,
            params: { currency: partner.currency, decimals: minorUnits(partner.currency) },
          });
        } else if (seen.has(`${s.partnerId}|${s.category}`)) {
          errors.push({
            path: `body.spending.${i}`,
            code: 'duplicate',
            message: 'This partner and category appear twice',
          });
        }
        seen.add(`${s.partnerId}|${s.category}`);
      });
      if (errors.length) throw new AppError('validation_failed', 'The report is invalid', errors);
      await tx.grantReport.update({
        where: { id: reportId },
        data: {
          content: { narrative: body.narrative, outputs: body.outputs },
          version: { increment: 1 },
        },
      });
      await tx.grantReportSpending.deleteMany({ where: { reportId } });
      await tx.grantReportSpending.createMany({
        data: body.spending
          .filter((s) => /[1-9]/.test(s.amount))
          .map((s) => ({ reportId, partnerId: s.partnerId, category: s.category, amount: s.amount })),
      });
      return this.toReport(tx, grant, reportId);
    });
  }

  /** The lead PI submits the saved report. A final report only once the grant is in final reporting. */
  async submit(ctx: RequestContext, reportId: string, version: number) {
    return this.core.prisma.$transaction(async (tx) => {
      const { grant, access, report } = await this.grantOf(ctx, tx, reportId, true);
      this.core.assertLead(access);
      if (report.kind === 'FINAL') this.core.assertStatus(grant, ['FINAL_REPORT_DUE'], 'Submitting the final report');
      else this.core.assertStatus(grant, CONSORTIUM_EDITABLE, 'Submitting a report');
      if (report.status !== 'DUE' && report.status !== 'RETURNED') {
        throw new AppError('conflict', `The report is already ${report.status.toLowerCase()}`);
      }
      if (version !== report.version) throw AppError.stale('report', report.version);
      const content = report.content as { narrative?: { summary?: string } };
      if (!content.narrative?.summary) {
        throw new AppError('validation_failed', 'The report is incomplete', [
          { path: 'body.narrative.summary', code: 'required', message: 'Write the summary before submitting' },
        ]);
      }
      await tx.grantReport.update({
        where: { id: reportId },
        data: { status: 'SUBMITTED', submittedAt: new Date(), submittedById: ctx.actor!.id, version: { increment: 1 } },
      });
      await this.core.record(tx, ctx, grant.id, {
        action: 'report_submitted',
        subjectType: 'REPORT',
        subjectId: reportId,
        data: { kind: report.kind, number: report.number },
      });
      const round = await tx.grantEvent.count({ where: { subjectId: reportId } });
      await this.core.notifyManagers(
        tx,
        grant,
        'grant.submitted',
        {
          grantId: grant.id,
          number: grant.number,
          acronym: grant.proposal.acronym,
          what: 'REPORT',
          title: reportName(report),
          subject: { report: report.kind, number: report.number },
        },
        `grant-report:${reportId}:${round}`,
      );
      return this.toReport(tx, grant, reportId);
    });
  }

  /** A manager accepts a submitted report or returns it with comments. */
  async review(
    ctx: RequestContext,
    reportId: string,
    body: { decision: 'ACCEPT' | 'REQUEST_CHANGES'; comment: string },
  ) {
    return this.core.prisma.$transaction(async (tx) => {
      const { grant, access, report } = await this.grantOf(ctx, tx, reportId, true);
      if (!access.manager) throw AppError.notFound('Report');
      this.core.assertStatus(grant, [...CONSORTIUM_EDITABLE, 'SUSPENDED'], 'Reviewing a report');
      if (report.status !== 'SUBMITTED') throw new AppError('conflict', 'The report is not waiting for review');
      const accepted = body.decision === 'ACCEPT';
      await tx.grantReport.update({
        where: { id: reportId },
        data: {
          status: accepted ? 'ACCEPTED' : 'RETURNED',
          reviewedAt: new Date(),
          reviewedById: ctx.actor!.id,
          reviewComment: body.comment || null,
          version: { increment: 1 },
        },
      });
      await this.core.record(tx, ctx, grant.id, {
        action: accepted ? 'report_accepted' : 'report_returned',
        subjectType: 'REPORT',
        subjectId: reportId,
        comment: body.comment || null,
        data: { kind: report.kind, number: report.number },
      });
      const round = await tx.grantEvent.count({ where: { subjectId: reportId } });
      await this.core.notifyConsortium(
        tx,
        grant,
        'grant.reviewed',
        {
          grantId: grant.id,
          number: grant.number,
          acronym: grant.proposal.acronym,
          what: 'REPORT',
          title: reportName(report),
          subject: { report: report.kind, number: report.number },
          accepted,
          comment: body.comment,
        },
        `grant-report:${reportId}:${round}`,
      );
      return this.toReport(tx, grant, reportId);
    });
  }
}
