import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type FailedJobsQuery, listFailedJobs } from '../../api/jobs';
import { queryKeys } from '../../api/query-keys';

export function useFailedJobs(query: FailedJobsQuery) {
  return useQuery({
    queryKey: queryKeys.admin.jobs.failed.list(query),
    queryFn: ({ signal }) => listFailedJobs(query, signal),
    placeholderData: keepPreviousData,
  });
}
