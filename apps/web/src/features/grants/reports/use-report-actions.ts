import { type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import {
  type GrantReport,
  type ReviewDecisionBody,
  reviewGrantReport,
  type SaveReportBody,
  saveGrantReport,
  submitGrantReport,
} from '../../../api/grants';
import { queryKeys } from '../../../api/query-keys';

/** The answer is the report now: the page shows it, and everything about the grant is read again. */
function settle(queryClient: QueryClient, grantId: string, report: GrantReport) {
  queryClient.setQueryData(queryKeys.grants.report(grantId, report.id), report);
  void queryClient.invalidateQueries({ queryKey: queryKeys.grants.scope(grantId) });
  void queryClient.invalidateQueries({ queryKey: ['grants', 'list'] });
}

export function useSaveReport(grantId: string, reportId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveReportBody) => saveGrantReport(reportId, body),
    onSuccess: (report) => settle(queryClient, grantId, report),
  });
}

export function useSubmitReport(grantId: string, reportId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => submitGrantReport(reportId, version),
    onSuccess: (report) => settle(queryClient, grantId, report),
  });
}

export function useReviewReport(grantId: string, reportId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ReviewDecisionBody) => reviewGrantReport(reportId, body),
    onSuccess: (report) => settle(queryClient, grantId, report),
  });
}
