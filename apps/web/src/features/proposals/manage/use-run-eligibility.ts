import { useMutation } from '@tanstack/react-query';
import { runEligibility } from '../../../api/manage-proposals';

/** Starts the eligibility check of every submitted proposal of a closed call; answers the job run to follow. */
export function useRunEligibility(callId: string) {
  return useMutation({ mutationFn: () => runEligibility(callId) });
}
