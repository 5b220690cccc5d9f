import { type Call, compareMoney, DEFAULT_INDIRECT_EXCLUDED_CATEGORIES, type Proposal } from '@kizuna/shared';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BudgetSummary as Summary } from '../../../api/proposals';
import { currentLocale } from '../../../i18n';
import { formatList } from '../../../lib/format';
import { moneyText, percentText, useCountryName } from '../../calls/call-text';

function overCap(total: string, cap: string | null): boolean {
  if (cap === null) return false;
  try {
    return compareMoney(total, cap) > 0;
  } catch {
    return false;
  }
}

/**
 * The totals of a budget in the call currency: per partner, year, category and agency, and the grand total.
 * `source` says whose figures they are: the browser's while editing, the server's once saved (authoritative).
 * Browser tests: `budget-summary` (data-source), `budget-grand-total`, `budget-partner-total-<partnerId>`.
 */
export function BudgetSummary({
  result,
  proposal,
  call,
  source,
}: {
  result: Summary;
  proposal: Pick<Proposal, 'partners'>;
  call: Pick<Call, 'currency' | 'capPerProposal' | 'capPerPartner' | 'agencies' | 'indirectRate'>;
  source: 'live' | 'server' | 'snapshot';
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const countryName = useCountryName();
  const money = (amount: string) => moneyText(amount, result.callCurrency, locale);
  const partnerOf = new Map(proposal.partners.map((p) => [p.id, p]));
  const agencyName = (agencyId: string | null) => {
    if (agencyId === null) return t('proposals.budget.noAgency');
    const fromPartners = proposal.partners.find((p) => p.agency?.id === agencyId)?.agency?.acronym;
    return fromPartners ?? call.agencies.find((a) => a.agencyId === agencyId)?.acronym ?? agencyId;
  };
  const grandOver = overCap(result.grandTotal, call.capPerProposal);

  return (
    <section
      className="card stack budget-summary"
      aria-labelledby="budget-summary-title"
      data-testid="budget-summary"
      data-source={source}
    >
      <div className="section-head">
        <h2 id="budget-summary-title">{t('proposals.budget.totals', { currency: result.callCurrency })}</h2>
        <span className={source === 'live' ? 'badge badge-published' : 'badge badge-open'} data-testid="budget-source">
          {t(`proposals.budget.source.${source}`)}
        </span>
      </div>
      <p className={grandOver ? 'grand-total grand-total-over' : 'grand-total'}>
        {t('proposals.budget.grandTotal')} <strong data-testid="budget-grand-total">{money(result.grandTotal)}</strong>
        {call.capPerProposal !== null && (
          <span className="muted small"> {t('proposals.budget.capOf', { cap: money(call.capPerProposal) })}</span>
        )}
        {grandOver && <span className="field-error"> {t('proposals.budget.overCap')}</span>}
      </p>
      <div className="table-wrap">
        <table>
          <caption>{t('proposals.budget.byPartner')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('proposals.budget.partner')}</th>
              <th scope="col" className="numeric">
                {t('proposals.budget.inPartnerCurrency')}
              </th>
              <th scope="col" className="numeric">
                {t('proposals.budget.inCallCurrency', { currency: result.callCurrency })}
              </th>
            </tr>
          </thead>
          <tbody>
            {result.partners.map((row) => {
              const partner = partnerOf.get(row.partnerId);
              const over = overCap(row.callCurrency.total, call.capPerPartner);
              return (
                <tr key={row.partnerId}>
                  <th scope="row">
                    {partner?.institution.name ?? row.partnerId}{' '}
                    <span className="muted small">{countryName(row.countryCode)}</span>
                  </th>
                  <td className="numeric">{moneyText(row.partnerCurrency.total, row.currency, locale)}</td>
                  <td
                    className={over ? 'numeric field-error' : 'numeric'}
                    data-testid={`budget-partner-total-${row.partnerId}`}
                  >
                    {money(row.callCurrency.total)}
                    {over && ` ${t('proposals.budget.overPartnerCap')}`}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {call.capPerPartner !== null && (
          <p className="muted small">{t('proposals.budget.partnerCap', { cap: money(call.capPerPartner) })}</p>
        )}
      </div>
      <div className="grid-2">
        <TotalsTable
          caption={t('proposals.budget.byAgency')}
          labelHeader={t('proposals.budget.agency')}
          rows={result.byAgency.map((row) => ({
            key: row.agencyId ?? 'none',
            label: agencyName(row.agencyId),
            total: row.total,
          }))}
          money={money}
          testId="budget-agency-row"
        />
        <TotalsTable
          caption={t('proposals.budget.byYear')}
          labelHeader={t('proposals.budget.yearColumn')}
          rows={result.byYear.map((row) => ({
            key: String(row.year),
            label: t('proposals.budget.year', { year: row.year }),
            total: row.total,
          }))}
          money={money}
          testId="budget-year-row"
          empty={t('proposals.budget.empty')}
        />
        <TotalsTable
          caption={t('proposals.budget.byCategory')}
          labelHeader={t('proposals.budget.category')}
          rows={result.byCategory.map((row) => ({
            key: row.category,
            label: t(`proposals.budget.categories.${row.category}`),
            total: row.total,
          }))}
          money={money}
          // The call's rate, on the categories computeBudget charges by default (as the server does).
          note={t('proposals.budget.indirectNote', {
            rate: percentText(call.indirectRate, locale),
            excluded: formatList(
              DEFAULT_INDIRECT_EXCLUDED_CATEGORIES.map((c) => t(`proposals.budget.categories.${c}`)),
              locale,
            ),
          })}
        />
      </div>
    </section>
  );
}

/** One column of labels and one of call-currency totals, with an optional note under the table. */
function TotalsTable({
  caption,
  labelHeader,
  rows,
  money,
  testId,
  empty,
  note,
}: {
  caption: string;
  labelHeader: string;
  rows: { key: string; label: string; total: string }[];
  money: (amount: string) => string;
  testId?: string;
  empty?: string;
  note?: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{labelHeader}</th>
            <th scope="col" className="numeric">
              {t('proposals.budget.total')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && empty ? (
            <tr>
              <td colSpan={2} className="muted">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={row.key} data-testid={testId}>
                <th scope="row">{row.label}</th>
                <td className="numeric">{money(row.total)}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
      {note && <p className="muted small">{note}</p>}
    </div>
  );
}
