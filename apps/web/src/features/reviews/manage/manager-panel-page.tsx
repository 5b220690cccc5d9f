import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../api/client';
import { PageTitle } from '../../../components/page-title';
import { EmptyState, ErrorState, ForbiddenContent, Loading } from '../../../components/states';
import { useMe } from '../../auth/use-me';
import { useCall } from '../../calls/use-call';
import { PanelSection } from '../reviewer/panel-section';
import { usePanel } from '../reviewer/use-panel';

function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 400);
}

/**
 * `/manage/calls/:callId/review/panels/:proposalId`: one proposal's panel as a manager of the programme reads it: the
 * submitted reviews with their reviewers' names, the discussion (managers may post) and where the consensus report
 * stands. Reached from the ranking and the assignment board. Browser tests: `manager-panel-page`, then the panel's.
 */
export function ManagerPanelPage() {
  const { t } = useTranslation();
  const { callId, proposalId = '' } = useParams();
  const call = useCall(callId);
  const me = useMe();
  const isManager =
    !!call.data &&
    !!me.data?.roles.some(
      (grant) =>
        grant.role === 'PROGRAMME_MANAGER' &&
        (grant.programmeId === null || grant.programmeId === call.data.programme.id),
    );
  const panel = usePanel(proposalId, isManager);
  const reviewHref = (tab: 'ranking' | 'assignment') => `/manage/calls/${callId}/review/${tab}`;

  const notFound = (
    <EmptyState>
      <PageTitle title={t('pages.notFound.title')} />
      <h1>{t('pages.notFound.title')}</h1>
      <p>{t('reviews.managerPanel.notFound')}</p>
      <p>
        <Link to={reviewHref('ranking')}>{t('reviews.manage.tabs.ranking')}</Link>
      </p>
    </EmptyState>
  );

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to={reviewHref('ranking')}>{t('reviews.manage.tabs.ranking')}</Link>
        {' · '}
        <Link to={reviewHref('assignment')}>{t('reviews.manage.tabs.assignment')}</Link>
      </p>
      {call.isPending ? (
        <Loading />
      ) : call.isError ? (
        isNotFound(call.error) ? (
          notFound
        ) : (
          <ErrorState error={call.error} onRetry={() => void call.refetch()} />
        )
      ) : !isManager ? (
        // Only the managers of the call's programme read its panels (the API answers 403/404 to anyone else).
        <ForbiddenContent />
      ) : panel.isError && isNotFound(panel.error) ? (
        notFound
      ) : (
        <article aria-labelledby="manager-panel-title" data-testid="manager-panel-page">
          <PageTitle title={t('reviews.managerPanel.pageTitle', { acronym: panel.data?.proposal.acronym ?? '…' })} />
          <h1 id="manager-panel-title">
            {t('reviews.managerPanel.title')}
            {panel.data && (
              <>
                <span className="muted"> · </span>
                {panel.data.proposal.acronym}
              </>
            )}
          </h1>
          <p className="muted">
            {panel.data && <>{panel.data.proposal.title} · </>}
            {call.data.title}
          </p>
          <p>
            <Link to={`/proposals/${proposalId}`}>{t('reviews.managerPanel.openProposal')}</Link>
          </p>
          <PanelSection proposalId={proposalId} rubric={call.data.rubric} viewer="manager" />
        </article>
      )}
    </div>
  );
}
