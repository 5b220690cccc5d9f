import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { QUEUE_DASHBOARD_URL } from '../../api/jobs';
import { ErrorAlert, SuccessMessage } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { Pagination } from '../../components/pagination';
import { EmptyState, ErrorState, ListStates, Loading } from '../../components/states';
import { currentLocale } from '../../i18n';
import { formatDateTime, formatUtc } from '../../lib/format';
import { pageParam, withParams } from '../../lib/search-params';
import { useMe } from '../auth/use-me';
import { useFailedJobs } from './use-failed-jobs';
import { useJobQueues } from './use-job-queues';
import { useRetryJob } from './use-retry-job';

const PAGE_SIZE = 20;
const COUNTS = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;

function QueuesSection() {
  const { t } = useTranslation();
  const ids = useId();
  const queues = useJobQueues();
  return (
    <section aria-labelledby={`${ids}-queues`} className="section">
      <div className="section-head">
        <h2 id={`${ids}-queues`}>{t('admin.jobs.queues')}</h2>
        <button type="button" className="button button-small" onClick={() => void queues.refetch()}>
          {t('admin.jobs.refresh')}
        </button>
      </div>
      {queues.isPending ? (
        <Loading />
      ) : queues.isError ? (
        <ErrorState error={queues.error} onRetry={() => void queues.refetch()} />
      ) : queues.data.length === 0 ? (
        <EmptyState>
          <p>{t('admin.jobs.queuesEmpty')}</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table aria-busy={queues.isFetching || undefined} data-testid="queue-table">
            <thead>
              <tr>
                <th scope="col">{t('admin.jobs.queue')}</th>
                {COUNTS.map((count) => (
                  <th scope="col" key={count} className="numeric">
                    {t(`admin.jobs.${count}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {queues.data.map((queue) => (
                <tr key={queue.queue} data-testid={`queue-row-${queue.queue}`}>
                  <th scope="row">
                    <code>{queue.queue}</code>
                  </th>
                  {COUNTS.map((count) => (
                    <td key={count} className={count === 'failed' && queue.failed > 0 ? 'numeric danger' : 'numeric'}>
                      {queue[count]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function FailedSection() {
  const { t } = useTranslation();
  const ids = useId();
  const me = useMe();
  const [searchParams, setSearchParams] = useSearchParams();
  const page = pageParam(searchParams.get('page'));
  const failed = useFailedJobs({ page, pageSize: PAGE_SIZE });
  const retry = useRetryJob();
  const timeZone = me.data?.timeZone;
  const locale = currentLocale();

  return (
    <section aria-labelledby={`${ids}-failed`} className="section">
      <h2 id={`${ids}-failed`}>{t('admin.jobs.failedTitle')}</h2>
      <p className="muted">{t('admin.jobs.failedIntro')}</p>
      {retry.isSuccess && (
        <SuccessMessage>
          {t('admin.jobs.retried', { id: retry.variables.id, queue: retry.variables.queue })}
        </SuccessMessage>
      )}
      <ErrorAlert error={retry.error} />
      <ListStates
        query={failed}
        page={page}
        onFirstPage={() => setSearchParams(withParams(searchParams, { page: 1 }))}
        empty={<p>{t('admin.jobs.failedEmpty')}</p>}
      >
        {(data) => (
          <>
            <p className="muted" aria-live="polite">
              {t('admin.jobs.failedTotal', { total: data.total })}
            </p>
            <div className="table-wrap">
              <table aria-busy={failed.isFetching || undefined} data-testid="failed-jobs-table">
                <thead>
                  <tr>
                    <th scope="col">{t('admin.jobs.queue')}</th>
                    <th scope="col">{t('admin.jobs.job')}</th>
                    <th scope="col">{t('admin.jobs.failedAt')}</th>
                    <th scope="col" className="numeric">
                      {t('admin.jobs.attempts')}
                    </th>
                    <th scope="col">{t('admin.jobs.reason')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('admin.users.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((job, index) => {
                    // By position: queue names and job ids may hold spaces, which an id reference cannot.
                    const jobId = `${ids}-job-${index}`;
                    const retrying =
                      retry.isPending && retry.variables.queue === job.queue && retry.variables.id === job.id;
                    return (
                      <tr key={`${job.queue}:${job.id}`} data-testid={`failed-job-${job.queue}-${job.id}`}>
                        <td>
                          <code>{job.queue}</code>
                        </td>
                        <td>
                          <span id={jobId}>
                            <span>{job.name}</span>{' '}
                            <code className="id" title={job.id}>
                              {job.id}
                            </code>
                          </span>
                          <details>
                            <summary>{t('admin.jobs.data')}</summary>
                            <pre>{JSON.stringify(job.data, null, 2)}</pre>
                          </details>
                        </td>
                        <td className="nowrap">
                          {job.failedAt ? (
                            <time dateTime={job.failedAt} title={formatUtc(job.failedAt)}>
                              {formatDateTime(job.failedAt, { timeZone, locale })}
                            </time>
                          ) : (
                            <span className="muted">{t('common.none')}</span>
                          )}
                        </td>
                        <td className="numeric">{job.attemptsMade}</td>
                        <td className="failed-reason">{job.failedReason}</td>
                        <td>
                          <button
                            type="button"
                            className="button button-small"
                            aria-describedby={jobId}
                            disabled={retrying}
                            aria-busy={retrying || undefined}
                            onClick={() => retry.mutate({ queue: job.queue, id: job.id })}
                          >
                            {t('admin.jobs.retry')}
                          </button>
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <Pagination
              page={data.page}
              pageSize={data.pageSize}
              total={data.total}
              onPageChange={(next) => setSearchParams(withParams(searchParams, { page: next }))}
            />
          </>
        )}
      </ListStates>
    </section>
  );
}

export function JobsPage() {
  const { t } = useTranslation();
  return (
    <div className="page">
      <PageTitle title={t('admin.jobs.title')} />
      <h1>{t('admin.jobs.title')}</h1>
      <p className="muted">{t('admin.jobs.intro')}</p>
      <p>
        <a href={QUEUE_DASHBOARD_URL}>{t('admin.jobs.dashboard')}</a>{' '}
        <span className="muted small">{t('admin.jobs.dashboardHint')}</span>
      </p>
      <QueuesSection />
      <FailedSection />
    </div>
  );
}
