import { useQuery } from '@tanstack/react-query';
import { getProposal } from '../../api/proposals';
import { queryKeys } from '../../api/query-keys';

/** One proposal: for its consortium and the managers of its programme (404 for anyone else). */
export function useProposal(id: string | undefined) {
  return useQuery({
    queryKey: queryKeys.proposals.one(id ?? ''),
    queryFn: ({ signal }) => getProposal(id ?? '', signal),
    enabled: !!id,
  });
}
