import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { approveConsensus, type Panel, postPanelMessage, saveConsensus, setRapporteur } from '../../../api/reviews';

/** Every panel action answers the whole panel: it replaces the cached one. */
function usePanelCache(proposalId: string) {
  const queryClient = useQueryClient();
  return (panel: Panel) => queryClient.setQueryData(queryKeys.reviews.panel(proposalId), panel);
}

export function usePostMessage(proposalId: string) {
  const remember = usePanelCache(proposalId);
  return useMutation({ mutationFn: (body: string) => postPanelMessage(proposalId, body), onSuccess: remember });
}

export function useSaveConsensus(proposalId: string) {
  const remember = usePanelCache(proposalId);
  return useMutation({
    mutationFn: (body: { body: string; version: number; propose: boolean }) => saveConsensus(proposalId, body),
    onSuccess: remember,
  });
}

export function useApproveConsensus(proposalId: string) {
  const remember = usePanelCache(proposalId);
  return useMutation({ mutationFn: (version: number) => approveConsensus(proposalId, version), onSuccess: remember });
}

/** A manager names the rapporteur ("Reviewer n"). */
export function useSetRapporteur(proposalId: string) {
  const remember = usePanelCache(proposalId);
  return useMutation({ mutationFn: (ordinal: number) => setRapporteur(proposalId, ordinal), onSuccess: remember });
}
