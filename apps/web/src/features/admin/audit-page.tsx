import { type FormEvent, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { Pagination } from '../../components/pagination';
import { ListStates } from '../../components/states';
import { currentLocale } from '../../i18n';
import { formatDateTime, formatUtc } from '../../lib/format';
import { pageParam, withParams } from '../../lib/search-params';
import { useMe } from '../auth/use-me';
import { useAuditEvents } from './use-audit-events';

const PAGE_SIZE = 50;

function hasData(data: unknown): boolean {
  if (data === null || data === undefined) return false;
  return typeof data !== 'object' || Object.keys(data).length > 0;
}

export function AuditPage() {
  const { t } = useTranslation();
  const ids = useId();
  const me = useMe();
  const [searchParams, setSearchParams] = useSearchParams();
  const entityType = searchParams.get('entityType') ?? '';
  const entityId = searchParams.get('entityId') ?? '';
  const page = pageParam(searchParams.get('page'));
  const events = useAuditEvents({
    page,
    pageSize: PAGE_SIZE,
    entityType: entityType || undefined,
    entityId: entityId || undefined,
  });
  const timeZone = me.data?.timeZone ?? 'UTC';
  const locale = currentLocale();
  const filtered = Boolean(entityType || entityId);

  const onFilter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? '').trim();
    setSearchParams(
      withParams(searchParams, { entityType: value('entityType'), entityId: value('entityId'), page: 1 }),
    );
  };

  return (
    <div className="page">
      <PageTitle title={t('admin.audit.title')} />
      <h1>{t('admin.audit.title')}</h1>
      <p className="muted">{t('admin.audit.intro', { timeZone })}</p>

      <form className="toolbar inline-form" onSubmit={onFilter} key={`${entityType}|${entityId}`}>
        <div className="field">
          <label htmlFor={`${ids}-type`}>{t('admin.audit.entityType')}</label>
          <input id={`${ids}-type`} name="entityType" defaultValue={entityType} maxLength={64} />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-id`}>{t('admin.audit.entityId')}</label>
          <input id={`${ids}-id`} name="entityId" defaultValue={entityId} maxLength={64} />
        </div>
        <button type="submit" className="button">
          {t('admin.audit.filter')}
        </button>
        {filtered && (
          <button type="button" className="button" onClick={() => setSearchParams(new URLSearchParams())}>
            {t('admin.audit.clear')}
          </button>
        )}
      </form>

      <ListStates
        query={events}
        page={page}
        onFirstPage={() => setSearchParams(withParams(searchParams, { page: 1 }))}
        empty={<p>{t('admin.audit.empty')}</p>}
      >
        {(data) => (
          <>
            <p className="muted" aria-live="polite">
              {t('admin.audit.total', { total: data.total })}
            </p>
            <div className="table-wrap">
              <table aria-busy={events.isFetching || undefined}>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.audit.time')}</th>
                    <th scope="col">{t('admin.audit.action')}</th>
                    <th scope="col">{t('admin.audit.entity')}</th>
                    <th scope="col">{t('admin.audit.actor')}</th>
                    <th scope="col">{t('admin.audit.ip')}</th>
                    <th scope="col">{t('admin.audit.requestId')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((event) => (
                    <tr key={event.id} data-testid="audit-row">
                      <td className="nowrap">
                        <time dateTime={event.occurredAt} title={formatUtc(event.occurredAt)}>
                          {formatDateTime(event.occurredAt, { timeZone, locale })}
                        </time>
                      </td>
                      <td>
                        <code>{event.action}</code>
                        {hasData(event.data) && (
                          <details>
                            <summary>{t('admin.audit.details')}</summary>
                            <pre>{JSON.stringify(event.data, null, 2)}</pre>
                          </details>
                        )}
                      </td>
                      <td>
                        <span>{event.entityType}</span>{' '}
                        <code className="id" title={event.entityId}>
                          {event.entityId}
                        </code>
                      </td>
                      <td>
                        {event.actorId ? (
                          <code className="id" title={event.actorId}>
                            {event.actorId}
                          </code>
                        ) : (
                          <span className="muted">{t('admin.audit.system')}</span>
                        )}
                      </td>
                      <td>{event.ip ?? <span className="muted">{t('common.none')}</span>}</td>
                      <td>
                        {event.requestId ? (
                          <code className="id" title={event.requestId}>
                            {event.requestId}
                          </code>
                        ) : (
                          <span className="muted">{t('common.none')}</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination
              page={data.page}
              pageSize={data.pageSize}
              total={data.total}
              onPageChange={(next) => setSearchParams(withParams(searchParams, { page: next }))}
            />
          </>
        )}
      </ListStates>
    </div>
  );
}
