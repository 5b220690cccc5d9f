import { type GrantReport, minorUnits } from '@kizuna/shared';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { GrantPartner } from '../../../api/grants';
import { currentLocale } from '../../../i18n';
import { moneyText } from '../../calls/call-text';
import { calendarDate, workStatusClass } from '../grant-text';

/* Small pieces the report page and the amendments tab share: money, dates, partners and the status badge. */

/** Money in the user's language ("$1,250.00", "￥5,000,000"); follows language changes. */
export function useMoney(): (amount: string, currency: string) => string {
  useTranslation();
  const locale = currentLocale();
  return useCallback((amount, currency) => moneyText(amount, currency, locale), [locale]);
}

/** A calendar date of the grant (YYYY-MM-DD) in the user's language. */
export function useDay(): (date: string) => string {
  useTranslation();
  const locale = currentLocale();
  return useCallback((date) => calendarDate(date, locale), [locale]);
}

/** "Universiti Malaya (MYR)", for choosing a partner. */
export function partnerOption(partner: GrantPartner): string {
  return `${partner.institution.name} (${partner.currency})`;
}

/** "In JPY, whole amounts only." / "In USD, at most 2 decimals." */
export function useAmountHint(): (currency: string) => string {
  const { t } = useTranslation();
  return (currency) => {
    const decimals = minorUnits(currency);
    return decimals === 0
      ? t('grantReports.amountHintWhole', { currency })
      : t('grantReports.amountHint', { currency, decimals });
  };
}

/** The report's status (`report-status`, data-status) and, when it is late, `report-overdue`. */
export function ReportStatusBadge({ report }: { report: Pick<GrantReport, 'status' | 'overdue'> }) {
  const { t } = useTranslation();
  return (
    <span className="tag-list">
      <span className={workStatusClass(report.status)} data-testid="report-status" data-status={report.status}>
        {t(`grants.reports.status.${report.status}`)}
      </span>
      {report.overdue && (
        <span className="badge badge-closed" data-testid="report-overdue">
          {t('grants.overdue')}
        </span>
      )}
    </span>
  );
}
