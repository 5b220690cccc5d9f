import { useQuery } from '@tanstack/react-query';
import { getEligibility } from '../../api/proposals';
import { queryKeys } from '../../api/query-keys';

/**
 * The call's rules evaluated by the server on the proposal as saved now: the live checklist. Every save invalidates
 * it, so it follows the edits.
 */
export function useEligibility(id: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.proposals.eligibility(id),
    queryFn: ({ signal }) => getEligibility(id, signal),
    enabled: options.enabled ?? true,
  });
}
