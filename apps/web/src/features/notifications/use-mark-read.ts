import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import { markNotificationRead } from '../../api/notifications';
import { queryKeys } from '../../api/query-keys';

/** Both read actions answer the new unread count: take it, and refetch the lists. */
export function applyReadResult(queryClient: QueryClient, { unread }: { unread: number }) {
  queryClient.setQueryData(queryKeys.notifications.unreadCount, { unread });
  void queryClient.invalidateQueries({ queryKey: queryKeys.notifications.lists });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markNotificationRead,
    onSuccess: (result) => applyReadResult(queryClient, result),
  });
}
