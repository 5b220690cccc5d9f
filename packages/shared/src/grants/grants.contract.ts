import { z } from 'zod';
import { defineOperation } from '../contract/operation.js';
import { PageQuerySchema, pageOf } from '../contract/pagination.js';
import { BUDGET_MAX_YEARS, BudgetCategorySchema } from '../proposals/budget.js';
import { MoneySchema } from '../proposals/money.js';

/*
 * Grants: a funded proposal, awarded by a manager of its programme and tracked until it closes. Money crosses the API
 * as decimal strings (partner currency: the partner's ISO minor units; call currency: the call's), dates as
 * YYYY-MM-DD (calendar dates, no time zone), instants as ISO 8601 UTC.
 */

const IdParams = z.object({ id: z.uuid() });
const DateSchema = z.iso.date();
const PositiveMoney = MoneySchema.refine((v) => /[1-9]/.test(v), 'must be above zero');

export const GRANT_STATUSES = ['AWARDED', 'ACTIVE', 'SUSPENDED', 'FINAL_REPORT_DUE', 'CLOSED'] as const;
export const GrantStatusSchema = z.enum(GRANT_STATUSES);
export type GrantStatus = z.infer<typeof GrantStatusSchema>;

export const MilestoneStatusSchema = z.enum(['PENDING', 'SUBMITTED', 'CHANGES_REQUESTED', 'ACCEPTED']);
export const ReportKindSchema = z.enum(['PERIODIC', 'FINAL']);
export const ReportStatusSchema = z.enum(['DUE', 'SUBMITTED', 'RETURNED', 'ACCEPTED']);
export const TrancheConditionSchema = z.enum(['AGREEMENT', 'REPORT', 'MILESTONE']);
export const AmendmentKindSchema = z.enum(['BUDGET_REALLOCATION', 'NO_COST_EXTENSION', 'PARTNER_CHANGE']);
export const AmendmentStatusSchema = z.enum(['REQUESTED', 'APPROVED', 'REJECTED']);
/** The caller's relation to a grant. */
export const GrantRoleSchema = z.enum(['MANAGER', 'LEAD_PI', 'PARTNER_PI', 'COLLABORATOR']);

/** Periodic reports every this many months by default; the final report is due this many days after the end date. */
export const DEFAULT_REPORTING_PERIOD_MONTHS = 12;
export const FINAL_REPORT_GRACE_DAYS = 60;

// ───────────── Award ─────────────

export const GrantBudgetLineInputSchema = z.object({
  /** A partner of the proposal (grant partners keep the proposal partner's id). */
  partnerId: z.uuid(),
  year: z.number().int().min(1).max(BUDGET_MAX_YEARS),
  category: BudgetCategorySchema,
  /** The approved amount in the partner's currency; "0" removes the line. */
  amount: MoneySchema,
});

export const AwardBodySchema = z
  .object({
    startDate: DateSchema,
    /** Defaults to the start date plus the proposal's duration, minus a day. */
    endDate: DateSchema.optional(),
    reportingPeriodMonths: z.number().int().min(1).max(60).default(DEFAULT_REPORTING_PERIOD_MONTHS),
    /** Changes to the proposal's budget: each line given replaces the proposal's line of the same partner × year ×
     * category (or adds one). Lines not given are approved as proposed. */
    budgetChanges: z.array(GrantBudgetLineInputSchema).max(500).default([]),
    /** Why the budget changes; required with any change. */
    adjustmentReason: z.string().trim().min(3).max(2000).optional(),
    /** The responsible agency of a partner, when not the one of the proposal. */
    agencies: z
      .array(z.object({ partnerId: z.uuid(), agencyId: z.uuid() }))
      .max(50)
      .default([]),
  })
  .refine((b) => b.endDate === undefined || b.endDate > b.startDate, {
    path: ['endDate'],
    message: 'must be after the start date',
  })
  .refine((b) => b.budgetChanges.length === 0 || b.adjustmentReason !== undefined, {
    path: ['adjustmentReason'],
    message: 'say why the budget changes',
  });
