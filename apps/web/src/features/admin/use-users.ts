import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { listUsers, type UsersQuery } from '../../api/admin';
import { queryKeys } from '../../api/query-keys';

export function useUsers(query: UsersQuery) {
  return useQuery({
    queryKey: queryKeys.admin.users.list(query),
    queryFn: ({ signal }) => listUsers(query, signal),
    placeholderData: keepPreviousData,
  });
}
