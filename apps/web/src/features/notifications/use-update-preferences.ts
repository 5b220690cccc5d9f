import { useMutation, useQueryClient } from '@tanstack/react-query';
import { updatePreferences } from '../../api/notifications';
import { queryKeys } from '../../api/query-keys';

export function useUpdatePreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updatePreferences,
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.notifications.preferences, saved),
  });
}
