import type { Grant } from '@kizuna/shared';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { PageTitle } from '../../components/page-title';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { AmendmentsTab } from './amendments/amendments-tab';
import { BudgetTab } from './budget-tab';
import { DisbursementsTab } from './disbursements-tab';
import { grantStatusClass } from './grant-text';
import { HistoryTab } from './history-tab';
import { MilestonesTab } from './milestones-tab';
import { OverviewTab } from './overview-tab';
import { ReportsTab } from './reports-tab';
import { useGrant } from './use-grants';

export const GRANT_TABS = [
  'overview',
  'budget',
  'milestones',
  'reports',
  'disbursements',
  'amendments',
  'history',
] as const;
export type GrantTab = (typeof GRANT_TABS)[number];

function isTab(value: string | undefined): value is GrantTab {
  return (GRANT_TABS as readonly string[]).includes(value ?? '');
}

/** How many things in a tab wait for the caller: shown next to the tab's name. */
function pending(grant: Grant, tab: GrantTab): number {
  const manager = grant.myRole === 'MANAGER';
  switch (tab) {
    case 'milestones':
      return grant.milestones.filter((m) => (manager ? m.status === 'SUBMITTED' : m.overdue)).length;
    case 'reports':
      return grant.reports.filter((r) => (manager ? r.status === 'SUBMITTED' : r.overdue)).length;
    case 'amendments':
      return manager ? grant.amendments.filter((a) => a.status === 'REQUESTED').length : 0;
    default:
      return 0;
  }
}

function GrantView({ grant, tab }: { grant: Grant; tab: GrantTab }) {
  const { t } = useTranslation();
  const href = (target: GrantTab) => `/grants/${grant.id}${target === 'overview' ? '' : `/${target}`}`;
  return (
    <div data-testid="grant" data-grant-id={grant.id} data-status={grant.status} data-tab={tab}>
      <PageTitle title={`${t(`grants.tabs.${tab}`)} · ${grant.number}`} />
      <div className="section-head">
        <div>
          <h1>
            {grant.number}
            <span className="muted"> · </span>
            {grant.proposal.acronym}
          </h1>
          <p className="editor-meta">
            {grant.proposal.title} · {grant.call.title}{' '}
            <span className={grantStatusClass(grant.status)} data-testid="grant-status">
              {t(`grants.status.${grant.status}`)}
            </span>
          </p>
        </div>
      </div>
      <nav className="tabs" aria-label={t('grants.tabs.label')}>
        <ul>
          {GRANT_TABS.map((target) => {
            const count = pending(grant, target);
            return (
              <li key={target}>
                <NavLink to={href(target)} end data-testid={`grant-tab-${target}`}>
                  {t(`grants.tabs.${target}`)}
                  {count > 0 && (
                    <span className="tab-badge tab-badge-failing">
                      <span aria-hidden="true">{count}</span>
                      <span className="visually-hidden">{t('grants.tabs.waiting', { count })}</span>
                    </span>
                  )}
                </NavLink>
              </li>
            );
          })}
        </ul>
      </nav>
      <section className="tab-panel" aria-label={t(`grants.tabs.${tab}`)} data-testid={`grant-panel-${tab}`}>
        {tab === 'overview' && <OverviewTab grant={grant} />}
        {tab === 'budget' && <BudgetTab grant={grant} />}
        {tab === 'milestones' && <MilestonesTab grant={grant} />}
        {tab === 'reports' && <ReportsTab grant={grant} />}
        {tab === 'disbursements' && <DisbursementsTab grant={grant} />}
        {tab === 'amendments' && <AmendmentsTab grant={grant} />}
        {tab === 'history' && <HistoryTab grant={grant} />}
      </section>
    </div>
  );
}

/** `/grants/:id[/:tab]`: one grant, for its consortium and the managers of its programme (the API decides who). */
export function GrantPage() {
  const { t } = useTranslation();
  const { id, tab } = useParams();
  const grant = useGrant(id);
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/grants">{t('grants.list.title')}</Link>
      </p>
      {grant.isPending ? (
        <Loading />
      ) : grant.isError ? (
        grant.error instanceof ApiError && (grant.error.status === 404 || grant.error.status === 400) ? (
          <EmptyState>
            <PageTitle title={t('pages.notFound.title')} />
            <h1>{t('pages.notFound.title')}</h1>
            <p data-testid="grant-not-found">{t('grants.notFound')}</p>
          </EmptyState>
        ) : (
          <ErrorState error={grant.error} onRetry={() => void grant.refetch()} />
        )
      ) : tab !== undefined && !isTab(tab) ? (
        <EmptyState>
          <h1>{t('pages.notFound.title')}</h1>
          <p>
            <Link to={`/grants/${grant.data.id}`}>{grant.data.number}</Link>
          </p>
        </EmptyState>
      ) : (
        <GrantView grant={grant.data} tab={tab ?? 'overview'} />
      )}
    </div>
  );
}
