import { type Grant, ReasonBodySchema } from '@kizuna/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  acknowledgeAgreement,
  agreementUrl,
  closeGrant,
  markFinalReportDue,
  resumeGrant,
  suspendGrant,
} from '../../api/grants';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorAlert } from '../../components/form';
import { currentLocale } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useMe } from '../auth/use-me';
import { useViewerTimeZone } from '../calls/call-text';
import { ReasonDialog } from '../reviews/reason-dialog';
import { calendarDate } from './grant-text';
import { useGrantMutation } from './use-grants';

/** The agreement: download the current version; each PI acknowledges it once; the last one starts the grant. */
function Agreement({ grant }: { grant: Grant }) {
  const { t } = useTranslation();
  const me = useMe();
  const locale = currentLocale();
  const timeZone = useViewerTimeZone();
  const [read, setRead] = useState(false);
  const acknowledge = useGrantMutation(grant.id, () => acknowledgeAgreement(grant.id, grant.agreement.version));
  const mine = grant.agreement.acknowledgements.find((a) => a.userId === me.data?.id);
  return (
    <section className="card stack-tight" aria-labelledby="agreement-title" data-testid="agreement">
      <div className="section-head">
        <h2 id="agreement-title">{t('grants.agreement.title', { version: grant.agreement.version })}</h2>
        <a className="button" href={agreementUrl(grant.id)} download data-testid="agreement-download">
          {t('grants.agreement.download')}
        </a>
      </div>
      <p className="muted small">
        {t('grants.agreement.issued', {
          at: formatDateTime(grant.agreement.issuedAt, { locale, timeZone }),
        })}{' '}
        {grant.agreement.complete ? t('grants.agreement.complete') : t('grants.agreement.incomplete')}
      </p>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('grants.agreement.person')}</th>
              <th scope="col">{t('grants.fields.myRole')}</th>
              <th scope="col">{t('grants.agreement.acknowledged')}</th>
            </tr>
          </thead>
          <tbody>
            {grant.agreement.acknowledgements.map((a) => (
              <tr key={a.userId} data-testid="acknowledgement" data-acknowledged={a.acknowledgedAt ? 'yes' : 'no'}>
                <th scope="row">{a.displayName}</th>
                <td>{t(`grants.roles.${a.role}`)}</td>
                <td>
                  {a.acknowledgedAt ? (
                    formatDateTime(a.acknowledgedAt, { locale, timeZone })
                  ) : (
                    <span className="muted">{t('grants.agreement.waiting')}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {mine && !mine.acknowledgedAt && grant.status !== 'CLOSED' && (
        <form
          className="stack-tight"
          onSubmit={(event) => {
            event.preventDefault();
            acknowledge.mutate(undefined);
          }}
        >
          <label className="checkbox">
            <input type="checkbox" checked={read} onChange={(e) => setRead(e.target.checked)} />
            {t('grants.agreement.readIt', { version: grant.agreement.version })}
          </label>
          <ErrorAlert error={acknowledge.error} />
          <div>
            <button
              type="submit"
              className="button button-primary"
              disabled={!read || acknowledge.isPending}
              data-testid="acknowledge-agreement"
            >
              {t('grants.agreement.acknowledge')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

type Action = 'suspend' | 'resume' | 'finalReportDue' | 'close';

/** The manager's state changes: which ones apply follows the grant's state; the server checks again. */
function StateActions({ grant }: { grant: Grant }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Action | null>(null);
  const confirm = useGrantMutation(grant.id, (action: 'finalReportDue' | 'close') =>
    action === 'close' ? closeGrant(grant.id) : markFinalReportDue(grant.id),
  );
  const withReason = useGrantMutation(grant.id, ({ action, reason }: { action: Action; reason: string }) =>
    action === 'resume' ? resumeGrant(grant.id, reason) : suspendGrant(grant.id, reason),
  );
  const finalAccepted = grant.reports.some((r) => r.kind === 'FINAL' && r.status === 'ACCEPTED');
  const available: Action[] = [
    ...(grant.status === 'ACTIVE' ? (['finalReportDue'] as const) : []),
    ...(grant.status === 'ACTIVE' || grant.status === 'FINAL_REPORT_DUE' ? (['suspend'] as const) : []),
    ...(grant.status === 'SUSPENDED' ? (['resume'] as const) : []),
    ...(grant.status === 'FINAL_REPORT_DUE' ? (['close'] as const) : []),
  ];
  if (available.length === 0) return null;
  return (
    <section className="card stack-tight" aria-labelledby="state-actions-title">
      <h2 id="state-actions-title">{t('grants.state.title')}</h2>
      <p className="muted small">{t(`grants.state.meaning.${grant.status}`)}</p>
      <ErrorAlert error={confirm.error} />
      <div className="actions">
        {available.map((action) => (
          <button
            key={action}
            type="button"
            className="button"
            disabled={action === 'close' && !finalAccepted}
            title={action === 'close' && !finalAccepted ? t('grants.state.closeNeedsFinal') : undefined}
            onClick={() => {
              confirm.reset();
              setOpen(action);
            }}
            data-testid={`grant-${action}`}
          >
            {t(`grants.state.${action}`)}
          </button>
        ))}
      </div>
      {(open === 'finalReportDue' || open === 'close') && (
        <ConfirmDialog
          title={t(`grants.state.${open}`)}
          confirmLabel={t(`grants.state.${open}`)}
          cancelLabel={t('grants.cancel')}
          pending={confirm.isPending}
          onCancel={() => setOpen(null)}
          onConfirm={() => confirm.mutate(open, { onSettled: () => setOpen(null) })}
          testId="grant-state-confirm"
        >
          <p>{t(`grants.state.confirm.${open}`)}</p>
        </ConfirmDialog>
      )}
      {(open === 'suspend' || open === 'resume') && (
        <ReasonDialog
          title={t(`grants.state.${open}`)}
          label={t('grants.state.reason')}
          submitLabel={t(`grants.state.${open}`)}
          cancelLabel={t('grants.cancel')}
          schema={ReasonBodySchema}
          onSubmit={(reason) => withReason.mutateAsync({ action: open, reason }).then(() => setOpen(null))}
          onCancel={() => setOpen(null)}
          testId="grant-state-reason"
        />
      )}
    </section>
  );
}

/** The grant at a glance: dates, state, the agreement and the partners with their agencies. */
export function OverviewTab({ grant }: { grant: Grant }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const timeZone = useViewerTimeZone();
  return (
    <div className="stack">
      <dl className="facts card">
        <dt>{t('grants.fields.proposal')}</dt>
        <dd>
          <Link to={`/proposals/${grant.proposal.id}`}>{grant.proposal.acronym}</Link> · {grant.proposal.title}
        </dd>
        <dt>{t('grants.fields.period')}</dt>
        <dd data-testid="grant-period">
          {calendarDate(grant.startDate, locale)} – {calendarDate(grant.endDate, locale)}
        </dd>
        <dt>{t('grants.fields.reporting')}</dt>
        <dd>{t('grants.fields.reportingEvery', { count: grant.reportingPeriodMonths })}</dd>
        <dt>{t('grants.fields.myRole')}</dt>
        <dd>{t(`grants.roles.${grant.myRole}`)}</dd>
        <dt>{t('grants.fields.awardedAt')}</dt>
        <dd>{formatDateTime(grant.awardedAt, { locale, timeZone })}</dd>
        {grant.activatedAt && (
          <>
            <dt>{t('grants.fields.activatedAt')}</dt>
            <dd>{formatDateTime(grant.activatedAt, { locale, timeZone })}</dd>
          </>
        )}
        {grant.closedAt && (
          <>
            <dt>{t('grants.fields.closedAt')}</dt>
            <dd>{formatDateTime(grant.closedAt, { locale, timeZone })}</dd>
          </>
        )}
        {grant.status === 'SUSPENDED' && (
          <>
            <dt>{t('grants.fields.suspension')}</dt>
            <dd className="pre-wrap">{grant.suspensionReason}</dd>
          </>
        )}
      </dl>
      {grant.myRole === 'MANAGER' && <StateActions grant={grant} />}
      <Agreement grant={grant} />
      <section className="stack-tight" aria-labelledby="partners-title">
        <h2 id="partners-title">{t('grants.partners.title')}</h2>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('grants.partners.institution')}</th>
                <th scope="col">{t('grants.partners.role')}</th>
                <th scope="col">{t('grants.partners.pi')}</th>
                <th scope="col">{t('grants.partners.agency')}</th>
                <th scope="col">{t('grants.partners.currency')}</th>
              </tr>
            </thead>
            <tbody>
              {grant.partners.map((p) => (
                <tr key={p.id} className={p.active ? undefined : 'muted'}>
                  <th scope="row">
                    {p.institution.name} ({p.institution.countryCode})
                    {!p.active && <span className="tag small"> {t('grants.partners.left')}</span>}
                  </th>
                  <td>{t(`grants.partners.roles.${p.role}`)}</td>
                  <td>{p.pi?.displayName ?? t('common.none')}</td>
                  <td>
                    <abbr title={p.agency.name}>{p.agency.acronym}</abbr>
                  </td>
                  <td>
                    {p.currency}
                    {p.currency !== grant.currency && (
                      <span className="muted small">
                        {' '}
                        {t('grants.partners.rate', {
                          currency: p.currency,
                          rate: p.rate,
                          callCurrency: grant.currency,
                        })}
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
