import { useMutation } from '@tanstack/react-query';
import { respondByToken } from '../../../api/reviews';

/** The one-click answer from the invitation email: the token is the credential, nobody needs to be signed in. */
export function useRespondByToken() {
  return useMutation({ mutationFn: respondByToken });
}
