import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { submitReview } from '../../../api/reviews';

/** Submits the saved working copy (at its version) as a new revision. */
export function useSubmitReview(assignmentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => submitReview(assignmentId, version),
    onSuccess: (review) => {
      queryClient.setQueryData(queryKeys.reviews.review(assignmentId), review);
      void queryClient.invalidateQueries({ queryKey: queryKeys.reviews.mine });
      void queryClient.invalidateQueries({ queryKey: queryKeys.reviews.proposal(assignmentId) });
    },
  });
}
