import { useMutation, useQueryClient } from '@tanstack/react-query';
import { retryJob } from '../../api/jobs';
import { queryKeys } from '../../api/query-keys';

export function useRetryJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ queue, id }: { queue: string; id: string }) => retryJob(queue, id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.admin.jobs.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.admin.auditEvents.all });
    },
  });
}
