import type { JobRun } from '@kizuna/shared';
import { useQuery } from '@tanstack/react-query';
import { fetchJobRun } from '../api/jobs';
import { queryKeys } from '../api/query-keys';

export const POLL_INTERVAL_MS = 1_000;

export function isFinished(status: JobRun['status'] | undefined): boolean {
  return status === 'SUCCEEDED' || status === 'FAILED';
}

/** A long job's state, asked for every second until it has finished. */
export function useJobRun(id: string) {
  return useQuery({
    queryKey: queryKeys.jobRuns.one(id),
    queryFn: ({ signal }) => fetchJobRun(id, signal),
    refetchInterval: (query) => (isFinished(query.state.data?.status) ? false : POLL_INTERVAL_MS),
    staleTime: (query) => (isFinished(query.state.data?.status) ? Number.POSITIVE_INFINITY : 0),
  });
}
