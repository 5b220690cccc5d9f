import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createProposal } from '../../api/proposals';
import { queryKeys } from '../../api/query-keys';

export function useCreateProposal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createProposal,
    onSuccess: (proposal) => {
      queryClient.setQueryData(queryKeys.proposals.one(proposal.id), proposal);
      void queryClient.invalidateQueries({ queryKey: queryKeys.proposals.mine });
    },
  });
}
