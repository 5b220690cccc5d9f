import { type Locale, NOTIFICATION_TYPES, type NotificationItem } from '@kizuna/shared';
import type { TFunction } from 'i18next';
import { formatList } from '../../lib/format';

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
  }
  return { title: t('notifications.types.unknown') };
}

/** Only paths of this app are followed; anything else (another origin, `//host`) is shown without a link. */
export function appPath(link: string | null): string | null {
  if (!link?.startsWith('/') || link.startsWith('//') || link.startsWith('/\\')) return null;
  return link;
}
