import { z } from 'zod';
import { defineOperation } from '../contract/operation.js';
import { JobRunSchema } from '../jobs/jobs.contract.js';
import { AssignmentStatusSchema, ReviewContentSchema } from './reviewer.contract.js';

const IdParams = z.object({ id: z.uuid() });
const Money = z.string();

// ───────────── Settings and pool ─────────────

export const ReviewSettingsInputSchema = z.object({
  reviewDeadline: z.iso.datetime({ offset: true }).nullable(),
  blindReview: z.boolean(),
  /** Reminders this many days before the deadline. */
  reminderDaysBefore: z.array(z.number().int().min(1).max(60)).max(5),
  /** Overdue reminders every n days after the deadline; 0 for none. */
  overdueEveryDays: z.number().int().min(0).max(30),
  minLoad: z.number().int().min(0).max(20),
  onePerCountry: z.boolean(),
  outsideCountry: z.boolean(),
});

/** The review settings a call has until its managers save others. */
export const DEFAULT_REVIEW_SETTINGS = {
  reviewDeadline: null,
  blindReview: false,
  reminderDaysBefore: [7, 1],
  overdueEveryDays: 3,
  minLoad: 0,
  onePerCountry: false,
  outsideCountry: false,
} as const satisfies z.input<typeof ReviewSettingsInputSchema>;

export const ReviewSettingsSchema = ReviewSettingsInputSchema.extend({
  reviewDeadline: z.iso.datetime().nullable(),
  reviewersPerProposal: z.number().int(),
  decisionsReleasedAt: z.iso.datetime().nullable(),
  version: z.number().int(),
});
export type ReviewSettings = z.infer<typeof ReviewSettingsSchema>;

export const PoolMemberSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  status: z.enum(['INVITED', 'ACCEPTED', 'DECLINED']),
  reviewer: z
    .object({
      id: z.uuid(),
      displayName: z.string(),
      institution: z.string().nullable(),
      countryCode: z.string().nullable(),
    })
    .nullable(),
  maxLoad: z.number().int(),
  load: z.number().int(),
  invitedAt: z.iso.datetime(),
  respondedAt: z.iso.datetime().nullable(),
});

// ───────────── Conflicts ─────────────

export const ConflictSourceSchema = z.enum(['DETECTED', 'DECLARED', 'MANAGER']);
export const ConflictSchema = z.object({
  id: z.uuid(),
  proposal: z.object({ id: z.uuid(), acronym: z.string() }),
  reviewer: z.object({ id: z.uuid(), displayName: z.string() }),
  source: ConflictSourceSchema,
  reason: z.string(),
  active: z.boolean(),
  createdAt: z.iso.datetime(),
  liftedAt: z.iso.datetime().nullable(),
  liftReason: z.string().nullable(),
});

// ───────────── Assignment ─────────────

const MatchedTermSchema = z.object({ term: z.string(), weight: z.number() });

export const AssignmentRowSchema = z.object({
  id: z.uuid(),
  status: AssignmentStatusSchema,
  ordinal: z.number().int(),
  reviewer: z.object({
    id: z.uuid(),
    displayName: z.string(),
    institution: z.string().nullable(),
    countryCode: z.string().nullable(),
  }),
  affinity: z.number(),
  matchedTerms: z.array(MatchedTermSchema),
  manual: z.boolean(),
  invitedAt: z.iso.datetime().nullable(),
  respondedAt: z.iso.datetime().nullable(),
  declineReason: z.string().nullable(),
  reviewStatus: z.enum(['NONE', 'DRAFT', 'SUBMITTED']),
});

const ReasonParamsSchema = z.record(z.string(), z.union([z.number(), z.string()]));
/** Why a proposal is left short (see packages/review-engine/src/assignment/report.ts for the params of each). */
export const ProposalShortfallCodeSchema = z.enum([
  'no_candidates',
  'too_few_candidates',
  'too_few_with_capacity',
  'too_few_countries',
  'too_few_institutions',
  'no_outside_candidate',
  'capacity_taken',
]);
export const ReviewerShortfallCodeSchema = z.enum(['too_few_candidate_proposals', 'places_taken']);
export const GlobalInfeasibilityCodeSchema = z.enum(['total_capacity_short', 'total_min_load_excess']);
const cause = <C extends z.ZodType>(code: C) => z.object({ code, params: ReasonParamsSchema, reason: z.string() });

/**
 * What an assignment run found: the optimum and, when the constraints cannot all be met, who makes it infeasible.
 * Every cause has a stable `code` with `params` (for translation) and an English `reason`.
 */
