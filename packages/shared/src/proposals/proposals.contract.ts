import { z } from 'zod';
import { EligibilityRuleSchema } from '../calls/eligibility.js';
import { defineOperation } from '../contract/operation.js';
import {
  BUDGET_CATEGORIES,
  BUDGET_ERROR_CODES,
  BudgetCategorySchema,
  type BudgetResult,
  INDIRECT_CATEGORY,
} from './budget.js';
import { MoneySchema } from './money.js';
import { WorkPlanSchema } from './work-plan.js';

export const PROPOSAL_STATUSES = [
  'DRAFT',
  'SUBMITTED',
  'WITHDRAWN',
  'ELIGIBLE',
  'INELIGIBLE',
  'IN_REVIEW',
  'FUNDED',
  'RESERVE',
  'NOT_FUNDED',
] as const;
export const ProposalStatusSchema = z.enum(PROPOSAL_STATUSES);
export const MemberRoleSchema = z.enum(['LEAD_PI', 'PARTNER_PI', 'COLLABORATOR']);
export type MemberRole = z.infer<typeof MemberRoleSchema>;

const IdParams = z.object({ id: z.uuid() });

export const ProposalHeaderSchema = z.object({
  title: z.string().trim().min(3).max(300),
  acronym: z
    .string()
    .trim()
    .min(2)
    .max(20)
    .regex(/^[\p{L}\p{N}-]+$/u, 'letters, digits and hyphens'),
  abstract: z.string().max(5000),
  keywords: z.array(z.string().trim().min(1).max(60)).max(12),
  theme: z.string().trim().min(1).max(80),
  durationMonths: z.number().int().min(1).max(120).nullable(),
});

export const CreateProposalBodySchema = ProposalHeaderSchema.pick({ title: true, acronym: true, theme: true }).extend({
  callId: z.uuid(),
  /** The lead institution: the creator's own. */
  institutionId: z.uuid(),
});

export const UpdateProposalBodySchema = ProposalHeaderSchema.partial().extend({ version: z.number().int().min(1) });

export const ProposalPartnerSchema = z.object({
  id: z.uuid(),
  role: z.enum(['LEAD', 'PARTNER']),
  institution: z.object({ id: z.uuid(), name: z.string(), countryCode: z.string() }),
  currency: z.string(),
  agency: z.object({ id: z.uuid(), acronym: z.string() }).nullable(),
  members: z.array(z.object({ userId: z.uuid(), displayName: z.string(), email: z.string(), role: MemberRoleSchema })),
});

export const ProposalSectionSchema = z.object({
  key: z.string(),
  content: z.string(),
  version: z.number().int(),
  updatedAt: z.iso.datetime().nullable(),
});

export const AttachmentSchema = z.object({
  key: z.string(),
  fileName: z.string(),
  /** Detected from the content. */
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedAt: z.iso.datetime(),
});

export const AttachmentParamsSchema = z.object({ id: z.uuid(), key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/) });

export const ProposalSchema = ProposalHeaderSchema.extend({
  id: z.uuid(),
  call: z.object({
    id: z.uuid(),
    title: z.string(),
    programmeId: z.uuid(),
    currency: z.string(),
    timeZone: z.string(),
    opensAt: z.iso.datetime(),
    closesAt: z.iso.datetime(),
  }),
  status: ProposalStatusSchema,
  version: z.number().int(),
  budgetVersion: z.number().int(),
  /** Work packages and milestones; every write carries `workPlanVersion`. */
  workPlan: WorkPlanSchema,
  workPlanVersion: z.number().int(),
  partners: z.array(ProposalPartnerSchema),
  sections: z.array(ProposalSectionSchema),
  attachments: z.array(AttachmentSchema),
  /** The caller's own role in the consortium; null for a programme manager reading it. */
  myRole: MemberRoleSchema.nullable(),
  submittedAt: z.iso.datetime().nullable(),
  submissions: z.array(z.object({ number: z.number().int(), submittedAt: z.iso.datetime() })),
});
export type Proposal = z.infer<typeof ProposalSchema>;

export const ProposalSummarySchema = z.object({
  id: z.uuid(),
  title: z.string(),
  acronym: z.string(),
  status: ProposalStatusSchema,
  call: z.object({ id: z.uuid(), title: z.string(), closesAt: z.iso.datetime(), timeZone: z.string() }),
  myRole: MemberRoleSchema.nullable(),
  updatedAt: z.iso.datetime(),
});

export const SectionParamsSchema = z.object({ id: z.uuid(), key: z.string().min(1).max(40) });
export const UpdateSectionBodySchema = z.object({
  content: z.string().max(200_000),
  /** The version the edit was based on (0 for a section never saved). */
  version: z.number().int().min(0),
});

