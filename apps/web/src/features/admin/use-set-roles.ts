import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type RoleGrantInput, setUserRoles } from '../../api/admin';
import { queryKeys } from '../../api/query-keys';

export function useSetRoles() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, roles }: { id: string; roles: RoleGrantInput[] }) => setUserRoles(id, roles),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.admin.users.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.admin.auditEvents.all });
      // The admin may have changed their own roles.
      void queryClient.invalidateQueries({ queryKey: queryKeys.me });
    },
  });
}
