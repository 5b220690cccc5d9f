import { useQuery } from '@tanstack/react-query';
import { fetchPreferences } from '../../api/notifications';
import { queryKeys } from '../../api/query-keys';

export function useNotificationPreferences() {
  return useQuery({
    queryKey: queryKeys.notifications.preferences,
    queryFn: ({ signal }) => fetchPreferences(signal),
  });
}
