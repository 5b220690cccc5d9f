import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type AnnouncementsQuery, listAnnouncements } from '../../api/announcements';
import { queryKeys } from '../../api/query-keys';

export function useAnnouncements(query: AnnouncementsQuery) {
  return useQuery({
    queryKey: queryKeys.admin.announcements.list(query),
    queryFn: ({ signal }) => listAnnouncements(query, signal),
    placeholderData: keepPreviousData,
  });
}
