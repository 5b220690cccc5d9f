import { type Call, PROPOSAL_STATUSES, ProposalStatusSchema } from '@kizuna/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../../api/client';
import { exportProposalsUrl, type ManagedProposal, type ProposalFilters } from '../../../api/manage-proposals';
import { queryKeys } from '../../../api/query-keys';
import { BarList } from '../../../components/bar-list';
import { ErrorAlert, SuccessMessage } from '../../../components/form';
import { JobProgress } from '../../../components/job-progress';
import { PageTitle } from '../../../components/page-title';
import { Pagination } from '../../../components/pagination';
import { EmptyState, ErrorState, ForbiddenContent, Loading } from '../../../components/states';
import { isFinished, useJobRun } from '../../../components/use-job-run';
import { currentLocale } from '../../../i18n';
import { formatDateTime, formatList } from '../../../lib/format';
import { pageParam, uuidParam, withParams } from '../../../lib/search-params';
import { useMe } from '../../auth/use-me';
import { StatusBadge } from '../../calls/call-parts';
import { themeLabel, useCountryName, useViewerTimeZone } from '../../calls/call-text';
import { useCall } from '../../calls/use-call';
import { GrantLink } from '../../grants/grant-link';
import { statusClass } from '../proposal-text';
import { OverrideDialog } from './override-dialog';
import { useManagedProposals } from './use-managed-proposals';
import { useProposalStats } from './use-proposal-stats';
import { useRunEligibility } from './use-run-eligibility';

const PAGE_SIZE = 20;
const OVERRIDABLE = new Set(['SUBMITTED', 'ELIGIBLE', 'INELIGIBLE']);

