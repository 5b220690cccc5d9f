import { CreateTrancheBodySchema, type Grant, releaseBlocker, subtractAmounts } from '@kizuna/shared';
import type { TFunction } from 'i18next';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type CreateTrancheBody,
  cancelTranche,
  createTranche,
  type GrantTranche,
  releaseTranche,
} from '../../api/grants';
import { ErrorAlert } from '../../components/form';
import { currentLocale } from '../../i18n';
import { moneyText, useViewerTimeZone } from '../calls/call-text';
import { blockerText, calendarDate, partnerName, reportTitle } from './grant-text';
import { useGrantMutation } from './use-grants';

/** Today's date where the viewer is (a payment date is a calendar date). */
function todayIn(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
}

function Balances({ grant }: { grant: Grant }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { balances } = grant;
  const heads = (
    <>
      <th scope="col" className="numeric">
        {t('grants.tranches.approved')}
      </th>
      <th scope="col" className="numeric">
        {t('grants.tranches.released')}
      </th>
      <th scope="col" className="numeric">
        {t('grants.tranches.planned')}
      </th>
      <th scope="col" className="numeric">
        {t('grants.tranches.remaining')}
      </th>
    </>
  );
  const figures = (f: Grant['balances']['total'], currency: string) => (
    <>
      <td className="numeric">{moneyText(f.approved, currency, locale)}</td>
      <td className="numeric">{moneyText(f.released, currency, locale)}</td>
      <td className="numeric">{moneyText(f.planned, currency, locale)}</td>
      <td className="numeric">{moneyText(f.remaining, currency, locale)}</td>
    </>
  );
  return (
    <section className="stack-tight" aria-labelledby="balances-title">
      <h2 id="balances-title">{t('grants.tranches.balances')}</h2>
      <div className="table-wrap">
        <table data-testid="grant-balances">
          <thead>
            <tr>
              <th scope="col">{t('grants.partners.institution')}</th>
              {heads}
            </tr>
          </thead>
          <tbody>
            {balances.partners.map((p) => (
              <tr key={p.partnerId} data-testid="partner-balance" data-partner-id={p.partnerId}>
                <th scope="row">
                  {partnerName(grant, p.partnerId)}
                  {p.currency !== grant.currency && <span className="muted small"> ({p.currency})</span>}
                </th>
                {figures(p.partnerCurrency, p.currency)}
              </tr>
            ))}
            {balances.agencies.map((a) => (
              <tr key={a.agencyId}>
                <th scope="row">{t('grants.tranches.agency', { agency: a.acronym })}</th>
                {figures(a.callCurrency, grant.currency)}
              </tr>
            ))}
            <tr data-testid="total-balance">
              <th scope="row">{t('grants.tranches.total', { currency: grant.currency })}</th>
              {figures(balances.total, grant.currency)}
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}

function conditionText(t: TFunction, grant: Grant, tranche: GrantTranche) {
  if (tranche.condition === 'REPORT') {
    const report = grant.reports.find((r) => r.id === tranche.reportId);
    return t('grants.tranches.onReport', { title: report ? reportTitle(t, report) : '' });
  }
  if (tranche.condition === 'MILESTONE') {
    const milestone = grant.milestones.find((m) => m.id === tranche.milestoneId);
    return t('grants.tranches.onMilestone', { title: milestone?.title ?? '' });
  }
  return t('grants.tranches.onAgreement');
}

/** The payment of a planned tranche: its date and the payment reference. */
function ReleaseForm({ grant, tranche, onDone }: { grant: Grant; tranche: GrantTranche; onDone: () => void }) {
  const { t } = useTranslation();
  const timeZone = useViewerTimeZone();
  const [paidOn, setPaidOn] = useState(() => todayIn(timeZone));
  const [reference, setReference] = useState('');
  const release = useGrantMutation(grant.id, () =>
    releaseTranche(tranche.id, { paidOn, ...(reference.trim() ? { reference: reference.trim() } : {}) }),
  );
  return (
    <form
      className="card stack-tight"
      aria-label={t('grants.tranches.releaseTitle', { number: tranche.number })}
      data-testid="release-form"
      onSubmit={(event) => {
        event.preventDefault();
        release.mutate(undefined, { onSuccess: onDone });
      }}
    >
      <h3>{t('grants.tranches.releaseTitle', { number: tranche.number })}</h3>
      <div className="row-fields">
        <div className="field">
          <label htmlFor="release-paid-on">{t('grants.tranches.paidOn')}</label>
          <input id="release-paid-on" type="date" required value={paidOn} onChange={(e) => setPaidOn(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="release-reference">{t('grants.tranches.reference')}</label>
          <input
            id="release-reference"
            value={reference}
            maxLength={200}
            onChange={(e) => setReference(e.target.value)}
          />
        </div>
      </div>
      <ErrorAlert error={release.error} listFieldErrors />
      <div className="actions">
        <button
          type="submit"
          className="button button-primary"
          disabled={release.isPending}
          data-testid="release-confirm"
        >
          {t('grants.tranches.release')}
        </button>
        <button type="button" className="button" onClick={onDone}>
          {t('grants.cancel')}
        </button>
      </div>
    </form>
  );
}

/** A new tranche for a partner, tied to the agreement, a report or a milestone. */
function PlanForm({ grant }: { grant: Grant }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const active = grant.partners.filter((p) => p.active);
  const [partnerId, setPartnerId] = useState(active[0]?.id ?? '');
  const [amount, setAmount] = useState('');
  const [condition, setCondition] = useState<CreateTrancheBody['condition']>('AGREEMENT');
  const [reportId, setReportId] = useState(grant.reports[0]?.id ?? '');
  const [milestoneId, setMilestoneId] = useState(grant.milestones[0]?.id ?? '');
  const [plannedDate, setPlannedDate] = useState('');
  const [invalid, setInvalid] = useState(false);
  const plan = useGrantMutation(grant.id, (body: CreateTrancheBody) => createTranche(grant.id, body));
  const currency = grant.partners.find((p) => p.id === partnerId)?.currency ?? '';
  const balance = grant.balances.partners.find((b) => b.partnerId === partnerId)?.partnerCurrency;
  // What is neither paid nor planned yet: the most a new tranche may be.
  const unplanned = balance && currency ? subtractAmounts(balance.remaining, balance.planned, currency) : undefined;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = CreateTrancheBodySchema.safeParse({
      partnerId,
      amount: amount.trim(),
      condition,
      ...(condition === 'REPORT' ? { reportId } : {}),
      ...(condition === 'MILESTONE' ? { milestoneId } : {}),
      ...(plannedDate ? { plannedDate } : {}),
    });
    setInvalid(!parsed.success);
    if (parsed.success) plan.mutate(parsed.data, { onSuccess: () => setAmount('') });
  };
  return (
    <form
      className="card stack-tight"
      aria-labelledby="plan-tranche-title"
      onSubmit={onSubmit}
      data-testid="plan-tranche"
    >
      <h2 id="plan-tranche-title">{t('grants.tranches.plan')}</h2>
      <div className="row-fields">
        <div className="field">
          <label htmlFor="tranche-partner">{t('grants.tranches.partner')}</label>
          <select id="tranche-partner" value={partnerId} onChange={(e) => setPartnerId(e.target.value)}>
            {active.map((p) => (
              <option key={p.id} value={p.id}>
                {p.institution.name} ({p.institution.countryCode})
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="tranche-amount">{t('grants.tranches.amount', { currency })}</label>
          <input
            id="tranche-amount"
            inputMode="decimal"
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            aria-invalid={invalid ? true : undefined}
            aria-describedby="tranche-amount-hint"
          />
          <p className="field-hint" id="tranche-amount-hint">
            {unplanned !== undefined &&
              t('grants.tranches.unplanned', { amount: moneyText(unplanned, currency, locale) })}
          </p>
        </div>
        <div className="field">
          <label htmlFor="tranche-condition">{t('grants.tranches.condition')}</label>
          <select
            id="tranche-condition"
            value={condition}
            onChange={(e) => setCondition(e.target.value as CreateTrancheBody['condition'])}
          >
            <option value="AGREEMENT">{t('grants.tranches.onAgreement')}</option>
            <option value="REPORT" disabled={grant.reports.length === 0}>
              {t('grants.tranches.conditionReport')}
            </option>
            <option value="MILESTONE" disabled={grant.milestones.length === 0}>
              {t('grants.tranches.conditionMilestone')}
            </option>
          </select>
        </div>
        {condition === 'REPORT' && (
          <div className="field">
            <label htmlFor="tranche-report">{t('grants.reports.report')}</label>
            <select id="tranche-report" value={reportId} onChange={(e) => setReportId(e.target.value)}>
              {grant.reports.map((r) => (
                <option key={r.id} value={r.id}>
                  {reportTitle(t, r)}
                </option>
              ))}
            </select>
          </div>
        )}
        {condition === 'MILESTONE' && (
          <div className="field">
            <label htmlFor="tranche-milestone">{t('grants.tranches.milestone')}</label>
            <select id="tranche-milestone" value={milestoneId} onChange={(e) => setMilestoneId(e.target.value)}>
              {grant.milestones.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.workPackage} · {m.title}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="tranche-planned">{t('grants.tranches.plannedDate')}</label>
          <input
            id="tranche-planned"
            type="date"
            value={plannedDate}
            onChange={(e) => setPlannedDate(e.target.value)}
          />
        </div>
      </div>
      {invalid && (
        <p className="field-error" role="alert">
          {t('grants.tranches.invalidAmount', { currency })}
        </p>
      )}
      <ErrorAlert error={plan.error} listFieldErrors />
      <div>
        <button
          type="submit"
          className="button button-primary"
          disabled={plan.isPending}
          data-testid="plan-tranche-submit"
        >
          {t('grants.tranches.planSubmit')}
        </button>
      </div>
    </form>
  );
}

/** Disbursements: balances per partner, agency and in total, the tranches, and (managers) planning and paying them. */
export function DisbursementsTab({ grant }: { grant: Grant }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const manager = grant.myRole === 'MANAGER';
  const [releasing, setReleasing] = useState<string | null>(null);
  const cancel = useGrantMutation(grant.id, (id: string) => cancelTranche(id));
  const open = grant.tranches.find((tr) => tr.id === releasing);
  const planning = manager && grant.status !== 'CLOSED';
  return (
    <div className="stack">
      <Balances grant={grant} />
      <section className="stack-tight" aria-labelledby="tranches-title">
        <h2 id="tranches-title">{t('grants.tranches.title')}</h2>
        <p className="muted small">{t('grants.tranches.rule')}</p>
        {grant.tranches.length === 0 ? (
          <p className="muted">{t('grants.tranches.none')}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">#</th>
                  <th scope="col">{t('grants.tranches.partner')}</th>
                  <th scope="col" className="numeric">
                    {t('grants.tranches.amountColumn')}
                  </th>
                  <th scope="col">{t('grants.tranches.condition')}</th>
                  <th scope="col">{t('grants.fields.status')}</th>
                  {manager && (
                    <th scope="col">
                      <span className="visually-hidden">{t('grants.tranches.actions')}</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {grant.tranches.map((tr) => {
                  const blocker = tr.status === 'PLANNED' ? releaseBlocker(grant, tr) : null;
                  return (
                    <tr key={tr.id} data-testid="tranche" data-status={tr.status} data-number={tr.number}>
                      <th scope="row">{tr.number}</th>
                      <td>{partnerName(grant, tr.partnerId)}</td>
                      <td className="numeric">
                        {moneyText(tr.amount, tr.currency, locale)}
                        {tr.currency !== grant.currency && (
                          <span className="muted small">
                            <br />
                            {moneyText(tr.callAmount, grant.currency, locale)}
                          </span>
                        )}
                      </td>
                      <td>{conditionText(t, grant, tr)}</td>
                      <td className="small">
                        {tr.status === 'RELEASED' ? (
                          <span data-testid="tranche-paid">
                            <span className="badge badge-open">{t('grants.tranches.status.RELEASED')}</span>{' '}
                            {tr.paidOn && t('grants.tranches.paidOnDate', { date: calendarDate(tr.paidOn, locale) })}
                            {tr.reference && <> · {tr.reference}</>}
                          </span>
                        ) : (
                          <>
                            <span className="badge badge-upcoming">{t('grants.tranches.status.PLANNED')}</span>
                            {tr.plannedDate && (
                              <> {t('grants.tranches.plannedFor', { date: calendarDate(tr.plannedDate, locale) })}</>
                            )}
                            {blocker && (
                              <p className="muted" data-testid="tranche-blocker">
                                {blockerText(t, blocker, grant)}
                              </p>
                            )}
                          </>
                        )}
                      </td>
                      {manager && (
                        <td className="nowrap">
                          {tr.status === 'PLANNED' && (
                            <div className="actions">
                              <button
                                type="button"
                                className="button button-small button-primary"
                                disabled={!!blocker}
                                onClick={() => setReleasing(tr.id)}
                                data-testid="tranche-release"
                              >
                                {t('grants.tranches.release')}
                              </button>
                              <button
                                type="button"
                                className="button button-small"
                                disabled={cancel.isPending}
                                onClick={() => cancel.mutate(tr.id)}
                                aria-label={t('grants.tranches.removeLabel', { number: tr.number })}
                              >
                                {t('grants.tranches.remove')}
                              </button>
                            </div>
                          )}
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
        <ErrorAlert error={cancel.error} />
        {manager && open && (
          <ReleaseForm key={open.id} grant={grant} tranche={open} onDone={() => setReleasing(null)} />
        )}
      </section>
      {planning && <PlanForm grant={grant} />}
    </div>
  );
}
