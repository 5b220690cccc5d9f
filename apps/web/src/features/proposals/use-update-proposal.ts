import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type UpdateProposalBody, updateProposal } from '../../api/proposals';
import { queryKeys } from '../../api/query-keys';

export function useUpdateProposal(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateProposalBody) => updateProposal(id, body),
    onSuccess: (proposal) => {
      queryClient.setQueryData(queryKeys.proposals.one(id), proposal);
      void queryClient.invalidateQueries({ queryKey: queryKeys.proposals.eligibility(id) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.proposals.mine });
    },
  });
}
