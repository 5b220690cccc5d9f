import { AmendmentRequestSchema, type BudgetCategory } from '@kizuna/shared';
import { useTranslation } from 'react-i18next';
import type { Grant, GrantAmendment } from '../../../api/grants';
import { partnerName } from '../grant-text';
import { useDay, useMoney } from '../reports/report-text';
import { ChangesSchemas } from './amendment-model';

function currencyOf(grant: Grant, partnerId: string) {
  return grant.partners.find((p) => p.id === partnerId)?.currency ?? grant.currency;
}

/** What the lead PI asked for, in words. */
export function RequestDetails({ grant, amendment }: { grant: Grant; amendment: GrantAmendment }) {
  const { t } = useTranslation();
  const money = useMoney();
  const day = useDay();
  const parsed = AmendmentRequestSchema.safeParse(amendment.request);
  if (!parsed.success) return null;
  const request = parsed.data;
  const category = (c: BudgetCategory) => t(`proposals.budget.categories.${c}`);
  switch (request.kind) {
    case 'BUDGET_REALLOCATION':
      return (
        <ul className="small">
          {request.lines.map((l) => (
            <li key={`${l.partnerId}|${l.year}|${l.category}`}>
              {t('grantReports.amendments.requestLine', {
                partner: partnerName(grant, l.partnerId),
                year: l.year,
                category: category(l.category),
                amount: money(l.amount, currencyOf(grant, l.partnerId)),
              })}
            </li>
          ))}
        </ul>
      );
    case 'NO_COST_EXTENSION':
      return <p className="small">{t('grantReports.amendments.requestEndDate', { date: day(request.endDate) })}</p>;
    case 'PARTNER_CHANGE':
      return (
        <p className="small">
          {request.transferTo
            ? t('grantReports.amendments.requestRemoveTransfer', {
                partner: partnerName(grant, request.removePartnerId),
                heir: partnerName(grant, request.transferTo),
              })
            : t('grantReports.amendments.requestRemove', { partner: partnerName(grant, request.removePartnerId) })}
        </p>
      );
  }
}

/** What an approved amendment changed, before → after (as recorded when it was approved). */
export function ChangesDetails({ grant, amendment }: { grant: Grant; amendment: GrantAmendment }) {
  const { t } = useTranslation();
  const money = useMoney();
  const day = useDay();
  if (!amendment.changes) return null;
  const category = (c: BudgetCategory) => t(`proposals.budget.categories.${c}`);
  const content = (() => {
    switch (amendment.kind) {
      case 'BUDGET_REALLOCATION': {
        const changes = ChangesSchemas.BUDGET_REALLOCATION.safeParse(amendment.changes);
        if (!changes.success) return null;
        return (
          <>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('grantReports.statement.partner')}</th>
                    <th scope="col">{t('grantReports.amendments.year')}</th>
                    <th scope="col">{t('grantReports.statement.category')}</th>
                    <th scope="col" className="numeric">
                      {t('grantReports.amendments.before')}
                    </th>
                    <th scope="col" className="numeric">
                      {t('grantReports.amendments.after')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {changes.data.lines.map((l) => {
                    const currency = currencyOf(grant, l.partnerId);
                    return (
                      <tr key={`${l.partnerId}|${l.year}|${l.category}`}>
                        <th scope="row">{partnerName(grant, l.partnerId)}</th>
                        <td>{l.year}</td>
                        <td>{category(l.category)}</td>
                        <td className="numeric">{l.before === null ? t('common.none') : money(l.before, currency)}</td>
                        <td className="numeric">{money(l.after, currency)}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <p>
              {t('grantReports.amendments.totalChange', {
                before: money(changes.data.grandTotal.before, grant.currency),
                after: money(changes.data.grandTotal.after, grant.currency),
              })}
            </p>
          </>
        );
      }
      case 'NO_COST_EXTENSION': {
        const changes = ChangesSchemas.NO_COST_EXTENSION.safeParse(amendment.changes);
        if (!changes.success) return null;
        const added = changes.data.periodicReportsAdded;
        return (
          <p>
            {t('grantReports.amendments.endDateChange', {
              before: day(changes.data.endDate.before),
              after: day(changes.data.endDate.after),
            })}
            {added.length > 0 && <> {t('grantReports.amendments.reportsAdded', { numbers: added.join(', ') })}</>}
          </p>
        );
      }
      case 'PARTNER_CHANGE': {
        const changes = ChangesSchemas.PARTNER_CHANGE.safeParse(amendment.changes);
        if (!changes.success) return null;
        const { removePartnerId, transferTo, lines, tranchesCancelled } = changes.data;
        const currency = currencyOf(grant, removePartnerId);
        return (
          <>
            <p>
              {transferTo
                ? t('grantReports.amendments.removedTransferred', {
                    partner: partnerName(grant, removePartnerId),
                    heir: partnerName(grant, transferTo),
                  })
                : t('grantReports.amendments.removed', { partner: partnerName(grant, removePartnerId) })}{' '}
              {t('grantReports.amendments.tranchesCancelled', { n: tranchesCancelled })}
            </p>
            {lines.length > 0 && (
              <ul className="small">
                {lines.map((l) => (
                  <li key={`${l.year}|${l.category}`}>
                    {t('grantReports.amendments.movedLine', {
                      year: l.year,
                      category: category(l.category),
                      amount: money(l.amount, currency),
                    })}
                  </li>
                ))}
              </ul>
            )}
          </>
        );
      }
    }
  })();
  if (!content) return null;
  return (
    <div className="stack-tight" data-testid="amendment-changes">
      <h4>{t('grantReports.amendments.changes')}</h4>
      {content}
    </div>
  );
}
