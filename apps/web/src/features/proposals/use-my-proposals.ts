import { useQuery } from '@tanstack/react-query';
import { listMyProposals } from '../../api/proposals';
import { queryKeys } from '../../api/query-keys';

/** Proposals of the consortia the signed-in user is a member of. */
export function useMyProposals() {
  return useQuery({ queryKey: queryKeys.proposals.mine, queryFn: ({ signal }) => listMyProposals(signal) });
}
