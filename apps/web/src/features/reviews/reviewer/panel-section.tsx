import { zodResolver } from '@hookform/resolvers/zod';
import { contract, type Panel, type Rubric } from '@kizuna/shared';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { ErrorAlert, SelectField, SubmitButton, SuccessMessage, TextAreaField } from '../../../components/form';
import { ErrorState, Loading } from '../../../components/states';
import { currentLocale } from '../../../i18n';
import { applyServerErrors, zodIssueOptions } from '../../../lib/form-errors';
import { formatDateTime } from '../../../lib/format';
import { useLiveEvent } from '../../../shell/use-live-updates';
import { useViewerTimeZone } from '../../calls/call-text';
import { CriterionScores, ScoreValue } from '../review-parts';
import { peopleLabel, personLabel } from '../review-text';
import { usePanel } from './use-panel';
import { useApproveConsensus, usePostMessage, useSaveConsensus, useSetRapporteur } from './use-panel-actions';

const messageSchema = contract.reviewer.postMessage.body!;

/** Who reads the panel: one of its reviewers (after submitting), or a manager of the programme (names, no approving). */
export type PanelViewer = 'reviewer' | 'manager';

function isStale(error: unknown): boolean {
  return error instanceof ApiError && error.status === 409;
}

function PanelReviews({ panel, rubric, viewer }: { panel: Panel; rubric: Rubric; viewer: PanelViewer }) {
  const { t } = useTranslation();
  const viewerTimeZone = useViewerTimeZone();
  const locale = currentLocale();
  return (
    <section className="stack" aria-labelledby="panel-reviews-title" data-testid="panel-reviews">
      <h3 id="panel-reviews-title">{t('reviews.panel.reviews')}</h3>
      {panel.reviews.length === 0 && (
        <p className="muted">{viewer === 'manager' ? t('reviews.panel.noReviewsYet') : t('reviews.panel.noReviews')}</p>
      )}
      {panel.reviews.map((review, index) => (
        <article
          key={review.reviewer.ordinal ?? `review-${index}`}
          className="card stack-tight"
          data-testid="panel-review"
          data-mine={review.reviewer.me}
        >
          <div className="section-head">
            <h4 data-testid="panel-review-author">
              {personLabel(t, review.reviewer, { you: false })}
              {review.reviewer.me && <span className="tag small"> {t('reviews.panel.mine')}</span>}
            </h4>
            <span>
              {t('reviews.panel.weightedScore')}{' '}
              <strong>
                <ScoreValue value={review.weightedScore} max={rubric.scale.max} />
              </strong>
            </span>
          </div>
          <p className="muted small">
            {t('reviews.panel.submittedAt', {
              time: formatDateTime(review.submittedAt, { timeZone: viewerTimeZone, locale }),
            })}
          </p>
          <CriterionScores rubric={rubric} scores={review.content.scores} />
          <dl className="facts">
            <dt>{t('reviews.form.confidence')}</dt>
            <dd>
              {review.content.confidence === null
                ? t('common.none')
                : t(`reviews.form.confidenceLevels.${review.content.confidence as 1 | 2 | 3 | 4 | 5}`)}
            </dd>
            <dt>{t('reviews.form.recommendationLabel')}</dt>
            <dd>
              {review.content.recommendation
                ? t(`reviews.recommendation.${review.content.recommendation}`)
                : t('common.none')}
            </dd>
          </dl>
          <h5>{t('reviews.form.commentsToApplicants')}</h5>
          <div className="pre-wrap">{review.content.commentsToApplicants || t('common.none')}</div>
          <h5>{t('reviews.form.confidentialComments')}</h5>
          <div className="pre-wrap">{review.content.confidentialComments || t('common.none')}</div>
        </article>
      ))}
    </section>
  );
}

function Discussion({ panel }: { panel: Panel }) {
  const { t } = useTranslation();
  const viewerTimeZone = useViewerTimeZone();
  const locale = currentLocale();
  const post = usePostMessage(panel.proposal.id);
  const form = useForm<{ body: string }>({
    resolver: zodResolver(messageSchema, zodIssueOptions),
    defaultValues: { body: '' },
  });
  const onSubmit = form.handleSubmit(async ({ body }) => {
    try {
      await post.mutateAsync(body);
      form.reset({ body: '' });
    } catch (error) {
      applyServerErrors(error, form.setError, ['body']);
    }
  });
  return (
    <section className="stack" aria-labelledby="panel-discussion-title" data-testid="panel-discussion">
      <h3 id="panel-discussion-title">{t('reviews.panel.discussion')}</h3>
      {panel.messages.length === 0 ? (
        <p className="muted">{t('reviews.panel.noMessages')}</p>
      ) : (
        <ol className="plain-list message-list">
          {panel.messages.map((message) => (
            <li
              key={message.id}
              className={message.author.me ? 'message message-mine' : 'message'}
              data-testid="panel-message"
              data-mine={message.author.me}
            >
              <p className="small">
                <strong data-testid="panel-message-author">{personLabel(t, message.author)}</strong>{' '}
                <span className="muted">{formatDateTime(message.createdAt, { timeZone: viewerTimeZone, locale })}</span>
              </p>
              <div className="pre-wrap">{message.body}</div>
            </li>
          ))}
        </ol>
      )}
      <form onSubmit={onSubmit} noValidate className="stack-tight">
        <ErrorAlert error={post.error instanceof ApiError && post.error.status === 400 ? null : post.error} />
        <TextAreaField
          label={t('reviews.panel.message')}
          hint={t('reviews.panel.messageHint')}
          rows={3}
          maxLength={10000}
          error={form.formState.errors.body}
          {...form.register('body')}
        />
        <div>
          <SubmitButton pending={post.isPending} label={t('reviews.panel.post')} />
        </div>
      </form>
    </section>
  );
}

