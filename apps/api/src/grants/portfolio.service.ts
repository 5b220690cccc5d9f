import { Prisma as Sql } from '@kizuna/db';
import {
  ASEAN_COUNTRIES,
  addAmounts,
  DEFAULT_INDIRECT_EXCLUDED_CATEGORIES,
  type GrantStatus,
  JAPAN,
  OVERDUE_LIMIT,
  type Portfolio,
  type PortfolioDataset,
  type PortfolioQuery,
  type ReportOutputs,
  roundMoney,
  subtractAmounts,
  toCallCurrency,
} from '@kizuna/shared';
import { Inject, Injectable } from '@nestjs/common';
import { managedProgrammeIds } from '../calls/call-access.js';
import { moneyCell, tableFile } from '../common/downloads.js';
import type { RequestContext } from '../common/request-context.js';
import { PRISMA, type Prisma } from '../infra/prisma.service.js';
import { formatDate, reportName, today } from './grant-dates.js';

/*
 * The portfolio: aggregate SQL over the grants of the caller's programmes (so it stays a handful of queries for
 * thousands of grants). Sums without rounding (tranches) are done by PostgreSQL's exact numeric; figures that are
 * rounded once per partner (a budget total, a report's spending converted into the call currency) come back one row
 * per grant × partner and are converted with the same helpers as the grant's own page, so the portfolio adds up to
 * exactly what the grants show.
 */

/** One amount in a call currency, dated by month (YYYY-MM). */
interface Flow {
  currency: string;
  month: string;
  amount: string;
}

const REPORTED = Sql.sql`r.status IN ('SUBMITTED', 'ACCEPTED')`;
/** The rate from a partner's currency into the grant's: 1 for the call currency itself, else the grant's fixed rate. */
const RATE = Sql.sql`CASE WHEN p.currency = g.currency THEN '1' ELSE g.rates ->> p.currency END`;

/** Publications of submitted or accepted reports in scope, each with its distinct author countries. */
const publications = (where: Sql.Sql) => Sql.sql`
  SELECT ARRAY(SELECT DISTINCT c FROM jsonb_array_elements_text(pub -> 'countries') c) AS countries
  FROM "GrantReport" r JOIN "Grant" g ON g.id = r."grantId",
    jsonb_array_elements(COALESCE(r.content -> 'outputs' -> 'publications', '[]'::jsonb)) pub
  WHERE ${REPORTED} AND ${where}`;

const count = (value: bigint | number | null) => Number(value ?? 0);

@Injectable()
export class PortfolioService {
  constructor(@Inject(PRISMA) private readonly prisma: Prisma) {}

  /** Grants of the caller's programmes (and of the filters): a manager of another programme gets nothing. */
  private where(ctx: RequestContext, q: PortfolioQuery) {
    const parts = [Sql.sql`g."programmeId" = ANY(${managedProgrammeIds(ctx.actor)}::uuid[])`];
    if (q.programmeId) parts.push(Sql.sql`g."programmeId" = ${q.programmeId}::uuid`);
    if (q.callId) parts.push(Sql.sql`g."callId" = ${q.callId}::uuid`);
    return Sql.join(parts, ' AND ');
  }

  /** Each grant's approved total (direct + indirect) in its call currency, as computeBudget rounds it: per partner. */
  private async committed(where: Sql.Sql) {
    const rows = await this.prisma.$queryRaw<
      { grantId: string; currency: string; month: string; amount: string; rate: string | null }[]
    >`
      SELECT g.id AS "grantId", g.currency, to_char(g."startDate", 'YYYY-MM') AS month, ${RATE} AS rate,
        (sum(l.amount) + COALESCE(sum(l.amount) FILTER (
          WHERE l.category <> ALL(${[...DEFAULT_INDIRECT_EXCLUDED_CATEGORIES]}::text[])), 0) * g."indirectRate")::text AS amount
      FROM "GrantBudgetLine" l JOIN "Grant" g ON g.id = l."grantId" JOIN "GrantPartner" p ON p.id = l."partnerId"
      WHERE ${where}
      GROUP BY g.id, p.id`;
    const byGrant = new Map<string, Flow & { parts: string[] }>();
    for (const r of rows) {
      const grant = byGrant.get(r.grantId) ?? { currency: r.currency, month: r.month, amount: '0', parts: [] };
      // A partner currency without a rate counts for nothing, as in computeBudget.
      if (r.rate !== null) grant.parts.push(toCallCurrency(r.amount, r.rate, r.currency));
      byGrant.set(r.grantId, grant);
    }
    return new Map(
      [...byGrant].map(([id, g]) => [
        id,
        { currency: g.currency, month: g.month, amount: addAmounts(g.parts, g.currency) },
      ]),
    );
  }