export const BudgetLineInputSchema = z.object({
  partnerId: z.uuid(),
  year: z.number().int().min(1).max(10),
  category: BudgetCategorySchema,
  amount: MoneySchema,
});
export const SetBudgetBodySchema = z.object({
  version: z.number().int().min(1),
  lines: z
    .array(BudgetLineInputSchema)
    .max(2000)
    .refine((lines) => new Set(lines.map((l) => `${l.partnerId}|${l.year}|${l.category}`)).size === lines.length, {
      message: 'one line per partner, year and category',
    }),
});

const BudgetFiguresSchema = z.object({ direct: z.string(), indirect: z.string(), total: z.string() });

/** computeBudget's totals as the server sends them (without the rules it applied). */
export const BudgetSummarySchema = z.object({
  callCurrency: z.string(),
  /** The indirect rate applied, and the categories it does not apply to: part of what a submission froze. */
  indirectRate: z.string(),
  indirectExcludedCategories: z.array(BudgetCategorySchema),
  grandTotal: z.string(),
  partners: z.array(
    z.object({
      partnerId: z.string(),
      currency: z.string(),
      agencyId: z.string().nullable(),
      countryCode: z.string(),
      rate: z.string().nullable(),
      partnerCurrency: BudgetFiguresSchema,
      callCurrency: BudgetFiguresSchema,
    }),
  ),
  byYear: z.array(z.object({ year: z.number().int(), total: z.string() })),
  byCategory: z.array(z.object({ category: z.enum([...BUDGET_CATEGORIES, INDIRECT_CATEGORY]), total: z.string() })),
  byAgency: z.array(z.object({ agencyId: z.string().nullable(), total: z.string() })),
  errors: z.array(
    z.object({
      code: z.enum(BUDGET_ERROR_CODES),
      lineIndex: z.number().int().nullable(),
      partnerId: z.string().nullable(),
      params: z.record(z.string(), z.union([z.string(), z.number()])),
    }),
  ),
}) satisfies z.ZodType<
  Pick<
    BudgetResult,
    | 'callCurrency'
    | 'indirectRate'
    | 'indirectExcludedCategories'
    | 'grandTotal'
    | 'partners'
    | 'byYear'
    | 'byCategory'
    | 'byAgency'
    | 'errors'
  >
>;
export type BudgetSummary = z.infer<typeof BudgetSummarySchema>;

export const BudgetSchema = z.object({
  version: z.number().int(),
  lines: z.array(BudgetLineInputSchema),
  /** Computed on the server (authoritative). */
  summary: BudgetSummarySchema,
});

export const EligibilityReportSchema = z.object({
  eligible: z.boolean(),
  results: z.array(
    z.object({
      rule: EligibilityRuleSchema,
      passed: z.boolean(),
      code: z.string(),
      params: z.record(z.string(), z.union([z.string(), z.number(), z.array(z.string())])),
    }),
  ),
});

export const InviteBodySchema = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
  role: z.enum(['PARTNER_PI', 'COLLABORATOR']),
  /** A new partner institution (for a partner PI) or an existing partner's (for a collaborator). */
  institutionId: z.uuid(),
});

export const InvitationSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  role: MemberRoleSchema,
  institution: z.object({ id: z.uuid(), name: z.string(), countryCode: z.string() }),
  status: z.enum(['PENDING', 'ACCEPTED', 'DECLINED', 'REVOKED']),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
});

export const InvitationTokenBodySchema = z.object({ token: z.string().min(20).max(200) });

export const InvitationPreviewSchema = z.object({
  email: z.string(),
  role: MemberRoleSchema,
  institution: z.object({ name: z.string(), countryCode: z.string() }),
  invitedBy: z.string(),
  proposal: z.object({ acronym: z.string(), title: z.string() }),
  call: z.object({ title: z.string(), closesAt: z.iso.datetime(), timeZone: z.string() }),
  expiresAt: z.iso.datetime(),
});

/** What a submission froze: the proposal, its budget and the eligibility report, as they were then. */
export const SubmissionSnapshotSchema = z.object({
  /** Submissions made before work plans existed have none. */
  proposal: ProposalSchema.extend({
    workPlan: WorkPlanSchema.optional(),
    workPlanVersion: z.number().int().optional(),
  }),
  budget: z.object({ lines: z.array(BudgetLineInputSchema), summary: BudgetSummarySchema }),
  eligibility: EligibilityReportSchema,
});
export type SubmissionSnapshot = z.infer<typeof SubmissionSnapshotSchema>;

