import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { respondToAssignment } from '../../../api/reviews';

/** Accepts or declines a review invitation (a decline needs a reason). */
export function useRespond() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, accept, reason }: { id: string; accept: boolean; reason?: string }) =>
      respondToAssignment(id, accept ? { accept } : { accept, reason }),
    onSuccess: (_assignment, { id }) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.reviews.mine });
      void queryClient.invalidateQueries({ queryKey: queryKeys.reviews.assignment(id) });
    },
  });
}
