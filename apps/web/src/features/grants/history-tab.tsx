import type { Grant } from '@kizuna/shared';
import { useTranslation } from 'react-i18next';
import type { GrantHistoryEntry } from '../../api/grants';
import { ErrorState, Loading } from '../../components/states';
import { currentLocale } from '../../i18n';
import { formatDateTime } from '../../lib/format';
import { useViewerTimeZone } from '../calls/call-text';
import { useGrantHistory } from './use-grants';

const ACTIONS = new Set([
  'awarded',
  'status_changed',
  'agreement_acknowledged',
  'agreement_reissued',
  'milestone_submitted',
  'milestone_accepted',
  'milestone_changes_requested',
  'milestone_file_added',
  'milestone_file_removed',
  'report_submitted',
  'report_accepted',
  'report_returned',
  'tranche_planned',
  'tranche_released',
  'tranche_cancelled',
  'amendment_requested',
  'amendment_approved',
  'amendment_rejected',
]);

function What({ entry }: { entry: GrantHistoryEntry }) {
  const { t } = useTranslation();
  if (entry.action === 'status_changed' && typeof entry.data.from === 'string' && typeof entry.data.to === 'string') {
    return (
      <>
        {t('grants.history.statusChanged', {
          from: t(`grants.status.${entry.data.from as Grant['status']}`),
          to: t(`grants.status.${entry.data.to as Grant['status']}`),
        })}
      </>
    );
  }
  return <>{ACTIONS.has(entry.action) ? t(`grants.history.actions.${entry.action as 'awarded'}`) : entry.action}</>;
}

/** Everything that happened to the grant, oldest first: who, when, and their comment. */
export function HistoryTab({ grant }: { grant: Grant }) {
  const { t } = useTranslation();
  const history = useGrantHistory(grant.id);
  const locale = currentLocale();
  const timeZone = useViewerTimeZone();
  if (history.isPending) return <Loading />;
  if (history.isError) return <ErrorState error={history.error} onRetry={() => void history.refetch()} />;
  return (
    <ol className="plain-list stack-tight" data-testid="grant-history">
      {history.data.map((entry) => (
        <li
          key={`${entry.at}-${entry.action}-${entry.subjectId ?? ''}`}
          className="row-card"
          data-action={entry.action}
        >
          <p>
            <strong>
              <What entry={entry} />
            </strong>
            <span className="muted small">
              {' '}
              · {entry.actor?.displayName ?? t('grants.history.system')} ·{' '}
              {formatDateTime(entry.at, { locale, timeZone })}
            </span>
          </p>
          {entry.comment && <p className="pre-wrap small">{entry.comment}</p>}
        </li>
      ))}
    </ol>
  );
}
