import type { CallStatus } from '@kizuna/shared';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../../i18n';
import { formatDate, formatDateTime, formatRelative, formatUtc } from '../../lib/format';
import { themeLabel } from './call-text';

export function StatusBadge({ status }: { status: CallStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge-${status.toLowerCase()}`} data-testid="call-status" data-status={status}>
      {t(`calls.status.${status}`)}
    </span>
  );
}

/** An instant in a given zone, with the zone's IANA name: "15 Mar 2026, 17:00 GMT+7 (Asia/Bangkok)". */
export function ZonedTime({ iso, timeZone, testId }: { iso: string; timeZone: string; testId?: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <time dateTime={iso} title={formatUtc(iso)} data-testid={testId}>
      {t('calls.inZone', { time: formatDateTime(iso, { timeZone, locale }), zone: timeZone })}
    </time>
  );
}

/** The same instant in the viewer's own zone: "Your time: 15 Mar 2026, 19:00 GMT+9 (Asia/Tokyo)". */
export function ViewerTime({ iso, viewerTimeZone, testId }: { iso: string; viewerTimeZone: string; testId?: string }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <time dateTime={iso} title={formatUtc(iso)} data-testid={testId}>
      {t('calls.yourTime', {
        time: formatDateTime(iso, { timeZone: viewerTimeZone, locale }),
        zone: viewerTimeZone,
      })}
    </time>
  );
}

/**
 * A call's deadline, both in the call's own time zone and in the viewer's, and how far away it is. Browser tests:
 * `call-deadline` (the whole), `deadline-call-zone`, `deadline-viewer-zone`, `deadline-relative`.
 */
export function Deadline({
  closesAt,
  timeZone,
  viewerTimeZone,
  now,
  headingLabel = true,
}: {
  closesAt: string;
  timeZone: string;
  viewerTimeZone: string;
  now: number;
  headingLabel?: boolean;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const past = Date.parse(closesAt) <= now;
  const relative = formatRelative(closesAt, { locale, now });
  return (
    <div className="deadline" data-testid="call-deadline">
      {headingLabel && <span className="deadline-label">{t('calls.deadline')}</span>}
      <ZonedTime iso={closesAt} timeZone={timeZone} testId="deadline-call-zone" />
      <ViewerTime iso={closesAt} viewerTimeZone={viewerTimeZone} testId="deadline-viewer-zone" />
      <span className="deadline-relative" data-testid="deadline-relative">
        {past ? t('calls.closedRelative', { relative }) : t('calls.closesRelative', { relative })}
      </span>
    </div>
  );
}

/** "Open", or "Opens on 1 Mar 2026" for a published call whose opening is still ahead. */
export function Availability({
  status,
  opensAt,
  viewerTimeZone,
  now,
}: {
  status: CallStatus;
  opensAt: string;
  viewerTimeZone: string;
  now: number;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  // The worker opens a call at its instant; until it has, a published call past its opening is open all the same.
  const open = status === 'OPEN' || (status === 'PUBLISHED' && Date.parse(opensAt) <= now);
  if (open) {
    return (
      <span className="badge badge-open" data-testid="call-availability" data-open="true">
        {t('calls.status.OPEN')}
      </span>
    );
  }
  if (status === 'PUBLISHED') {
    return (
      <span className="badge badge-upcoming" data-testid="call-availability" data-open="false">
        <time dateTime={opensAt} title={formatUtc(opensAt)}>
          {t('calls.opensOn', { date: formatDate(opensAt, { timeZone: viewerTimeZone, locale }) })}
        </time>
      </span>
    );
  }
  return <StatusBadge status={status} />;
}

export function ThemeTags({ themes, label }: { themes: readonly string[]; label?: string }) {
  const { t } = useTranslation();
  return (
    <ul className="tag-list" aria-label={label} data-testid="call-themes">
      {themes.map((theme) => (
        <li key={theme} className="tag">
          {themeLabel(t, theme)}
        </li>
      ))}
    </ul>
  );
}
