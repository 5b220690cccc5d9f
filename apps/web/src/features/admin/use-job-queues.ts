import { useQuery } from '@tanstack/react-query';
import { listQueues } from '../../api/jobs';
import { queryKeys } from '../../api/query-keys';

/** Queue depths move on their own: look again every 10 seconds while the page is open. */
export function useJobQueues() {
  return useQuery({
    queryKey: queryKeys.admin.jobs.queues,
    queryFn: ({ signal }) => listQueues(signal),
    refetchInterval: 10_000,
  });
}