/** Follows an eligibility run to its end, then refreshes the list and the counts. */
function EligibilityRun({ runId }: { runId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const run = useJobRun(runId);
  const finished = isFinished(run.data?.status);
  useEffect(() => {
    if (finished) void queryClient.invalidateQueries({ queryKey: queryKeys.managedProposals.all });
  }, [finished, queryClient]);
  return (
    <JobProgress
      runId={runId}
      label={t('proposals.manage.runLabel')}
      renderResult={(result) => {
        const r = result as { checked?: number; eligible?: number; ineligible?: number };
        return (
          <p data-testid="eligibility-run-result">
            {t('proposals.manage.runResult', {
              checked: r.checked ?? 0,
              eligible: r.eligible ?? 0,
              ineligible: r.ineligible ?? 0,
            })}
          </p>
        );
      }}
    />
  );
}

function Manage({ call }: { call: Call }) {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const countryName = useCountryName();
  const viewerTimeZone = useViewerTimeZone();
  const locale = currentLocale();
  const parsedStatus = ProposalStatusSchema.safeParse(searchParams.get('status'));
  const status = parsedStatus.success ? parsedStatus.data : undefined;
  const countryParam = searchParams.get('country') ?? '';
  const country = /^[A-Z]{2}$/.test(countryParam) ? countryParam : undefined;
  const theme = searchParams.get('theme') || undefined;
  const agencyParam = searchParams.get('agency') ?? '';
  const agencyId = uuidParam(agencyParam);
  const q = searchParams.get('q')?.trim() || undefined;
  const page = pageParam(searchParams.get('page'));
  const filters: ProposalFilters = { callId: call.id, status, country, theme, agencyId, q };
  const list = useManagedProposals({ ...filters, page, pageSize: PAGE_SIZE });
  const stats = useProposalStats(filters);
  const run = useRunEligibility(call.id);
  const [runId, setRunId] = useState<string | null>(null);
  const [overriding, setOverriding] = useState<ManagedProposal | null>(null);
  const [overridden, setOverridden] = useState<{ acronym: string; verdict: string } | null>(null);
  const [search, setSearch] = useState(q ?? '');
  const filtered = !!(status || country || theme || agencyId || q);
  const set = (changes: Record<string, string | number | undefined>) =>
    setSearchParams(withParams(searchParams, { ...changes, page: 1 }));

  const countries = [
    ...new Set([...(stats.data?.byCountry.map((c) => c.countryCode) ?? []), ...(country ? [country] : [])]),
  ].sort((a, b) => countryName(a).localeCompare(countryName(b), locale));

  return (
    <div className="stack">
      <div className="section-head">
        <div>
          <h1>{t('proposals.manage.title')}</h1>
          <p className="editor-meta">
            <Link to={`/calls/${call.id}`}>{call.title}</Link> <StatusBadge status={call.status} />
          </p>
        </div>
        <div className="actions">
          <a className="button" href={exportProposalsUrl(filters, 'csv')} download data-testid="export-csv">
            {t('proposals.manage.exportCsv')}
          </a>
          <a className="button" href={exportProposalsUrl(filters, 'xlsx')} download data-testid="export-xlsx">
            {t('proposals.manage.exportXlsx')}
          </a>
        </div>
      </div>
      <p className="muted">{t('proposals.manage.intro')}</p>

      <section className="card stack-tight" aria-labelledby="eligibility-run-title">
        <h2 id="eligibility-run-title">{t('proposals.manage.runTitle')}</h2>
        {call.status === 'CLOSED' ? (
          <>
            <p className="muted small">{t('proposals.manage.runIntro')}</p>
            <ErrorAlert error={run.error} />
            <div className="actions">
              <button
                type="button"
                className="button button-primary"
                disabled={run.isPending}
                aria-busy={run.isPending || undefined}
                onClick={() => run.mutate(undefined, { onSuccess: (started) => setRunId(started.id) })}
              >
                {t('proposals.manage.run')}
              </button>
            </div>
            {runId && <EligibilityRun key={runId} runId={runId} />}
          </>
        ) : (
          <p className="muted" data-testid="eligibility-run-unavailable">
            {t('proposals.manage.runAfterClose')}
          </p>
        )}
      </section>

      <div className="toolbar">
        <search>
          <form
            className="inline-form"
            onSubmit={(event) => {
              event.preventDefault();
              set({ q: search.trim() });
            }}
          >
            <div className="field">
              <label htmlFor="manage-proposals-q">{t('proposals.manage.search')}</label>
              <input
                id="manage-proposals-q"
                type="search"
                value={search}
                maxLength={200}
                placeholder={t('proposals.manage.searchPlaceholder')}
                onChange={(event) => setSearch(event.target.value)}
              />
            </div>
            <button type="submit" className="button">
              {t('proposals.manage.searchSubmit')}
            </button>
          </form>
        </search>
        <div className="field">
          <label htmlFor="manage-proposals-status">{t('proposals.manage.status')}</label>
          <select id="manage-proposals-status" value={status ?? ''} onChange={(e) => set({ status: e.target.value })}>
            <option value="">{t('proposals.manage.allStatuses')}</option>
            {PROPOSAL_STATUSES.filter((s) => s !== 'DRAFT').map((value) => (
              <option key={value} value={value}>
                {t(`proposals.status.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="manage-proposals-country">{t('proposals.manage.country')}</label>
          <select
            id="manage-proposals-country"
            value={country ?? ''}
            onChange={(e) => set({ country: e.target.value })}
          >
            <option value="">{t('proposals.manage.allCountries')}</option>
            {countries.map((code) => (
              <option key={code} value={code}>
                {countryName(code)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="manage-proposals-theme">{t('proposals.manage.theme')}</label>
          <select id="manage-proposals-theme" value={theme ?? ''} onChange={(e) => set({ theme: e.target.value })}>
            <option value="">{t('proposals.manage.allThemes')}</option>
            {[...new Set([...call.themes, ...(theme ? [theme] : [])])].map((value) => (
              <option key={value} value={value}>
                {themeLabel(t, value)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="manage-proposals-agency">{t('proposals.manage.agency')}</label>
          <select id="manage-proposals-agency" value={agencyId ?? ''} onChange={(e) => set({ agency: e.target.value })}>
            <option value="">{t('proposals.manage.allAgencies')}</option>
            {call.agencies.map((agency) => (
              <option key={agency.agencyId} value={agency.agencyId}>
                {`${agency.acronym} — ${countryName(agency.countryCode)}`}
              </option>
            ))}
          </select>
        </div>
        {filtered && (
          <div className="toolbar-end">
            <button
              type="button"
              className="button"
              onClick={() => {
                setSearch('');
                setSearchParams(new URLSearchParams());
              }}
            >
              {t('proposals.manage.clear')}
            </button>
          </div>
        )}
      </div>

      {stats.isError ? (
        <ErrorState error={stats.error} onRetry={() => void stats.refetch()} />
      ) : stats.data ? (
        <div className="grid-2">
          <BarList
            title={t('proposals.manage.byCountry')}
            testId="stats-country"
            emptyText={t('proposals.manage.noCounts')}
            rows={stats.data.byCountry.map((row) => ({
              key: row.countryCode,
              label: countryName(row.countryCode),
              count: row.count,
            }))}
          />
          <BarList
            title={t('proposals.manage.byTheme')}
            testId="stats-theme"
            emptyText={t('proposals.manage.noCounts')}
            rows={stats.data.byTheme.map((row) => ({
              key: row.theme,
              label: themeLabel(t, row.theme),
              count: row.count,
            }))}
          />
        </div>
      ) : null}

      {overridden && (
        <SuccessMessage>
          {t('proposals.manage.overridden', {
            acronym: overridden.acronym,
            status: t(`proposals.status.${overridden.verdict as 'ELIGIBLE'}`),
          })}
        </SuccessMessage>
      )}

      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState>
          <p data-testid="manage-proposals-empty">
            {filtered ? t('proposals.manage.emptyFiltered') : t('proposals.manage.empty')}
          </p>
        </EmptyState>
      ) : (
        <>
          <p className="muted" aria-live="polite" data-testid="manage-proposals-total">
            {t('proposals.manage.total', { total: list.data.total })}
          </p>
          <div className="table-wrap">
            <table aria-busy={list.isFetching || undefined}>
              <thead>
                <tr>
                  <th scope="col">{t('proposals.fields.acronym')}</th>
                  <th scope="col">{t('proposals.fields.title')}</th>
                  <th scope="col">{t('proposals.manage.status')}</th>
                  <th scope="col">{t('proposals.manage.theme')}</th>
                  <th scope="col">{t('proposals.manage.countries')}</th>
                  <th scope="col">{t('proposals.manage.submitted')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('proposals.manage.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((item) => (
                  <tr key={item.id} data-testid="managed-proposal-row" data-proposal-id={item.id}>
                    <th scope="row">
                      <Link to={`/proposals/${item.id}`}>{item.acronym}</Link>
                    </th>
                    <td>{item.title}</td>
                    <td>
                      <span className={statusClass(item.status)}>{t(`proposals.status.${item.status}`)}</span>
                      {item.eligibilityOverridden && (
                        <span className="tag small"> {t('proposals.manage.overriddenTag')}</span>
                      )}
                    </td>
                    <td>{themeLabel(t, item.theme)}</td>
                    <td>
                      {formatList(
                        item.countries.map((code) =>
                          code === item.leadCountry
                            ? t('proposals.manage.leadCountry', { country: countryName(code) })
                            : countryName(code),
                        ),
                        locale,
                      )}
                    </td>
                    <td className="small">
                      {item.submittedAt ? formatDateTime(item.submittedAt, { timeZone: viewerTimeZone, locale }) : ''}
                    </td>
                    <td className="nowrap">
                      {OVERRIDABLE.has(item.status) && (
                        <button
                          type="button"
                          className="button button-small"
                          aria-label={t('proposals.manage.overrideLabel', { acronym: item.acronym })}
                          onClick={() => {
                            setOverridden(null);
                            setOverriding(item);
                          }}
                        >
                          {t('proposals.manage.override')}
                        </button>
                      )}
                      <GrantLink item={item} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pagination
            page={list.data.page}
            pageSize={list.data.pageSize}
            total={list.data.total}
            onPageChange={(next) => setSearchParams(withParams(searchParams, { page: next }))}
          />
        </>
      )}
      {overriding && (
        <OverrideDialog
          proposal={overriding}
          onCancel={() => setOverriding(null)}
          onDone={(verdict) => {
            setOverridden({ acronym: overriding.acronym, verdict });
            setOverriding(null);
          }}
        />
      )}
    </div>
  );
}

/** `/manage/calls/:id/proposals`: the submitted proposals of a call, for its programme's managers. */
export function ManageProposalsPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const call = useCall(id);
  const me = useMe();
  return (
    <div className="page">
      <PageTitle
        title={call.data ? `${t('proposals.manage.title')} · ${call.data.title}` : t('proposals.manage.title')}
      />
      <p className="breadcrumb">
        <Link to="/manage/calls">{t('calls.editor.back')}</Link>
      </p>
      {call.isPending ? (
        <Loading />
      ) : call.isError ? (
        call.error instanceof ApiError && (call.error.status === 404 || call.error.status === 400) ? (
          <EmptyState>
            <h1>{t('pages.notFound.title')}</h1>
            <p>{t('calls.detail.notFound')}</p>
          </EmptyState>
        ) : (
          <ErrorState error={call.error} onRetry={() => void call.refetch()} />
        )
      ) : !me.data?.roles.some(
          (grant) => grant.role === 'PROGRAMME_MANAGER' && grant.programmeId === call.data.programme.id,
        ) ? (
        // Only the managers of the call's programme see its proposals (the API lists nothing to anyone else).
        <ForbiddenContent />
      ) : (
        <Manage call={call.data} />
      )}
    </div>
  );
}
