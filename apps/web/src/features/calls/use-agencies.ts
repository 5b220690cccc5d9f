import { useQuery } from '@tanstack/react-query';
import { listAgencies } from '../../api/calls';
import { queryKeys } from '../../api/query-keys';

/** The funding agencies of the ASEAN member states and Japan (reference data). */
export function useAgencies() {
  return useQuery({
    queryKey: queryKeys.reference.agencies,
    queryFn: ({ signal }) => listAgencies(signal),
    staleTime: 60 * 60_000,
  });
}
