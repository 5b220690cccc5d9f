import { useMutation } from '@tanstack/react-query';
import { declineInvitation } from '../../api/proposals';

export function useDeclineInvitation() {
  return useMutation({ mutationFn: declineInvitation });
}
