import { useMutation, useQueryClient } from '@tanstack/react-query';
import { revokeInvitation } from '../../api/proposals';
import { queryKeys } from '../../api/query-keys';

/** Withdraws a pending invitation of the consortium (lead PI). */
export function useRevokeInvitation(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) => revokeInvitation(id, invitationId),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.proposals.invitations(id) }),
  });
}
