import { useQuery } from '@tanstack/react-query';
import { listInvitations } from '../../api/proposals';
import { queryKeys } from '../../api/query-keys';

/** Invitations of a consortium, with their state. */
export function useInvitations(id: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.proposals.invitations(id),
    queryFn: ({ signal }) => listInvitations(id, signal),
    enabled: options.enabled ?? true,
  });
}
