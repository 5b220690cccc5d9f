import { useMutation, useQueryClient } from '@tanstack/react-query';
import { publishCall } from '../../api/calls';
import { queryKeys } from '../../api/query-keys';

export function usePublishCall(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => publishCall(id, version),
    onSuccess: (call) => {
      queryClient.setQueryData(queryKeys.calls.one(call.id), call);
      void queryClient.invalidateQueries({ queryKey: queryKeys.calls.managed.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.calls.public.all });
    },
  });
}
