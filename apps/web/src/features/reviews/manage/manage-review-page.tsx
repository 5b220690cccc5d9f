import type { Call } from '@kizuna/shared';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useParams } from 'react-router';
import { ApiError } from '../../../api/client';
import { PageTitle } from '../../../components/page-title';
import { EmptyState, ErrorState, ForbiddenContent, Loading } from '../../../components/states';
import { useMe } from '../../auth/use-me';
import { StatusBadge } from '../../calls/call-parts';
import { useCall } from '../../calls/use-call';
import { AssignmentTab } from './assignment-tab';
import { ConflictsTab } from './conflicts-tab';
import { PoolTab } from './pool-tab';
import { ProgressTab } from './progress-tab';
import { RankingTab } from './ranking-tab';
import { SettingsTab } from './settings-tab';

export const REVIEW_TABS = ['settings', 'pool', 'conflicts', 'assignment', 'progress', 'ranking'] as const;
export type ReviewTab = (typeof REVIEW_TABS)[number];

function isTab(value: string | undefined): value is ReviewTab {
  return (REVIEW_TABS as readonly string[]).includes(value ?? '');
}

function Manage({ call, tab }: { call: Call; tab: ReviewTab }) {
  const { t } = useTranslation();
  const href = (target: ReviewTab) => `/manage/calls/${call.id}/review${target === 'settings' ? '' : `/${target}`}`;
  return (
    <div data-testid="manage-review" data-tab={tab}>
      <PageTitle title={`${t(`reviews.manage.tabs.${tab}`)} · ${call.title}`} />
      <div className="section-head">
        <div>
          <h1>{t('reviews.manage.title')}</h1>
          <p className="editor-meta">
            <Link to={`/calls/${call.id}`}>{call.title}</Link> <StatusBadge status={call.status} />
          </p>
        </div>
        <div className="actions">
          <Link className="button" to={`/manage/calls/${call.id}/proposals`}>
            {t('calls.manage.proposals')}
          </Link>
        </div>
      </div>
      <p className="muted">{t('reviews.manage.intro')}</p>
      <nav className="tabs" aria-label={t('reviews.manage.tabsLabel')}>
        <ul>
          {REVIEW_TABS.map((target) => (
            <li key={target}>
              <NavLink to={href(target)} end data-testid={`review-tab-${target}`}>
                {t(`reviews.manage.tabs.${target}`)}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
      <section className="tab-panel" aria-label={t(`reviews.manage.tabs.${tab}`)} data-testid={`review-panel-${tab}`}>
        {tab === 'settings' && <SettingsTab call={call} />}
        {tab === 'pool' && <PoolTab call={call} />}
        {tab === 'conflicts' && <ConflictsTab call={call} />}
        {tab === 'assignment' && <AssignmentTab call={call} />}
        {tab === 'progress' && <ProgressTab call={call} />}
        {tab === 'ranking' && <RankingTab call={call} />}
      </section>
    </div>
  );
}

/** `/manage/calls/:callId/review[/:tab]`: the review of a call, for the managers of its programme. */
export function ManageReviewPage() {
  const { t } = useTranslation();
  const { callId, tab } = useParams();
  const call = useCall(callId);
  const me = useMe();
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/manage/calls">{t('calls.editor.back')}</Link>
      </p>
      {call.isPending ? (
        <Loading />
      ) : call.isError ? (
        call.error instanceof ApiError && (call.error.status === 404 || call.error.status === 400) ? (
          <EmptyState>
            <PageTitle title={t('pages.notFound.title')} />
            <h1>{t('pages.notFound.title')}</h1>
            <p>{t('calls.detail.notFound')}</p>
          </EmptyState>
        ) : (
          <ErrorState error={call.error} onRetry={() => void call.refetch()} />
        )
      ) : tab !== undefined && !isTab(tab) ? (
        <EmptyState>
          <h1>{t('pages.notFound.title')}</h1>
          <p>
            <Link to={`/manage/calls/${call.data.id}/review`}>{t('reviews.manage.title')}</Link>
          </p>
        </EmptyState>
      ) : !me.data?.roles.some(
          (grant) => grant.role === 'PROGRAMME_MANAGER' && grant.programmeId === call.data.programme.id,
        ) ? (
        // Only the managers of the call's programme run its review (the API answers 404 to anyone else).
        <ForbiddenContent />
      ) : (
        <Manage call={call.data} tab={tab ?? 'settings'} />
      )}
    </div>
  );
}