export const SubmissionSchema = z.object({
  number: z.number().int(),
  submittedAt: z.iso.datetime(),
  snapshot: SubmissionSnapshotSchema,
});

export const SectionCommentSchema = z.object({
  id: z.uuid(),
  sectionKey: z.string(),
  author: z.object({ id: z.uuid(), displayName: z.string() }),
  body: z.string(),
  createdAt: z.iso.datetime(),
  resolvedAt: z.iso.datetime().nullable(),
});

export const proposalsContract = {
  create: defineOperation({
    id: 'proposals.create',
    method: 'POST',
    path: '/proposals',
    tag: 'proposals',
    summary: 'Start a proposal to an open call, as its lead PI, with your institution as the lead partner.',
    auth: ['RESEARCHER'],
    body: CreateProposalBodySchema,
    response: ProposalSchema,
    status: 201,
  }),
  listMine: defineOperation({
    id: 'proposals.listMine',
    method: 'GET',
    path: '/proposals',
    tag: 'proposals',
    summary: 'Proposals of the consortia you are a member of.',
    auth: 'session',
    response: z.array(ProposalSummarySchema),
  }),
  get: defineOperation({
    id: 'proposals.get',
    method: 'GET',
    path: '/proposals/:id',
    tag: 'proposals',
    summary: 'A proposal: for its consortium members and the managers of its programme; 404 for anyone else.',
    auth: 'session',
    params: IdParams,
    response: ProposalSchema,
  }),
  update: defineOperation({
    id: 'proposals.update',
    method: 'PATCH',
    path: '/proposals/:id',
    tag: 'proposals',
    summary: 'Change the title, acronym, abstract, keywords, theme or duration. A stale version gets 409.',
    auth: 'session',
    params: IdParams,
    body: UpdateProposalBodySchema,
    response: ProposalSchema,
  }),
  updateSection: defineOperation({
    id: 'proposals.updateSection',
    method: 'PUT',
    path: '/proposals/:id/sections/:key',
    tag: 'proposals',
    summary: 'Save a section (autosave). A write based on an older version gets 409 with the current text.',
    auth: 'session',
    params: SectionParamsSchema,
    body: UpdateSectionBodySchema,
    response: ProposalSectionSchema,
  }),
  comments: defineOperation({
    id: 'proposals.comments',
    method: 'GET',
    path: '/proposals/:id/sections/:key/comments',
    tag: 'proposals',
    summary: 'Comments of the consortium on one section, oldest first.',
    auth: 'session',
    params: SectionParamsSchema,
    response: z.array(SectionCommentSchema),
  }),
  addComment: defineOperation({
    id: 'proposals.addComment',
    method: 'POST',
    path: '/proposals/:id/sections/:key/comments',
    tag: 'proposals',
    summary: 'Comment on a section (consortium members).',
    auth: 'session',
    params: SectionParamsSchema,
    body: z.object({ body: z.string().trim().min(1).max(5000) }),
    response: SectionCommentSchema,
    status: 201,
  }),
  resolveComment: defineOperation({
    id: 'proposals.resolveComment',
    method: 'POST',
    path: '/proposals/:id/comments/:commentId/resolve',
    tag: 'proposals',
    summary: 'Mark a comment resolved (consortium members).',
    auth: 'session',
    params: z.object({ id: z.uuid(), commentId: z.uuid() }),
    response: SectionCommentSchema,
  }),
  budget: defineOperation({
    id: 'proposals.budget',
    method: 'GET',
    path: '/proposals/:id/budget',
    tag: 'proposals',
    summary: 'Budget lines and the totals per partner, year, category and agency, in exact decimals.',
    auth: 'session',
    params: IdParams,
    response: BudgetSchema,
  }),
  setBudget: defineOperation({
    id: 'proposals.setBudget',
    method: 'PUT',
    path: '/proposals/:id/budget',
    tag: 'proposals',
    summary: 'Replace the budget lines (amounts in each partner’s currency). A stale version gets 409.',
    auth: 'session',
    params: IdParams,
    body: SetBudgetBodySchema,
    response: BudgetSchema,
  }),
  eligibility: defineOperation({
    id: 'proposals.eligibility',
    method: 'GET',
    path: '/proposals/:id/eligibility',
    tag: 'proposals',
    summary: 'The call’s eligibility rules evaluated on the proposal as it is now (the same engine as at submission).',
    auth: 'session',
    params: IdParams,
    response: EligibilityReportSchema,
  }),
  invite: defineOperation({
    id: 'proposals.invite',
    method: 'POST',
    path: '/proposals/:id/invitations',
    tag: 'proposals',
    summary: 'Invite a partner PI (with a new partner institution) or a collaborator by email. Lead PI only.',
    auth: 'session',
    params: IdParams,
    body: InviteBodySchema,
    response: InvitationSchema,
    status: 201,
  }),
  invitations: defineOperation({
    id: 'proposals.invitations',
    method: 'GET',
    path: '/proposals/:id/invitations',
    tag: 'proposals',
    summary: 'Invitations of the consortium and their state.',
    auth: 'session',
    params: IdParams,
    response: z.array(InvitationSchema),
  }),
  setWorkPlan: defineOperation({
    id: 'proposals.setWorkPlan',
    method: 'PUT',
    path: '/proposals/:id/work-plan',
    tag: 'proposals',
    summary: 'Replace the work plan (work packages and milestones). A stale version gets 409.',
    auth: 'session',
    params: IdParams,
    body: WorkPlanSchema.extend({ version: z.number().int().min(1) }),
    response: ProposalSchema,
  }),
  revokeInvitation: defineOperation({
    id: 'proposals.revokeInvitation',
    method: 'POST',
    path: '/proposals/:id/invitations/:invitationId/revoke',
    tag: 'proposals',
    summary: 'Withdraw a pending invitation: its link stops working. Lead PI only.',
    auth: 'session',
    params: z.object({ id: z.uuid(), invitationId: z.uuid() }),
    response: InvitationSchema,
  }),
  previewInvitation: defineOperation({
    id: 'proposals.previewInvitation',
    method: 'POST',
    path: '/invitations/preview',
    tag: 'proposals',
    summary:
      'What an invitation is for, read with its token before answering (no account needed; the token is not used up).',
    auth: 'public',
    body: InvitationTokenBodySchema,
    response: InvitationPreviewSchema,
  }),
  acceptInvitation: defineOperation({
    id: 'proposals.acceptInvitation',
    method: 'POST',
    path: '/invitations/accept',
    tag: 'proposals',
    summary: 'Join a consortium with the single-use token from the invitation email; the account email must match.',
    auth: 'session',
    body: InvitationTokenBodySchema,
    response: z.object({ proposalId: z.uuid() }),
  }),
  declineInvitation: defineOperation({
    id: 'proposals.declineInvitation',
    method: 'POST',
    path: '/invitations/decline',
    tag: 'proposals',
    summary: 'Decline an invitation with its token (no account needed).',
    auth: 'public',
    body: InvitationTokenBodySchema,
    response: z.object({ status: z.literal('declined') }),
  }),
  uploadAttachment: defineOperation({
    id: 'proposals.uploadAttachment',
    method: 'PUT',
    path: '/proposals/:id/attachments/:key',
    tag: 'proposals',
    summary:
      'Upload the file for one of the call’s attachment kinds: the raw bytes as the body, the file name in the X-File-Name header (URI-encoded). Size and type are checked against the content, not the name; a new upload replaces the file.',
    auth: 'session',
    params: AttachmentParamsSchema,
    response: AttachmentSchema,
  }),
  downloadAttachment: defineOperation({
    id: 'proposals.downloadAttachment',
    method: 'GET',
    path: '/proposals/:id/attachments/:key',
    tag: 'proposals',
    summary: 'Download an attachment (consortium and programme managers).',
    auth: 'session',
    params: AttachmentParamsSchema,
  }),
  submit: defineOperation({
    id: 'proposals.submit',
    method: 'POST',
    path: '/proposals/:id/submit',
    tag: 'proposals',
    summary:
      'Submit while the call is open (server time): checks eligibility, freezes an immutable snapshot, emails receipts. Lead PI only; may be repeated before the deadline.',
    auth: 'session',
    params: IdParams,
    response: ProposalSchema,
  }),
  withdraw: defineOperation({
    id: 'proposals.withdraw',
    method: 'POST',
    path: '/proposals/:id/withdraw',
    tag: 'proposals',
    summary: 'Withdraw a submitted proposal before the deadline. Lead PI only.',
    auth: 'session',
    params: IdParams,
    response: ProposalSchema,
  }),
  submission: defineOperation({
    id: 'proposals.submission',
    method: 'GET',
    path: '/proposals/:id/submissions/:number',
    tag: 'proposals',
    summary: 'The snapshot frozen at one submission.',
    auth: 'session',
    params: z.object({ id: z.uuid(), number: z.coerce.number().int().min(1) }),
    response: SubmissionSchema,
  }),
} as const;

export { IdParams as ProposalIdParamsSchema };
