import { useMutation, useQueryClient } from '@tanstack/react-query';
import { markAllNotificationsRead } from '../../api/notifications';
import { applyReadResult } from './use-mark-read';

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markAllNotificationsRead,
    onSuccess: (result) => applyReadResult(queryClient, result),
  });
}
