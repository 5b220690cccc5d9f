import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { getReviewerProfile } from '../../../api/reviews';

/** The signed-in user's reviewer profile (version 0 before the first save). */
export function useReviewerProfile() {
  return useQuery({ queryKey: queryKeys.reviews.profile, queryFn: ({ signal }) => getReviewerProfile(signal) });
}