  async portfolio(ctx: RequestContext, q: PortfolioQuery): Promise<Portfolio> {
    const where = this.where(ctx, q);
    const programmes = managedProgrammeIds(ctx.actor);
    const now = today();
    const [
      filters,
      calls,
      byStatus,
      byCountry,
      byTheme,
      byAgency,
      committed,
      disbursed,
      reported,
      overdue,
      [outputs],
      publicationPairs,
      partnerPairs,
    ] = await Promise.all([
      this.prisma.programme.findMany({
        where: { id: { in: programmes } },
        select: { id: true, name: true },
        orderBy: { name: 'asc' },
      }),
      this.prisma.$queryRaw<{ id: string; title: string; programmeId: string; currency: string }[]>`
        SELECT c.id, c.title, c."programmeId", c.currency FROM "Call" c
        WHERE EXISTS (SELECT 1 FROM "Grant" g WHERE g."callId" = c.id AND g."programmeId" = ANY(${programmes}::uuid[]))
        ORDER BY c."opensAt" DESC, c.title`,
      this.prisma.$queryRaw<{ status: GrantStatus; currency: string; count: bigint }[]>`
        SELECT g.status, g.currency, count(*) AS count FROM "Grant" g WHERE ${where} GROUP BY 1, 2`,
      this.prisma.$queryRaw<{ countryCode: string; count: bigint }[]>`
        SELECT p."countryCode", count(DISTINCT g.id) AS count
        FROM "Grant" g JOIN "GrantPartner" p ON p."grantId" = g.id AND p.active
        WHERE ${where} GROUP BY 1 ORDER BY 2 DESC, 1`,
      this.prisma.$queryRaw<{ theme: string; count: bigint }[]>`
        SELECT pr.theme, count(*) AS count FROM "Grant" g JOIN "Proposal" pr ON pr.id = g."proposalId"
        WHERE ${where} GROUP BY 1 ORDER BY 2 DESC, 1`,
      this.prisma.$queryRaw<{ agencyId: string; acronym: string; name: string; countryCode: string; count: bigint }[]>`
        SELECT a.id AS "agencyId", a.acronym, a.name, a."countryCode", count(DISTINCT g.id) AS count
        FROM "Grant" g JOIN "GrantPartner" p ON p."grantId" = g.id AND p.active JOIN "Agency" a ON a.id = p."agencyId"
        WHERE ${where} GROUP BY a.id ORDER BY 5 DESC, a.acronym`,
      this.committed(where),
      this.prisma.$queryRaw<Flow[]>`
        SELECT g.currency, to_char(t."paidOn", 'YYYY-MM') AS month, sum(t."callAmount")::text AS amount
        FROM "GrantTranche" t JOIN "Grant" g ON g.id = t."grantId"
        WHERE t.status = 'RELEASED' AND t."paidOn" IS NOT NULL AND ${where} GROUP BY 1, 2`,
      // A report's spending per partner, converted once (as its financial statement does).
      this.prisma.$queryRaw<(Flow & { rate: string | null })[]>`
        SELECT g.currency, to_char(r."periodEnd", 'YYYY-MM') AS month, sum(s.amount)::text AS amount, ${RATE} AS rate
        FROM "GrantReportSpending" s JOIN "GrantReport" r ON r.id = s."reportId" JOIN "Grant" g ON g.id = r."grantId"
          JOIN "GrantPartner" p ON p.id = s."partnerId"
        WHERE ${REPORTED} AND ${where} GROUP BY g.id, r.id, p.id`,
      this.prisma.$queryRaw<
        {
          grantId: string;
          grantNumber: string;
          acronym: string;
          what: 'REPORT' | 'MILESTONE';
          title: string | null;
          reportKind: 'PERIODIC' | 'FINAL' | null;
          reportNumber: number | null;
          status: Portfolio['overdue'][number]['status'];
          dueDate: string;
          daysLate: number;
          total: bigint;
        }[]
      >`
        SELECT *, count(*) OVER () AS total FROM (
          SELECT g.id AS "grantId", g.number AS "grantNumber", pr.acronym, 'REPORT' AS what, NULL AS title,
            r.kind::text AS "reportKind", r.number AS "reportNumber", r.status::text AS status,
            to_char(r."dueDate", 'YYYY-MM-DD') AS "dueDate", (${formatDate(now)}::date - r."dueDate") AS "daysLate"
          FROM "GrantReport" r JOIN "Grant" g ON g.id = r."grantId" JOIN "Proposal" pr ON pr.id = g."proposalId"
          WHERE r.status <> 'ACCEPTED' AND r."dueDate" < ${formatDate(now)}::date AND g.status <> 'CLOSED' AND ${where}
          UNION ALL
          SELECT g.id, g.number, pr.acronym, 'MILESTONE', m.title, NULL, NULL, m.status::text,
            to_char(m."dueDate", 'YYYY-MM-DD'), (${formatDate(now)}::date - m."dueDate")
          FROM "GrantMilestone" m JOIN "Grant" g ON g.id = m."grantId" JOIN "Proposal" pr ON pr.id = g."proposalId"
          WHERE m.status <> 'ACCEPTED' AND m."dueDate" < ${formatDate(now)}::date AND g.status <> 'CLOSED' AND ${where}
        ) due
        ORDER BY "dueDate", "grantNumber", what, title
        LIMIT ${OVERDUE_LIMIT}`,
      this.prisma.$queryRaw<
        {
          publications: bigint;
          joint: bigint;
          aseanJapan: bigint;
          datasets: bigint;
          patents: bigint;
          prototypes: bigint;
          trainedPeople: bigint;
        }[]
      >`
        WITH outputs AS (
          SELECT r.content -> 'outputs' AS o FROM "GrantReport" r JOIN "Grant" g ON g.id = r."grantId"
          WHERE ${REPORTED} AND ${where}
        ), pubs AS (${publications(where)})
        SELECT
          (SELECT count(*) FROM pubs) AS publications,
          (SELECT count(*) FROM pubs WHERE cardinality(countries) >= 2) AS joint,
          (SELECT count(*) FROM pubs WHERE ${JAPAN} = ANY(countries) AND countries && ${[...ASEAN_COUNTRIES]}::text[])
            AS "aseanJapan",
          (SELECT sum(jsonb_array_length(COALESCE(o -> 'datasets', '[]'::jsonb))) FROM outputs) AS datasets,
          (SELECT sum(jsonb_array_length(COALESCE(o -> 'patents', '[]'::jsonb))) FROM outputs) AS patents,
          (SELECT sum(jsonb_array_length(COALESCE(o -> 'prototypes', '[]'::jsonb))) FROM outputs) AS prototypes,
          (SELECT sum((t ->> 'count')::int)
            FROM outputs, jsonb_array_elements(COALESCE(o -> 'trainedPeople', '[]'::jsonb)) t) AS "trainedPeople"`,
      this.prisma.$queryRaw<{ from: string; to: string; count: bigint }[]>`
        WITH pubs AS (${publications(where)})
        SELECT a AS "from", b AS "to", count(*) AS count FROM pubs, unnest(countries) a, unnest(countries) b
        WHERE a < b GROUP BY 1, 2`,
      this.prisma.$queryRaw<{ from: string; to: string; count: bigint }[]>`
        WITH gc AS (
          SELECT DISTINCT p."grantId", p."countryCode"::text AS country
          FROM "GrantPartner" p JOIN "Grant" g ON g.id = p."grantId" WHERE p.active AND ${where}
        )
        SELECT a.country AS "from", b.country AS "to", count(*) AS count
        FROM gc a JOIN gc b ON a."grantId" = b."grantId" AND a.country < b.country GROUP BY 1, 2`,
    ]);

    const reportedFlows = reported.flatMap((r) =>
      r.rate === null ? [] : [{ ...r, amount: toCallCurrency(r.amount, r.rate, r.currency) }],
    );
    const grantsPerCurrency = new Map<string, number>();
    for (const s of byStatus)
      grantsPerCurrency.set(s.currency, (grantsPerCurrency.get(s.currency) ?? 0) + count(s.count));
    const statusCounts = new Map<GrantStatus, number>();
    for (const s of byStatus) statusCounts.set(s.status, (statusCounts.get(s.status) ?? 0) + count(s.count));

    const edges = new Map<string, { from: string; to: string; grants: number; jointPublications: number }>();
    const edge = (from: string, to: string) => {
      const key = `${from}|${to}`;
      const found = edges.get(key) ?? { from, to, grants: 0, jointPublications: 0 };
      edges.set(key, found);
      return found;
    };
    for (const p of partnerPairs) edge(p.from, p.to).grants = count(p.count);
    for (const p of publicationPairs) edge(p.from, p.to).jointPublications = count(p.count);
    const nodes = new Map(byCountry.map((c) => [c.countryCode, count(c.count)]));
    for (const e of edges.values()) for (const c of [e.from, e.to]) if (!nodes.has(c)) nodes.set(c, 0);

    return {
      programmes: filters,
      calls,
      grants: [...grantsPerCurrency.values()].reduce((a, b) => a + b, 0),
      byStatus: [...statusCounts].map(([status, n]) => ({ status, count: n })),
      byCountry: byCountry.map((c) => ({ countryCode: c.countryCode, count: count(c.count) })),
      byTheme: byTheme.map((t) => ({ theme: t.theme, count: count(t.count) })),
      byAgency: byAgency.map((a) => ({ ...a, count: count(a.count) })),
      money: [...grantsPerCurrency.keys()]
        .sort()
        .map((currency) =>
          moneyOf(currency, grantsPerCurrency.get(currency)!, [...committed.values()], disbursed, reportedFlows, now),
        ),
      overdue: overdue.map(({ total: _, ...o }) => ({
        ...o,
        title: o.title ?? reportName({ kind: o.reportKind!, number: o.reportNumber! }),
        daysLate: Number(o.daysLate),
      })),
      overdueTotal: count(overdue[0]?.total ?? 0),
      outputs: {
        publications: count(outputs?.publications ?? 0),
        jointPublications: count(outputs?.joint ?? 0),
        aseanJapanPublications: count(outputs?.aseanJapan ?? 0),
        datasets: count(outputs?.datasets ?? 0),
        patents: count(outputs?.patents ?? 0),
        prototypes: count(outputs?.prototypes ?? 0),
        trainedPeople: count(outputs?.trainedPeople ?? 0),
      },
      network: {
        nodes: [...nodes]
          .map(([countryCode, grants]) => ({ countryCode, grants }))
          .sort((a, b) => b.grants - a.grants || a.countryCode.localeCompare(b.countryCode)),
        edges: [...edges.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to)),
      },
    };
  }

  /** One dataset of the portfolio as a file (same scope and filters as the dashboard). */
  async export(ctx: RequestContext, q: PortfolioQuery, dataset: PortfolioDataset, format: 'csv' | 'xlsx') {
    const where = this.where(ctx, q);
    if (dataset === 'grants') return this.exportGrants(where, format);
    if (dataset === 'disbursements') return this.exportDisbursements(where, format);
    return this.exportOutputs(where, format);
  }

  private async exportGrants(where: Sql.Sql, format: 'csv' | 'xlsx') {
    const [rows, committed] = await Promise.all([
      this.prisma.$queryRaw<
        {
          id: string;
          number: string;
          acronym: string;
          title: string;
          call: string;
          status: string;
          startDate: string;
          endDate: string;
          currency: string;
          disbursed: string;
          leadInstitution: string | null;
          leadCountry: string | null;
        }[]
      >`
        SELECT g.id, g.number, pr.acronym, pr.title, c.title AS call, g.status::text AS status,
          to_char(g."startDate", 'YYYY-MM-DD') AS "startDate", to_char(g."endDate", 'YYYY-MM-DD') AS "endDate",
          g.currency, i.name AS "leadInstitution", lp."countryCode" AS "leadCountry",
          (SELECT COALESCE(sum(t."callAmount"), 0) FROM "GrantTranche" t
            WHERE t."grantId" = g.id AND t.status = 'RELEASED')::text AS disbursed
        FROM "Grant" g JOIN "Proposal" pr ON pr.id = g."proposalId" JOIN "Call" c ON c.id = g."callId"
          LEFT JOIN "GrantPartner" lp ON lp."grantId" = g.id AND lp.role = 'LEAD'
          LEFT JOIN "Institution" i ON i.id = lp."institutionId"
        WHERE ${where}
        ORDER BY g.number`,
      this.committed(where),
    ]);
    return tableFile(
      'grants',
      [
        'number',
        'acronym',
        'title',
        'call',
        'status',
        'start_date',
        'end_date',
        'currency',
        'approved_total',
        'disbursed',
        'remaining',
        'lead_institution',
        'lead_country',
      ],
      rows.map((g) => {
        const approved = committed.get(g.id)?.amount ?? addAmounts([], g.currency);
        const disbursed = roundMoney(g.disbursed, g.currency);
        return [
          g.number,
          g.acronym,
          g.title,
          g.call,
          g.status,
          g.startDate,
          g.endDate,
          g.currency,
          moneyCell(approved, g.currency),
          moneyCell(disbursed, g.currency),
          moneyCell(subtractAmounts(approved, disbursed, g.currency), g.currency),
          g.leadInstitution,
          g.leadCountry,
        ];
      }),
      format,
    );
  }

  private async exportDisbursements(where: Sql.Sql, format: 'csv' | 'xlsx') {
    const rows = await this.prisma.$queryRaw<
      {
        grantNumber: string;
        tranche: number;
        institution: string;
        countryCode: string;
        agency: string;
        currency: string;
        amount: string;
        callCurrency: string;
        callAmount: string;
        condition: string;
        status: string;
        plannedDate: string | null;
        paidOn: string | null;
        reference: string | null;
      }[]
    >`
      SELECT g.number AS "grantNumber", t.number AS tranche, i.name AS institution, p."countryCode",
        a.acronym AS agency, p.currency, t.amount::text AS amount, g.currency AS "callCurrency",
        t."callAmount"::text AS "callAmount", t.condition::text AS condition, t.status::text AS status,
        to_char(t."plannedDate", 'YYYY-MM-DD') AS "plannedDate", to_char(t."paidOn", 'YYYY-MM-DD') AS "paidOn",
        t.reference
      FROM "GrantTranche" t JOIN "Grant" g ON g.id = t."grantId" JOIN "GrantPartner" p ON p.id = t."partnerId"
        JOIN "Institution" i ON i.id = p."institutionId" JOIN "Agency" a ON a.id = p."agencyId"
      WHERE ${where}
      ORDER BY g.number, t.number`;
    return tableFile(
      'disbursements',
      [
        'grant',
        'tranche',
        'partner_institution',
        'country',
        'agency',
        'currency',
        'amount',
        'call_currency',
        'call_currency_amount',
        'condition',
        'status',
        'planned_date',
        'paid_on',
        'reference',
      ],
      rows.map((t) => [
        t.grantNumber,
        t.tranche,
        t.institution,
        t.countryCode,
        t.agency,
        t.currency,
        moneyCell(roundMoney(t.amount, t.currency), t.currency),
        t.callCurrency,
        moneyCell(roundMoney(t.callAmount, t.callCurrency), t.callCurrency),
        t.condition,
        t.status,
        t.plannedDate,
        t.paidOn,
        t.reference,
      ]),
      format,
    );
  }

  private async exportOutputs(where: Sql.Sql, format: 'csv' | 'xlsx') {
    const reports = await this.prisma.$queryRaw<
      { grantNumber: string; kind: string; number: number; outputs: Partial<ReportOutputs> | null }[]
    >`
      SELECT g.number AS "grantNumber", r.kind::text AS kind, r.number, r.content -> 'outputs' AS outputs
      FROM "GrantReport" r JOIN "Grant" g ON g.id = r."grantId"
      WHERE ${REPORTED} AND ${where}
      ORDER BY g.number, r."periodEnd", r.kind DESC`;
    const asean = new Set<string>(ASEAN_COUNTRIES);
    const rows = reports.flatMap((r) => {
      const o = r.outputs ?? {};
      const at = [r.grantNumber, r.kind, r.number];
      return [
        ...(o.publications ?? []).map((p) => {
          const countries = [...new Set(p.countries)];
          const aseanJapan = countries.includes(JAPAN) && countries.some((c) => asean.has(c));
          return [
            ...at,
            'publication',
            p.title,
            p.doi ?? '',
            p.year,
            countries.join(' '),
            1,
            countries.length >= 2 ? 'yes' : 'no',
            aseanJapan ? 'yes' : 'no',
          ];
        }),
        ...(o.datasets ?? []).map((d) => [...at, 'dataset', d.title, d.doi ?? d.url ?? '', null, '', 1, '', '']),
        ...(o.patents ?? []).map((p) => [...at, 'patent', p.title, p.number, null, '', 1, '', '']),
        ...(o.prototypes ?? []).map((p) => [...at, 'prototype', p.title, '', null, '', 1, '', '']),
        ...(o.trainedPeople ?? []).map((t) => [
          ...at,
          'trained_people',
          t.level,
          '',
          null,
          t.countryCode,
          t.count,
          '',
          '',
        ]),
      ];
    });
    return tableFile(
      'outputs',
      [
        'grant',
        'report_kind',
        'report_number',
        'type',
        'title',
        'doi_url_or_number',
        'year',
        'countries',
        'count',
        'joint',
        'asean_japan',
      ],
      rows,
      format,
    );
  }
}

