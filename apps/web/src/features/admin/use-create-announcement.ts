import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createAnnouncement } from '../../api/announcements';
import { queryKeys } from '../../api/query-keys';

export function useCreateAnnouncement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createAnnouncement,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.admin.announcements.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.admin.auditEvents.all });
    },
  });
}
