import type { AuditEventsQuery, UsersQuery } from './admin';
import type { AnnouncementsQuery } from './announcements';
import type { ManagedCallsQuery, PublicCallsQuery } from './calls';
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
  },
  managedProposals: {
    all: ['manage', 'proposals'] as const,
    list: (query: ManagedProposalsQuery) => ['manage', 'proposals', 'list', query] as const,
    stats: (query: ProposalFilters) => ['manage', 'proposals', 'stats', query] as const,
  },
};
