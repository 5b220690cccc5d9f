import { type GrantSubject, type Locale, NOTIFICATION_TYPES, type NotificationItem } from '@kizuna/shared';
import type { TFunction } from 'i18next';
import { formatDate, formatDateTime, formatList, intlLocale } from '../../lib/format';
import { moneyText } from '../calls/call-text';

export interface NotificationText {
  title: string;
  body?: string;
}

/**
 * What a notification says, in the user's language, from its `type` and `data`. Data that does not match its
 * type (or a type this app does not know yet) gives a plain "New notification" rather than a broken page.
 */
export function notificationText(
  t: TFunction,
  item: Pick<NotificationItem, 'type' | 'data'>,
  locale: Locale,
): NotificationText {
  switch (item.type) {
    case 'account.roles_changed': {
      const parsed = NOTIFICATION_TYPES[item.type].data.safeParse(item.data);
      if (!parsed.success) break;
      const roles = parsed.data.roles.map(({ role, programmeName }) =>
        programmeName
          ? t('notifications.types.account.roles_changed.scoped', {
              role: t(`roles.${role}`),
              programme: programmeName,
            })
          : t(`roles.${role}`),
      );
      return {
        title:
          roles.length === 0
            ? t('notifications.types.account.roles_changed.noRoles')
            : t('notifications.types.account.roles_changed.title', { roles: formatList(roles, locale) }),
      };
    }
    case 'announcement.published': {
      const parsed = NOTIFICATION_TYPES[item.type].data.safeParse(item.data);
      if (!parsed.success) break;
      return {
        title: t('notifications.types.announcement.published.title', { title: parsed.data.title }),
        body: parsed.data.body,
      };
    }
    case 'proposal.submitted': {
      const parsed = NOTIFICATION_TYPES[item.type].data.safeParse(item.data);
      if (!parsed.success) break;
      return {
        title: t('notifications.types.proposal.submitted.title', parsed.data),
        body: t('notifications.types.proposal.submitted.body', parsed.data),
      };
    }
    case 'proposal.invitation_accepted': {
      const parsed = NOTIFICATION_TYPES[item.type].data.safeParse(item.data);
      if (!parsed.success) break;
      return { title: t('notifications.types.proposal.invitation_accepted.title', parsed.data) };
    }
    case 'proposal.decision_released': {
      const parsed = NOTIFICATION_TYPES[item.type].data.safeParse(item.data);
      if (!parsed.success) break;
      const { acronym, callTitle, outcome } = parsed.data;
      return {
        title: t('notifications.types.proposal.decision_released.title', { acronym }),
        body: t('notifications.types.proposal.decision_released.body', {
          acronym,
          callTitle,
          outcome: t(`proposals.status.${outcome}`),
        }),
      };
    }
    case 'review.declined': {
      const parsed = NOTIFICATION_TYPES[item.type].data.safeParse(item.data);
      if (!parsed.success) break;
      const { acronym, reviewer, reason, replacements } = parsed.data;
      const names = replacements.map(({ name, affinity }) =>
        t('notifications.types.review.declined.replacement', {
          name,
          affinity: new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 2 }).format(affinity),
        }),
      );
      return {
        title: t('notifications.types.review.declined.title', { reviewer, acronym }),
        body: [
          reason
            ? t('notifications.types.review.declined.reason', { reason })
            : t('notifications.types.review.declined.noReason'),
          names.length
            ? t('notifications.types.review.declined.replacements', { names: formatList(names, locale) })
            : t('notifications.types.review.declined.noReplacements'),
        ].join(' '),
      };
    }
    case 'review.rapporteur': {
      const parsed = NOTIFICATION_TYPES[item.type].data.safeParse(item.data);
      if (!parsed.success) break;
      const { acronym, callTitle } = parsed.data;
      return {
        title: t('notifications.types.review.rapporteur.title', { acronym }),
        body: t('notifications.types.review.rapporteur.body', { acronym, callTitle }),
      };
    }
    case 'review.reminder': {
      const parsed = NOTIFICATION_TYPES[item.type].data.safeParse(item.data);
      if (!parsed.success) break;
      const { acronym, callTitle, deadline, timeZone, daysLeft, daysLate } = parsed.data;
      const time = formatDateTime(deadline, { timeZone, locale });
      if (daysLate !== null) {
        return {
          title: t('notifications.types.review.reminder.overdueTitle', { acronym }),
          body: t('notifications.types.review.reminder.overdueBody', { acronym, callTitle, time, zone: timeZone }),
        };
      }
      return {
        title: t('notifications.types.review.reminder.dueTitle', { acronym, days: daysLeft ?? 0 }),
        body: t('notifications.types.review.reminder.dueBody', { acronym, callTitle, time, zone: timeZone }),
      };
    }
    case 'grant.awarded': {
      const parsed = NOTIFICATION_TYPES[item.type].data.safeParse(item.data);
      if (!parsed.success) break;
      return {
        title: t('notifications.types.grant.awarded.title', parsed.data),
        body: t('notifications.types.grant.awarded.body', parsed.data),
      };
    }
    case 'grant.status_changed': {
      const parsed = NOTIFICATION_TYPES[item.type].data.safeParse(item.data);
      if (!parsed.success) break;
      const { number, acronym, status, reason } = parsed.data;
      return {
        title: t('notifications.types.grant.status_changed.title', {
          number,
          acronym,
          status: t(`grants.status.${status}`),
        }),
        ...(reason ? { body: t('notifications.types.grant.status_changed.reason', { reason }) } : {}),
      };
    }
    case 'grant.submitted': {
      const parsed = NOTIFICATION_TYPES[item.type].data.safeParse(item.data);
      if (!parsed.success) break;
      const { what, number, acronym } = parsed.data;
      const title = grantSubject(t, parsed.data);
      return { title: t(`notifications.types.grant.submitted.${what}`, { number, acronym, title }) };
    }
    case 'grant.reviewed': {
      const parsed = NOTIFICATION_TYPES[item.type].data.safeParse(item.data);
      if (!parsed.success) break;
      const { what, accepted, comment, number, acronym } = parsed.data;
      const title = grantSubject(t, parsed.data);
      return {
        title: t(`notifications.types.grant.reviewed.${accepted ? 'accepted' : 'returned'}.${what}`, {
          number,
          acronym,
          title,
        }),
        ...(comment ? { body: t('notifications.types.grant.reviewed.comment', { comment }) } : {}),
      };
    }
    case 'grant.report_reminder': {
      const parsed = NOTIFICATION_TYPES[item.type].data.safeParse(item.data);
      if (!parsed.success) break;
      const { number, acronym, kind, reportNumber, dueDate, daysLate } = parsed.data;
      const report =
        kind === 'FINAL' ? t('grants.reports.final') : t('grants.reports.periodic', { number: reportNumber });
      const due = formatDate(dueDate, { locale, timeZone: 'UTC' });
      return daysLate === null
        ? { title: t('notifications.types.grant.report_reminder.dueTitle', { report, number, acronym, due }) }
        : {
            title: t('notifications.types.grant.report_reminder.overdueTitle', { report, number, acronym }),
            body: t('notifications.types.grant.report_reminder.overdueBody', { report, due, days: daysLate }),
          };
    }
    case 'grant.tranche_released': {
      const parsed = NOTIFICATION_TYPES[item.type].data.safeParse(item.data);
      if (!parsed.success) break;
      const { number, acronym, partner, amount, currency, paidOn } = parsed.data;
      return {
        title: t('notifications.types.grant.tranche_released.title', { number, acronym }),
        body: t('notifications.types.grant.tranche_released.body', {
          partner,
          amount: moneyText(amount, currency, locale),
          paidOn: formatDate(paidOn, { locale, timeZone: 'UTC' }),
        }),
      };
    }
  }
  return { title: t('notifications.types.unknown') };
}

/** What a grant notification is about, in the user's language: a report or an amendment by kind, else its title. */
function grantSubject(t: TFunction, data: { title: string; subject?: GrantSubject }): string {
  const subject = data.subject;
  if (!subject) return data.title;
  if ('report' in subject) {
    return subject.report === 'FINAL'
      ? t('grants.reports.final')
      : t('grants.reports.periodic', { number: subject.number });
  }
  return t('notifications.types.grant.amendment', {
    kind: t(`grantReports.amendments.kind.${subject.amendment}`),
    number: subject.number,
  });
}

/** Only paths of this app are followed; anything else (another origin, `//host`) is shown without a link. */
export function appPath(link: string | null): string | null {
  if (!link?.startsWith('/') || link.startsWith('//') || link.startsWith('/\\')) return null;
  return link;
}
