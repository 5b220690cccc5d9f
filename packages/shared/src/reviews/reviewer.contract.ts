import { z } from 'zod';
import { RubricSchema } from '../calls/calls.contract.js';
import { defineOperation } from '../contract/operation.js';

const IdParams = z.object({ id: z.uuid() });
const DateSchema = z.iso.date();

// ───────────── Reviewer profile ─────────────

export const AffiliationInputSchema = z
  .object({ institutionId: z.uuid(), startedOn: DateSchema, endedOn: DateSchema.nullable() })
  .refine((a) => a.endedOn === null || a.endedOn >= a.startedOn, {
    path: ['endedOn'],
    message: 'must not be before the start',
  });

export const ReviewerProfileInputSchema = z.object({
  keywords: z.array(z.string().trim().min(1).max(60)).max(30),
  expertise: z.string().max(5000),
  publications: z.array(z.object({ title: z.string().trim().min(1).max(300), abstract: z.string().max(3000) })).max(20),
  themes: z.array(z.string().trim().min(1).max(80)).max(10),
  /** Co-authors and collaborators of the last years: e-mail addresses or full names. */
  collaborators: z.array(z.string().trim().min(3).max(200)).max(200),
  maxLoadPerCall: z.number().int().min(1).max(50),
  available: z.boolean(),
  unavailableUntil: DateSchema.nullable(),
  affiliations: z.array(AffiliationInputSchema).max(20),
});

const InstitutionRef = z.object({ id: z.uuid(), name: z.string(), countryCode: z.string() });

export const ReviewerProfileSchema = ReviewerProfileInputSchema.extend({
  affiliations: z.array(
    z.object({ institution: InstitutionRef, startedOn: DateSchema, endedOn: DateSchema.nullable() }),
  ),
  /** The user's current institution (from the account). */
  institution: InstitutionRef.nullable(),
  /** 0 before the profile is first saved. */
  version: z.number().int(),
});
export type ReviewerProfile = z.infer<typeof ReviewerProfileSchema>;

// ───────────── Assignments and the review form ─────────────

export const ASSIGNMENT_STATUSES = ['PROPOSED', 'INVITED', 'ACCEPTED', 'DECLINED', 'SUBMITTED'] as const;
export const AssignmentStatusSchema = z.enum(ASSIGNMENT_STATUSES);
export const RecommendationSchema = z.enum(['FUND', 'FUND_WITH_CHANGES', 'DO_NOT_FUND']);
export type Recommendation = z.infer<typeof RecommendationSchema>;

export const MyAssignmentSchema = z.object({
  id: z.uuid(),
  status: AssignmentStatusSchema,
  /** "Reviewer n" on this proposal. */
  ordinal: z.number().int(),
  call: z.object({
    id: z.uuid(),
    title: z.string(),
    timeZone: z.string(),
    reviewDeadline: z.iso.datetime().nullable(),
  }),
  proposal: z.object({ id: z.uuid(), acronym: z.string(), title: z.string() }),
  reviewStatus: z.enum(['NONE', 'DRAFT', 'SUBMITTED']),
  invitedAt: z.iso.datetime().nullable(),
});

export const RespondBodySchema = z
  .object({ accept: z.boolean(), reason: z.string().trim().max(1000).optional() })
  .refine((b) => b.accept || (b.reason?.length ?? 0) > 0, { path: ['reason'], message: 'say why you decline' });

export const TokenRespondBodySchema = z
  .object({ token: z.string().min(20).max(200), accept: z.boolean(), reason: z.string().trim().max(1000).optional() })
  .refine((b) => b.accept || (b.reason?.length ?? 0) > 0, { path: ['reason'], message: 'say why you decline' });

export const DeclareConflictBodySchema = z.object({ reason: z.string().trim().min(3).max(1000) });

/**
 * The proposal as its reviewer sees it: the submitted snapshot. With blind review, no
 * applicant names, institutions or countries (partners become "Partner 1, 2…", file names are hidden).
 */
export const ReviewerProposalViewSchema = z.object({
  assignment: z.object({ id: z.uuid(), ordinal: z.number().int(), status: AssignmentStatusSchema }),
  call: z.object({
    id: z.uuid(),
    title: z.string(),
    timeZone: z.string(),
    reviewDeadline: z.iso.datetime().nullable(),
    blindReview: z.boolean(),
    rubric: RubricSchema,
  }),
  proposal: z.object({
    id: z.uuid(),
    acronym: z.string(),
    title: z.string(),
    abstract: z.string(),
    keywords: z.array(z.string()),
    theme: z.string(),
    durationMonths: z.number().int().nullable(),
    submittedAt: z.iso.datetime().nullable(),
    sections: z.array(z.object({ key: z.string(), title: z.string(), content: z.string() })),
    partners: z.array(
      z.object({
        /** Partner n (1 = the lead), the only name of a partner in a blind review. */
        number: z.number().int(),
        role: z.enum(['LEAD', 'PARTNER']),
        institution: z.string().nullable(),
        countryCode: z.string().nullable(),
        /** Requested budget in the call's currency. */
        total: z.string(),
      }),
    ),
    budgetTotal: z.string(),
    currency: z.string(),
    attachments: z.array(
      z.object({ key: z.string(), contentType: z.string(), size: z.number().int(), fileName: z.string().nullable() }),
    ),
  }),
});
export type ReviewerProposalView = z.infer<typeof ReviewerProposalViewSchema>;

