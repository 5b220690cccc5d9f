import { useMutation, useQueryClient } from '@tanstack/react-query';
import { submitProposal } from '../../api/proposals';
import { queryKeys } from '../../api/query-keys';

export function useSubmitProposal(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => submitProposal(id),
    onSuccess: (proposal) => {
      queryClient.setQueryData(queryKeys.proposals.one(id), proposal);
      void queryClient.invalidateQueries({ queryKey: queryKeys.proposals.mine });
    },
    // A refusal (deadline, eligibility) may mean the page is out of date: look again.
    onError: () => void queryClient.invalidateQueries({ queryKey: queryKeys.proposals.scope(id) }),
  });
}
