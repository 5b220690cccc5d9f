import { useQuery } from '@tanstack/react-query';
import { previewInvitation } from '../../api/proposals';
import { queryKeys } from '../../api/query-keys';

/** What an invitation is for (proposal, call, role, institution, who invited, expiry), read with its token. */
export function useInvitationPreview(token: string) {
  return useQuery({
    queryKey: queryKeys.proposals.invitationPreview(token),
    queryFn: ({ signal }) => previewInvitation(token, signal),
    enabled: token !== '',
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
}
