import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type UpdateCallBody, updateCall } from '../../api/calls';
import { queryKeys } from '../../api/query-keys';

export function useUpdateCall(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateCallBody) => updateCall(id, body),
    onSuccess: (call) => {
      queryClient.setQueryData(queryKeys.calls.one(call.id), call);
      void queryClient.invalidateQueries({ queryKey: queryKeys.calls.managed.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.calls.public.all });
    },
  });
}