/** A manager names the rapporteur among the panel's reviewers, until the report is approved. */
function RapporteurPicker({ panel, onChanged }: { panel: Panel; onChanged: (notice: string) => void }) {
  const { t } = useTranslation();
  const change = useSetRapporteur(panel.proposal.id);
  const current = panel.consensus?.rapporteur.ordinal ?? null;
  const [ordinal, setOrdinal] = useState(current);
  const reviewers = panel.reviews.map((review) => review.reviewer).filter((person) => person.ordinal !== null);
  if (reviewers.length < 2) return null;
  return (
    <form
      className="stack-tight"
      data-testid="rapporteur-picker"
      onSubmit={(event) => {
        event.preventDefault();
        if (ordinal === null) return;
        change.mutate(ordinal, {
          onSuccess: (next) =>
            next.consensus &&
            onChanged(t('reviews.panel.rapporteurChanged', { rapporteur: personLabel(t, next.consensus.rapporteur) })),
        });
      }}
    >
      <SelectField
        label={t('reviews.panel.chooseRapporteur')}
        hint={t('reviews.panel.chooseRapporteurHint')}
        value={ordinal ?? ''}
        onChange={(event) => setOrdinal(Number(event.target.value))}
      >
        {reviewers.map((person) => (
          <option key={person.ordinal} value={person.ordinal ?? ''}>
            {personLabel(t, person)}
          </option>
        ))}
      </SelectField>
      <ErrorAlert error={change.error} />
      <div className="actions">
        <button type="submit" className="button" disabled={change.isPending || ordinal === current}>
          {t('reviews.panel.makeRapporteur')}
        </button>
      </div>
    </form>
  );
}

