import type { Rubric } from '@kizuna/shared';
import { useTranslation } from 'react-i18next';
import type { AssignmentStatus } from '../../api/reviews';
import { currentLocale } from '../../i18n';
import { formatRelative } from '../../lib/format';
import { ViewerTime, ZonedTime } from '../calls/call-parts';
import { assignmentStatusClass, scoreText } from './review-text';

export function AssignmentStatusBadge({ status }: { status: AssignmentStatus }) {
  const { t } = useTranslation();
  return (
    <span className={assignmentStatusClass(status)} data-testid="assignment-status" data-status={status}>
      {t(`reviews.status.${status}`)}
    </span>
  );
}

/**
 * A review deadline in the call's time zone and in the viewer's, and how far away it is ("due in 3 days",
 * "overdue: 2 days ago"); "no deadline yet" when the managers have not set one.
 */
export function ReviewDeadline({
  deadline,
  timeZone,
  viewerTimeZone,
  now,
  compact = false,
}: {
  deadline: string | null;
  timeZone: string;
  viewerTimeZone: string;
  now: number;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  if (!deadline) return <span className="muted">{t('reviews.deadline.none')}</span>;
  const past = Date.parse(deadline) <= now;
  const relative = formatRelative(deadline, { locale, now });
  return (
    <div className={compact ? 'stack-tight small' : 'deadline'} data-testid="review-deadline" data-past={past}>
      {!compact && <span className="deadline-label">{t('reviews.deadline.label')}</span>}
      <ZonedTime iso={deadline} timeZone={timeZone} testId="review-deadline-call-zone" />
      <ViewerTime iso={deadline} viewerTimeZone={viewerTimeZone} testId="review-deadline-viewer-zone" />
      <span className={past ? 'deadline-relative deadline-past' : 'deadline-relative'}>
        {past ? t('reviews.deadline.overdue', { relative }) : t('reviews.deadline.due', { relative })}
      </span>
    </div>
  );
}

/** "3.75 / 5": a weighted score on the call's scale, or a dash. */
export function ScoreValue({ value, max, testId }: { value: number | null; max?: number; testId?: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  if (value === null) return <span data-testid={testId}>{t('common.none')}</span>;
  return (
    <span className="numeric" data-testid={testId}>
      {max === undefined
        ? scoreText(value, locale)
        : t('reviews.scoreOfMax', { score: scoreText(value, locale), max: scoreText(max, locale) })}
    </span>
  );
}

/** The score of each criterion of a rubric (criteria the rubric no longer has are left out). */
export function CriterionScores({
  rubric,
  scores,
}: {
  rubric: Pick<Rubric, 'criteria' | 'scale'> | undefined;
  scores: Record<string, number | null>;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const criteria = rubric?.criteria ?? Object.keys(scores).map((key) => ({ key, title: key, weight: null }));
  return (
    <dl className="facts criterion-scores">
      {criteria.map((criterion) => {
        const score = scores[criterion.key];
        return (
          <div key={criterion.key} className="contents" data-testid={`criterion-score-${criterion.key}`}>
            <dt>
              {criterion.title}
              {criterion.weight !== null && (
                <span className="muted small"> {t('reviews.weight', { weight: criterion.weight })}</span>
              )}
            </dt>
            <dd>
              {score === null || score === undefined
                ? t('common.none')
                : rubric
                  ? t('reviews.scoreOfMax', { score: scoreText(score, locale), max: rubric.scale.max })
                  : scoreText(score, locale)}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
