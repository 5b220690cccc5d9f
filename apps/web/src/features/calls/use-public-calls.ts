import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { listPublicCalls, type PublicCallsQuery } from '../../api/calls';
import { queryKeys } from '../../api/query-keys';

/** Open and upcoming calls, soonest deadline first; public. */
export function usePublicCalls(query: PublicCallsQuery) {
  return useQuery({
    queryKey: queryKeys.calls.public.list(query),
    queryFn: ({ signal }) => listPublicCalls(query, signal),
    placeholderData: keepPreviousData,
  });
}
