import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../api/query-keys';
import { type ReviewInstitutionRequestBody, reviewInstitutionRequest } from '../../api/reference';

/** Approves or rejects a requested institution; the directory changes with it. */
export function useReviewInstitutionRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ReviewInstitutionRequestBody }) =>
      reviewInstitutionRequest(id, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.admin.institutionRequests });
      void queryClient.invalidateQueries({ queryKey: queryKeys.reference.institutionsAll });
      void queryClient.invalidateQueries({ queryKey: queryKeys.admin.auditEvents.all });
    },
  });
}