export type AwardBody = z.infer<typeof AwardBodySchema>;

// ───────────── Reports' content ─────────────

const CountryCode = z.string().regex(/^[A-Z]{2}$/, 'an ISO 3166-1 alpha-2 code, e.g. JP');
const Url = z.url({ protocol: /^https?$/ }).max(2000);
/** A DOI such as 10.1000/xyz123 (no resolver prefix). */
export const DoiSchema = z
  .string()
  .trim()
  .regex(/^10\.\d{4,9}\/\S{1,300}$/, 'a DOI like 10.1234/abc.5678');

export const ReportNarrativeSchema = z.object({
  summary: z.string().trim().max(10_000),
  progress: z.string().trim().max(20_000),
  deviations: z.string().trim().max(10_000),
  nextSteps: z.string().trim().max(10_000),
});

export const ReportOutputsSchema = z.object({
  publications: z
    .array(
      z.object({
        title: z.string().trim().min(1).max(500),
        doi: DoiSchema.nullable(),
        venue: z.string().trim().max(300),
        year: z.number().int().min(1990).max(2100),
        /** Countries of the authors' institutions: two or more make it a joint publication. */
        countries: z.array(CountryCode).min(1).max(12),
      }),
    )
    .max(200),
  datasets: z
    .array(z.object({ title: z.string().trim().min(1).max(500), url: Url.nullable(), doi: DoiSchema.nullable() }))
    .max(100),
  patents: z
    .array(
      z.object({
        title: z.string().trim().min(1).max(500),
        number: z.string().trim().max(100),
        office: z.string().trim().max(100),
        status: z.enum(['FILED', 'GRANTED']),
      }),
    )
    .max(50),
  prototypes: z
    .array(z.object({ title: z.string().trim().min(1).max(500), description: z.string().trim().max(2000) }))
    .max(50),
  trainedPeople: z
    .array(
      z.object({
        level: z.enum(['PHD', 'MASTER', 'BACHELOR', 'POSTDOC', 'TECHNICIAN', 'OTHER']),
        countryCode: CountryCode,
        count: z.number().int().min(1).max(10_000),
      }),
    )
    .max(100),
});
export type ReportOutputs = z.infer<typeof ReportOutputsSchema>;

export const EMPTY_REPORT_OUTPUTS: ReportOutputs = {
  publications: [],
  datasets: [],
  patents: [],
  prototypes: [],
  trainedPeople: [],
};

/** Actual spending of the period: partner × category, in the partner's currency. */
export const SpendingLineSchema = z.object({
  partnerId: z.uuid(),
  category: BudgetCategorySchema,
  amount: MoneySchema,
});

export const SaveReportBodySchema = z.object({
  version: z.number().int().min(1),
  narrative: ReportNarrativeSchema,
  outputs: ReportOutputsSchema,
  spending: z.array(SpendingLineSchema).max(500),
});

const Figures = z.object({ partnerCurrency: z.string(), callCurrency: z.string() });

/** One row of a financial statement: approved (whole grant) against spent (this period, and to date). */
export const StatementRowSchema = z.object({
  partnerId: z.uuid(),
  category: BudgetCategorySchema,
  currency: z.string(),
  approved: Figures,
  spentThisPeriod: Figures,
  /** This period plus every earlier submitted or accepted report. */
  spentToDate: Figures,
  remaining: Figures,
});

export const ReportSummarySchema = z.object({
  id: z.uuid(),
  kind: ReportKindSchema,
  number: z.number().int(),
  periodStart: DateSchema,
  periodEnd: DateSchema,
  dueDate: DateSchema,
  status: ReportStatusSchema,
  /** Due date passed and not accepted. */
  overdue: z.boolean(),
  submittedAt: z.iso.datetime().nullable(),
  reviewedAt: z.iso.datetime().nullable(),
  reviewComment: z.string().nullable(),
});

