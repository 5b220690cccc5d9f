import type { Grant } from '@kizuna/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { currentLocale } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useViewerTimeZone } from '../calls/call-text';
import { calendarDate, reportTitle, workStatusClass } from './grant-text';

/** The report schedule: periodic reports and the final one, each opened on its own page. */
export function ReportsTab({ grant }: { grant: Grant }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const timeZone = useViewerTimeZone();
  return (
    <div className="stack-tight">
      <p className="muted">{t('grants.reports.intro', { count: grant.reportingPeriodMonths })}</p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('grants.reports.report')}</th>
              <th scope="col">{t('grants.reports.period')}</th>
              <th scope="col">{t('grants.reports.due')}</th>
              <th scope="col">{t('grants.fields.status')}</th>
              <th scope="col">{t('grants.reports.submitted')}</th>
            </tr>
          </thead>
          <tbody>
            {grant.reports.map((r) => (
              <tr key={r.id} data-testid="grant-report-row" data-report-id={r.id} data-status={r.status}>
                <th scope="row">
                  <Link to={`/grants/${grant.id}/reports/${r.id}`}>{reportTitle(t, r)}</Link>
                </th>
                <td className="small nowrap">
                  {calendarDate(r.periodStart, locale)} – {calendarDate(r.periodEnd, locale)}
                </td>
                <td className="nowrap">{calendarDate(r.dueDate, locale)}</td>
                <td>
                  <span className={workStatusClass(r.status, r.overdue)}>{t(`grants.reports.status.${r.status}`)}</span>
                  {r.overdue && <span className="tag small danger-text"> {t('grants.overdue')}</span>}
                </td>
                <td className="small">{r.submittedAt ? formatDateTime(r.submittedAt, { locale, timeZone }) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
