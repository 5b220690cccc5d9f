import { useMutation, useQueryClient } from '@tanstack/react-query';
import { acceptInvitation } from '../../api/proposals';
import { queryKeys } from '../../api/query-keys';

export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: acceptInvitation,
    onSuccess: ({ proposalId }) => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.proposals.mine });
      void queryClient.invalidateQueries({ queryKey: queryKeys.proposals.scope(proposalId) });
    },
  });
}