export const GrantReportSchema = ReportSummarySchema.extend({
  grantId: z.uuid(),
  version: z.number().int(),
  narrative: ReportNarrativeSchema,
  outputs: ReportOutputsSchema,
  /** Publications whose authors come from two or more countries. */
  jointPublications: z.number().int(),
  spending: z.array(SpendingLineSchema),
  statement: z.object({
    callCurrency: z.string(),
    rows: z.array(StatementRowSchema),
    /** Per partner, all categories (direct costs). */
    partners: z.array(
      z.object({
        partnerId: z.uuid(),
        currency: z.string(),
        approved: Figures,
        spentThisPeriod: Figures,
        spentToDate: Figures,
        remaining: Figures,
      }),
    ),
    totals: z.object({ approved: z.string(), spentThisPeriod: z.string(), spentToDate: z.string() }),
  }),
});
export type GrantReport = z.infer<typeof GrantReportSchema>;

// ───────────── The grant ─────────────

const HistoryEntrySchema = z.object({
  action: z.string(),
  actor: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  comment: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  at: z.iso.datetime(),
});

/** Milestone evidence files: at most this many per milestone, each at most this size, of these types. */
export const MILESTONE_FILE_LIMITS = {
  count: 10,
  maxSizeMb: 20,
  types: ['pdf', 'docx', 'xlsx', 'png', 'jpeg'],
} as const;

export const MilestoneFileSchema = z.object({
  id: z.uuid(),
  fileName: z.string(),
  /** Detected from the content. */
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
  uploadedAt: z.iso.datetime(),
});

export const GrantMilestoneSchema = z.object({
  id: z.uuid(),
  workPackage: z.string(),
  title: z.string(),
  verification: z.string(),
  dueMonth: z.number().int(),
  dueDate: DateSchema,
  status: MilestoneStatusSchema,
  overdue: z.boolean(),
  evidence: z.string().nullable(),
  links: z.array(z.string()),
  files: z.array(MilestoneFileSchema),
  submittedAt: z.iso.datetime().nullable(),
  reviewedAt: z.iso.datetime().nullable(),
  reviewComment: z.string().nullable(),
  history: z.array(HistoryEntrySchema),
});

const BalanceFigures = z.object({
  approved: z.string(),
  released: z.string(),
  planned: z.string(),
  remaining: z.string(),
});

export const TrancheSchema = z.object({
  id: z.uuid(),
  number: z.number().int(),
  partnerId: z.uuid(),
  currency: z.string(),
  amount: z.string(),
  /** In the call currency at the grant's fixed rate. */
  callAmount: z.string(),
  condition: TrancheConditionSchema,
  reportId: z.uuid().nullable(),
  milestoneId: z.uuid().nullable(),
  status: z.enum(['PLANNED', 'RELEASED']),
  plannedDate: DateSchema.nullable(),
  paidOn: DateSchema.nullable(),
  reference: z.string().nullable(),
  releasedAt: z.iso.datetime().nullable(),
});

export const AmendmentSchema = z.object({
  id: z.uuid(),
  number: z.number().int(),
  kind: AmendmentKindSchema,
  status: AmendmentStatusSchema,
  justification: z.string(),
  request: z.record(z.string(), z.unknown()),
  /** What changed, once approved: before and after. */
  changes: z.record(z.string(), z.unknown()).nullable(),
  requestedBy: z.object({ id: z.uuid(), displayName: z.string() }),
  requestedAt: z.iso.datetime(),
  decidedAt: z.iso.datetime().nullable(),
  decisionComment: z.string().nullable(),
});

export const GrantPartnerSchema = z.object({
  id: z.uuid(),
  role: z.enum(['LEAD', 'PARTNER']),
  institution: z.object({ id: z.uuid(), name: z.string(), countryCode: z.string() }),
  currency: z.string(),
  /** Units of the call currency per unit of the partner's. */
  rate: z.string(),
  agency: z.object({ id: z.uuid(), acronym: z.string(), name: z.string() }),
  active: z.boolean(),
  pi: z.object({ userId: z.uuid(), displayName: z.string() }).nullable(),
});

