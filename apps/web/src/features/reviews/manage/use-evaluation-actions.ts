import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import {
  addAssignment,
  type DecisionBody,
  decide,
  invitePool,
  liftConflict,
  releaseDecisions,
  removeAssignment,
  runAssignment,
  type SaveSettingsBody,
  saveReviewSettings,
  sendInvitations,
  setConflict,
} from '../../../api/reviews';

/* The actions on a call's review. Each invalidates what it may change: most touch several tabs, so the call's scope. */

function useInvalidateCall(callId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.evaluation.call(callId) });
}

export function useSaveReviewSettings(callId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveSettingsBody) => saveReviewSettings(callId, body),
    onSuccess: (settings) => {
      queryClient.setQueryData(queryKeys.evaluation.settings(callId), settings);
      void queryClient.invalidateQueries({ queryKey: queryKeys.evaluation.progress(callId) });
    },
  });
}

export function useInvitePool(callId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { emails: string[]; maxLoad?: number }) => invitePool(callId, body),
    onSuccess: (pool) => {
      queryClient.setQueryData(queryKeys.evaluation.pool(callId), pool);
    },
  });
}

export function useSetConflict(callId: string) {
  const invalidate = useInvalidateCall(callId);
  return useMutation({
    mutationFn: (body: { proposalId: string; reviewerId: string; reason: string }) => setConflict(callId, body),
    onSuccess: invalidate,
  });
}

export function useLiftConflict(callId: string) {
  const invalidate = useInvalidateCall(callId);
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) => liftConflict(id, reason),
    onSuccess: invalidate,
  });
}

/** Starts the assignment job; answers the job run to follow. */
export function useRunAssignment(callId: string) {
  return useMutation({ mutationFn: () => runAssignment(callId) });
}

export function useAddAssignment(callId: string) {
  const invalidate = useInvalidateCall(callId);
  return useMutation({
    mutationFn: (body: { proposalId: string; reviewerId: string }) => addAssignment(callId, body),
    onSuccess: invalidate,
  });
}

export function useRemoveAssignment(callId: string) {
  const invalidate = useInvalidateCall(callId);
  return useMutation({ mutationFn: (assignmentId: string) => removeAssignment(assignmentId), onSuccess: invalidate });
}

export function useSendInvitations(callId: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateCall(callId);
  return useMutation({
    mutationFn: () => sendInvitations(callId),
    onSuccess: () => {
      void invalidate();
      // The call moves to review.
      void queryClient.invalidateQueries({ queryKey: queryKeys.calls.all });
    },
  });
}

export function useDecide(callId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ proposalId, body }: { proposalId: string; body: DecisionBody }) => decide(proposalId, body),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.evaluation.ranking(callId) });
    },
  });
}

export function useReleaseDecisions(callId: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateCall(callId);
  return useMutation({
    mutationFn: () => releaseDecisions(callId),
    onSuccess: () => {
      void invalidate();
      void queryClient.invalidateQueries({ queryKey: queryKeys.calls.all });
      void queryClient.invalidateQueries({ queryKey: queryKeys.managedProposals.all });
    },
  });
}
