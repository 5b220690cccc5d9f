import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { respondToPool } from '../../../api/reviews';

/** Joins (or declines) a call's reviewer pool; joining grants the REVIEWER role, so the user is read again. */
export function useRespondToPool() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: respondToPool,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.me });
      void queryClient.invalidateQueries({ queryKey: queryKeys.reviews.all });
    },
  });
}
