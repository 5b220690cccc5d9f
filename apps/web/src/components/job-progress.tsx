import type { JobRun } from '@kizuna/shared';
import { JobRunStatusSchema } from '@kizuna/shared';
import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { queryKeys } from '../api/query-keys';
import { useLiveEvent } from '../shell/use-live-updates';
import { ErrorState, Loading } from './states';
import { isFinished, useJobRun } from './use-job-run';

function isFlat(value: unknown): value is Record<string, string | number | boolean | null> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((item) => item === null || ['string', 'number', 'boolean'].includes(typeof item))
  );
}

/** A job's result as the server gave it: a flat object as a list of facts, anything else as JSON. */
function DefaultResult({ result }: { result: unknown }) {
  if (result === null || result === undefined) return null;
  if (isFlat(result)) {
    return (
      <dl className="facts">
        {Object.entries(result).map(([key, value]) => (
          <div key={key} className="contents">
            <dt>{key}</dt>
            <dd>{String(value)}</dd>
          </div>
        ))}
      </dl>
    );
  }
  return <pre>{JSON.stringify(result, null, 2)}</pre>;
}

/**
 * The progress of a long job: asks for it every second until it has finished, and moves at once on the
 * `job-run` events of the live stream. Shows percent, done/total and, at the end, the result or the error.
 */
export function JobProgress({
  runId,
  label,
  renderResult,
}: {
  runId: string;
  /** The accessible name of the progress bar: what is being done. */
  label?: string;
  renderResult?: (result: unknown, run: JobRun) => ReactNode;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const run = useJobRun(runId);

  useLiveEvent('job-run', (event) => {
    if (event.id !== runId) return;
    const status = JobRunStatusSchema.safeParse(event.status);
    const key = queryKeys.jobRuns.one(runId);
    queryClient.setQueryData<JobRun>(key, (current) =>
      current && status.success ? { ...current, status: status.data, progress: event.progress } : current,
    );
    // The event carries no result, counts or error: fetch the whole run when it changes state for good.
    if (!status.success || isFinished(status.data)) void queryClient.invalidateQueries({ queryKey: key });
  });

  if (run.isPending) return <Loading />;
  if (run.isError) return <ErrorState error={run.error} onRetry={() => void run.refetch()} />;

  const { status, progress, done, total, result, error } = run.data;
  const finished = isFinished(status);
  const count = total === null ? t('jobProgress.done', { done }) : t('jobProgress.doneOfTotal', { done, total });
  const percent = t('jobProgress.percent', { progress });

  return (
    <div
      className={`job-progress job-progress-${status.toLowerCase()}`}
      data-testid="job-progress"
      data-status={status}
    >
      <div className="job-progress-head">
        <span className="job-progress-status">{t(`jobProgress.status.${status}`)}</span>
        <span>
          {percent} · {count}
        </span>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label={label ?? t('jobProgress.label')}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress}
        aria-valuetext={`${percent}, ${count}`}
      >
        <div className="progress-bar" style={{ width: `${Math.max(0, Math.min(100, progress))}%` }} />
      </div>
      <div aria-live="polite">
        {finished && status === 'FAILED' && (
          <p className="alert alert-error" role="alert">
            {error ? t('jobProgress.failed', { error }) : t('jobProgress.failedWithoutReason')}
          </p>
        )}
        {finished && status === 'SUCCEEDED' && result !== null && result !== undefined && (
          <div className="job-progress-result" data-testid="job-result">
            <h3>{t('jobProgress.result')}</h3>
            {renderResult ? renderResult(result, run.data) : <DefaultResult result={result} />}
          </div>
        )}
      </div>
    </div>
  );
}
