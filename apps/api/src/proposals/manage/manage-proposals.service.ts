import { Prisma as Sql } from '@kizuna/db';
import type { EligibilityReport } from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service.js';
import { managedProgrammeIds, managesProgramme } from '../../calls/call-access.js';
import { AppError } from '../../common/app-error.js';
import { tableFile } from '../../common/downloads.js';
import type { RequestContext } from '../../common/request-context.js';
import { PRISMA, type Prisma } from '../../infra/prisma.service.js';
import type { JobContext } from '../../jobs/handlers.js';
import { JobRunService } from '../../jobs/job-run.service.js';
import { OutboxService } from '../../outbox/outbox.service.js';
import { eligibilityOf, proposalInclude } from '../proposals.service.js';

export interface ProposalFilters {
  callId?: string;
  status?: string;
  country?: string;
  theme?: string;
  agencyId?: string;
  q?: string;
}

type ListRow = {
  id: string;
  acronym: string;
  title: string;
  status: string;
  theme: string;
  callId: string;
  callTitle: string;
  leadCountry: string | null;
  countries: string[] | null;
  submittedAt: Date | null;
  overridden: boolean;
  grantId: string | null;
};

const BATCH = 200;
const COUNT_CAP = 10_000;

@Injectable()
export class ManageProposalsService {
  constructor(
    @Inject(PRISMA) private readonly prisma: Prisma,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(OutboxService) private readonly outbox: OutboxService,
    @Inject(JobRunService) private readonly runs: JobRunService,
  ) {}

  /**
   * The WHERE clause shared by list, stats and export: only calls of programmes the manager
   * manages, never drafts, then the filters. Full-text search uses the same expression as the
   * GIN index manual_Proposal_search_idx.
   */
  private where(ctx: RequestContext, f: ProposalFilters) {
    const programmes = managedProgrammeIds(ctx.actor);
    if (programmes.length === 0) return Sql.sql`FALSE`;
    const parts = [Sql.sql`c."programmeId" = ANY(${programmes}::uuid[])`, Sql.sql`p.status <> 'DRAFT'`];
    if (f.callId) parts.push(Sql.sql`p."callId" = ${f.callId}::uuid`);
    if (f.status) parts.push(Sql.sql`p.status = ${f.status}::"ProposalStatus"`);
    if (f.theme) parts.push(Sql.sql`p.theme = ${f.theme}`);
    if (f.country) {
      // The partner facets kept on the proposal (GIN-indexed): no join per row.
      parts.push(Sql.sql`p."partnerCountries" @> ARRAY[${f.country}]::text[]`);
    }
    if (f.agencyId) {
      parts.push(Sql.sql`p."partnerAgencies" @> ARRAY[${f.agencyId}]::text[]`);
    }
    if (f.q) {
      parts.push(
        Sql.sql`proposal_search_document(p.title, p.acronym, p.abstract, p.keywords) @@ websearch_to_tsquery('simple', ${f.q})`,
      );
    }
    return Sql.join(parts, ' AND ');
  }

  private rows(ctx: RequestContext, f: ProposalFilters, limit: number, offset: number, onlyId?: string) {
    const where = onlyId ? Sql.sql`p.id = ${onlyId}::uuid AND ${this.where(ctx, f)}` : this.where(ctx, f);
    return this.prisma.$queryRaw<ListRow[]>`
      SELECT p.id, p.acronym, p.title, p.status, p.theme, p."callId", c.title AS "callTitle", p."submittedAt",
             (p."eligibilityOverrideReason" IS NOT NULL) AS overridden, p."partnerCountries"[1] AS "leadCountry",
             p."partnerCountries" AS countries,
             (SELECT g.id FROM "Grant" g WHERE g."proposalId" = p.id) AS "grantId"
      FROM "Proposal" p JOIN "Call" c ON c.id = p."callId"
      WHERE ${where}
      ORDER BY p."submittedAt" DESC, p.id DESC
      LIMIT ${limit} OFFSET ${offset}`;
  }

