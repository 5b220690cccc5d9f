import { useMutation, useQueryClient } from '@tanstack/react-query';
import { withdrawProposal } from '../../api/proposals';
import { queryKeys } from '../../api/query-keys';

export function useWithdrawProposal(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => withdrawProposal(id),
    onSuccess: (proposal) => {
      queryClient.setQueryData(queryKeys.proposals.one(id), proposal);
      void queryClient.invalidateQueries({ queryKey: queryKeys.proposals.mine });
    },
  });
}
