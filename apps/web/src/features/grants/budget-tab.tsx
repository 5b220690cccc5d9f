import type { Grant } from '@kizuna/shared';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n';
import { moneyText } from '../calls/call-text';
import { partnerName } from './grant-text';

/** The approved budget: totals per partner in both currencies, and every line against what the proposal asked. */
export function BudgetTab({ grant }: { grant: Grant }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const currencyOf = (partnerId: string) => grant.partners.find((p) => p.id === partnerId)?.currency ?? grant.currency;
  const agency = (id: string | null) =>
    grant.partners.find((p) => p.agency.id === id)?.agency.acronym ?? t('common.none');
  const { budget } = grant;
  return (
    <div className="stack">
      <p className="grand-total" data-testid="grant-budget-total">
        {t('grants.budget.total')} <strong>{moneyText(budget.grandTotal, grant.currency, locale)}</strong>
        {budget.grandTotal !== budget.originalGrandTotal && (
          <span className="muted small">
            {' '}
            {t('grants.budget.requested', { amount: moneyText(budget.originalGrandTotal, grant.currency, locale) })}
          </span>
        )}
      </p>
      {budget.adjustmentReason && (
        <div className="card stack-tight">
          <h2>{t('grants.budget.adjusted')}</h2>
          <p className="pre-wrap">{budget.adjustmentReason}</p>
        </div>
      )}
      <section className="stack-tight" aria-labelledby="budget-partners-title">
        <h2 id="budget-partners-title">{t('grants.budget.byPartner')}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('grants.partners.institution')}</th>
                <th scope="col" className="numeric">
                  {t('grants.budget.direct')}
                </th>
                <th scope="col" className="numeric">
                  {t('grants.budget.indirect')}
                </th>
                <th scope="col" className="numeric">
                  {t('grants.budget.partnerTotal')}
                </th>
                <th scope="col" className="numeric">
                  {t('grants.budget.inCallCurrency', { currency: grant.currency })}
                </th>
              </tr>
            </thead>
            <tbody>
              {budget.partners.map((p) => (
                <tr key={p.partnerId}>
                  <th scope="row">{partnerName(grant, p.partnerId)}</th>
                  <td className="numeric">{moneyText(p.partnerCurrency.direct, p.currency, locale)}</td>
                  <td className="numeric">{moneyText(p.partnerCurrency.indirect, p.currency, locale)}</td>
                  <td className="numeric">{moneyText(p.partnerCurrency.total, p.currency, locale)}</td>
                  <td className="numeric">{moneyText(p.callCurrency.total, grant.currency, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <div className="grid-2">
        <section className="stack-tight" aria-labelledby="budget-agency-title">
          <h2 id="budget-agency-title">{t('grants.budget.byAgency')}</h2>
          <table>
            <tbody>
              {budget.byAgency.map((row) => (
                <tr key={row.agencyId ?? 'none'}>
                  <th scope="row">{agency(row.agencyId)}</th>
                  <td className="numeric">{moneyText(row.total, grant.currency, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="stack-tight" aria-labelledby="budget-year-title">
          <h2 id="budget-year-title">{t('grants.budget.byYear')}</h2>
          <table>
            <tbody>
              {budget.byYear.map((row) => (
                <tr key={row.year}>
                  <th scope="row">{t('grants.budget.year', { year: row.year })}</th>
                  <td className="numeric">{moneyText(row.total, grant.currency, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <section className="stack-tight" aria-labelledby="budget-lines-title">
        <h2 id="budget-lines-title">{t('grants.budget.lines')}</h2>
        <p className="muted small">{t('grants.budget.linesIntro')}</p>
        <div className="table-wrap">
          <table data-testid="grant-budget-lines">
            <thead>
              <tr>
                <th scope="col">{t('grants.partners.institution')}</th>
                <th scope="col">{t('grants.budget.yearColumn')}</th>
                <th scope="col">{t('grants.budget.category')}</th>
                <th scope="col" className="numeric">
                  {t('grants.budget.original')}
                </th>
                <th scope="col" className="numeric">
                  {t('grants.budget.approved')}
                </th>
              </tr>
            </thead>
            <tbody>
              {budget.lines.map((line) => {
                const currency = currencyOf(line.partnerId);
                const changed = line.original !== line.approved;
                return (
                  <tr
                    key={`${line.partnerId}-${line.year}-${line.category}`}
                    className={changed ? 'change-changed' : ''}
                  >
                    <th scope="row">{partnerName(grant, line.partnerId)}</th>
                    <td>{line.year}</td>
                    <td>{t(`proposals.budget.categories.${line.category}`)}</td>
                    <td className="numeric">
                      {line.original === null ? t('common.none') : moneyText(line.original, currency, locale)}
                    </td>
                    <td className="numeric">
                      {moneyText(line.approved, currency, locale)}
                      {changed && <span className="visually-hidden"> {t('grants.budget.changed')}</span>}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