/** The money of one currency: totals and the cumulative monthly series (flows of other currencies are ignored). */
export function moneyOf(
  currency: string,
  grants: number,
  committed: readonly Flow[],
  disbursed: readonly Flow[],
  reported: readonly Flow[],
  now: Date,
) {
  const kinds = { committed, disbursed, reported } as const;
  const perMonth = new Map<string, Record<keyof typeof kinds, string[]>>();
  for (const [kind, flows] of Object.entries(kinds) as [keyof typeof kinds, readonly Flow[]][]) {
    for (const f of flows) {
      if (f.currency !== currency) continue;
      const month = perMonth.get(f.month) ?? { committed: [], disbursed: [], reported: [] };
      month[kind].push(f.amount);
      perMonth.set(f.month, month);
    }
  }
  const thisMonth = formatDate(now).slice(0, 7);
  const months = [...perMonth.keys()].sort();
  const series = [];
  const total = { committed: '0', disbursed: '0', reported: '0' };
  if (months.length > 0) {
    const last = [months.at(-1)!, thisMonth].sort().at(-1)!;
    for (let month = months[0]!; month <= last; month = nextMonth(month)) {
      const flows = perMonth.get(month);
      for (const kind of Object.keys(kinds) as (keyof typeof kinds)[]) {
        total[kind] = addAmounts([total[kind], ...(flows?.[kind] ?? [])], currency);
      }
      series.push({ month, ...total });
    }
  }
  const figures = {
    committed: addAmounts([total.committed], currency),
    disbursed: addAmounts([total.disbursed], currency),
    reported: addAmounts([total.reported], currency),
  };
  return {
    currency,
    grants,
    ...figures,
    remaining: subtractAmounts(figures.committed, figures.disbursed, currency),
    series,
  };
}

function nextMonth(month: string) {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = new Date(Date.UTC(y, m, 1));
  return next.toISOString().slice(0, 7);
}
