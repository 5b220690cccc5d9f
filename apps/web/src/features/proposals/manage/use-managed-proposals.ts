import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { listManagedProposals, type ManagedProposalsQuery } from '../../../api/manage-proposals';
import { queryKeys } from '../../../api/query-keys';

/** Submitted proposals of the calls the user manages, filtered and searched. */
export function useManagedProposals(query: ManagedProposalsQuery) {
  return useQuery({
    queryKey: queryKeys.managedProposals.list(query),
    queryFn: ({ signal }) => listManagedProposals(query, signal),
    placeholderData: keepPreviousData,
  });
}
