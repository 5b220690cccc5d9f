import { useMutation, useQueryClient } from '@tanstack/react-query';
import { updateMe } from '../../api/auth';
import { queryKeys } from '../../api/query-keys';

export function useUpdateMe() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMe,
    onSuccess: (me) => {
      queryClient.setQueryData(queryKeys.me, me);
      // Lists that show the user's name (admin users) are stale now.
      void queryClient.invalidateQueries({ queryKey: queryKeys.admin.users.all });
    },
  });
}