function Consensus({
  panel,
  viewer,
  onReload,
}: {
  panel: Panel;
  viewer: PanelViewer;
  onReload: () => Promise<Panel | undefined>;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const consensus = panel.consensus;
  const save = useSaveConsensus(panel.proposal.id);
  const approve = useApproveConsensus(panel.proposal.id);
  const form = useForm<{ body: string }>({ defaultValues: { body: consensus?.body ?? '' } });
  const [notice, setNotice] = useState<string | null>(null);
  const stale = isStale(save.error) || isStale(approve.error);
  const iAmRapporteur = consensus?.rapporteur.me ?? false;
  const canApprove = viewer === 'reviewer' && !iAmRapporteur;

  if (!consensus) {
    return (
      <section className="stack" aria-labelledby="panel-consensus-title" data-testid="panel-consensus">
        <h3 id="panel-consensus-title">{t('reviews.panel.consensus')}</h3>
        <p className="muted">{t('reviews.panel.noConsensus')}</p>
      </section>
    );
  }

  const store = (propose: boolean) =>
    form.handleSubmit(async ({ body }) => {
      setNotice(null);
      approve.reset();
      try {
        const next = await save.mutateAsync({ body, version: consensus.version, propose });
        form.reset({ body: next.consensus?.body ?? body });
        setNotice(propose ? t('reviews.panel.proposed') : t('reviews.panel.draftSaved'));
      } catch (error) {
        applyServerErrors(error, form.setError, ['body']);
      }
    })();

  const reload = async () => {
    save.reset();
    approve.reset();
    setNotice(null);
    const current = await onReload();
    form.reset({ body: current?.consensus?.body ?? '' });
  };

  return (
    <section
      className="stack"
      aria-labelledby="panel-consensus-title"
      data-testid="panel-consensus"
      data-status={consensus.status}
    >
      <div className="section-head">
        <h3 id="panel-consensus-title">{t('reviews.panel.consensus')}</h3>
        <span className={consensus.status === 'APPROVED' ? 'badge badge-open' : 'badge badge-published'}>
          {t(`reviews.consensusStatus.${consensus.status}`)}
        </span>
      </div>
      <p className="small" data-testid="consensus-rapporteur">
        {iAmRapporteur
          ? t('reviews.panel.youAreRapporteur')
          : t('reviews.panel.rapporteur', { rapporteur: personLabel(t, consensus.rapporteur) })}
      </p>
      {viewer === 'manager' && consensus.status !== 'APPROVED' && (
        <RapporteurPicker panel={panel} onChanged={setNotice} />
      )}
      {stale && (
        <div className="alert alert-warning" role="alert" data-testid="consensus-stale">
          <p>{t('reviews.panel.consensusStale')}</p>
          <button type="button" className="button" onClick={() => void reload()}>
            {t('reviews.panel.reload')}
          </button>
        </div>
      )}
      {notice && <SuccessMessage>{notice}</SuccessMessage>}
      {!stale && <ErrorAlert error={save.error instanceof ApiError && save.error.status === 400 ? null : save.error} />}
      {!stale && <ErrorAlert error={approve.error} />}
      {iAmRapporteur ? (
        <form onSubmit={(event) => event.preventDefault()} noValidate className="stack-tight">
          <TextAreaField
            label={t('reviews.panel.report')}
            hint={t('reviews.panel.reportHint')}
            rows={8}
            maxLength={20000}
            error={form.formState.errors.body}
            {...form.register('body')}
          />
          <div className="actions">
            <button type="button" className="button" disabled={save.isPending} onClick={() => void store(false)}>
              {t('reviews.panel.saveDraft')}
            </button>
            <button
              type="button"
              className="button button-primary"
              disabled={save.isPending}
              onClick={() => void store(true)}
            >
              {t('reviews.panel.propose')}
            </button>
          </div>
        </form>
      ) : (
        <div className="pre-wrap read-only-text" data-testid="consensus-body">
          {consensus.body || <span className="muted">{t('reviews.panel.notWritten')}</span>}
        </div>
      )}
      {consensus.approvals.length > 0 && (
        <p className="small" data-testid="consensus-approvals">
          {t('reviews.panel.approvedBy', { names: peopleLabel(t, consensus.approvals, locale) })}
        </p>
      )}
      {consensus.status === 'PROPOSED' && consensus.awaiting.length > 0 && (
        <p className="small muted" data-testid="consensus-awaiting">
          {t('reviews.panel.awaiting', { names: peopleLabel(t, consensus.awaiting, locale) })}
        </p>
      )}
      {canApprove && consensus.status === 'PROPOSED' && !consensus.iApproved && (
        <div className="actions">
          <button
            type="button"
            className="button button-primary"
            disabled={approve.isPending}
            aria-busy={approve.isPending || undefined}
            onClick={() => {
              setNotice(null);
              approve.mutate(consensus.version, { onSuccess: () => setNotice(t('reviews.panel.approved')) });
            }}
          >
            {t('reviews.panel.approve')}
          </button>
        </div>
      )}
      {canApprove && consensus.iApproved && consensus.status === 'PROPOSED' && (
        <p className="small">{t('reviews.panel.youApproved')}</p>
      )}
    </section>
  );
}

/**
 * A proposal's panel. For one of its reviewers, once their own review is submitted: the other reviews ("Reviewer n"
 * only), the discussion, and the consensus report the rapporteur writes and the others approve. For a manager of the
 * programme (`viewer="manager"`): the same with the reviewers' names; managers post to the discussion but neither
 * write nor approve the report. Browser tests: `review-panel`, `panel-review`, `panel-message`, `panel-consensus`
 * (data-status).
 */
export function PanelSection({
  proposalId,
  rubric,
  viewer = 'reviewer',
}: {
  proposalId: string;
  rubric: Rubric;
  viewer?: PanelViewer;
}) {
  const { t } = useTranslation();
  const panel = usePanel(proposalId);
  // Someone else posted, wrote, approved or submitted: read the panel again (what is being typed here stays).
  useLiveEvent('panel', (event) => {
    if (event.proposalId === proposalId) void panel.refetch();
  });
  return (
    <section
      className="card stack"
      aria-labelledby="review-panel-title"
      data-testid="review-panel"
      data-viewer={viewer}
    >
      <h2 id="review-panel-title">{t('reviews.panel.title')}</h2>
      <p className="muted small">{viewer === 'manager' ? t('reviews.panel.managerIntro') : t('reviews.panel.intro')}</p>
      {panel.isPending ? (
        <Loading />
      ) : panel.isError ? (
        viewer === 'reviewer' && panel.error instanceof ApiError && panel.error.status === 403 ? (
          <p className="muted">{t('reviews.panel.submitFirst')}</p>
        ) : (
          <ErrorState error={panel.error} onRetry={() => void panel.refetch()} />
        )
      ) : (
        <>
          <PanelReviews panel={panel.data} rubric={rubric} viewer={viewer} />
          <Discussion panel={panel.data} />
          <Consensus panel={panel.data} viewer={viewer} onReload={async () => (await panel.refetch()).data} />
        </>
      )}
    </section>
  );
}
