import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../api/query-keys';
import { requestInstitution } from '../../api/reference';

/** Asks for a missing institution; the directory (which lists one's own requests) is looked up again. */
export function useRequestInstitution() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: requestInstitution,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.reference.institutionsAll }),
  });
}