export const GrantSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  status: GrantStatusSchema,
  suspendedFrom: GrantStatusSchema.nullable(),
  suspensionReason: z.string().nullable(),
  myRole: GrantRoleSchema,
  proposal: z.object({ id: z.uuid(), acronym: z.string(), title: z.string() }),
  call: z.object({ id: z.uuid(), title: z.string(), programmeId: z.uuid() }),
  startDate: DateSchema,
  endDate: DateSchema,
  reportingPeriodMonths: z.number().int(),
  currency: z.string(),
  indirectRate: z.string(),
  awardedAt: z.iso.datetime(),
  activatedAt: z.iso.datetime().nullable(),
  closedAt: z.iso.datetime().nullable(),
  agreement: z.object({
    version: z.number().int(),
    issuedAt: z.iso.datetime(),
    /** Every PI (lead and partners) must acknowledge the current version. */
    acknowledgements: z.array(
      z.object({
        userId: z.uuid(),
        displayName: z.string(),
        role: z.enum(['LEAD_PI', 'PARTNER_PI']),
        acknowledgedAt: z.iso.datetime().nullable(),
      }),
    ),
    complete: z.boolean(),
  }),
  partners: z.array(GrantPartnerSchema),
  budget: z.object({
    adjustmentReason: z.string().nullable(),
    /** Approved lines; `original` is the proposal's amount (null for a line added later). */
    lines: z.array(
      z.object({
        partnerId: z.uuid(),
        year: z.number().int(),
        category: BudgetCategorySchema,
        original: z.string().nullable(),
        approved: z.string(),
      }),
    ),
    /** Lines whose approved amount differs from the proposal's. */
    adjustments: z.array(
      z.object({
        partnerId: z.uuid(),
        year: z.number().int(),
        category: BudgetCategorySchema,
        original: z.string(),
        approved: z.string(),
      }),
    ),
    /** Totals (direct, indirect, total) per partner in both currencies, by agency, year and category; see computeBudget. */
    partners: z.array(
      z.object({
        partnerId: z.uuid(),
        currency: z.string(),
        agencyId: z.uuid().nullable(),
        partnerCurrency: z.object({ direct: z.string(), indirect: z.string(), total: z.string() }),
        callCurrency: z.object({ direct: z.string(), indirect: z.string(), total: z.string() }),
      }),
    ),
    byAgency: z.array(z.object({ agencyId: z.uuid().nullable(), total: z.string() })),
    byYear: z.array(z.object({ year: z.number().int(), total: z.string() })),
    byCategory: z.array(z.object({ category: z.string(), total: z.string() })),
    grandTotal: z.string(),
    /** The proposal's grand total, for comparison. */
    originalGrandTotal: z.string(),
  }),
  milestones: z.array(GrantMilestoneSchema),
  reports: z.array(ReportSummarySchema),
  tranches: z.array(TrancheSchema),
  balances: z.object({
    partners: z.array(
      z.object({
        partnerId: z.uuid(),
        currency: z.string(),
        partnerCurrency: BalanceFigures,
        callCurrency: BalanceFigures,
      }),
    ),
    agencies: z.array(z.object({ agencyId: z.uuid(), acronym: z.string(), callCurrency: BalanceFigures })),
    total: BalanceFigures,
  }),
  amendments: z.array(AmendmentSchema),
});
export type Grant = z.infer<typeof GrantSchema>;

export const GrantListItemSchema = z.object({
  id: z.uuid(),
  number: z.string(),
  status: GrantStatusSchema,
  myRole: GrantRoleSchema,
  proposal: z.object({ id: z.uuid(), acronym: z.string(), title: z.string() }),
  call: z.object({ id: z.uuid(), title: z.string() }),
  startDate: DateSchema,
  endDate: DateSchema,
  currency: z.string(),
  grandTotal: z.string(),
  /** The earliest open milestone or report due date. */
  nextDue: z.object({ what: z.enum(['MILESTONE', 'REPORT']), title: z.string(), dueDate: DateSchema }).nullable(),
  overdue: z.number().int(),
});

// ───────────── Bodies ─────────────

