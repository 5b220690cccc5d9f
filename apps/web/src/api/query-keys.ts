import type { AuditEventsQuery, UsersQuery } from './admin';

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
  },
  reference: {
    programmes: ['reference', 'programmes'] as const,
  },
};
