import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type InviteBody, invite } from '../../api/proposals';
import { queryKeys } from '../../api/query-keys';

export function useInvite(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: InviteBody) => invite(id, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.proposals.invitations(id) }),
  });
}
