import { useQuery } from '@tanstack/react-query';
import { getBudget } from '../../api/proposals';
import { queryKeys } from '../../api/query-keys';

/** A proposal's budget lines and the server's totals (authoritative). */
export function useBudget(id: string) {
  return useQuery({ queryKey: queryKeys.proposals.budget(id), queryFn: ({ signal }) => getBudget(id, signal) });
}
