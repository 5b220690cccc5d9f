import { useQuery } from '@tanstack/react-query';
import { getCall } from '../../api/calls';
import { queryKeys } from '../../api/query-keys';

/** One call: published ones for everybody, drafts for the managers of the programme. */
export function useCall(id: string | undefined) {
  return useQuery({
    queryKey: queryKeys.calls.one(id ?? ''),
    queryFn: ({ signal }) => getCall(id ?? '', signal),
    enabled: !!id,
  });
}
