import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { type SaveProfileBody, saveReviewerProfile } from '../../../api/reviews';

/** Saves the profile with the version it was loaded at; conflicts are detected again, so the lists may change. */
export function useSaveReviewerProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveProfileBody) => saveReviewerProfile(body),
    onSuccess: (profile) => {
      queryClient.setQueryData(queryKeys.reviews.profile, profile);
      void queryClient.invalidateQueries({ queryKey: queryKeys.reviews.mine });
    },
  });
}