const ScoresSchema = z.record(z.string().max(40), z.number().int().min(0).max(100).nullable());

export const ReviewContentSchema = z.object({
  scores: ScoresSchema,
  commentsToApplicants: z.string().max(20000),
  confidentialComments: z.string().max(20000),
  /** 1 (low) to 5 (expert). */
  confidence: z.number().int().min(1).max(5).nullable(),
  recommendation: RecommendationSchema.nullable(),
});
export type ReviewContent = z.infer<typeof ReviewContentSchema>;

export const SaveReviewBodySchema = ReviewContentSchema.extend({ version: z.number().int().min(0) });

export const ReviewSchema = ReviewContentSchema.extend({
  status: z.enum(['DRAFT', 'SUBMITTED']),
  /** 0 before the first save. */
  version: z.number().int(),
  weightedScore: z.number().nullable(),
  submittedAt: z.iso.datetime().nullable(),
  /** When the working copy was last saved; null before the first save. */
  updatedAt: z.iso.datetime().nullable(),
  /** The working copy differs from the last submitted revision. */
  unsubmittedChanges: z.boolean(),
  revisions: z.array(
    z.object({ number: z.number().int(), submittedAt: z.iso.datetime(), content: ReviewContentSchema }),
  ),
});
export type Review = z.infer<typeof ReviewSchema>;

// ───────────── Panel: other reviews, discussion, consensus ─────────────

/**
 * Who wrote something on a panel. Reviewers are known to each other only as "Reviewer n"
 * (their ordinal on the proposal); managers also get the name.
 */
export const PanelPersonSchema = z.object({
  kind: z.enum(['reviewer', 'manager']),
  /** n of "Reviewer n"; null for a manager. */
  ordinal: z.number().int().nullable(),
  /** Only for managers reading the panel. */
  name: z.string().nullable(),
  /** The caller. */
  me: z.boolean(),
});
export type PanelPerson = z.infer<typeof PanelPersonSchema>;

export const ConsensusSchema = z.object({
  rapporteur: PanelPersonSchema,
  body: z.string(),
  status: z.enum(['DRAFT', 'PROPOSED', 'APPROVED']),
  version: z.number().int(),
  approvals: z.array(PanelPersonSchema),
  awaiting: z.array(PanelPersonSchema),
  iApproved: z.boolean(),
});

export const PanelSchema = z.object({
  proposal: z.object({ id: z.uuid(), acronym: z.string(), title: z.string() }),
  reviews: z.array(
    z.object({
      reviewer: PanelPersonSchema,
      weightedScore: z.number().nullable(),
      content: ReviewContentSchema,
      submittedAt: z.iso.datetime(),
    }),
  ),
  messages: z.array(
    z.object({ id: z.uuid(), author: PanelPersonSchema, body: z.string(), createdAt: z.iso.datetime() }),
  ),
  consensus: ConsensusSchema.nullable(),
});
export type Panel = z.infer<typeof PanelSchema>;

