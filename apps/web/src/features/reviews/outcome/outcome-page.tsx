import type { Rubric } from '@kizuna/shared';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../api/client';
import type { ProposalOutcome } from '../../../api/reviews';
import { PageTitle } from '../../../components/page-title';
import { EmptyState, ErrorState, Loading } from '../../../components/states';
import { useCall } from '../../calls/use-call';
import { useProposal } from '../../proposals/use-proposal';
import { CriterionScores, ScoreValue } from '../review-parts';
import { outcomeClass } from '../review-text';
import { useOutcome } from './use-outcome';

/** The released decision, its reason, the consensus report and each reviewer's comments to the applicants. */
export function OutcomeView({ outcome, rubric }: { outcome: ProposalOutcome; rubric: Rubric | undefined }) {
  const { t } = useTranslation();
  if (!outcome.released || !outcome.outcome) {
    return (
      <EmptyState>
        <p data-testid="outcome-not-released">{t('reviews.outcome.notReleased')}</p>
      </EmptyState>
    );
  }
  return (
    <div className="stack" data-testid="outcome" data-outcome={outcome.outcome}>
      <section className="card stack-tight" aria-labelledby="outcome-decision-title">
        <h2 id="outcome-decision-title">{t('reviews.outcome.decision')}</h2>
        <p>
          <span className={outcomeClass(outcome.outcome)} data-testid="outcome-decision">
            {t(`proposals.status.${outcome.outcome}`)}
          </span>
        </p>
        <p className="muted small">{t(`reviews.outcome.meaning.${outcome.outcome}`)}</p>
        {outcome.reason && (
          <>
            <h3>{t('reviews.outcome.reason')}</h3>
            <div className="pre-wrap" data-testid="outcome-reason">
              {outcome.reason}
            </div>
          </>
        )}
      </section>
      <section className="card stack-tight" aria-labelledby="outcome-consensus-title">
        <h2 id="outcome-consensus-title">{t('reviews.outcome.consensus')}</h2>
        {outcome.consensus ? (
          <div className="pre-wrap" data-testid="outcome-consensus">
            {outcome.consensus}
          </div>
        ) : (
          <p className="muted">{t('reviews.outcome.noConsensus')}</p>
        )}
      </section>
      <section className="stack" aria-labelledby="outcome-reviews-title">
        <h2 id="outcome-reviews-title">{t('reviews.outcome.reviews')}</h2>
        <p className="muted small">{t('reviews.outcome.reviewsIntro')}</p>
        {outcome.reviews.length === 0 && <p className="muted">{t('reviews.outcome.noReviews')}</p>}
        {outcome.reviews.map((review) => (
          <article key={review.number} className="card stack-tight" data-testid="outcome-review">
            <div className="section-head">
              <h3>{t('reviews.labels.reviewer', { n: review.number })}</h3>
              <span>
                {t('reviews.panel.weightedScore')}{' '}
                <strong>
                  <ScoreValue value={review.weightedScore} max={rubric?.scale.max} />
                </strong>
              </span>
            </div>
            <CriterionScores rubric={rubric} scores={review.scores} />
            <h4>{t('reviews.form.commentsToApplicants')}</h4>
            <div className="pre-wrap">{review.commentsToApplicants || t('common.none')}</div>
          </article>
        ))}
      </section>
    </div>
  );
}

/** `/proposals/:id/outcome`: what the consortium learns once the decisions of the call are released. */
export function OutcomePage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const proposal = useProposal(id);
  const call = useCall(proposal.data?.call.id);
  const outcome = useOutcome(id);
  const notFound =
    (proposal.error instanceof ApiError && (proposal.error.status === 404 || proposal.error.status === 400)) ||
    (outcome.error instanceof ApiError && (outcome.error.status === 404 || outcome.error.status === 400));
  return (
    <div className="page">
      <p className="breadcrumb">
        {proposal.data ? (
          <Link to={`/proposals/${proposal.data.id}`}>{proposal.data.acronym}</Link>
        ) : (
          <Link to="/proposals">{t('proposals.mine.title')}</Link>
        )}
      </p>
      {notFound ? (
        <EmptyState>
          <PageTitle title={t('pages.notFound.title')} />
          <h1>{t('pages.notFound.title')}</h1>
          <p>{t('proposals.workspace.notFound')}</p>
          <p>
            <Link to="/proposals">{t('proposals.mine.title')}</Link>
          </p>
        </EmptyState>
      ) : proposal.isPending || outcome.isPending ? (
        <Loading />
      ) : proposal.isError ? (
        <ErrorState error={proposal.error} onRetry={() => void proposal.refetch()} />
      ) : outcome.isError ? (
        <ErrorState error={outcome.error} onRetry={() => void outcome.refetch()} />
      ) : (
        <article aria-labelledby="outcome-title">
          <PageTitle title={t('reviews.outcome.pageTitle', { acronym: proposal.data.acronym })} />
          <h1 id="outcome-title">
            {t('reviews.outcome.title')}
            <span className="muted"> · </span>
            {proposal.data.acronym}
          </h1>
          <p className="muted">
            {proposal.data.title} · {proposal.data.call.title}
          </p>
          <OutcomeView outcome={outcome.data} rubric={call.data?.rubric} />
        </article>
      )}
    </div>
  );
}
