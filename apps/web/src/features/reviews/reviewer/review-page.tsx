import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../api/client';
import type { MyAssignment } from '../../../api/reviews';
import { SuccessMessage } from '../../../components/form';
import { PageTitle } from '../../../components/page-title';
import { EmptyState, ErrorState, Loading } from '../../../components/states';
import { useNow } from '../../../lib/use-now';
import { useViewerTimeZone } from '../../calls/call-text';
import { AssignmentStatusBadge, ReviewDeadline } from '../review-parts';
import { DeclareConflictAction, InvitationActions } from './my-reviews-page';
import { PanelSection } from './panel-section';
import { ReviewForm, RevisionHistory } from './review-form';
import { ReviewerProposal } from './reviewer-proposal-view';
import { useMyAssignments } from './use-my-assignments';
import { useReview } from './use-review';
import { useReviewerProposal } from './use-reviewer-proposal';

function NotFound() {
  const { t } = useTranslation();
  return (
    <EmptyState>
      <PageTitle title={t('pages.notFound.title')} />
      <h1>{t('pages.notFound.title')}</h1>
      <p>{t('reviews.page.notFound')}</p>
      <p>
        <Link to="/reviews">{t('reviews.mine.title')}</Link>
      </p>
    </EmptyState>
  );
}

function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 400);
}

/** The proposal on the left, the review form on the right; the panel below once the review is submitted. */
function Workspace({ assignment }: { assignment: MyAssignment }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const view = useReviewerProposal(assignment.id);
  const review = useReview(assignment.id);
  if (view.isPending || review.isPending) return <Loading />;
  if (view.isError || review.isError) {
    const error = view.error ?? review.error;
    return isNotFound(error) ? <NotFound /> : <ErrorState error={error} onRetry={() => void view.refetch()} />;
  }
  const rubric = view.data.call.rubric;
  const submitted = review.data.status === 'SUBMITTED' || review.data.revisions.length > 0;
  return (
    <>
      <div className="review-layout">
        <div className="review-layout-proposal">
          <ReviewerProposal view={view.data} />
        </div>
        <div className="review-layout-form stack">
          <ReviewForm assignmentId={assignment.id} rubric={rubric} review={review.data} />
          <RevisionHistory review={review.data} rubric={rubric} />
          <section className="card stack-tight" aria-labelledby="review-conflict-title">
            <h2 id="review-conflict-title">{t('reviews.conflict.sectionTitle')}</h2>
            <p className="muted small">{t('reviews.conflict.sectionIntro')}</p>
            <div>
              <DeclareConflictAction assignment={assignment} onDone={() => navigate('/reviews')} />
            </div>
          </section>
        </div>
      </div>
      {submitted && <PanelSection proposalId={view.data.proposal.id} rubric={rubric} />}
    </>
  );
}

/** `/reviews/:assignmentId`: reading a proposal and writing its review; the panel after submitting. */
export function ReviewPage() {
  const { t } = useTranslation();
  const { assignmentId } = useParams();
  const assignments = useMyAssignments();
  const viewerTimeZone = useViewerTimeZone();
  const now = useNow();
  const [message, setMessage] = useState<string | null>(null);
  const assignment = assignments.data?.find((a) => a.id === assignmentId);

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/reviews">{t('reviews.mine.title')}</Link>
      </p>
      {assignments.isPending ? (
        <Loading />
      ) : assignments.isError ? (
        <ErrorState error={assignments.error} onRetry={() => void assignments.refetch()} />
      ) : !assignment || assignment.status === 'DECLINED' || assignment.status === 'PROPOSED' ? (
        <NotFound />
      ) : (
        <article aria-labelledby="review-page-title" data-testid="review-page" data-status={assignment.status}>
          <PageTitle title={t('reviews.page.title', { acronym: assignment.proposal.acronym })} />
          <div className="call-card-head">
            <h1 id="review-page-title">
              {assignment.proposal.acronym}
              <span className="muted"> · </span>
              {assignment.proposal.title}
            </h1>
            <AssignmentStatusBadge status={assignment.status} />
          </div>
          <div className="proposal-meta">
            <p>
              {t('reviews.page.call', { call: assignment.call.title })}
              <br />
              <span className="small">{t('reviews.page.youAre', { n: assignment.ordinal })}</span>
            </p>
            <ReviewDeadline
              deadline={assignment.call.reviewDeadline}
              timeZone={assignment.call.timeZone}
              viewerTimeZone={viewerTimeZone}
              now={now}
            />
          </div>
          {message && <SuccessMessage>{message}</SuccessMessage>}
          {assignment.status === 'INVITED' ? (
            <section className="card stack-tight" data-testid="review-invited">
              <p>{t('reviews.page.invited')}</p>
              <div className="actions">
                <InvitationActions assignment={assignment} onDone={setMessage} />
              </div>
            </section>
          ) : (
            <Workspace assignment={assignment} />
          )}
        </article>
      )}
    </div>
  );
}
