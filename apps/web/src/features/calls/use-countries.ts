import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../api/query-keys';
import { listCountries } from '../../api/reference';

/** The ASEAN member states and Japan, with names in both languages, currency and time zones (reference data). */
export function useCountries() {
  return useQuery({
    queryKey: queryKeys.reference.countries,
    queryFn: ({ signal }) => listCountries(signal),
    staleTime: 60 * 60_000,
  });
}