export const ReasonBodySchema = z.object({ reason: z.string().trim().min(3).max(2000) });

export const MilestoneEvidenceBodySchema = z.object({
  evidence: z.string().trim().min(3).max(10_000),
  links: z.array(Url).max(20).default([]),
});

export const ReviewBodySchema = z
  .object({
    decision: z.enum(['ACCEPT', 'REQUEST_CHANGES']),
    comment: z.string().trim().max(5000).default(''),
  })
  .refine((b) => b.decision === 'ACCEPT' || b.comment.length >= 3, {
    path: ['comment'],
    message: 'say what has to change',
  });

export const CreateTrancheBodySchema = z
  .object({
    partnerId: z.uuid(),
    /** In the partner's currency (at most its minor units). */
    amount: PositiveMoney,
    condition: TrancheConditionSchema,
    reportId: z.uuid().optional(),
    milestoneId: z.uuid().optional(),
    plannedDate: DateSchema.optional(),
  })
  .refine((b) => b.condition !== 'REPORT' || b.reportId !== undefined, {
    path: ['reportId'],
    message: 'a report condition names the report',
  })
  .refine((b) => b.condition !== 'MILESTONE' || b.milestoneId !== undefined, {
    path: ['milestoneId'],
    message: 'a milestone condition names the milestone',
  });

export const ReleaseTrancheBodySchema = z.object({
  paidOn: DateSchema,
  reference: z.string().trim().max(200).optional(),
});

export const AmendmentRequestSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('BUDGET_REALLOCATION'),
    /** The new approved amounts of the lines that change (partner currency; "0" removes a line). The total of the
     * grant in the call currency may not grow. */
    lines: z.array(GrantBudgetLineInputSchema).min(1).max(200),
  }),
  z.object({ kind: z.literal('NO_COST_EXTENSION'), endDate: DateSchema }),
  z.object({
    kind: z.literal('PARTNER_CHANGE'),
    /** A partner that leaves the consortium (not the lead); its unreleased tranches are cancelled. */
    removePartnerId: z.uuid(),
    /** Whose budget lines it hands over to (an active partner of the same currency), if any. */
    transferTo: z.uuid().nullable(),
  }),
]);

export const RequestAmendmentBodySchema = z.object({
  justification: z.string().trim().min(3).max(5000),
  request: AmendmentRequestSchema,
});

export const DecideAmendmentBodySchema = z
  .object({ decision: z.enum(['APPROVE', 'REJECT']), comment: z.string().trim().max(5000).default('') })
  .refine((b) => b.decision === 'APPROVE' || b.comment.length >= 3, {
    path: ['comment'],
    message: 'say why it is rejected',
  });

export const GrantListQuerySchema = PageQuerySchema.extend({ status: GrantStatusSchema.optional() });

// ───────────── Operations ─────────────

const tag = 'grants';

