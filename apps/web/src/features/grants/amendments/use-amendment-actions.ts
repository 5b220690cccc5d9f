import {
  type DecideAmendmentBody,
  decideAmendment,
  type RequestAmendmentBody,
  requestAmendment,
} from '../../../api/grants';
import { useGrantMutation } from '../use-grants';

/** The lead PI asks for an amendment. */
export function useRequestAmendment(grantId: string) {
  return useGrantMutation(grantId, (body: RequestAmendmentBody) => requestAmendment(grantId, body));
}

/** A manager approves (the change applies: budget, dates or partners) or rejects an amendment. */
export function useDecideAmendment(grantId: string) {
  return useGrantMutation(grantId, ({ id, body }: { id: string; body: DecideAmendmentBody }) =>
    decideAmendment(id, body),
  );
}