export const reviewerContract = {
  getProfile: defineOperation({
    id: 'reviewer.getProfile',
    method: 'GET',
    path: '/reviewer/profile',
    tag: 'review',
    summary: 'Your reviewer profile: expertise, themes, affiliations, load and availability.',
    auth: 'session',
    response: ReviewerProfileSchema,
  }),
  saveProfile: defineOperation({
    id: 'reviewer.saveProfile',
    method: 'PUT',
    path: '/reviewer/profile',
    tag: 'review',
    summary: 'Save your reviewer profile; conflicts in your calls are detected again.',
    auth: 'session',
    body: ReviewerProfileInputSchema.extend({ version: z.number().int().min(0) }),
    response: ReviewerProfileSchema,
  }),
  respondToPool: defineOperation({
    id: 'reviewer.respondToPool',
    method: 'POST',
    path: '/reviewer/pool/respond',
    tag: 'review',
    summary: "Accept or decline an emailed invitation into a call's reviewer pool (signed in as the invited address).",
    auth: 'session',
    body: TokenRespondBodySchema,
    response: z.object({ callId: z.uuid(), callTitle: z.string(), status: z.enum(['ACCEPTED', 'DECLINED']) }),
  }),
  assignments: defineOperation({
    id: 'reviewer.assignments',
    method: 'GET',
    path: '/reviewer/assignments',
    tag: 'review',
    summary: 'Proposals you are invited to review or are reviewing.',
    auth: 'session',
    response: z.array(MyAssignmentSchema),
  }),
  respond: defineOperation({
    id: 'reviewer.respond',
    method: 'POST',
    path: '/reviewer/assignments/:id/respond',
    tag: 'review',
    summary: 'Accept or decline a review invitation.',
    auth: 'session',
    params: IdParams,
    body: RespondBodySchema,
    response: MyAssignmentSchema,
  }),
  respondByToken: defineOperation({
    id: 'reviewer.respondByToken',
    method: 'POST',
    path: '/review-invitations/respond',
    tag: 'review',
    summary: 'One-click accept or decline from the invitation email (the single-use token is the credential).',
    auth: 'public',
    body: TokenRespondBodySchema,
    response: z.object({
      status: z.enum(['ACCEPTED', 'DECLINED']),
      assignmentId: z.uuid(),
      proposalAcronym: z.string(),
    }),
  }),
  declareConflict: defineOperation({
    id: 'reviewer.declareConflict',
    method: 'POST',
    path: '/reviewer/assignments/:id/conflict',
    tag: 'review',
    summary: 'Declare a conflict of interest with the proposal: the assignment ends and you lose access.',
    auth: 'session',
    params: IdParams,
    body: DeclareConflictBodySchema,
    status: 204,
  }),
  proposal: defineOperation({
    id: 'reviewer.proposal',
    method: 'GET',
    path: '/reviewer/assignments/:id/proposal',
    tag: 'review',
    summary: 'The submitted proposal, as its accepted reviewer sees it (blind when the call says so).',
    auth: 'session',
    params: IdParams,
    response: ReviewerProposalViewSchema,
  }),
  attachment: defineOperation({
    id: 'reviewer.attachment',
    method: 'GET',
    path: '/reviewer/assignments/:id/attachments/:key',
    tag: 'review',
    summary:
      "Download one of the proposal's submitted attachments (a file). With blind review the file name is neutral (the content is the applicants' own).",
    auth: 'session',
    params: z.object({ id: z.uuid(), key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/) }),
  }),
  review: defineOperation({
    id: 'reviewer.review',
    method: 'GET',
    path: '/reviewer/assignments/:id/review',
    tag: 'review',
    summary: 'Your review of the proposal, with the revisions you submitted.',
    auth: 'session',
    params: IdParams,
    response: ReviewSchema,
  }),
  saveReview: defineOperation({
    id: 'reviewer.saveReview',
    method: 'PUT',
    path: '/reviewer/assignments/:id/review',
    tag: 'review',
    summary:
      'Autosave the working copy of your review. A stale version gets 409 whose error on body.version carries params.current (the version) and params.review (the review as saved by the other window).',
    auth: 'session',
    params: IdParams,
    body: SaveReviewBodySchema,
    response: ReviewSchema,
  }),
  submitReview: defineOperation({
    id: 'reviewer.submitReview',
    method: 'POST',
    path: '/reviewer/assignments/:id/review/submit',
    tag: 'review',
    summary:
      'Submit the review (again): every criterion scored, confidence, recommendation and comments to applicants.',
    auth: 'session',
    params: IdParams,
    body: z.object({ version: z.number().int().min(1) }),
    response: ReviewSchema,
  }),
  panel: defineOperation({
    id: 'reviewer.panel',
    method: 'GET',
    path: '/panels/:id',
    tag: 'review',
    summary:
      "A proposal's panel (id = proposal id): the other reviews, the discussion and the consensus report. For its reviewers once their own review is submitted, and its programme's managers.",
    auth: 'session',
    params: IdParams,
    response: PanelSchema,
  }),
  postMessage: defineOperation({
    id: 'reviewer.postMessage',
    method: 'POST',
    path: '/panels/:id/messages',
    tag: 'review',
    summary: "Post to a proposal's panel discussion.",
    auth: 'session',
    params: IdParams,
    body: z.object({ body: z.string().trim().min(1).max(10000) }),
    response: PanelSchema,
    status: 201,
  }),
  saveConsensus: defineOperation({
    id: 'reviewer.saveConsensus',
    method: 'PUT',
    path: '/panels/:id/consensus',
    tag: 'review',
    summary:
      'The rapporteur writes the consensus report; `propose: true` asks the other reviewers to approve it. Every change resets approvals.',
    auth: 'session',
    params: IdParams,
    body: z.object({ body: z.string().max(20000), version: z.number().int().min(0), propose: z.boolean() }),
    response: PanelSchema,
  }),
  setRapporteur: defineOperation({
    id: 'reviewer.setRapporteur',
    method: 'PUT',
    path: '/panels/:id/rapporteur',
    tag: 'review',
    summary:
      'A manager of the programme names the panel\'s rapporteur ("Reviewer n" of the proposal, who has submitted). A draft already written passes to them; approvals reset. Not once the report is approved.',
    auth: ['PROGRAMME_MANAGER'],
    params: IdParams,
    body: z.object({ ordinal: z.number().int().min(1) }),
    response: PanelSchema,
  }),
  approveConsensus: defineOperation({
    id: 'reviewer.approveConsensus',
    method: 'POST',
    path: '/panels/:id/consensus/approve',
    tag: 'review',
    summary: 'Approve the proposed consensus report, at the version you read.',
    auth: 'session',
    params: IdParams,
    body: z.object({ version: z.number().int().min(1) }),
    response: PanelSchema,
  }),
} as const;
