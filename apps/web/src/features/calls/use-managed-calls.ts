import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { listManagedCalls, type ManagedCallsQuery } from '../../api/calls';
import { queryKeys } from '../../api/query-keys';

/** Calls of the programmes the user manages, any status. */
export function useManagedCalls(query: ManagedCallsQuery) {
  return useQuery({
    queryKey: queryKeys.calls.managed.list(query),
    queryFn: ({ signal }) => listManagedCalls(query, signal),
    placeholderData: keepPreviousData,
  });
}
