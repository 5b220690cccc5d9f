import { z } from 'zod';
import { defineOperation } from '../contract/operation.js';
import { GrantStatusSchema, ReportKindSchema } from './grants.contract.js';

/*
 * The portfolio of a programme manager: every grant of the programmes they manage, counted, summed and exported.
 * Money is in each grant's call currency as decimal strings; grants of calls in different currencies are never added
 * together, so money figures come per currency.
 */

export const PortfolioQuerySchema = z.object({
  /** One of the caller's programmes (another one gives an empty portfolio, never its figures). */
  programmeId: z.uuid().optional(),
  callId: z.uuid().optional(),
});
export type PortfolioQuery = z.infer<typeof PortfolioQuerySchema>;

export const PORTFOLIO_DATASETS = ['grants', 'disbursements', 'outputs'] as const;
export const PortfolioDatasetSchema = z.enum(PORTFOLIO_DATASETS);
export type PortfolioDataset = z.infer<typeof PortfolioDatasetSchema>;

export const PortfolioExportQuerySchema = PortfolioQuerySchema.extend({
  dataset: PortfolioDatasetSchema,
  format: z.enum(['csv', 'xlsx']).default('csv'),
});

const Count = z.number().int().nonnegative();
const Month = z.string().regex(/^\d{4}-\d{2}$/);

/** Cumulative figures at the end of a month (call currency). */
export const PortfolioMonthSchema = z.object({
  month: Month,
  committed: z.string(),
  disbursed: z.string(),
  reported: z.string(),
});

export const PortfolioMoneySchema = z.object({
  currency: z.string(),
  grants: Count,
  /** The approved budgets (direct and indirect), counted from each grant's start date. */
  committed: z.string(),
  /** Released tranches, by the date they were paid. */
  disbursed: z.string(),
  /** Spending in submitted or accepted reports, by the end of the report's period. */
  reported: z.string(),
  /** committed − disbursed */
  remaining: z.string(),
  /** Every month from the first figure to the later of the last figure and this month, cumulative. */
  series: z.array(PortfolioMonthSchema),
});

export const PortfolioOverdueSchema = z.object({
  grantId: z.uuid(),
  grantNumber: z.string(),
  acronym: z.string(),
  what: z.enum(['REPORT', 'MILESTONE']),
  /** The milestone's title, or the report's name in English ("Periodic report 2", "Final report"). */
  title: z.string(),
  reportKind: ReportKindSchema.nullable(),
  reportNumber: z.number().int().nullable(),
  /** A report's or milestone's status: a submitted item waiting for review stays overdue until it is accepted. */
  status: z.enum(['DUE', 'PENDING', 'SUBMITTED', 'RETURNED', 'CHANGES_REQUESTED']),
  dueDate: z.iso.date(),
  daysLate: z.number().int().positive(),
});

export const PortfolioOutputsSchema = z.object({
  publications: Count,
  /** Publications whose authors come from two or more countries. */
  jointPublications: Count,
  /** Joint publications with authors from Japan and from at least one ASEAN member state. */
  aseanJapanPublications: Count,
  datasets: Count,
  patents: Count,
  prototypes: Count,
  /** People trained (the sum of the reported counts). */
  trainedPeople: Count,
});

export const PortfolioSchema = z.object({
  /** What the filters can choose from: the caller's programmes and their calls that have grants. */
  programmes: z.array(z.object({ id: z.uuid(), name: z.string() })),
  calls: z.array(z.object({ id: z.uuid(), title: z.string(), programmeId: z.uuid(), currency: z.string() })),
  grants: Count,
  byStatus: z.array(z.object({ status: GrantStatusSchema, count: Count })),
  /** Countries of the active partners' institutions; a grant counts once per country. */
  byCountry: z.array(z.object({ countryCode: z.string(), count: Count })),
  /** The proposal's theme. */
  byTheme: z.array(z.object({ theme: z.string(), count: Count })),
  /** Responsible agencies of the active partners; a grant counts once per agency. */
  byAgency: z.array(
    z.object({ agencyId: z.uuid(), acronym: z.string(), name: z.string(), countryCode: z.string(), count: Count }),
  ),
  money: z.array(PortfolioMoneySchema),
  /** Reports and milestones of grants not closed, past their due date and not accepted: the most late first, at
   * most OVERDUE_LIMIT of them; `overdueTotal` counts them all. */
  overdue: z.array(PortfolioOverdueSchema),
  overdueTotal: Count,
  /** From submitted or accepted reports. */
  outputs: PortfolioOutputsSchema,
  /** Countries (with the number of grants they take part in) and the pairs of them that work together: grants where
   * both have a partner, and publications with authors from both. */
  network: z.object({
    nodes: z.array(z.object({ countryCode: z.string(), grants: Count })),
    edges: z.array(z.object({ from: z.string(), to: z.string(), grants: Count, jointPublications: Count })),
  }),
});
export type Portfolio = z.infer<typeof PortfolioSchema>;

export const OVERDUE_LIMIT = 100;

const tag = 'grants';

/** Spread into `contract.grants` (the ids are grants.*); served by the API's portfolio controller. */
export const portfolioContract = {
  portfolio: defineOperation({
    id: 'grants.portfolio',
    method: 'GET',
    path: '/grants/portfolio',
    tag,
    summary:
      'The portfolio of the programmes you manage: grants by status, country, theme and agency; committed, disbursed and reported money over time per currency; overdue reports and milestones; outputs; the collaboration network between countries.',
    auth: ['PROGRAMME_MANAGER'],
    query: PortfolioQuerySchema,
    response: PortfolioSchema,
  }),
  export: defineOperation({
    id: 'grants.export',
    method: 'GET',
    path: '/grants/export',
    tag,
    summary:
      'Grants (one row per grant), disbursements (one row per tranche) or outputs (one row per reported output) of the programmes you manage, as CSV or XLSX (a file download).',
    auth: ['PROGRAMME_MANAGER'],
    query: PortfolioExportQuerySchema,
  }),
} as const;
