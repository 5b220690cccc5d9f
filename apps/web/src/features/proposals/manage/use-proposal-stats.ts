import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type ProposalFilters, proposalStats } from '../../../api/manage-proposals';
import { queryKeys } from '../../../api/query-keys';

/** Counts of the filtered proposals by country, theme and status. */
export function useProposalStats(filters: ProposalFilters) {
  return useQuery({
    queryKey: queryKeys.managedProposals.stats(filters),
    queryFn: ({ signal }) => proposalStats(filters, signal),
    placeholderData: keepPreviousData,
  });
}
