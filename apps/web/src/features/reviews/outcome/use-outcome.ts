import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { getOutcome } from '../../../api/reviews';

/** The released decision on a proposal, for its consortium: `released` is false until the managers release it. */
export function useOutcome(proposalId: string | undefined) {
  return useQuery({
    queryKey: queryKeys.outcome(proposalId ?? ''),
    queryFn: ({ signal }) => getOutcome(proposalId ?? '', signal),
    enabled: !!proposalId,
  });
}
