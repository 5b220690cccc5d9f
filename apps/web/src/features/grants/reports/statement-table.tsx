import { compareMoney } from '@kizuna/shared';
import { useTranslation } from 'react-i18next';
import type { Grant, GrantReport } from '../../../api/grants';
import { partnerName } from '../grant-text';
import { useMoney } from './report-text';

type Statement = GrantReport['statement'];
type Figures = { partnerCurrency: string; callCurrency: string };

const COLUMNS = ['approved', 'spentThisPeriod', 'spentToDate', 'remaining'] as const;

function isNegative(amount: string): boolean {
  try {
    return compareMoney(amount, '0') < 0;
  } catch {
    return false;
  }
}

/** An amount in the partner's currency and, when it differs, the call's below it; negative remainders stand out. */
function FigureCell({ figures, currency, callCurrency }: { figures: Figures; currency: string; callCurrency: string }) {
  const money = useMoney();
  const negative = isNegative(figures.partnerCurrency);
  return (
    <td className={negative ? 'numeric danger-text' : 'numeric'} data-negative={negative || undefined}>
      {money(figures.partnerCurrency, currency)}
      {currency !== callCurrency && (
        <>
          <br />
          <span className="muted small">{money(figures.callCurrency, callCurrency)}</span>
        </>
      )}
    </td>
  );
}

/**
 * The financial statement of a report as the API computed it: per partner × category, the approved budget against
 * this period's spending and the spending to date, and what remains; a subtotal per partner and the totals in the
 * call currency. Browser tests: `statement-table`, `statement-row` (data-partner, data-category),
 * `statement-partner-total`, `statement-totals`; cells with a negative remainder have `data-negative`.
 */
export function StatementTable({ grant, statement }: { grant: Pick<Grant, 'partners'>; statement: Statement }) {
  const { t } = useTranslation();
  const money = useMoney();
  const { callCurrency } = statement;
  const heading = (
    <thead>
      <tr>
        <th scope="col">{t('grantReports.statement.partner')}</th>
        <th scope="col">{t('grantReports.statement.category')}</th>
        {COLUMNS.map((column) => (
          <th key={column} scope="col" className="numeric">
            {t(`grantReports.statement.${column}`)}
          </th>
        ))}
      </tr>
    </thead>
  );
  return (
    <section className="card stack-tight" aria-labelledby="statement-title">
      <h2 id="statement-title">{t('grantReports.statement.title')}</h2>
      <p className="muted small">{t('grantReports.statement.intro', { currency: callCurrency })}</p>
      {statement.rows.length === 0 ? (
        <p className="muted">{t('grantReports.statement.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="statement-table">
            {heading}
            {statement.partners
              .filter((partner) => statement.rows.some((row) => row.partnerId === partner.partnerId))
              .map((partner) => (
                <tbody key={partner.partnerId}>
                  {statement.rows
                    .filter((row) => row.partnerId === partner.partnerId)
                    .map((row) => (
                      <tr
                        key={row.category}
                        data-testid="statement-row"
                        data-partner={row.partnerId}
                        data-category={row.category}
                      >
                        <th scope="row">{partnerName(grant, row.partnerId)}</th>
                        <td>{t(`proposals.budget.categories.${row.category}`)}</td>
                        {COLUMNS.map((column) => (
                          <FigureCell
                            key={column}
                            figures={row[column]}
                            currency={row.currency}
                            callCurrency={callCurrency}
                          />
                        ))}
                      </tr>
                    ))}
                  <tr data-testid="statement-partner-total" data-partner={partner.partnerId}>
                    <th scope="row" colSpan={2}>
                      {t('grantReports.statement.partnerTotal', { partner: partnerName(grant, partner.partnerId) })}
                    </th>
                    {COLUMNS.map((column) => (
                      <FigureCell
                        key={column}
                        figures={partner[column]}
                        currency={partner.currency}
                        callCurrency={callCurrency}
                      />
                    ))}
                  </tr>
                </tbody>
              ))}
            <tfoot>
              <tr data-testid="statement-totals">
                <th scope="row" colSpan={2}>
                  {t('grantReports.statement.total', { currency: callCurrency })}
                </th>
                <td className="numeric">{money(statement.totals.approved, callCurrency)}</td>
                <td className="numeric">{money(statement.totals.spentThisPeriod, callCurrency)}</td>
                <td className="numeric">{money(statement.totals.spentToDate, callCurrency)}</td>
                <td />
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}
