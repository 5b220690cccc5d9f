import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { getReviewerProposal } from '../../../api/reviews';

/** The submitted proposal as its accepted reviewer sees it (blind when the call says so). */
export function useReviewerProposal(assignmentId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: queryKeys.reviews.proposal(assignmentId ?? ''),
    queryFn: ({ signal }) => getReviewerProposal(assignmentId ?? '', signal),
    enabled: !!assignmentId && enabled,
  });
}
