import { DecideAmendmentBodySchema } from '@kizuna/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Grant, GrantAmendment } from '../../../api/grants';
import { SuccessMessage } from '../../../components/form';
import { EmptyState } from '../../../components/states';
import { currentLocale } from '../../../i18n';
import { formatDateTime } from '../../../lib/format';
import { useViewerTimeZone } from '../../calls/call-text';
import { DecisionForm } from '../reports/decision-form';
import { ChangesDetails, RequestDetails } from './amendment-details';
import { AmendmentRequestForm } from './amendment-request-form';
import { useDecideAmendment } from './use-amendment-actions';

/** The grant states in which amendments may be requested and approved (as the API). */
const OPEN: readonly Grant['status'][] = ['ACTIVE', 'SUSPENDED', 'FINAL_REPORT_DUE'];

const STATUS_TONE = { REQUESTED: 'badge-upcoming', APPROVED: 'badge-open', REJECTED: 'badge-closed' } as const;

function Decide({ grant, amendment }: { grant: Grant; amendment: GrantAmendment }) {
  const { t } = useTranslation();
  const decide = useDecideAmendment(grant.id);
  return (
    <DecisionForm
      title={t('grantReports.amendments.decide.title')}
      intro={OPEN.includes(grant.status) ? undefined : t('grantReports.amendments.decide.closed')}
      commentLabel={t('grantReports.amendments.decide.comment')}
      commentHint={t('grantReports.amendments.decide.commentHint')}
      schema={DecideAmendmentBodySchema}
      accept={{ decision: 'APPROVE', label: t('grantReports.amendments.decide.approve'), testId: 'amendment-approve' }}
      reject={{ decision: 'REJECT', label: t('grantReports.amendments.decide.reject'), testId: 'amendment-reject' }}
      onDecide={(body) => decide.mutateAsync({ id: amendment.id, body })}
      testId="amendment-decision"
    />
  );
}

function AmendmentItem({ grant, amendment }: { grant: Grant; amendment: GrantAmendment }) {
  const { t } = useTranslation();
  const timeZone = useViewerTimeZone();
  const instant = (iso: string) => formatDateTime(iso, { timeZone, locale: currentLocale() });
  return (
    <li
      className="card stack-tight"
      data-testid="amendment"
      data-number={amendment.number}
      data-status={amendment.status}
      aria-labelledby={`amendment-${amendment.id}`}
    >
      <div className="call-card-head">
        <h3 id={`amendment-${amendment.id}`}>
          {t('grantReports.amendments.heading', {
            number: amendment.number,
            kind: t(`grantReports.amendments.kind.${amendment.kind}`),
          })}
        </h3>
        <span className={`badge ${STATUS_TONE[amendment.status]}`} data-testid="amendment-status">
          {t(`grantReports.amendments.status.${amendment.status}`)}
        </span>
      </div>
      <p className="muted small">
        {t('grantReports.amendments.requestedBy', {
          name: amendment.requestedBy.displayName,
          at: instant(amendment.requestedAt),
        })}
      </p>
      <RequestDetails grant={grant} amendment={amendment} />
      <div>
        <strong>{t('grantReports.amendments.justification')}</strong>
        <p className="pre-wrap">{amendment.justification}</p>
      </div>
      {amendment.decidedAt && (
        <div data-testid="amendment-decided">
          <strong>
            {t(`grantReports.amendments.decidedAt.${amendment.status === 'APPROVED' ? 'APPROVED' : 'REJECTED'}`, {
              at: instant(amendment.decidedAt),
            })}
          </strong>
          {amendment.decisionComment && <p className="pre-wrap">{amendment.decisionComment}</p>}
        </div>
      )}
      {amendment.status === 'APPROVED' && <ChangesDetails grant={grant} amendment={amendment} />}
      {amendment.status === 'REQUESTED' && grant.myRole === 'MANAGER' && <Decide grant={grant} amendment={amendment} />}
    </li>
  );
}

/**
 * The grant's amendments, newest first: what was asked, why, the decision and what changed. The lead PI requests one
 * while the grant is open; a manager approves or rejects requested ones. Browser tests: `amendment-request` (opens the
 * form), `amendment` items (data-number, data-status), `amendment-status`, `amendment-approve`, `amendment-reject`.
 */
export function AmendmentsTab({ grant }: { grant: Grant }) {
  const { t } = useTranslation();
  const [requesting, setRequesting] = useState(false);
  const [sent, setSent] = useState<number | null>(null);
  const canRequest = grant.myRole === 'LEAD_PI' && OPEN.includes(grant.status);
  const amendments = [...grant.amendments].sort((a, b) => b.number - a.number);
  return (
    <section className="stack" aria-labelledby="amendments-title" data-testid="amendments-tab">
      <div className="section-head">
        <h2 id="amendments-title">{t('grantReports.amendments.title')}</h2>
        {canRequest && !requesting && (
          <button
            type="button"
            className="button button-primary"
            data-testid="amendment-request"
            onClick={() => {
              setSent(null);
              setRequesting(true);
            }}
          >
            {t('grantReports.amendments.request')}
          </button>
        )}
      </div>
      <p className="muted small">{t('grantReports.amendments.intro')}</p>
      {sent !== null && <SuccessMessage>{t('grantReports.amendments.sent', { number: sent })}</SuccessMessage>}
      {requesting && (
        <AmendmentRequestForm
          grant={grant}
          onCancel={() => setRequesting(false)}
          onDone={(number) => {
            setRequesting(false);
            setSent(number);
          }}
        />
      )}
      {amendments.length === 0 ? (
        <EmptyState>
          <p>{t('grantReports.amendments.empty')}</p>
        </EmptyState>
      ) : (
        <ol className="plain-list stack">
          {amendments.map((amendment) => (
            <AmendmentItem key={amendment.id} grant={grant} amendment={amendment} />
          ))}
        </ol>
      )}
    </section>
  );
}
