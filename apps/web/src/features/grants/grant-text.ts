import type { Grant, GrantStatus, Locale, ReleaseBlocker } from '@kizuna/shared';
import type { TFunction } from 'i18next';
import { formatDate } from '../../lib/format';

/** A grant state's badge colour (the calls' stylesheet). */
export function grantStatusClass(status: GrantStatus): string {
  switch (status) {
    case 'AWARDED':
      return 'badge badge-upcoming';
    case 'ACTIVE':
      return 'badge badge-open';
    case 'SUSPENDED':
      return 'badge badge-draft';
    case 'FINAL_REPORT_DUE':
      return 'badge badge-published';
    default:
      return 'badge badge-closed';
  }
}

/** Milestone and report states: accepted is done, submitted waits for the manager, the rest waits for the consortium. */
export function workStatusClass(status: string, overdue = false): string {
  if (overdue) return 'badge badge-draft';
  if (status === 'ACCEPTED') return 'badge badge-open';
  if (status === 'SUBMITTED') return 'badge badge-published';
  return 'badge badge-upcoming';
}

type Report = Pick<Grant['reports'][number], 'kind' | 'number'>;

export function reportTitle(t: TFunction, report: Report): string {
  return report.kind === 'FINAL' ? t('grants.reports.final') : t('grants.reports.periodic', { number: report.number });
}

/** Why a tranche cannot be paid yet, in the user's language. */
export function blockerText(t: TFunction, blocker: ReleaseBlocker, grant: Pick<Grant, 'reports' | 'milestones'>) {
  const report = 'reportId' in blocker ? grant.reports.find((r) => r.id === blocker.reportId) : undefined;
  const title = report ? reportTitle(t, report) : '';
  switch (blocker.code) {
    case 'grant_status':
      return t('grants.tranches.blocked.grantStatus', { status: t(`grants.status.${blocker.status}`) });
    case 'milestone_condition':
      return t('grants.tranches.blocked.milestone', {
        title: grant.milestones.find((m) => m.id === blocker.milestoneId)?.title ?? '',
      });
    case 'report_condition':
      return t('grants.tranches.blocked.report', { title });
    case 'report_not_accepted':
      return t('grants.tranches.blocked.reportNotAccepted', { title, due: report?.dueDate ?? '' });
    default:
      return t('grants.tranches.blocked.reportOverdue', { title, due: report?.dueDate ?? '' });
  }
}

/** The institution (and country) of a grant partner, by id. */
export function partnerName(grant: Pick<Grant, 'partners'>, partnerId: string): string {
  const partner = grant.partners.find((p) => p.id === partnerId);
  return partner ? `${partner.institution.name} (${partner.institution.countryCode})` : partnerId;
}

/** A calendar date of a grant (YYYY-MM-DD, no time zone) in the user's language: the same day everywhere. */
export function calendarDate(date: string, locale: Locale): string {
  return formatDate(date, { locale, timeZone: 'UTC' });
}
