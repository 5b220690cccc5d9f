import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { listNotifications, type NotificationsQuery } from '../../api/notifications';
import { queryKeys } from '../../api/query-keys';

export function useNotifications(query: NotificationsQuery) {
  return useQuery({
    queryKey: queryKeys.notifications.list(query),
    queryFn: ({ signal }) => listNotifications(query, signal),
    placeholderData: keepPreviousData,
  });
}
