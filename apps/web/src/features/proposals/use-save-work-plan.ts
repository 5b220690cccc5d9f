import { useMutation, useQueryClient } from '@tanstack/react-query';
import { setWorkPlan, type WorkPlanBody } from '../../api/proposals';
import { queryKeys } from '../../api/query-keys';

/** Saves the work plan with the version it was based on; the answer is the whole proposal. */
export function useSaveWorkPlan(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: WorkPlanBody) => setWorkPlan(id, body),
    onSuccess: (proposal) => {
      queryClient.setQueryData(queryKeys.proposals.one(id), proposal);
      void queryClient.invalidateQueries({ queryKey: queryKeys.proposals.eligibility(id) });
    },
  });
}
