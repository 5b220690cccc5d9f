import type { Call } from '@kizuna/shared';
import { useTranslation } from 'react-i18next';
import type { ReviewProgress } from '../../../api/reviews';
import { EmptyState, ErrorState, Loading } from '../../../components/states';
import { currentLocale } from '../../../i18n';
import { formatNumber } from '../../../lib/format';
import { useNow } from '../../../lib/use-now';
import { useViewerTimeZone } from '../../calls/call-text';
import { ReviewDeadline } from '../review-parts';
import { scoreText } from '../review-text';
import { useProgress } from './use-evaluation-queries';

const WIDTH = 320;
const HEIGHT = 140;
const AXIS = 20;

/**
 * The distribution of submitted weighted scores as a small bar chart in plain SVG; the same numbers are in a table
 * for screen readers.
 */
export function ScoreHistogram({ buckets }: { buckets: ReviewProgress['distribution'] }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const total = buckets.reduce((sum, b) => sum + b.count, 0);
  const slot = buckets.length ? WIDTH / buckets.length : WIDTH;
  const range = (b: { from: number; to: number }) =>
    t('reviews.manage.progress.range', { from: scoreText(b.from, locale, 1), to: scoreText(b.to, locale, 1) });
  if (total === 0) return <p className="muted">{t('reviews.manage.progress.noScores')}</p>;
  return (
    <figure className="histogram" data-testid="score-histogram">
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT + AXIS}`}
        role="img"
        aria-labelledby="histogram-caption"
        preserveAspectRatio="xMidYMid meet"
      >
        <title>{t('reviews.manage.progress.histogramCaption', { count: total })}</title>
        {buckets.map((bucket, index) => {
          const height = (bucket.count / max) * (HEIGHT - 14);
          const x = index * slot + 2;
          return (
            <g key={`${bucket.from}-${bucket.to}`} data-testid="histogram-bar" data-count={bucket.count}>
              <title>{t('reviews.manage.progress.bar', { range: range(bucket), count: bucket.count })}</title>
              <rect className="histogram-bar" x={x} y={HEIGHT - height} width={slot - 4} height={height} rx={2} />
              {bucket.count > 0 && (
                <text className="histogram-count" x={x + (slot - 4) / 2} y={HEIGHT - height - 3} textAnchor="middle">
                  {bucket.count}
                </text>
              )}
              {(index === 0 || index === buckets.length - 1 || index % 2 === 0) && (
                <text className="histogram-axis" x={x + (slot - 4) / 2} y={HEIGHT + 14} textAnchor="middle">
                  {scoreText(bucket.from, locale, 1)}
                </text>
              )}
            </g>
          );
        })}
        <line className="histogram-baseline" x1={0} x2={WIDTH} y1={HEIGHT} y2={HEIGHT} />
      </svg>
      <figcaption id="histogram-caption">{t('reviews.manage.progress.histogramCaption', { count: total })}</figcaption>
      <table className="visually-hidden">
        <thead>
          <tr>
            <th scope="col">{t('reviews.manage.progress.scoreRange')}</th>
            <th scope="col">{t('reviews.manage.progress.reviews')}</th>
          </tr>
        </thead>
        <tbody>
          {buckets.map((bucket) => (
            <tr key={`${bucket.from}-${bucket.to}`}>
              <th scope="row">{range(bucket)}</th>
              <td>{formatNumber(bucket.count, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

const COUNTS = ['invited', 'accepted', 'declined', 'submitted', 'overdue'] as const;

/** Progress: how many reviews are done, due and overdue, who is late by how long, and the score distribution. */
export function ProgressTab({ call }: { call: Call }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const viewerTimeZone = useViewerTimeZone();
  const now = useNow();
  const progress = useProgress(call.id);
  if (progress.isPending) return <Loading />;
  if (progress.isError) return <ErrorState error={progress.error} onRetry={() => void progress.refetch()} />;
  const data = progress.data;
  return (
    <div className="stack">
      <div className="grid-2">
        <section className="card stack-tight" aria-labelledby="progress-counts-title">
          <h2 id="progress-counts-title">{t('reviews.manage.progress.countsTitle')}</h2>
          <ReviewDeadline
            deadline={data.reviewDeadline}
            timeZone={call.timeZone}
            viewerTimeZone={viewerTimeZone}
            now={now}
          />
          <dl className="facts" data-testid="progress-counts">
            {COUNTS.map((key) => (
              <div key={key} className="contents">
                <dt>{t(`reviews.manage.progress.counts.${key}`)}</dt>
                <dd className={key === 'overdue' && data.counts.overdue > 0 ? 'numeric danger-text' : 'numeric'}>
                  {formatNumber(data.counts[key], locale)}
                </dd>
              </div>
            ))}
          </dl>
        </section>
        <section className="card stack-tight" aria-labelledby="progress-distribution-title">
          <h2 id="progress-distribution-title">{t('reviews.manage.progress.distributionTitle')}</h2>
          <ScoreHistogram buckets={data.distribution} />
        </section>
      </div>
      <section className="stack-tight" aria-labelledby="progress-reviewers-title">
        <h2 id="progress-reviewers-title">{t('reviews.manage.progress.reviewersTitle')}</h2>
        {data.reviewers.length === 0 ? (
          <EmptyState>
            <p>{t('reviews.manage.progress.noReviewers')}</p>
          </EmptyState>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('reviews.manage.progress.reviewer')}</th>
                  <th scope="col" className="numeric">
                    {t('reviews.manage.progress.assigned')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('reviews.manage.progress.submitted')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('reviews.manage.progress.overdue')}
                  </th>
                  <th scope="col" className="numeric">
                    {t('reviews.manage.progress.daysLate')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {data.reviewers.map((reviewer) => (
                  <tr key={reviewer.id} data-testid="progress-reviewer" data-overdue={reviewer.overdue > 0}>
                    <th scope="row">
                      {reviewer.displayName}
                      <br />
                      <a className="small" href={`mailto:${reviewer.email}`}>
                        {reviewer.email}
                      </a>
                    </th>
                    <td className="numeric">{formatNumber(reviewer.assigned, locale)}</td>
                    <td className="numeric">{formatNumber(reviewer.submitted, locale)}</td>
                    <td className={reviewer.overdue > 0 ? 'numeric danger' : 'numeric'}>
                      {formatNumber(reviewer.overdue, locale)}
                    </td>
                    <td className="numeric">
                      {reviewer.daysLate === null
                        ? t('common.none')
                        : t('reviews.manage.progress.days', { count: reviewer.daysLate })}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
