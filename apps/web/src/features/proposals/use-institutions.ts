import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../api/query-keys';
import { type InstitutionsQuery, listInstitutions } from '../../api/reference';

/** The institution directory, by country and name (at most 50 matches). */
export function useInstitutions(query: InstitutionsQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.reference.institutions(query),
    queryFn: ({ signal }) => listInstitutions(query, signal),
    placeholderData: keepPreviousData,
    staleTime: 10 * 60_000,
    enabled: options.enabled ?? true,
  });
}
