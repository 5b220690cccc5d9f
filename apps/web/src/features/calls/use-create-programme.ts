import { useMutation, useQueryClient } from '@tanstack/react-query';
import { createProgramme } from '../../api/calls';
import { queryKeys } from '../../api/query-keys';

export function useCreateProgramme() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createProgramme,
    onSuccess: () => {
      // The creator now manages the programme: a new role, and one more programme to choose from.
      void queryClient.invalidateQueries({ queryKey: queryKeys.managedProgrammes });
      void queryClient.invalidateQueries({ queryKey: queryKeys.reference.programmes });
      void queryClient.invalidateQueries({ queryKey: queryKeys.me });
    },
  });
}