export const AssignmentRunResultSchema = z.object({
  feasible: z.boolean(),
  /** Total affinity of the pairs the solver chose. */
  objective: z.number(),
  assigned: z.number().int(),
  proposals: z.number().int(),
  reviewers: z.number().int(),
  solveMs: z.number(),
  infeasibility: z.object({
    proposals: z.array(
      z.object({
        id: z.string(),
        acronym: z.string(),
        assigned: z.number().int(),
        /** The places the run had to fill (reviewers already invited are not counted). */
        required: z.number().int(),
        code: ProposalShortfallCodeSchema,
        params: ReasonParamsSchema,
        reason: z.string(),
        otherCauses: z.array(cause(ProposalShortfallCodeSchema)),
      }),
    ),
    reviewers: z.array(
      z.object({
        id: z.string(),
        displayName: z.string(),
        assigned: z.number().int(),
        minLoad: z.number().int(),
        code: ReviewerShortfallCodeSchema,
        params: ReasonParamsSchema,
        reason: z.string(),
      }),
    ),
    global: z.array(cause(GlobalInfeasibilityCodeSchema)),
  }),
});
export type AssignmentRunResult = z.infer<typeof AssignmentRunResultSchema>;

export const AssignmentBoardSchema = z.object({
  reviewersPerProposal: z.number().int(),
  lastRun: z
    .object({
      jobRunId: z.uuid(),
      status: z.string(),
      finishedAt: z.iso.datetime().nullable(),
      /** The solver's report when the run succeeded. */
      result: AssignmentRunResultSchema.nullable(),
      error: z.string().nullable(),
    })
    .nullable(),
  proposals: z.array(
    z.object({
      id: z.uuid(),
      acronym: z.string(),
      title: z.string(),
      countries: z.array(z.string()),
      assignments: z.array(AssignmentRowSchema),
    }),
  ),
  reviewers: z.array(
    z.object({ id: z.uuid(), displayName: z.string(), load: z.number().int(), maxLoad: z.number().int() }),
  ),
});
export type AssignmentBoard = z.infer<typeof AssignmentBoardSchema>;

export const ReplacementSchema = z.object({
  reviewer: z.object({
    id: z.uuid(),
    displayName: z.string(),
    institution: z.string().nullable(),
    countryCode: z.string().nullable(),
  }),
  affinity: z.number(),
  matchedTerms: z.array(MatchedTermSchema),
  load: z.number().int(),
  maxLoad: z.number().int(),
});

// ───────────── Progress, ranking, decisions ─────────────

export const ReviewProgressSchema = z.object({
  reviewDeadline: z.iso.datetime().nullable(),
  counts: z.object({
    invited: z.number().int(),
    accepted: z.number().int(),
    declined: z.number().int(),
    submitted: z.number().int(),
    overdue: z.number().int(),
  }),
  reviewers: z.array(
    z.object({
      id: z.uuid(),
      displayName: z.string(),
      email: z.string(),
      assigned: z.number().int(),
      submitted: z.number().int(),
      /** Reviews not submitted after the deadline. */
      overdue: z.number().int(),
      /** Whole days since the deadline, when overdue. */
      daysLate: z.number().int().nullable(),
    }),
  ),
  /** Histogram of submitted weighted scores, ten buckets over the call's scale. */
  distribution: z.array(z.object({ from: z.number(), to: z.number(), count: z.number().int() })),
});

export const DecisionOutcomeSchema = z.enum(['FUNDED', 'RESERVE', 'NOT_FUNDED']);

export const RankingRowSchema = z.object({
  proposal: z.object({
    id: z.uuid(),
    acronym: z.string(),
    title: z.string(),
    countries: z.array(z.string()),
    total: Money,
  }),
  reviews: z.number().int(),
  rawMean: z.number().nullable(),
  calibrated: z.number().nullable(),
  spread: z.number().nullable(),
  disagreement: z.boolean(),
  rankRaw: z.number().int().nullable(),
  rankCalibrated: z.number().int().nullable(),
  consensus: z.enum(['NONE', 'DRAFT', 'PROPOSED', 'APPROVED']),
  decision: z.object({ outcome: DecisionOutcomeSchema, reason: z.string() }).nullable(),
});

export const RankingSchema = z.object({
  scale: z.object({ min: z.number(), max: z.number() }),
  currency: z.string(),
  rows: z.array(RankingRowSchema),
  reviewers: z.array(z.object({ label: z.string(), offset: z.number(), count: z.number().int() })),
  released: z.boolean(),
});
export type Ranking = z.infer<typeof RankingSchema>;

export const FundingPlanSchema = z.object({
  optimal: z.boolean(),
  totalMerit: z.number(),
  selected: z.array(z.uuid()),
  agencies: z.array(
    z.object({ agencyId: z.uuid(), acronym: z.string(), envelope: Money, committed: Money, remaining: Money }),
  ),
  /** Why each proposal ranked above a funded one was left out. */
  explanations: z.array(
    z.object({
      proposalId: z.uuid(),
      /** Why it is not in the plan: an envelope it would exceed (see `exceeded`), merit below the minimum, ineligible, or no merit. */
      reason: z.enum(['exceedsEnvelope', 'belowMinMerit', 'ineligible', 'nonPositiveMerit']),
      exceeded: z.array(z.object({ acronym: z.string(), by: Money })),
    }),
  ),
});

