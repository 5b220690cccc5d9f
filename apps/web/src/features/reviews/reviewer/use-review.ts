import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { getReview } from '../../../api/reviews';

/** The reviewer's own review of an assignment: the working copy and the submitted revisions. */
export function useReview(assignmentId: string | undefined, enabled = true) {
  return useQuery({
    queryKey: queryKeys.reviews.review(assignmentId ?? ''),
    queryFn: ({ signal }) => getReview(assignmentId ?? '', signal),
    enabled: !!assignmentId && enabled,
    // The form owns the working copy once it is open: a refetch must not pull the text from under the user.
    staleTime: Number.POSITIVE_INFINITY,
  });
}
