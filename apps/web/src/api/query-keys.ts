import type { AuditEventsQuery, UsersQuery } from './admin';
import type { AnnouncementsQuery } from './announcements';
import type { ManagedCallsQuery, PublicCallsQuery } from './calls';
import type { GrantListQuery } from './grants';
import type { FailedJobsQuery } from './jobs';
import type { ManagedProposalsQuery, ProposalFilters } from './manage-proposals';
import type { NotificationsQuery } from './notifications';
import type { InstitutionsQuery } from './reference';

/** Every query key of the app. Mutations invalidate by these prefixes. */
export const queryKeys = {
  me: ['auth', 'me'] as const,
  admin: {
    all: ['admin'] as const,
    users: {
      all: ['admin', 'users'] as const,
      list: (query: UsersQuery) => ['admin', 'users', 'list', query] as const,
    },
    auditEvents: {
      all: ['admin', 'audit-events'] as const,
      list: (query: AuditEventsQuery) => ['admin', 'audit-events', 'list', query] as const,
    },
    announcements: {
      all: ['admin', 'announcements'] as const,
      list: (query: AnnouncementsQuery) => ['admin', 'announcements', 'list', query] as const,
    },
    institutionRequests: ['admin', 'institution-requests'] as const,
    jobs: {
      all: ['admin', 'jobs'] as const,
      queues: ['admin', 'jobs', 'queues'] as const,
      failed: {
        all: ['admin', 'jobs', 'failed'] as const,
        list: (query: FailedJobsQuery) => ['admin', 'jobs', 'failed', query] as const,
      },
    },
  },
  notifications: {
    all: ['notifications'] as const,
    lists: ['notifications', 'list'] as const,
    list: (query: NotificationsQuery) => ['notifications', 'list', query] as const,
    unreadCount: ['notifications', 'unread-count'] as const,
    // Not below ['notifications', …]: live updates invalidate the lists, never the form being edited.
    preferences: ['notification-preferences'] as const,
  },
  jobRuns: {
    one: (id: string) => ['job-runs', id] as const,
  },
  reference: {
    programmes: ['reference', 'programmes'] as const,
    countries: ['reference', 'countries'] as const,
    agencies: ['reference', 'agencies'] as const,
    /** Every query of the institution directory (a request or an approval changes them all). */
    institutionsAll: ['reference', 'institutions'] as const,
    institutions: (query: InstitutionsQuery) => ['reference', 'institutions', query] as const,
  },
  calls: {
    all: ['calls'] as const,
    public: {
      all: ['calls', 'public'] as const,
      list: (query: PublicCallsQuery) => ['calls', 'public', query] as const,
    },
    one: (id: string) => ['calls', 'one', id] as const,
    managed: {
      all: ['calls', 'managed'] as const,
      list: (query: ManagedCallsQuery) => ['calls', 'managed', query] as const,
    },
  },
  managedProgrammes: ['manage', 'programmes'] as const,
  proposals: {
    all: ['proposals'] as const,
    mine: ['proposals', 'mine'] as const,
    /** Everything about one proposal: itself, its budget, eligibility, invitations and submissions. */
    scope: (id: string) => ['proposals', 'one', id] as const,
    one: (id: string) => ['proposals', 'one', id, 'proposal'] as const,
    budget: (id: string) => ['proposals', 'one', id, 'budget'] as const,
    eligibility: (id: string) => ['proposals', 'one', id, 'eligibility'] as const,
    invitations: (id: string) => ['proposals', 'one', id, 'invitations'] as const,
    submission: (id: string, number: number) => ['proposals', 'one', id, 'submissions', number] as const,
    /** What an invitation is for, by its token (read before answering). */
    invitationPreview: (token: string) => ['invitations', 'preview', token] as const,
  },
  reviews: {
    all: ['reviews'] as const,
    profile: ['reviews', 'profile'] as const,
    mine: ['reviews', 'mine'] as const,
    /** Everything about one assignment: the proposal as the reviewer sees it and the review. */
    assignment: (id: string) => ['reviews', 'assignment', id] as const,
    proposal: (id: string) => ['reviews', 'assignment', id, 'proposal'] as const,
    review: (id: string) => ['reviews', 'assignment', id, 'review'] as const,
    /** A proposal's panel, by proposal id. */
    panel: (proposalId: string) => ['reviews', 'panel', proposalId] as const,
  },
  evaluation: {
    /** Everything about the review of one call, for its managers. */
    call: (callId: string) => ['evaluation', callId] as const,
    settings: (callId: string) => ['evaluation', callId, 'settings'] as const,
    pool: (callId: string) => ['evaluation', callId, 'pool'] as const,
    conflicts: (callId: string) => ['evaluation', callId, 'conflicts'] as const,
    board: (callId: string) => ['evaluation', callId, 'board'] as const,
    progress: (callId: string) => ['evaluation', callId, 'progress'] as const,
    ranking: (callId: string) => ['evaluation', callId, 'ranking'] as const,
    fundingPlan: (callId: string, minMerit: number | undefined) =>
      ['evaluation', callId, 'funding-plan', minMerit ?? null] as const,
    replacements: (callId: string, assignmentId: string) =>
      ['evaluation', callId, 'replacements', assignmentId] as const,
  },
  /** The released outcome of a proposal, for its consortium (below the proposal's scope). */
  outcome: (proposalId: string) => ['proposals', 'one', proposalId, 'outcome'] as const,
  grants: {
    all: ['grants'] as const,
    list: (query: GrantListQuery) => ['grants', 'list', query] as const,
    /** Everything about one grant: itself, its history and its reports. */
    scope: (id: string) => ['grants', 'one', id] as const,
    one: (id: string) => ['grants', 'one', id, 'grant'] as const,
    history: (id: string) => ['grants', 'one', id, 'history'] as const,
    /** A report, below its grant's scope (a report's change also changes the grant's summary). */
    report: (grantId: string, reportId: string) => ['grants', 'one', grantId, 'reports', reportId] as const,
    portfolio: (query: Record<string, unknown>) => ['grants', 'portfolio', query] as const,
  },
  managedProposals: {
    all: ['manage', 'proposals'] as const,
    list: (query: ManagedProposalsQuery) => ['manage', 'proposals', 'list', query] as const,
    stats: (query: ProposalFilters) => ['manage', 'proposals', 'stats', query] as const,
  },
};