export const DecisionBodySchema = z.object({
  outcome: DecisionOutcomeSchema,
  reason: z.string().trim().min(3).max(2000),
});

/** What applicants see once decisions are released: never confidential comments or reviewer identities. */
export const ProposalOutcomeSchema = z.object({
  released: z.boolean(),
  outcome: DecisionOutcomeSchema.nullable(),
  reason: z.string().nullable(),
  consensus: z.string().nullable(),
  reviews: z.array(
    z.object({
      /** Reviewer n, numbered 1… for the applicants (never who it was). */
      number: z.number().int(),
      weightedScore: z.number().nullable(),
      commentsToApplicants: z.string(),
      scores: ReviewContentSchema.shape.scores,
    }),
  ),
});

export const evaluationContract = {
  settings: defineOperation({
    id: 'evaluation.settings',
    method: 'GET',
    path: '/calls/:id/review-settings',
    tag: 'evaluation',
    summary: "A call's review settings (managers of its programme).",
    auth: ['PROGRAMME_MANAGER'],
    params: IdParams,
    response: ReviewSettingsSchema,
  }),
  saveSettings: defineOperation({
    id: 'evaluation.saveSettings',
    method: 'PUT',
    path: '/calls/:id/review-settings',
    tag: 'evaluation',
    summary: 'Change the review settings: deadline, blind review, reminder schedule, assignment constraints.',
    auth: ['PROGRAMME_MANAGER'],
    params: IdParams,
    body: ReviewSettingsInputSchema.extend({ version: z.number().int().min(0) }),
    response: ReviewSettingsSchema,
  }),
  pool: defineOperation({
    id: 'evaluation.pool',
    method: 'GET',
    path: '/calls/:id/reviewers',
    tag: 'evaluation',
    summary: "The call's reviewer pool.",
    auth: ['PROGRAMME_MANAGER'],
    params: IdParams,
    response: z.array(PoolMemberSchema),
  }),
  invitePool: defineOperation({
    id: 'evaluation.invitePool',
    method: 'POST',
    path: '/calls/:id/reviewers',
    tag: 'evaluation',
    summary: "Invite reviewers into the call's pool by email (addresses already invited are skipped).",
    auth: ['PROGRAMME_MANAGER'],
    params: IdParams,
    body: z.object({
      emails: z.array(z.email().toLowerCase()).min(1).max(100),
      maxLoad: z.number().int().min(1).max(50).optional(),
    }),
    response: z.array(PoolMemberSchema),
    status: 201,
  }),
  conflicts: defineOperation({
    id: 'evaluation.conflicts',
    method: 'GET',
    path: '/calls/:id/conflicts',
    tag: 'evaluation',
    summary: 'Conflicts of interest in the call, active and lifted, from every source (detection runs first).',
    auth: ['PROGRAMME_MANAGER'],
    params: IdParams,
    response: z.array(ConflictSchema),
  }),
  setConflict: defineOperation({
    id: 'evaluation.setConflict',
    method: 'POST',
    path: '/calls/:id/conflicts',
    tag: 'evaluation',
    summary:
      'Set a conflict between a reviewer and a proposal, with a reason (audited); any assignment between them ends.',
    auth: ['PROGRAMME_MANAGER'],
    params: IdParams,
    body: z.object({ proposalId: z.uuid(), reviewerId: z.uuid(), reason: z.string().trim().min(3).max(1000) }),
    response: ConflictSchema,
    status: 201,
  }),
  liftConflict: defineOperation({
    id: 'evaluation.liftConflict',
    method: 'POST',
    path: '/conflicts/:id/lift',
    tag: 'evaluation',
    summary: 'Lift a conflict with a reason (audited).',
    auth: ['PROGRAMME_MANAGER'],
    params: IdParams,
    body: z.object({ reason: z.string().trim().min(3).max(1000) }),
    response: ConflictSchema,
  }),
  runAssignment: defineOperation({
    id: 'evaluation.runAssignment',
    method: 'POST',
    path: '/calls/:id/assignment-run',
    tag: 'evaluation',
    summary:
      'Compute the optimal assignment of pool reviewers to the eligible proposals in a worker job (progress live); replaces the proposed, not yet invited pairs.',
    auth: ['PROGRAMME_MANAGER'],
    params: IdParams,
    response: JobRunSchema,
    status: 202,
  }),
  board: defineOperation({
    id: 'evaluation.board',
    method: 'GET',
    path: '/calls/:id/assignments',
    tag: 'evaluation',
    summary:
      'Every eligible proposal with its reviewers (proposed, invited, accepted, declined, submitted) and each reviewer load.',
    auth: ['PROGRAMME_MANAGER'],
    params: IdParams,
    response: AssignmentBoardSchema,
  }),
  addAssignment: defineOperation({
    id: 'evaluation.addAssignment',
    method: 'POST',
    path: '/calls/:id/assignments',
    tag: 'evaluation',
    summary: 'Add a reviewer to a proposal by hand (refused when conflicted, same institution, or already assigned).',
    auth: ['PROGRAMME_MANAGER'],
    params: IdParams,
    body: z.object({ proposalId: z.uuid(), reviewerId: z.uuid() }),
    response: AssignmentRowSchema,
    status: 201,
  }),
  removeAssignment: defineOperation({
    id: 'evaluation.removeAssignment',
    method: 'DELETE',
    path: '/assignments/:id',
    tag: 'evaluation',
    summary: 'Remove a proposed or declined assignment.',
    auth: ['PROGRAMME_MANAGER'],
    params: IdParams,
    status: 204,
  }),
  sendInvitations: defineOperation({
    id: 'evaluation.sendInvitations',
    method: 'POST',
    path: '/calls/:id/assignments/send',
    tag: 'evaluation',
    summary: 'Invite the reviewers of every proposed assignment by email; the call moves to review.',
    auth: ['PROGRAMME_MANAGER'],
    params: IdParams,
    response: z.object({ invited: z.number().int() }),
  }),
  replacements: defineOperation({
    id: 'evaluation.replacements',
    method: 'GET',
    path: '/assignments/:id/replacements',
    tag: 'evaluation',
    summary: 'The best replacements for an assignment: no conflict, load left, highest affinity.',
    auth: ['PROGRAMME_MANAGER'],
    params: IdParams,
    response: z.array(ReplacementSchema),
  }),
  progress: defineOperation({
    id: 'evaluation.progress',
    method: 'GET',
    path: '/calls/:id/review-progress',
    tag: 'evaluation',
    summary: 'Reviews done, due and overdue, who is late and by how long, and the score distribution.',
    auth: ['PROGRAMME_MANAGER'],
    params: IdParams,
    response: ReviewProgressSchema,
  }),
  ranking: defineOperation({
    id: 'evaluation.ranking',
    method: 'GET',
    path: '/calls/:id/ranking',
    tag: 'evaluation',
    summary: 'Raw and calibrated scores side by side, with a flag where reviewers disagree widely.',
    auth: ['PROGRAMME_MANAGER'],
    params: IdParams,
    response: RankingSchema,
  }),
  exportRanking: defineOperation({
    id: 'evaluation.exportRanking',
    method: 'GET',
    path: '/calls/:id/ranking/export',
    tag: 'evaluation',
    summary: 'The ranking as CSV or XLSX (a file download).',
    auth: ['PROGRAMME_MANAGER'],
    params: IdParams,
    query: z.object({ format: z.enum(['csv', 'xlsx']).default('csv') }),
  }),
  fundingPlan: defineOperation({
    id: 'evaluation.fundingPlan',
    method: 'GET',
    path: '/calls/:id/funding-plan',
    tag: 'evaluation',
    summary:
      "The set of proposals that maximises calibrated merit within every agency's envelope (exact), and why each higher-ranked proposal was left out.",
    auth: ['PROGRAMME_MANAGER'],
    params: IdParams,
    query: z.object({ minMerit: z.coerce.number().optional() }),
    response: FundingPlanSchema,
  }),
  decide: defineOperation({
    id: 'evaluation.decide',
    method: 'PUT',
    path: '/proposals/:id/decision',
    tag: 'evaluation',
    summary: 'Record the decision on a reviewed proposal, with a reason (audited); until decisions are released.',
    auth: ['PROGRAMME_MANAGER'],
    params: IdParams,
    body: DecisionBodySchema,
    response: RankingRowSchema.shape.decision,
  }),
  release: defineOperation({
    id: 'evaluation.release',
    method: 'POST',
    path: '/calls/:id/decisions/release',
    tag: 'evaluation',
    summary: 'Release every decision to the applicants (all reviewed proposals must be decided); the call is decided.',
    auth: ['PROGRAMME_MANAGER'],
    params: IdParams,
    response: z.object({ released: z.number().int() }),
  }),
  outcome: defineOperation({
    id: 'evaluation.outcome',
    method: 'GET',
    path: '/proposals/:id/outcome',
    tag: 'evaluation',
    summary:
      'For the consortium: the released decision, the consensus report and the comments to applicants (never confidential comments or reviewer identities).',
    auth: 'session',
    params: IdParams,
    response: ProposalOutcomeSchema,
  }),
} as const;
