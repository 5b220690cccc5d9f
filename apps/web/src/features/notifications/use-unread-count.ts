import { useQuery } from '@tanstack/react-query';
import { fetchUnreadCount } from '../../api/notifications';
import { queryKeys } from '../../api/query-keys';

/** How many notifications are unread; the live stream keeps it current (see use-live-updates). */
export function useUnreadCount(enabled = true) {
  return useQuery({
    queryKey: queryKeys.notifications.unreadCount,
    queryFn: ({ signal }) => fetchUnreadCount(signal),
    staleTime: 60_000,
    enabled,
  });
}
