import type { Me, Role } from '@kizuna/shared';
import { useQuery } from '@tanstack/react-query';
import { fetchMe } from '../../api/auth';
import { queryKeys } from '../../api/query-keys';

/** The signed-in user; `data` is null when nobody is signed in. */
export function useMe() {
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: ({ signal }) => fetchMe(signal),
    staleTime: 5 * 60_000,
  });
}

export function hasRole(me: Me | null | undefined, role: Role): boolean {
  return !!me?.roles.some((grant) => grant.role === role);
}
