import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../api/query-keys';
import { listInstitutionRequests } from '../../api/reference';

/** Institutions users asked to add, pending first. */
export function useInstitutionRequests() {
  return useQuery({
    queryKey: queryKeys.admin.institutionRequests,
    queryFn: ({ signal }) => listInstitutionRequests(signal),
  });
}
