import type { NotificationItem } from '@kizuna/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/form';
import { PageTitle } from '../../components/page-title';
import { Pagination } from '../../components/pagination';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { currentLocale } from '../../i18n';
import { formatDateTime, formatRelative } from '../../lib/format';
import { pageParam, withParams } from '../../lib/search-params';
import { useNow } from '../../lib/use-now';
import { useMe } from '../auth/use-me';
import { appPath, notificationText } from './notification-text';
import { useMarkAllRead } from './use-mark-all-read';
import { useMarkRead } from './use-mark-read';
import { useNotifications } from './use-notifications';
import { useUnreadCount } from './use-unread-count';

const PAGE_SIZE = 20;

function NotificationRow({
  item,
  now,
  timeZone,
  onRead,
  reading,
}: {
  item: NotificationItem;
  now: number;
  timeZone: string | undefined;
  onRead: (id: string) => void;
  reading: boolean;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const locale = currentLocale();
  const unread = item.readAt === null;
  const text = notificationText(t, item, locale);
  const link = appPath(item.link);
  const open = () => {
    if (unread) onRead(item.id);
  };

  return (
    <li
      className={unread ? 'notification notification-unread' : 'notification'}
      data-testid="notification-item"
      data-unread={unread}
    >
      <div className="notification-main">
        <p className="notification-meta">
          {unread && <span className="notification-dot">{t('notifications.unread')}</span>}
          <span className="tag">{t(`notifications.categories.${item.category}`)}</span>
          <time dateTime={item.createdAt} title={formatDateTime(item.createdAt, { timeZone, locale })}>
            {formatRelative(item.createdAt, { locale, now })}
          </time>
          <span className="muted small">{formatDateTime(item.createdAt, { timeZone, locale })}</span>
        </p>
        <h2 className="notification-title" id={titleId}>
          {link ? (
            <Link to={link} onClick={open}>
              {text.title}
            </Link>
          ) : (
            text.title
          )}
        </h2>
        {text.body && <p className="notification-body">{text.body}</p>}
      </div>
      {unread && (
        <button
          type="button"
          className="button button-small"
          aria-describedby={titleId}
          disabled={reading}
          onClick={() => onRead(item.id)}
        >
          {t('notifications.markRead')}
        </button>
      )}
    </li>
  );
}

export function NotificationsPage() {
  const { t } = useTranslation();
  const filterId = useId();
  const me = useMe();
  const now = useNow();
  const [searchParams, setSearchParams] = useSearchParams();
  const page = pageParam(searchParams.get('page'));
  const unreadOnly = searchParams.get('unread') === 'true';
  const list = useNotifications({ page, pageSize: PAGE_SIZE, unread: unreadOnly ? 'true' : undefined });
  const unreadCount = useUnreadCount();
  const markRead = useMarkRead();
  const markAllRead = useMarkAllRead();
  const unread = unreadCount.data?.unread ?? list.data?.unread ?? 0;
  const timeZone = me.data?.timeZone;

  return (
    <div className="page">
      <PageTitle title={t('notifications.title')} />
      <h1>{t('notifications.title')}</h1>

      <div className="toolbar">
        <div className="checkbox">
          <input
            id={filterId}
            type="checkbox"
            checked={unreadOnly}
            onChange={(event) =>
              setSearchParams(withParams(searchParams, { unread: event.target.checked ? 'true' : '', page: 1 }))
            }
          />
          <label htmlFor={filterId}>{t('notifications.unreadOnly')}</label>
        </div>
        <p className="muted toolbar-text" aria-live="polite">
          {t('notifications.unreadTotal', { count: unread })}
        </p>
        <button
          type="button"
          className="button"
          disabled={unread === 0 || markAllRead.isPending}
          aria-busy={markAllRead.isPending || undefined}
          onClick={() => markAllRead.mutate()}
        >
          {t('notifications.markAllRead')}
        </button>
        <Link to="/account/notifications" className="toolbar-end">
          {t('notifications.preferencesLink')}
        </Link>
      </div>
      <ErrorAlert error={markAllRead.error ?? markRead.error} />

      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyState>
          <p>{unreadOnly ? t('notifications.emptyUnread') : t('notifications.empty')}</p>
          {page > 1 ? (
            <button
              type="button"
              className="button"
              onClick={() => setSearchParams(withParams(searchParams, { page: 1 }))}
            >
              {t('common.firstPage')}
            </button>
          ) : (
            unreadOnly && (
              <button
                type="button"
                className="button"
                onClick={() => setSearchParams(withParams(searchParams, { unread: '', page: 1 }))}
              >
                {t('notifications.showAll')}
              </button>
            )
          )}
        </EmptyState>
      ) : (
        <>
          <ul className="notification-list" aria-busy={list.isFetching || undefined}>
            {list.data.items.map((item) => (
              <NotificationRow
                key={item.id}
                item={item}
                now={now}
                timeZone={timeZone}
                reading={markRead.isPending && markRead.variables === item.id}
                onRead={(id) => markRead.mutate(id)}
              />
            ))}
          </ul>
          <Pagination
            page={list.data.page}
            pageSize={list.data.pageSize}
            total={list.data.total}
            onPageChange={(next) => setSearchParams(withParams(searchParams, { page: next }))}
          />
        </>
      )}
    </div>
  );
}
