import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type AuditEventsQuery, listAuditEvents } from '../../api/admin';
import { queryKeys } from '../../api/query-keys';

export function useAuditEvents(query: AuditEventsQuery) {
  return useQuery({
    queryKey: queryKeys.admin.auditEvents.list(query),
    queryFn: ({ signal }) => listAuditEvents(query, signal),
    placeholderData: keepPreviousData,
  });
}
