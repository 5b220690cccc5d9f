import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { getPanel } from '../../../api/reviews';

/** A proposal's panel: the other reviews, the discussion and the consensus report (after one's own submission). */
export function usePanel(proposalId: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.reviews.panel(proposalId),
    queryFn: ({ signal }) => getPanel(proposalId, signal),
    enabled,
  });
}
