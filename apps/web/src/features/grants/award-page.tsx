import { AwardBodySchema, type BudgetLine, type Call, compareMoney, isMoney, type Proposal } from '@kizuna/shared';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { type AwardBody, awardGrant } from '../../api/grants';
import { queryKeys } from '../../api/query-keys';
import { ErrorAlert } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { currentLocale } from '../../i18n';
import { moneyText } from '../calls/call-text';
import { useCall } from '../calls/use-call';
import { useBudget } from '../proposals/use-budget';
import { useProposal } from '../proposals/use-proposal';

/** The first day of next month (UTC calendar date): the usual start of a grant. */
function firstOfNextMonth(now = new Date()): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return d.toISOString().slice(0, 10);
}

const lineKey = (l: Pick<BudgetLine, 'partnerId' | 'year' | 'category'>) => `${l.partnerId}|${l.year}|${l.category}`;

function AwardForm({ proposal, call, lines }: { proposal: Proposal; call: Call; lines: BudgetLine[] }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [startDate, setStartDate] = useState(firstOfNextMonth);
  const [endDate, setEndDate] = useState('');
  const [period, setPeriod] = useState('12');
  const [approved, setApproved] = useState<Record<string, string>>({});
  const [reason, setReason] = useState('');
  const [agencies, setAgencies] = useState<Record<string, string>>({});
  const [invalid, setInvalid] = useState<string[]>([]);
  const award = useMutation({
    mutationFn: (body: AwardBody) => awardGrant(proposal.id, body),
    onSuccess: async (grant) => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.grants.all });
      await queryClient.invalidateQueries({ queryKey: queryKeys.managedProposals.all });
      void navigate(`/grants/${grant.id}`);
    },
  });
  const partner = (id: string) => proposal.partners.find((p) => p.id === id);
  const changes = lines.flatMap((line) => {
    const value = approved[lineKey(line)];
    if (value === undefined || !isMoney(value.trim()) || compareMoney(value.trim(), line.amount) === 0) return [];
    return [{ partnerId: line.partnerId, year: line.year, category: line.category, amount: value.trim() }];
  });
  const badCells = lines.filter((line) => {
    const value = approved[lineKey(line)];
    return value !== undefined && !isMoney(value.trim());
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      startDate,
      ...(endDate ? { endDate } : {}),
      reportingPeriodMonths: Number(period),
      budgetChanges: changes,
      ...(reason.trim() ? { adjustmentReason: reason.trim() } : {}),
      agencies: Object.entries(agencies)
        .filter(([partnerId, agencyId]) => partner(partnerId)?.agency?.id !== agencyId)
        .map(([partnerId, agencyId]) => ({ partnerId, agencyId })),
    };
    const parsed = AwardBodySchema.safeParse(body);
    const problems = [
      ...(badCells.length ? ['budget'] : []),
      ...(parsed.success ? [] : parsed.error.issues.map((issue) => String(issue.path[0]))),
    ];
    setInvalid(problems);
    if (problems.length === 0 && parsed.success) award.mutate(parsed.data);
  };

  return (
    <form className="stack" onSubmit={onSubmit} noValidate aria-labelledby="award-title" data-testid="award-form">
      <section className="card stack-tight" aria-labelledby="award-dates-title">
        <h2 id="award-dates-title">{t('grants.award.dates')}</h2>
        <div className="row-fields">
          <div className="field">
            <label htmlFor="award-start">{t('grants.award.startDate')}</label>
            <input
              id="award-start"
              type="date"
              required
              value={startDate}
              onChange={(e) => setStartDate(e.target.value)}
              aria-invalid={invalid.includes('startDate') || undefined}
            />
          </div>
          <div className="field">
            <label htmlFor="award-end">{t('grants.award.endDate')}</label>
            <input
              id="award-end"
              type="date"
              value={endDate}
              onChange={(e) => setEndDate(e.target.value)}
              aria-invalid={invalid.includes('endDate') || undefined}
              aria-describedby="award-end-hint"
            />
            <p className="field-hint" id="award-end-hint">
              {t('grants.award.endDateHint', { months: proposal.durationMonths ?? '?' })}
            </p>
          </div>
          <div className="field">
            <label htmlFor="award-period">{t('grants.award.reportingPeriod')}</label>
            <input
              id="award-period"
              type="number"
              min={1}
              max={60}
              value={period}
              onChange={(e) => setPeriod(e.target.value)}
              aria-invalid={invalid.includes('reportingPeriodMonths') || undefined}
            />
          </div>
        </div>
        {invalid.includes('endDate') && <p className="field-error">{t('grants.award.endAfterStart')}</p>}
      </section>
      <section className="card stack-tight" aria-labelledby="award-agencies-title">
        <h2 id="award-agencies-title">{t('grants.award.agencies')}</h2>
        <p className="muted small">{t('grants.award.agenciesIntro')}</p>
        {proposal.partners.map((p) => {
          const options = call.agencies.filter((a) => a.countryCode === p.institution.countryCode);
          return (
            <div className="field" key={p.id}>
              <label htmlFor={`award-agency-${p.id}`}>
                {p.institution.name} ({p.institution.countryCode})
              </label>
              <select
                id={`award-agency-${p.id}`}
                value={agencies[p.id] ?? p.agency?.id ?? ''}
                onChange={(e) => setAgencies((prev) => ({ ...prev, [p.id]: e.target.value }))}
              >
                {!p.agency && <option value="">{t('common.none')}</option>}
                {options.map((a) => (
                  <option key={a.agencyId} value={a.agencyId}>
                    {a.acronym} · {a.name}
                  </option>
                ))}
              </select>
            </div>
          );
        })}
      </section>
      <section className="card stack-tight" aria-labelledby="award-budget-title">
        <h2 id="award-budget-title">{t('grants.award.budget')}</h2>
        <p className="muted small">{t('grants.award.budgetIntro')}</p>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('grants.partners.institution')}</th>
                <th scope="col">{t('grants.budget.yearColumn')}</th>
                <th scope="col">{t('grants.budget.category')}</th>
                <th scope="col" className="numeric">
                  {t('grants.budget.original')}
                </th>
                <th scope="col">{t('grants.budget.approved')}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((line) => {
                const p = partner(line.partnerId);
                const key = lineKey(line);
                const value = approved[key] ?? line.amount;
                const bad = !isMoney(value.trim());
                const label = t('grants.award.cellLabel', {
                  partner: p?.institution.name ?? '',
                  year: line.year,
                  category: t(`proposals.budget.categories.${line.category}`),
                });
                return (
                  <tr
                    key={key}
                    className={!bad && compareMoney(value.trim(), line.amount) !== 0 ? 'change-changed' : ''}
                  >
                    <th scope="row">{p?.institution.name}</th>
                    <td>{line.year}</td>
                    <td>{t(`proposals.budget.categories.${line.category}`)}</td>
                    <td className="numeric">{moneyText(line.amount, p?.currency ?? '', locale)}</td>
                    <td className={bad ? 'budget-cell budget-cell-invalid' : 'budget-cell'}>
                      <input
                        aria-label={label}
                        inputMode="decimal"
                        value={value}
                        aria-invalid={bad || undefined}
                        onChange={(e) => setApproved((prev) => ({ ...prev, [key]: e.target.value }))}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {invalid.includes('budget') && <p className="field-error">{t('grants.award.badAmounts')}</p>}
        <div className="field">
          <label htmlFor="award-reason">
            {t('grants.award.reason')}
            {changes.length > 0 && ` (${t('grants.award.changedLines', { count: changes.length })})`}
          </label>
          <textarea
            id="award-reason"
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={invalid.includes('adjustmentReason') || undefined}
          />
          {invalid.includes('adjustmentReason') && <p className="field-error">{t('grants.award.reasonRequired')}</p>}
        </div>
      </section>
      <ErrorAlert error={award.error} listFieldErrors />
      {award.error instanceof ApiError && award.error.status === 409 && (
        <p>
          <Link to="/grants">{t('grants.list.title')}</Link>
        </p>
      )}
      <div>
        <button type="submit" className="button button-primary" disabled={award.isPending} data-testid="award-submit">
          {t('grants.award.submit')}
        </button>
      </div>
    </form>
  );
}

/** `/manage/proposals/:id/award`: a manager turns a funded proposal into a grant. */
export function AwardPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const proposal = useProposal(id);
  const call = useCall(proposal.data?.call.id);
  const budget = useBudget(id ?? '');
  const failed = proposal.error ?? call.error ?? budget.error;
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/grants">{t('grants.list.title')}</Link>
      </p>
      {failed instanceof ApiError && (failed.status === 404 || failed.status === 400) ? (
        <EmptyState>
          <h1>{t('pages.notFound.title')}</h1>
          <p>{t('proposals.workspace.notFound')}</p>
        </EmptyState>
      ) : failed ? (
        <ErrorState error={failed} />
      ) : !proposal.data || !call.data || !budget.data ? (
        <Loading />
      ) : (
        <div className="stack">
          <PageTitle title={t('grants.award.pageTitle', { acronym: proposal.data.acronym })} />
          <h1 id="award-title">{t('grants.award.title', { acronym: proposal.data.acronym })}</h1>
          <p className="muted">
            {proposal.data.title} · {proposal.data.call.title}
          </p>
          {proposal.data.status !== 'FUNDED' ? (
            <p className="alert alert-warning">{t('grants.award.notFunded')}</p>
          ) : (
            <AwardForm proposal={proposal.data} call={call.data} lines={budget.data.lines} />
          )}
        </div>
      )}
    </div>
  );
}
