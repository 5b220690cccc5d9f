import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type GrantListQuery, getGrant, getGrantHistory, listGrants } from '../../api/grants';
import { queryKeys } from '../../api/query-keys';

/** The grants the user manages or belongs to, with what is due next. */
export function useGrants(query: GrantListQuery) {
  return useQuery({
    queryKey: queryKeys.grants.list(query),
    queryFn: ({ signal }) => listGrants(query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useGrant(id: string | undefined) {
  return useQuery({
    queryKey: queryKeys.grants.one(id ?? ''),
    queryFn: ({ signal }) => getGrant(id ?? '', signal),
    enabled: !!id,
  });
}

export function useGrantHistory(id: string) {
  return useQuery({ queryKey: queryKeys.grants.history(id), queryFn: ({ signal }) => getGrantHistory(id, signal) });
}

/**
 * A change to a grant: on success everything about the grant is fetched again (its summary, history and reports all
 * move together) and the lists too (status, what is due next).
 */
export function useGrantMutation<TVariables, TResult>(
  grantId: string,
  fn: (variables: TVariables) => Promise<TResult>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.grants.scope(grantId) }),
        queryClient.invalidateQueries({ queryKey: ['grants', 'list'] }),
      ]);
    },
  });
}
