import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type EligibilityVerdictBody, overrideEligibility } from '../../../api/manage-proposals';
import { queryKeys } from '../../../api/query-keys';

export function useOverrideEligibility() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: EligibilityVerdictBody }) => overrideEligibility(id, body),
    onSuccess: (_item, { id }) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.managedProposals.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.proposals.scope(id) });
    },
  });
}
