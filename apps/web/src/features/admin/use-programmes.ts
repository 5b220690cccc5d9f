import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../api/query-keys';
import { listProgrammes } from '../../api/reference';

export function useProgrammes() {
  return useQuery({
    queryKey: queryKeys.reference.programmes,
    queryFn: ({ signal }) => listProgrammes(signal),
    staleTime: 10 * 60_000,
  });
}
