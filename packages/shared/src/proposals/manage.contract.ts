import { z } from 'zod';
import { defineOperation } from '../contract/operation.js';
import { PageQuerySchema, pageOf } from '../contract/pagination.js';
import { JobRunSchema } from '../jobs/jobs.contract.js';
import { ProposalStatusSchema } from './proposals.contract.js';

export const ManagedProposalFiltersSchema = z.object({
  callId: z.uuid().optional(),
  status: ProposalStatusSchema.optional(),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  theme: z.string().max(80).optional(),
  agencyId: z.uuid().optional(),
  /** Full-text search in acronym, title, keywords and abstract (PostgreSQL, 'simple' configuration). */
  q: z.string().trim().max(200).optional(),
});

export const ManagedProposalSchema = z.object({
  id: z.uuid(),
  acronym: z.string(),
  title: z.string(),
  status: ProposalStatusSchema,
  theme: z.string(),
  call: z.object({ id: z.uuid(), title: z.string() }),
  leadCountry: z.string().nullable(),
  countries: z.array(z.string()),
  submittedAt: z.iso.datetime().nullable(),
  eligibilityOverridden: z.boolean(),
  /** The grant awarded from this proposal, once awarded. */
  grantId: z.uuid().nullable(),
});

export const ProposalStatsSchema = z.object({
  total: z.number().int(),
  byCountry: z.array(z.object({ countryCode: z.string(), count: z.number().int() })),
  byTheme: z.array(z.object({ theme: z.string(), count: z.number().int() })),
  byStatus: z.array(z.object({ status: ProposalStatusSchema, count: z.number().int() })),
});

export const EligibilityVerdictBodySchema = z.object({
  verdict: z.enum(['ELIGIBLE', 'INELIGIBLE']),
  reason: z.string().trim().min(10).max(2000),
});

export const manageProposalsContract = {
  list: defineOperation({
    id: 'manageProposals.list',
    method: 'GET',
    path: '/manage/proposals',
    tag: 'manage',
    summary:
      'Submitted proposals of the calls you manage: filter by call, status, country, theme, agency; full-text search.',
    auth: ['PROGRAMME_MANAGER'],
    query: PageQuerySchema.extend(ManagedProposalFiltersSchema.shape),
    /** `total` is exact up to 10,000; above that `totalIsLowerBound` is true ("10,000+"): counting more costs more than it tells. */
    response: pageOf(ManagedProposalSchema).extend({ totalIsLowerBound: z.boolean() }),
  }),
  stats: defineOperation({
    id: 'manageProposals.stats',
    method: 'GET',
    path: '/manage/proposals/stats',
    tag: 'manage',
    summary: 'Counts of submitted proposals by partner country, theme and status, with the same filters.',
    auth: ['PROGRAMME_MANAGER'],
    query: ManagedProposalFiltersSchema,
    response: ProposalStatsSchema,
  }),
  export: defineOperation({
    id: 'manageProposals.export',
    method: 'GET',
    path: '/manage/proposals/export',
    tag: 'manage',
    summary: 'The filtered list as CSV or XLSX (a file download).',
    auth: ['PROGRAMME_MANAGER'],
    query: ManagedProposalFiltersSchema.extend({ format: z.enum(['csv', 'xlsx']).default('csv') }),
  }),
  runEligibility: defineOperation({
    id: 'manageProposals.runEligibility',
    method: 'POST',
    path: '/manage/calls/:id/eligibility-run',
    tag: 'manage',
    summary: 'After the call closed: check every submitted proposal against the rules, in a worker job with progress.',
    auth: ['PROGRAMME_MANAGER'],
    params: z.object({ id: z.uuid() }),
    response: JobRunSchema,
    status: 202,
  }),
  overrideEligibility: defineOperation({
    id: 'manageProposals.overrideEligibility',
    method: 'POST',
    path: '/manage/proposals/:id/eligibility',
    tag: 'manage',
    summary: 'Override the eligibility verdict of a proposal, with a reason (audited).',
    auth: ['PROGRAMME_MANAGER'],
    params: z.object({ id: z.uuid() }),
    body: EligibilityVerdictBodySchema,
    response: ManagedProposalSchema,
  }),
} as const;
