import { useQuery } from '@tanstack/react-query';
import { getSubmission } from '../../api/proposals';
import { queryKeys } from '../../api/query-keys';

/** The snapshot frozen at one submission; it never changes. */
export function useSubmission(id: string, number: number | undefined) {
  return useQuery({
    queryKey: queryKeys.proposals.submission(id, number ?? 0),
    queryFn: ({ signal }) => getSubmission(id, number ?? 0, signal),
    enabled: number !== undefined && number >= 1,
    staleTime: Number.POSITIVE_INFINITY,
  });
}
