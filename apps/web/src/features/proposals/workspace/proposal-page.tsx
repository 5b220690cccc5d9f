import type { Call, EligibilityReport, Proposal } from '@kizuna/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useParams } from 'react-router';
import { ApiError } from '../../../api/client';
import { queryKeys } from '../../../api/query-keys';
import { PageTitle } from '../../../components/page-title';
import { EmptyState, ErrorState, Loading } from '../../../components/states';
import { useNow } from '../../../lib/use-now';
import { type LiveEventData, useLiveEvent } from '../../../shell/use-live-updates';
import { Deadline } from '../../calls/call-parts';
import { useViewerTimeZone } from '../../calls/call-text';
import { useCall } from '../../calls/use-call';
import { isLead, readOnlyReason, statusClass } from '../proposal-text';
import { useEligibility } from '../use-eligibility';
import { useProposal } from '../use-proposal';
import { AttachmentsTab } from './attachments-tab';
import { BudgetTab } from './budget-tab';
import { ConsortiumTab } from './consortium-tab';
import { EligibilityChecklist, type WorkspaceTab } from './eligibility-checklist';
import { OverviewTab } from './overview-tab';
import { SectionsTab } from './sections-tab';
import { SubmissionsTab } from './submissions-tab';
import { SubmitTab } from './submit-tab';
import { WorkPlanTab } from './work-plan-tab';

export const WORKSPACE_TABS: readonly WorkspaceTab[] = [
  'overview',
  'consortium',
  'sections',
  'work-plan',
  'budget',
  'attachments',
  'checklist',
  'submit',
  'submissions',
];

/** Statuses a proposal takes when the decisions of its call are released: the outcome page has something to say. */
const DECIDED: ReadonlySet<Proposal['status']> = new Set(['FUNDED', 'RESERVE', 'NOT_FUNDED']);

function isTab(value: string | undefined): value is WorkspaceTab {
  return (WORKSPACE_TABS as readonly string[]).includes(value ?? '');
}

