import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import {
  getBoard,
  getFundingPlan,
  getProgress,
  getRanking,
  getReviewSettings,
  listConflicts,
  listPool,
  listReplacements,
} from '../../../api/reviews';

/* The queries of a call's review, for the managers of its programme: one hook per query, keys from queryKeys. */

export function useReviewSettings(callId: string) {
  return useQuery({
    queryKey: queryKeys.evaluation.settings(callId),
    queryFn: ({ signal }) => getReviewSettings(callId, signal),
  });
}

export function usePool(callId: string) {
  return useQuery({ queryKey: queryKeys.evaluation.pool(callId), queryFn: ({ signal }) => listPool(callId, signal) });
}

export function useConflicts(callId: string) {
  return useQuery({
    queryKey: queryKeys.evaluation.conflicts(callId),
    queryFn: ({ signal }) => listConflicts(callId, signal),
  });
}

export function useBoard(callId: string) {
  return useQuery({ queryKey: queryKeys.evaluation.board(callId), queryFn: ({ signal }) => getBoard(callId, signal) });
}

export function useReplacements(callId: string, assignmentId: string) {
  return useQuery({
    queryKey: queryKeys.evaluation.replacements(callId, assignmentId),
    queryFn: ({ signal }) => listReplacements(assignmentId, signal),
    staleTime: 0,
  });
}

export function useProgress(callId: string) {
  return useQuery({
    queryKey: queryKeys.evaluation.progress(callId),
    queryFn: ({ signal }) => getProgress(callId, signal),
  });
}

export function useRanking(callId: string) {
  return useQuery({
    queryKey: queryKeys.evaluation.ranking(callId),
    queryFn: ({ signal }) => getRanking(callId, signal),
  });
}

export function useFundingPlan(callId: string, minMerit: number | undefined) {
  return useQuery({
    queryKey: queryKeys.evaluation.fundingPlan(callId, minMerit),
    queryFn: ({ signal }) => getFundingPlan(callId, minMerit, signal),
  });
}