export const grantsContract = {
  award: defineOperation({
    id: 'grants.award',
    method: 'POST',
    path: '/proposals/:id/grant',
    tag,
    summary:
      'Award a funded proposal (managers of its programme): grant number, dates, approved budget (changes recorded), agencies, milestones from the work plan, report schedule. One grant per proposal.',
    auth: ['PROGRAMME_MANAGER'],
    params: IdParams,
    body: AwardBodySchema,
    response: GrantSchema,
    status: 201,
  }),
  list: defineOperation({
    id: 'grants.list',
    method: 'GET',
    path: '/grants',
    tag,
    summary: "Grants the caller manages (their programmes') or belongs to (their consortium's), with what is due next.",
    auth: 'session',
    query: GrantListQuerySchema,
    response: pageOf(GrantListItemSchema),
  }),
  get: defineOperation({
    id: 'grants.get',
    method: 'GET',
    path: '/grants/:id',
    tag,
    summary:
      'A grant: partners and agencies, approved budget against the proposal, agreement acknowledgements, milestones, reports, tranches, balances and amendments.',
    auth: 'session',
    params: IdParams,
    response: GrantSchema,
  }),
  history: defineOperation({
    id: 'grants.history',
    method: 'GET',
    path: '/grants/:id/history',
    tag,
    summary: "The grant's history, oldest first.",
    auth: 'session',
    params: IdParams,
    response: z.array(
      HistoryEntrySchema.extend({ subjectType: z.string().nullable(), subjectId: z.uuid().nullable() }),
    ),
  }),
  agreement: defineOperation({
    id: 'grants.agreement',
    method: 'GET',
    path: '/grants/:id/agreement',
    tag,
    summary: 'The grant agreement (current version) as a PDF download.',
    auth: 'session',
    params: IdParams,
  }),
  acknowledge: defineOperation({
    id: 'grants.acknowledge',
    method: 'POST',
    path: '/grants/:id/agreement/acknowledge',
    tag,
    summary:
      'Acknowledge the current agreement version (the lead PI and every partner PI, once each); the last one makes an awarded grant active.',
    auth: 'session',
    params: IdParams,
    body: z.object({ version: z.number().int().min(1) }),
    response: GrantSchema,
  }),
  suspend: defineOperation({
    id: 'grants.suspend',
    method: 'POST',
    path: '/grants/:id/suspend',
    tag,
    summary: 'Suspend an active grant (or one whose final report is due), with a reason.',
    auth: ['PROGRAMME_MANAGER'],
    params: IdParams,
    body: ReasonBodySchema,
    response: GrantSchema,
  }),
  resume: defineOperation({
    id: 'grants.resume',
    method: 'POST',
    path: '/grants/:id/resume',
    tag,
    summary: 'Resume a suspended grant: it returns to the state it was suspended from.',
    auth: ['PROGRAMME_MANAGER'],
    params: IdParams,
    body: ReasonBodySchema,
    response: GrantSchema,
  }),
  markFinalReportDue: defineOperation({
    id: 'grants.markFinalReportDue',
    method: 'POST',
    path: '/grants/:id/final-report-due',
    tag,
    summary: 'Move an active grant to final reporting: the consortium may submit the final report.',
    auth: ['PROGRAMME_MANAGER'],
    params: IdParams,
    response: GrantSchema,
  }),
  close: defineOperation({
    id: 'grants.close',
    method: 'POST',
    path: '/grants/:id/close',
    tag,
    summary: 'Close a grant whose final report is accepted.',
    auth: ['PROGRAMME_MANAGER'],
    params: IdParams,
    response: GrantSchema,
  }),
  submitMilestone: defineOperation({
    id: 'grants.submitMilestone',
    method: 'POST',
    path: '/grant-milestones/:id/evidence',
    tag,
    summary: 'Submit evidence that a milestone is reached (consortium members): text and links.',
    auth: 'session',
    params: IdParams,
    body: MilestoneEvidenceBodySchema,
    response: GrantMilestoneSchema,
  }),
  uploadMilestoneFile: defineOperation({
    id: 'grants.uploadMilestoneFile',
    method: 'POST',
    path: '/grant-milestones/:id/files',
    tag,
    summary:
      'Add a file to the evidence of a milestone not yet submitted or accepted (consortium members): the raw bytes as the body, the file name in the X-File-Name header (URI-encoded). PDF, Word, Excel, PNG or JPEG by content, at most 20 MB, 10 files.',
    auth: 'session',
    params: IdParams,
    response: MilestoneFileSchema,
    status: 201,
  }),
  downloadMilestoneFile: defineOperation({
    id: 'grants.downloadMilestoneFile',
    method: 'GET',
    path: '/grant-milestones/:id/files/:fileId',
    tag,
    summary: 'Download a milestone evidence file (consortium members and managers of the programme).',
    auth: 'session',
    params: z.object({ id: z.uuid(), fileId: z.uuid() }),
  }),
  deleteMilestoneFile: defineOperation({
    id: 'grants.deleteMilestoneFile',
    method: 'DELETE',
    path: '/grant-milestones/:id/files/:fileId',
    tag,
    summary: 'Remove a file from evidence that is not submitted yet (consortium members).',
    auth: 'session',
    params: z.object({ id: z.uuid(), fileId: z.uuid() }),
    status: 204,
  }),
  reviewMilestone: defineOperation({
    id: 'grants.reviewMilestone',
    method: 'POST',
    path: '/grant-milestones/:id/review',
    tag,
    summary: 'Accept submitted milestone evidence or ask for changes with a comment.',
    auth: ['PROGRAMME_MANAGER'],
    params: IdParams,
    body: ReviewBodySchema,
    response: GrantMilestoneSchema,
  }),
  report: defineOperation({
    id: 'grants.report',
    method: 'GET',
    path: '/grant-reports/:id',
    tag,
    summary: 'A report: narrative, outputs and the financial statement against the approved budget.',
    auth: 'session',
    params: IdParams,
    response: GrantReportSchema,
  }),
  saveReport: defineOperation({
    id: 'grants.saveReport',
    method: 'PUT',
    path: '/grant-reports/:id',
    tag,
    summary: 'Save a report not yet submitted (or returned), with the version it is based on (lead PI).',
    auth: 'session',
    params: IdParams,
    body: SaveReportBodySchema,
    response: GrantReportSchema,
  }),
  submitReport: defineOperation({
    id: 'grants.submitReport',
    method: 'POST',
    path: '/grant-reports/:id/submit',
    tag,
    summary: 'Submit the saved report for review (lead PI).',
    auth: 'session',
    params: IdParams,
    body: z.object({ version: z.number().int().min(1) }),
    response: GrantReportSchema,
  }),
  reviewReport: defineOperation({
    id: 'grants.reviewReport',
    method: 'POST',
    path: '/grant-reports/:id/review',
    tag,
    summary: 'Accept a submitted report or return it with comments.',
    auth: ['PROGRAMME_MANAGER'],
    params: IdParams,
    body: ReviewBodySchema,
    response: GrantReportSchema,
  }),
  createTranche: defineOperation({
    id: 'grants.createTranche',
    method: 'POST',
    path: '/grants/:id/tranches',
    tag,
    summary:
      'Plan a tranche for a partner, tied to the agreement, a report or a milestone; planned and paid tranches never exceed the partner\u2019s approved budget.',
    auth: ['PROGRAMME_MANAGER'],
    params: IdParams,
    body: CreateTrancheBodySchema,
    response: TrancheSchema,
    status: 201,
  }),
  releaseTranche: defineOperation({
    id: 'grants.releaseTranche',
    method: 'POST',
    path: '/grant-tranches/:id/release',
    tag,
    summary:
      'Record a tranche as paid. Refused (409, with the reason) while its condition is not accepted or a required report is overdue or not accepted.',
    auth: ['PROGRAMME_MANAGER'],
    params: IdParams,
    body: ReleaseTrancheBodySchema,
    response: TrancheSchema,
  }),
  cancelTranche: defineOperation({
    id: 'grants.cancelTranche',
    method: 'DELETE',
    path: '/grant-tranches/:id',
    tag,
    summary: 'Remove a planned (unpaid) tranche.',
    auth: ['PROGRAMME_MANAGER'],
    params: IdParams,
    status: 204,
  }),
  requestAmendment: defineOperation({
    id: 'grants.requestAmendment',
    method: 'POST',
    path: '/grants/:id/amendments',
    tag,
    summary: 'Request a budget reallocation, a no-cost extension or a partner change (lead PI).',
    auth: 'session',
    params: IdParams,
    body: RequestAmendmentBodySchema,
    response: AmendmentSchema,
    status: 201,
  }),
  decideAmendment: defineOperation({
    id: 'grants.decideAmendment',
    method: 'POST',
    path: '/grant-amendments/:id/decision',
    tag,
    summary:
      'Approve (the change applies and a new agreement version is issued) or reject an amendment, with a comment.',
    auth: ['PROGRAMME_MANAGER'],
    params: IdParams,
    body: DecideAmendmentBodySchema,
    response: AmendmentSchema,
  }),
} as const;
