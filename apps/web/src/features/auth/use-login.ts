import type { Me } from '@kizuna/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { login } from '../../api/auth';
import { queryKeys } from '../../api/query-keys';
import { changeLocale } from '../../i18n';

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: async (me: Me) => {
      // Whatever someone browsed before belongs to no one now; start from the new user's view.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.me[0] });
      queryClient.setQueryData(queryKeys.me, me);
      await changeLocale(me.locale);
    },
  });
}
