import { useQuery } from '@tanstack/react-query';
import { listManagedProgrammes } from '../../api/calls';
import { queryKeys } from '../../api/query-keys';

/** The programmes the signed-in programme manager manages. */
export function useManagedProgrammes(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.managedProgrammes,
    queryFn: ({ signal }) => listManagedProgrammes(signal),
    staleTime: 5 * 60_000,
    enabled: options.enabled ?? true,
  });
}
