import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { listMyAssignments } from '../../../api/reviews';

/** The proposals the user is invited to review or is reviewing. */
export function useMyAssignments() {
  return useQuery({ queryKey: queryKeys.reviews.mine, queryFn: ({ signal }) => listMyAssignments(signal) });
}
