import { useQuery } from '@tanstack/react-query';
import { getGrantReport } from '../../../api/grants';
import { queryKeys } from '../../../api/query-keys';

/** One report of a grant: narrative, outputs, spending and the financial statement. */
export function useGrantReport(grantId: string | undefined, reportId: string | undefined) {
  return useQuery({
    queryKey: queryKeys.grants.report(grantId ?? '', reportId ?? ''),
    queryFn: ({ signal }) => getGrantReport(reportId ?? '', signal),
    enabled: !!grantId && !!reportId,
    // The editor owns its copy once open; the page follows the report's status from mutations.
    staleTime: Number.POSITIVE_INFINITY,
  });
}