function TabNav({
  tabHref,
  eligibility,
  submissions,
}: {
  tabHref: (tab: WorkspaceTab) => string;
  eligibility: EligibilityReport | undefined;
  submissions: number;
}) {
  const { t } = useTranslation();
  const failing = eligibility?.results.filter((r) => !r.passed).length ?? 0;
  return (
    <nav className="tabs" aria-label={t('proposals.tabs.label')}>
      <ul>
        {WORKSPACE_TABS.map((tab) => (
          <li key={tab}>
            <NavLink to={tabHref(tab)} end data-testid={`tab-${tab}`}>
              {t(`proposals.tabs.${tab}`)}
              {tab === 'checklist' && eligibility && (
                <span
                  className={eligibility.eligible ? 'tab-badge tab-badge-ok' : 'tab-badge tab-badge-failing'}
                  data-testid="checklist-badge"
                  data-eligible={eligibility.eligible}
                >
                  {eligibility.eligible ? (
                    <>
                      <span aria-hidden="true">✓</span>
                      <span className="visually-hidden">{t('proposals.tabs.allPassed')}</span>
                    </>
                  ) : (
                    t('proposals.tabs.failing', { failed: failing })
                  )}
                </span>
              )}
              {tab === 'submissions' && submissions > 0 && <span className="tab-badge">{submissions}</span>}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Workspace({ proposal, call, tab }: { proposal: Proposal; call: Call; tab: WorkspaceTab }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const now = useNow(15_000);
  const viewerTimeZone = useViewerTimeZone();
  const eligibility = useEligibility(proposal.id);
  const reason = readOnlyReason(proposal, now);
  const editable = reason === null;
  const lead = isLead(proposal.myRole);
  const tabHref = (target: WorkspaceTab) => `/proposals/${proposal.id}${target === 'overview' ? '' : `/${target}`}`;

  // A new notification (a partner joined, a submission receipt) may mean the proposal changed: look again.
  useLiveEvent('unread', () => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.proposals.scope(proposal.id) });
  });
  // A colleague saved a section: fetch it (an editor without unsaved text shows it at once; one with unsaved text
  // meets the usual 409 choice on its next save) and say who did.
  const [colleagueSave, setColleagueSave] = useState<LiveEventData<'proposal-section'> | null>(null);
  useLiveEvent('proposal-section', (event) => {
    if (event.proposalId !== proposal.id) return;
    setColleagueSave(event);
    void queryClient.invalidateQueries({ queryKey: queryKeys.proposals.one(proposal.id) });
  });

  return (
    <article aria-labelledby="proposal-title" data-testid="proposal-workspace" data-proposal-id={proposal.id}>
      <PageTitle title={`${proposal.acronym} · ${t(`proposals.tabs.${tab}`)}`} />
      <p className="breadcrumb">
        {proposal.myRole ? (
          <Link to="/proposals">{t('proposals.mine.title')}</Link>
        ) : (
          <Link to={`/manage/calls/${call.id}/proposals`}>{t('proposals.manage.title')}</Link>
        )}
      </p>
      <div className="call-card-head">
        <h1 id="proposal-title">
          <span data-testid="proposal-acronym">{proposal.acronym}</span>
          <span className="muted"> · </span>
          {proposal.title}
        </h1>
        <span className={statusClass(proposal.status)} data-testid="proposal-status" data-status={proposal.status}>
          {t(`proposals.status.${proposal.status}`)}
        </span>
      </div>
      <div className="proposal-meta">
        <p>
          {t('proposals.workspace.call')} <Link to={`/calls/${call.id}`}>{call.title}</Link>
          {proposal.myRole && (
            <>
              {' · '}
              {t('proposals.workspace.myRole', { role: t(`proposals.roles.${proposal.myRole}`) })}
            </>
          )}
        </p>
        <Deadline
          closesAt={proposal.call.closesAt}
          timeZone={proposal.call.timeZone}
          viewerTimeZone={viewerTimeZone}
          now={now}
        />
      </div>
      <p className="muted small" aria-live="polite" data-testid="colleague-save">
        {colleagueSave &&
          t('proposals.workspace.colleagueSaved', {
            name: colleagueSave.by.displayName,
            section: call.sections.find((section) => section.key === colleagueSave.key)?.title ?? colleagueSave.key,
            version: colleagueSave.version,
          })}
      </p>
      {reason && (
        <div className="alert alert-warning" role="note" data-testid="read-only" data-reason={reason}>
          <p>
            {reason === 'status'
              ? t('proposals.workspace.readOnly.status', { status: t(`proposals.status.${proposal.status}`) })
              : t(`proposals.workspace.readOnly.${reason}`)}
          </p>
        </div>
      )}
      {proposal.myRole && DECIDED.has(proposal.status) && (
        <div className="alert alert-success" role="note" data-testid="outcome-released">
          <p>
            {t('proposals.workspace.outcomeReleased', { status: t(`proposals.status.${proposal.status}`) })}{' '}
            <Link to={`/proposals/${proposal.id}/outcome`}>{t('proposals.workspace.outcomeLink')}</Link>
          </p>
        </div>
      )}
      <TabNav tabHref={tabHref} eligibility={eligibility.data} submissions={proposal.submissions.length} />
      <section className="tab-panel" aria-label={t(`proposals.tabs.${tab}`)} data-testid={`panel-${tab}`}>
        {tab === 'overview' && <OverviewTab proposal={proposal} call={call} editable={editable} />}
        {tab === 'consortium' && <ConsortiumTab proposal={proposal} call={call} editable={editable} lead={lead} />}
        {tab === 'sections' && <SectionsTab proposal={proposal} call={call} editable={editable} />}
        {tab === 'work-plan' && <WorkPlanTab proposal={proposal} editable={editable} />}
        {tab === 'budget' && <BudgetTab proposal={proposal} call={call} editable={editable} />}
        {tab === 'attachments' && <AttachmentsTab proposal={proposal} call={call} editable={editable} />}
        {tab === 'checklist' &&
          (eligibility.isPending ? (
            <Loading />
          ) : eligibility.isError ? (
            <ErrorState error={eligibility.error} onRetry={() => void eligibility.refetch()} />
          ) : (
            <EligibilityChecklist report={eligibility.data} call={call} proposal={proposal} tabHref={tabHref} />
          ))}
        {tab === 'submit' && (
          <SubmitTab
            proposal={proposal}
            call={call}
            eligibility={eligibility.data}
            lead={lead}
            now={now}
            tabHref={tabHref}
          />
        )}
        {tab === 'submissions' && <SubmissionsTab proposal={proposal} call={call} tabHref={tabHref} />}
      </section>
    </article>
  );
}

/** `/proposals/:id[/:tab]`: the proposal workspace, for its consortium; read-only for the programme's managers. */
export function ProposalPage() {
  const { t } = useTranslation();
  const { id, tab } = useParams();
  const proposal = useProposal(id);
  const call = useCall(proposal.data?.call.id);
  const current: WorkspaceTab = isTab(tab) ? tab : 'overview';

  const notFound =
    proposal.error instanceof ApiError && (proposal.error.status === 404 || proposal.error.status === 400);
  return (
    <div className="page">
      {proposal.isPending ? (
        <Loading />
      ) : proposal.isError ? (
        notFound ? (
          <EmptyState>
            <PageTitle title={t('pages.notFound.title')} />
            <h1>{t('pages.notFound.title')}</h1>
            <p>{t('proposals.workspace.notFound')}</p>
            <p>
              <Link to="/proposals">{t('proposals.mine.title')}</Link>
            </p>
          </EmptyState>
        ) : (
          <ErrorState error={proposal.error} onRetry={() => void proposal.refetch()} />
        )
      ) : call.isPending ? (
        <Loading />
      ) : call.isError ? (
        <ErrorState error={call.error} onRetry={() => void call.refetch()} />
      ) : tab !== undefined && !isTab(tab) ? (
        <EmptyState>
          <h1>{t('pages.notFound.title')}</h1>
          <p>
            <Link to={`/proposals/${proposal.data.id}`}>{proposal.data.acronym}</Link>
          </p>
        </EmptyState>
      ) : (
        <Workspace proposal={proposal.data} call={call.data} tab={current} />
      )}
    </div>
  );
}
