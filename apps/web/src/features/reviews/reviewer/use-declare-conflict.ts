import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { declareConflict } from '../../../api/reviews';

/** Declares a conflict of interest: the assignment ends and the proposal is no longer visible. */
export function useDeclareConflict() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => declareConflict(id, reason),
    onSuccess: (_nothing, { id }) => {
      queryClient.removeQueries({ queryKey: queryKeys.reviews.assignment(id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.reviews.mine });
    },
  });
}
