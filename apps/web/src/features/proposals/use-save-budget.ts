import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type BudgetLineInput, setBudget } from '../../api/proposals';
import { queryKeys } from '../../api/query-keys';

export function useSaveBudget(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { version: number; lines: BudgetLineInput[] }) => setBudget(id, body),
    onSuccess: (budget) => {
      queryClient.setQueryData(queryKeys.proposals.budget(id), budget);
      void queryClient.invalidateQueries({ queryKey: queryKeys.proposals.eligibility(id) });
      // The proposal carries budgetVersion.
      void queryClient.invalidateQueries({ queryKey: queryKeys.proposals.one(id) });
    },
  });
}