  /** Counts matches exactly up to `cap`; stops there (a list of 100,000 says "10,000+"). */
  private async count(ctx: RequestContext, f: ProposalFilters, cap = COUNT_CAP): Promise<number> {
    const [row] = await this.prisma.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM (
        SELECT 1 FROM "Proposal" p JOIN "Call" c ON c.id = p."callId" WHERE ${this.where(ctx, f)} LIMIT ${cap + 1}
      ) AS matches`;
    return Number(row?.n ?? 0);
  }

  private toItem(r: ListRow) {
    return {
      id: r.id,
      acronym: r.acronym,
      title: r.title,
      status: r.status as never,
      theme: r.theme,
      call: { id: r.callId, title: r.callTitle },
      leadCountry: r.leadCountry,
      countries: [...new Set(r.countries ?? [])].sort(),
      submittedAt: r.submittedAt?.toISOString() ?? null,
      eligibilityOverridden: r.overridden,
      grantId: r.grantId,
    };
  }

  async list(ctx: RequestContext, query: ProposalFilters & { page: number; pageSize: number }) {
    const [rows, total] = await Promise.all([
      this.rows(ctx, query, query.pageSize, (query.page - 1) * query.pageSize),
      this.count(ctx, query),
    ]);
    return {
      items: rows.map((r) => this.toItem(r)),
      total: Math.min(total, COUNT_CAP),
      totalIsLowerBound: total > COUNT_CAP,
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async stats(ctx: RequestContext, f: ProposalFilters) {
    const where = this.where(ctx, f);
    const [byCountry, byTheme, byStatus] = await Promise.all([
      this.prisma.$queryRaw<{ countryCode: string; count: bigint }[]>`
        SELECT country AS "countryCode", count(DISTINCT p.id) AS count
        FROM "Proposal" p JOIN "Call" c ON c.id = p."callId", unnest(p."partnerCountries") AS country
        WHERE ${where} GROUP BY country ORDER BY count DESC, country`,
      this.prisma.$queryRaw<{ theme: string; count: bigint }[]>`
        SELECT p.theme, count(*) AS count FROM "Proposal" p JOIN "Call" c ON c.id = p."callId"
        WHERE ${where} GROUP BY p.theme ORDER BY count DESC, p.theme`,
      this.prisma.$queryRaw<{ status: string; count: bigint }[]>`
        SELECT p.status, count(*) AS count FROM "Proposal" p JOIN "Call" c ON c.id = p."callId"
        WHERE ${where} GROUP BY p.status ORDER BY p.status`,
    ]);
    return {
      total: byStatus.reduce((sum, s) => sum + Number(s.count), 0),
      byCountry: byCountry.map((r) => ({ countryCode: r.countryCode, count: Number(r.count) })),
      byTheme: byTheme.map((r) => ({ theme: r.theme, count: Number(r.count) })),
      byStatus: byStatus.map((r) => ({ status: r.status as never, count: Number(r.count) })),
    };
  }

  /** The filtered list as a file: CSV (RFC 4180, UTF-8 with BOM for spreadsheet apps) or XLSX. */
  async export(ctx: RequestContext, f: ProposalFilters, format: 'csv' | 'xlsx') {
    const items = (await this.rows(ctx, f, 50_000, 0)).map((r) => this.toItem(r));
    const header = [
      'id',
      'acronym',
      'title',
      'status',
      'theme',
      'call',
      'lead_country',
      'countries',
      'submitted_at_utc',
    ];
    const values = items.map((i) => [
      i.id,
      i.acronym,
      i.title,
      i.status,
      i.theme,
      i.call.title,
      i.leadCountry ?? '',
      i.countries.join(' '),
      i.submittedAt ?? '',
    ]);
    return tableFile('proposals', header, values, format);
  }

  async startEligibilityRun(ctx: RequestContext, callId: string) {
    const call = await this.prisma.call.findUnique({ where: { id: callId } });
    if (!call || !managesProgramme(ctx.actor, call.programmeId)) throw AppError.notFound('Call');
    if (call.status !== 'CLOSED') throw new AppError('conflict', 'Eligibility is checked after the call has closed');
    const run = await this.prisma.$transaction(async (tx) => {
      const created = await this.runs.create(tx, 'eligibility.run', ctx.actor!.id);
      await this.audit.record(tx, ctx, {
        action: 'call.eligibility_run_started',
        entityType: 'Call',
        entityId: callId,
        data: { jobRunId: created.id },
      });
      await this.outbox.enqueue(tx, 'eligibility.run', { callId, jobRunId: created.id });
      return created;
    });
    return this.runs.get(run.id, ctx.actor!);
  }

  /**
   * Worker: evaluates every submitted proposal of a closed call with the same engine as at
   * submission, in batches, reporting progress. Verdicts a manager overrode are kept.
   * Re-running is safe: it recomputes the same verdicts.
   */
  async runEligibility(callId: string, jobRunId: string, _ctx: JobContext) {
    const where = {
      callId,
      status: { in: ['SUBMITTED', 'ELIGIBLE', 'INELIGIBLE'] as ('SUBMITTED' | 'ELIGIBLE' | 'INELIGIBLE')[] },
    };
    const total = await this.prisma.proposal.count({ where });
    await this.runs.start(jobRunId, total);
    try {
      let done = 0;
      let eligible = 0;
      let cursor: string | undefined;
      for (;;) {
        const batch = await this.prisma.proposal.findMany({
          where,
          include: proposalInclude,
          orderBy: { id: 'asc' },
          take: BATCH,
          ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
        });
        if (batch.length === 0) break;
        await this.prisma.$transaction(async (tx) => {
          for (const row of batch) {
            const report: EligibilityReport = eligibilityOf(row as never);
            if (report.eligible) eligible++;
            await tx.proposal.update({
              where: { id: row.id },
              data: {
                eligibilityReport: report as object,
                eligibilityCheckedAt: new Date(),
                ...(row.eligibilityOverrideReason ? {} : { status: report.eligible ? 'ELIGIBLE' : 'INELIGIBLE' }),
              },
            });
          }
        });
        done += batch.length;
        cursor = batch[batch.length - 1]!.id;
        await this.runs.progress(jobRunId, done, total);
      }
      const result = { checked: done, eligible, ineligible: done - eligible };
      await this.runs.succeed(jobRunId, result);
      return result;
    } catch (error) {
      await this.runs.fail(jobRunId, (error as Error).message);
      throw error;
    }
  }

  async override(ctx: RequestContext, id: string, verdict: 'ELIGIBLE' | 'INELIGIBLE', reason: string) {
    await this.prisma.$transaction(async (tx) => {
      const row = await tx.proposal.findUnique({ where: { id }, include: { call: { select: { programmeId: true } } } });
      if (!row || row.status === 'DRAFT' || !managesProgramme(ctx.actor, row.call.programmeId))
        throw AppError.notFound('Proposal');
      if (!['SUBMITTED', 'ELIGIBLE', 'INELIGIBLE'].includes(row.status)) {
        throw new AppError(
          'conflict',
          `A proposal that is ${row.status.toLowerCase()} has no eligibility verdict to change`,
        );
      }
      await tx.proposal.update({ where: { id }, data: { status: verdict, eligibilityOverrideReason: reason } });
      await this.audit.record(tx, ctx, {
        action: 'proposal.eligibility_overridden',
        entityType: 'Proposal',
        entityId: id,
        data: { from: row.status, to: verdict, reason },
      });
    });
    const [item] = await this.rows(ctx, {}, 1, 0, id);
    if (!item) throw AppError.notFound('Proposal');
    return this.toItem(item);
  }
}
