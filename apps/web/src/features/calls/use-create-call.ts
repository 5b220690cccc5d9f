import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createCall } from '../../api/calls';
import { queryKeys } from '../../api/query-keys';

export function useCreateCall() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCall,
    onSuccess: (call) => {
      queryClient.setQueryData(queryKeys.calls.one(call.id), call);
      void queryClient.invalidateQueries({ queryKey: queryKeys.calls.managed.all });
    },
  });
}
