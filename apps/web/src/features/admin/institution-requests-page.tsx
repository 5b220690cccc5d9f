import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InstitutionRequest } from '../../api/reference';
import { ErrorAlert, SuccessMessage } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { currentLocale } from '../../i18n';
import { formatDateTime, formatUtc } from '../../lib/format';
import { useMe } from '../auth/use-me';
import { useCountryName } from '../calls/call-text';
import { useInstitutionRequests } from './use-institution-requests';
import { useReviewInstitutionRequest } from './use-review-institution-request';

const NOTE_MAX = 1000;

function statusClass(status: InstitutionRequest['status']): string {
  return status === 'APPROVED'
    ? 'badge badge-open'
    : status === 'REJECTED'
      ? 'badge badge-closed'
      : 'badge badge-draft';
}

/** One requested institution: what was asked, by whom, and for a pending one approve or reject with a note. */
function RequestItem({ item, onDone }: { item: InstitutionRequest; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const me = useMe();
  const countryName = useCountryName();
  const locale = currentLocale();
  const review = useReviewInstitutionRequest();
  const [note, setNote] = useState('');
  const pending = item.status === 'PENDING';

  const decide = (decision: 'APPROVE' | 'REJECT') =>
    review.mutate(
      { id: item.id, body: { decision, note: note.trim() === '' ? null : note.trim() } },
      {
        onSuccess: (result) =>
          onDone(
            result.status === 'APPROVED'
              ? t('admin.institutions.approved', { name: result.name })
              : t('admin.institutions.rejected', { name: result.name }),
          ),
      },
    );

  return (
    <li
      className="card stack-tight"
      aria-labelledby={`${id}-name`}
      data-testid="institution-request"
      data-status={item.status}
    >
      <div className="section-head">
        <h2 id={`${id}-name`}>
          {item.name} {item.shortName && <span className="muted">({item.shortName})</span>}
        </h2>
        <span className={statusClass(item.status)}>{t(`proposals.institution.status.${item.status}`)}</span>
      </div>
      <dl className="facts">
        <dt>{t('admin.institutions.country')}</dt>
        <dd>{countryName(item.countryCode)}</dd>
        <dt>{t('admin.institutions.type')}</dt>
        <dd>{t(`proposals.institution.types.${item.type}`)}</dd>
        <dt>{t('admin.institutions.website')}</dt>
        <dd>
          {item.website ? (
            <a href={item.website} target="_blank" rel="noreferrer noopener">
              {item.website}
            </a>
          ) : (
            t('common.none')
          )}
        </dd>
        <dt>{t('admin.institutions.requestedBy')}</dt>
        <dd>
          {item.requestedBy
            ? t('admin.institutions.requester', { name: item.requestedBy.displayName, email: item.requestedBy.email })
            : t('common.none')}
        </dd>
        <dt>{t('admin.institutions.requestedAt')}</dt>
        <dd>
          <time dateTime={item.createdAt} title={formatUtc(item.createdAt)}>
            {formatDateTime(item.createdAt, { timeZone: me.data?.timeZone, locale })}
          </time>
        </dd>
        {!pending && (
          <>
            <dt>{t('admin.institutions.note')}</dt>
            <dd className="pre-wrap">{item.reviewNote || t('common.none')}</dd>
          </>
        )}
      </dl>
      {pending && (
        <div className="stack-tight">
          <ErrorAlert error={review.error} />
          <div className="field">
            <label htmlFor={`${id}-note`}>{t('admin.institutions.noteLabel')}</label>
            <textarea
              id={`${id}-note`}
              rows={2}
              maxLength={NOTE_MAX}
              value={note}
              aria-describedby={`${id}-note-hint`}
              onChange={(event) => setNote(event.target.value)}
            />
            <p id={`${id}-note-hint`} className="field-hint">
              {t('admin.institutions.noteHint')}
            </p>
          </div>
          <div className="actions">
            <button
              type="button"
              className="button button-primary"
              disabled={review.isPending}
              aria-label={t('admin.institutions.approveLabel', { name: item.name })}
              onClick={() => decide('APPROVE')}
            >
              {t('admin.institutions.approve')}
            </button>
            <button
              type="button"
              className="button"
              disabled={review.isPending}
              aria-label={t('admin.institutions.rejectLabel', { name: item.name })}
              onClick={() => decide('REJECT')}
            >
              {t('admin.institutions.reject')}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}

/** `/admin/institutions`: institutions users asked to add, pending first; an admin approves or rejects each. */
export function InstitutionRequestsPage() {
  const { t } = useTranslation();
  const requests = useInstitutionRequests();
  const [message, setMessage] = useState<string | null>(null);
  const pending = requests.data?.filter((r) => r.status === 'PENDING').length ?? 0;
  return (
    <div className="page">
      <PageTitle title={t('admin.institutions.title')} />
      <h1>{t('admin.institutions.title')}</h1>
      <p className="muted">{t('admin.institutions.intro')}</p>
      {message && <SuccessMessage>{message}</SuccessMessage>}
      {requests.isPending ? (
        <Loading />
      ) : requests.isError ? (
        <ErrorState error={requests.error} onRetry={() => void requests.refetch()} />
      ) : requests.data.length === 0 ? (
        <EmptyState>
          <p>{t('admin.institutions.empty')}</p>
        </EmptyState>
      ) : (
        <>
          <p className="muted" aria-live="polite" data-testid="institution-requests-pending">
            {t('admin.institutions.pendingCount', { count: pending })}
          </p>
          <ul className="plain-list stack">
            {requests.data.map((item) => (
              <RequestItem key={item.id} item={item} onDone={setMessage} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
