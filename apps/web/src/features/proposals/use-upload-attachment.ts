import type { Proposal } from '@kizuna/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { uploadAttachment } from '../../api/proposals';
import { queryKeys } from '../../api/query-keys';

export function useUploadAttachment(id: string, key: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => uploadAttachment(id, key, file),
    onSuccess: (attachment) => {
      queryClient.setQueryData<Proposal>(queryKeys.proposals.one(id), (current) =>
        current
          ? {
              ...current,
              attachments: [...current.attachments.filter((a) => a.key !== attachment.key), attachment].sort((a, b) =>
                a.key.localeCompare(b.key),
              ),
            }
          : current,
      );
      void queryClient.invalidateQueries({ queryKey: queryKeys.proposals.eligibility(id) });
    },
  });
}
