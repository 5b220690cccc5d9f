import { zodResolver } from '@hookform/resolvers/zod';
import {
  type Locale,
  type FieldError as ProblemFieldError,
  type Recommendation,
  RecommendationSchema,
  type Review,
  type ReviewContent,
  ReviewContentSchema,
  type Rubric,
  weightedScore,
} from '@kizuna/shared';
import type { TFunction } from 'i18next';
import { useEffect, useId, useState } from 'react';
import { type Control, Controller, type FieldError, type FieldPath, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { ChoiceGroup, ErrorAlert, SuccessMessage, TextAreaField } from '../../../components/form';
import { currentLocale } from '../../../i18n';
import { fieldErrorMessage, problemMessage } from '../../../i18n/messages';
import { encodeIssue, zodIssueOptions } from '../../../lib/form-errors';
import { formatDate, formatDateTime, formatTime } from '../../../lib/format';
import { useViewerTimeZone } from '../../calls/call-text';
import { ScoreValue } from '../review-parts';
import { scoreText } from '../review-text';
import { type ReviewChange, reviewChanges } from './review-changes';
import { contentOf, type ReviewSaveStatus, reviewConflict, useReviewAutosave } from './use-review-autosave';
import { useSubmitReview } from './use-submit-review';

const RECOMMENDATIONS = RecommendationSchema.options;
const CONFIDENCE = [1, 2, 3, 4, 5] as const;
/** Scales with at most this many steps are radio buttons; longer ones a number input. */
const MAX_RADIO_STEPS = 11;

/** Every criterion of the rubric has a score entry (null until scored), so every input has a value. */
function withAllCriteria(content: ReviewContent, rubric: Pick<Rubric, 'criteria'>): ReviewContent {
  const scores: ReviewContent['scores'] = {};
  for (const criterion of rubric.criteria) scores[criterion.key] = content.scores[criterion.key] ?? null;
  return { ...contentOf(content), scores: { ...content.scores, ...scores } };
}

/** The form's values as a review's content (react-hook-form hands partial values to watchers). */
function asContent(values: Partial<ReviewContent> | undefined): ReviewContent {
  const scores: ReviewContent['scores'] = {};
  for (const [key, value] of Object.entries(values?.scores ?? {})) {
    scores[key] = typeof value === 'number' && Number.isFinite(value) ? value : null;
  }
  return {
    scores,
    commentsToApplicants: values?.commentsToApplicants ?? '',
    confidentialComments: values?.confidentialComments ?? '',
    confidence: values?.confidence ?? null,
    recommendation: values?.recommendation ?? null,
  };
}

/** One change in words: "Impact: 3 → 4", "Comments to applicants changed". */
export function ChangeText({ change }: { change: ReviewChange }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const value = (n: number | null) => (n === null ? t('common.none') : scoreText(n, locale));
  const recommendation = (r: Recommendation | null) =>
    r === null ? t('common.none') : t(`reviews.recommendation.${r}`);
  switch (change.kind) {
    case 'score':
      return <>{t('reviews.changes.score', { title: change.title, from: value(change.from), to: value(change.to) })}</>;
    case 'confidence':
      return <>{t('reviews.changes.confidence', { from: value(change.from), to: value(change.to) })}</>;
    case 'recommendation':
      return (
        <>
          {t('reviews.changes.recommendation', {
            from: recommendation(change.from),
            to: recommendation(change.to),
          })}
        </>
      );
    default:
      return <>{t(`reviews.changes.${change.kind}`)}</>;
  }
}

function ChangeList({ changes, testId }: { changes: ReviewChange[]; testId?: string }) {
  const { t } = useTranslation();
  if (changes.length === 0) return <p className="muted small">{t('reviews.changes.none')}</p>;
  return (
    <ul className="small" data-testid={testId}>
      {changes.map((change) => (
        <li key={change.kind === 'score' ? `score-${change.key}` : change.kind}>
          <ChangeText change={change} />
        </li>
      ))}
    </ul>
  );
}

/**
 * "Saved at 10:42" from the server's time of the last save (`updatedAt`), in the viewer's zone; with the date when
 * it was not today.
 */
function savedAtText(t: TFunction, savedAt: string, timeZone: string, locale: Locale): string {
  const today = formatDate(new Date().toISOString(), { timeZone, locale });
  return formatDate(savedAt, { timeZone, locale }) === today
    ? t('reviews.form.savedAt', { time: formatTime(savedAt, { timeZone, locale }) })
    : t('reviews.form.savedOn', { time: formatDateTime(savedAt, { timeZone, locale }) });
}

function SaveStatus({ status, savedAt, error }: { status: ReviewSaveStatus; savedAt: string | null; error: unknown }) {
  const { t } = useTranslation();
  const viewerTimeZone = useViewerTimeZone();
  const locale = currentLocale();
  const text =
    status === 'saving'
      ? t('reviews.form.saving')
      : status === 'dirty'
        ? t('reviews.form.unsaved')
        : status === 'saved' || status === 'idle'
          ? savedAt
            ? savedAtText(t, savedAt, viewerTimeZone, locale)
            : status === 'saved'
              ? t('reviews.form.saved')
              : ''
          : t('reviews.form.notSaved');
  return (
    <span className={`save-status save-status-${status}`} data-testid="review-save-status" data-status={status}>
      <span aria-live="polite">{text}</span>
      {status === 'error' && (
        <>
          {' '}
          <span className="field-error">{problemMessage(t, error)}</span>
        </>
      )}
    </span>
  );
}

type Criterion = Rubric['criteria'][number];

function CriterionField({
  criterion,
  scale,
  control,
  error,
}: {
  criterion: Criterion;
  scale: Rubric['scale'];
  control: Control<ReviewContent>;
  error: FieldError | undefined;
}) {
  const { t } = useTranslation();
  const id = useId();
  const steps = Array.from({ length: scale.max - scale.min + 1 }, (_, i) => scale.min + i);
  const legend = (
    <>
      {criterion.title} <span className="muted small">{t('reviews.weight', { weight: criterion.weight })}</span>
    </>
  );
  const hint = criterion.guidance ? <p className="pre-wrap criterion-guidance">{criterion.guidance}</p> : undefined;
  return (
    <Controller
      control={control}
      name={`scores.${criterion.key}`}
      render={({ field }) =>
        steps.length <= MAX_RADIO_STEPS ? (
          <ChoiceGroup legend={legend} hint={hint} error={error} testId={`criterion-${criterion.key}`}>
            {steps.map((step, index) => (
              <label key={step} className="radio score-option">
                <input
                  ref={index === 0 ? field.ref : undefined}
                  type="radio"
                  name={`${id}-${criterion.key}`}
                  value={step}
                  checked={field.value === step}
                  onChange={() => field.onChange(step)}
                  onBlur={field.onBlur}
                />
                {step}
              </label>
            ))}
            {field.value !== null && field.value !== undefined && (
              <button type="button" className="link-button small" onClick={() => field.onChange(null)}>
                {t('reviews.form.clearScore')}
              </button>
            )}
          </ChoiceGroup>
        ) : (
          <div className={error ? 'field field-invalid' : 'field'} data-testid={`criterion-${criterion.key}`}>
            <label htmlFor={`${id}-score`}>{legend}</label>
            {hint}
            <input
              id={`${id}-score`}
              ref={field.ref}
              type="number"
              min={scale.min}
              max={scale.max}
              step={1}
              value={field.value ?? ''}
              aria-invalid={error ? true : undefined}
              onChange={(event) => field.onChange(event.target.value === '' ? null : Number(event.target.value))}
              onBlur={field.onBlur}
            />
            <p className="field-hint">{t('reviews.form.scaleHint', { min: scale.min, max: scale.max })}</p>
            {error && (
              <p className="field-error" role="alert">
                {fieldErrorMessage(t, error)}
              </p>
            )}
          </div>
        )
      }
    />
  );
}

const CONTENT_FIELDS = new Set(['commentsToApplicants', 'confidentialComments', 'confidence', 'recommendation']);

/**
 * The review form, following the call's rubric: a score per criterion with its guidance, the weighted score as you
 * go, comments to applicants, confidential comments to the panel, confidence and recommendation. Saved as you type
 * (see useReviewAutosave); Submit sends the saved version. Browser tests: `review-form`, `criterion-<key>`,
 * `weighted-score`, `review-save-status` (data-status), `review-conflict` with "Keep mine" / "Take theirs",
 * `unsubmitted-changes`, `submit-review`.
 */
export function ReviewForm({
  assignmentId,
  rubric,
  review,
  delayMs,
}: {
  assignmentId: string;
  rubric: Rubric;
  review: Review;
  delayMs?: number;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const viewerTimeZone = useViewerTimeZone();
  const autosave = useReviewAutosave({ assignmentId, review, enabled: true, delayMs });
  const submit = useSubmitReview(assignmentId);
  const [submitError, setSubmitError] = useState<unknown>(null);
  const [submittedAt, setSubmittedAt] = useState<string | null>(null);
  const form = useForm<ReviewContent>({
    resolver: zodResolver(ReviewContentSchema, zodIssueOptions),
    defaultValues: withAllCriteria(autosave.initialContent, rubric),
  });
  const { control, register, formState } = form;
  const { errors } = formState;
  const { change } = autosave;

  // Every edit goes to autosave; a field the server complained about is cleared as soon as it changes.
  useEffect(() => {
    const subscription = form.watch((values, { name }) => {
      if (name) form.clearErrors(name as FieldPath<ReviewContent>);
      change(asContent(values as Partial<ReviewContent>));
    });
    return () => subscription.unsubscribe();
  }, [form, change]);

  const values = asContent(useWatch({ control }) as Partial<ReviewContent>);
  const live = weightedScore(rubric, values.scores);
  const lastRevision = review.revisions.at(-1);
  const unsubmitted = lastRevision ? reviewChanges(lastRevision.content, values, rubric) : [];
  const pending = submit.isPending || autosave.status === 'saving';

  const onSubmit = async () => {
    setSubmitError(null);
    setSubmittedAt(null);
    if (!(await form.trigger())) return;
    if (!(await autosave.flush())) return;
    try {
      const submitted = await submit.mutateAsync(autosave.version());
      autosave.accept(submitted);
      setSubmittedAt(submitted.submittedAt ?? new Date().toISOString());
    } catch (error) {
      const stale = reviewConflict(error);
      if (stale) {
        autosave.showConflict(stale);
        return;
      }
      const unplaced: ProblemFieldError[] = [];
      let first = true;
      if (error instanceof ApiError && error.status === 400) {
        for (const [path, fieldError] of Object.entries(error.fieldErrors)) {
          const known =
            CONTENT_FIELDS.has(path) ||
            (path.startsWith('scores.') && rubric.criteria.some((c) => `scores.${c.key}` === path));
          if (!known) {
            unplaced.push(fieldError);
            continue;
          }
          form.setError(
            path as FieldPath<ReviewContent>,
            { type: 'server', message: encodeIssue({ code: fieldError.code, params: fieldError.params }) },
            { shouldFocus: first },
          );
          first = false;
        }
      }
      if (first || unplaced.length > 0) setSubmitError(error);
    }
  };

  const conflict = autosave.conflict;
  const resubmit = review.status === 'SUBMITTED' || review.revisions.length > 0;

  return (
    <section className="card stack review-form" aria-labelledby="review-form-title" data-testid="review-form">
      <div className="section-head">
        <h2 id="review-form-title">{t('reviews.form.title')}</h2>
        <SaveStatus status={autosave.status} savedAt={autosave.savedAt} error={autosave.error} />
      </div>
      {autosave.restored && (
        <p className="alert alert-warning small" role="status" data-testid="review-draft-restored">
          {t('reviews.form.restored')}
        </p>
      )}
      {conflict && (
        <div className="alert alert-warning stack" role="alert" data-testid="review-conflict">
          <p>{t('reviews.form.conflict', { version: conflict.current })}</p>
          {conflict.theirs && (
            <div>
              <p className="small">{t('reviews.form.conflictDiff')}</p>
              <ChangeList
                changes={reviewChanges(contentOf(conflict.theirs), values, rubric)}
                testId="review-conflict-changes"
              />
            </div>
          )}
          <div className="actions">
            <button type="button" className="button button-primary" onClick={autosave.keepMine}>
              {t('reviews.form.keepMine')}
            </button>
            <button
              type="button"
              className="button"
              onClick={async () => {
                const theirs = await autosave.takeTheirs();
                if (theirs) form.reset(withAllCriteria(theirs, rubric));
              }}
            >
              {t('reviews.form.takeTheirs')}
            </button>
          </div>
          <p className="small muted">{t('reviews.form.conflictHint')}</p>
        </div>
      )}

      <div className="stack">
        <h3>{t('reviews.form.scores')}</h3>
        <p className="muted small">{t('reviews.form.scoresIntro', { min: rubric.scale.min, max: rubric.scale.max })}</p>
        {rubric.criteria.map((criterion) => (
          <CriterionField
            key={criterion.key}
            criterion={criterion}
            scale={rubric.scale}
            control={control}
            error={errors.scores?.[criterion.key] as FieldError | undefined}
          />
        ))}
        <p className="weighted-score" aria-live="polite">
          {t('reviews.form.weightedScore')}{' '}
          <strong>
            <ScoreValue value={live} max={rubric.scale.max} testId="weighted-score" />
          </strong>
          {live === null && <span className="muted small"> {t('reviews.form.weightedScoreIncomplete')}</span>}
        </p>
      </div>

      <TextAreaField
        label={t('reviews.form.commentsToApplicants')}
        hint={t('reviews.form.commentsToApplicantsHint')}
        rows={8}
        maxLength={20000}
        error={errors.commentsToApplicants}
        {...register('commentsToApplicants')}
      />
      <TextAreaField
        label={t('reviews.form.confidentialComments')}
        hint={t('reviews.form.confidentialCommentsHint')}
        rows={4}
        maxLength={20000}
        error={errors.confidentialComments}
        {...register('confidentialComments')}
      />
      <Controller
        control={control}
        name="confidence"
        render={({ field }) => (
          <ChoiceGroup legend={t('reviews.form.confidence')} error={errors.confidence} testId="review-confidence">
            {CONFIDENCE.map((level, index) => (
              <label key={level} className="radio">
                <input
                  ref={index === 0 ? field.ref : undefined}
                  type="radio"
                  name="review-confidence"
                  value={level}
                  checked={field.value === level}
                  onChange={() => field.onChange(level)}
                />
                {t(`reviews.form.confidenceLevels.${level}`)}
              </label>
            ))}
          </ChoiceGroup>
        )}
      />
      <Controller
        control={control}
        name="recommendation"
        render={({ field }) => (
          <ChoiceGroup
            legend={t('reviews.form.recommendationLabel')}
            error={errors.recommendation}
            testId="review-recommendation"
          >
            {RECOMMENDATIONS.map((value, index) => (
              <label key={value} className="radio">
                <input
                  ref={index === 0 ? field.ref : undefined}
                  type="radio"
                  name="review-recommendation"
                  value={value}
                  checked={field.value === value}
                  onChange={() => field.onChange(value)}
                />
                {t(`reviews.recommendation.${value}`)}
              </label>
            ))}
          </ChoiceGroup>
        )}
      />

      {lastRevision && unsubmitted.length > 0 && (
        <div className="alert alert-warning" role="status" data-testid="unsubmitted-changes">
          <p>{t('reviews.form.unsubmitted', { number: lastRevision.number })}</p>
          <ChangeList changes={unsubmitted} />
        </div>
      )}
      {submittedAt && !conflict && unsubmitted.length === 0 && (
        <SuccessMessage>
          {t('reviews.form.submitted', { time: formatDateTime(submittedAt, { timeZone: viewerTimeZone, locale }) })}
        </SuccessMessage>
      )}
      <ErrorAlert error={submitError} listFieldErrors={submitError instanceof ApiError && submitError.status === 400} />
      <div className="editor-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={pending || !!conflict}
          aria-busy={submit.isPending || undefined}
          data-testid="submit-review"
          onClick={() => void onSubmit()}
        >
          {submit.isPending && <span className="spinner spinner-small" aria-hidden="true" />}
          {resubmit ? t('reviews.form.submitAgain') : t('reviews.form.submit')}
        </button>
        <span className="muted small">
          {resubmit && unsubmitted.length === 0 && lastRevision
            ? t('reviews.form.upToDate', { number: lastRevision.number })
            : t('reviews.form.submitHint')}
        </span>
      </div>
    </section>
  );
}

/** The revisions the reviewer submitted, newest first, each with what changed from the one before. */
export function RevisionHistory({ review, rubric }: { review: Review; rubric: Rubric }) {
  const { t } = useTranslation();
  const viewerTimeZone = useViewerTimeZone();
  const locale = currentLocale();
  if (review.revisions.length === 0) return null;
  const revisions = [...review.revisions].sort((a, b) => b.number - a.number);
  return (
    <section className="card stack-tight" aria-labelledby="revisions-title" data-testid="review-revisions">
      <h2 id="revisions-title">{t('reviews.revisions.title')}</h2>
      <ol className="plain-list revision-list" reversed>
        {revisions.map((revision) => {
          const previous = review.revisions.find((r) => r.number === revision.number - 1);
          const score = weightedScore(rubric, revision.content.scores);
          return (
            <li key={revision.number} data-testid={`revision-${revision.number}`}>
              <p>
                <strong>{t('reviews.revisions.revision', { number: revision.number })}</strong>{' '}
                <span className="muted small">
                  {formatDateTime(revision.submittedAt, { timeZone: viewerTimeZone, locale })}
                </span>{' '}
                <span className="small">
                  {t('reviews.revisions.score')} <ScoreValue value={score} max={rubric.scale.max} />
                </span>
              </p>
              {previous ? (
                <ChangeList changes={reviewChanges(previous.content, revision.content, rubric)} />
              ) : (
                <p className="muted small">{t('reviews.revisions.first')}</p>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
