import { type AdminUser, ROLES, RoleSchema } from '@kizuna/shared';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { Pagination } from '../../components/pagination';
import { ListStates } from '../../components/states';
import { currentLocale } from '../../i18n';
import { formatDate, formatUtc } from '../../lib/format';
import { pageParam, withParams } from '../../lib/search-params';
import { useMe } from '../auth/use-me';
import { grantLabel } from './role-label';
import { RolesEditor } from './roles-editor';
import { useUsers } from './use-users';

const PAGE_SIZE = 20;

export function UsersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [searchParams, setSearchParams] = useSearchParams();
  const q = searchParams.get('q') ?? '';
  const parsedRole = RoleSchema.safeParse(searchParams.get('role'));
  const role = parsedRole.success ? parsedRole.data : undefined;
  const page = pageParam(searchParams.get('page'));
  const users = useUsers({ q: q || undefined, role, page, pageSize: PAGE_SIZE });
  const [editing, setEditing] = useState<AdminUser | null>(null);
  const timeZone = me.data?.timeZone;
  const locale = currentLocale();

  const onSearch = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = new FormData(event.currentTarget).get('q');
    setSearchParams(withParams(searchParams, { q: typeof value === 'string' ? value.trim() : '', page: 1 }));
  };

  return (
    <div className="page">
      <PageTitle title={t('admin.users.title')} />
      <h1>{t('admin.users.title')}</h1>

      <div className="toolbar">
        <search>
          <form onSubmit={onSearch} className="inline-form">
            <div className="field">
              <label htmlFor="users-q">{t('admin.users.search')}</label>
              <input
                id="users-q"
                key={q}
                name="q"
                type="search"
                defaultValue={q}
                placeholder={t('admin.users.searchPlaceholder')}
              />
            </div>
            <button type="submit" className="button">
              {t('admin.users.searchSubmit')}
            </button>
          </form>
        </search>
        <div className="field">
          <label htmlFor="users-role">{t('admin.users.roleFilter')}</label>
          <select
            id="users-role"
            value={role ?? ''}
            onChange={(event) => setSearchParams(withParams(searchParams, { role: event.target.value, page: 1 }))}
          >
            <option value="">{t('admin.users.allRoles')}</option>
            {ROLES.map((value) => (
              <option key={value} value={value}>
                {t(`roles.${value}`)}
              </option>
            ))}
          </select>
        </div>
      </div>

      <ListStates
        query={users}
        page={page}
        onFirstPage={() => setSearchParams(withParams(searchParams, { page: 1 }))}
        empty={<p>{t('admin.users.empty')}</p>}
      >
        {(data) => (
          <>
            <p className="muted" aria-live="polite">
              {t('admin.users.total', { total: data.total })}
            </p>
            <div className="table-wrap">
              <table aria-busy={users.isFetching || undefined}>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.users.name')}</th>
                    <th scope="col">{t('admin.users.email')}</th>
                    <th scope="col">{t('admin.users.verified')}</th>
                    <th scope="col">{t('admin.users.roles')}</th>
                    <th scope="col">{t('admin.users.created')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('admin.users.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((user) => (
                    <tr key={user.id} data-testid={`user-row-${user.email}`}>
                      <td>{user.displayName}</td>
                      <td>{user.email}</td>
                      <td>{user.emailVerified ? t('common.yes') : t('common.no')}</td>
                      <td>
                        {user.roles.length === 0 ? (
                          <span className="muted">{t('admin.users.noRoles')}</span>
                        ) : (
                          <ul className="tag-list">
                            {user.roles.map((grant) => (
                              <li key={`${grant.role}:${grant.programmeId ?? ''}`} className="tag">
                                {grantLabel(t, grant)}
                              </li>
                            ))}
                          </ul>
                        )}
                      </td>
                      <td className="nowrap">
                        <time dateTime={user.createdAt} title={formatUtc(user.createdAt)}>
                          {formatDate(user.createdAt, { timeZone, locale })}
                        </time>
                      </td>
                      <td>
                        <button
                          type="button"
                          className="button button-small"
                          aria-label={t('admin.users.editRolesFor', { name: user.displayName })}
                          aria-expanded={editing?.id === user.id}
                          onClick={() => setEditing(user)}
                        >
                          {t('admin.users.editRoles')}
                        </button>
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

      {editing && <RolesEditor key={editing.id} user={editing} onClose={() => setEditing(null)} onSaved={setEditing} />}
    </div>
  );
}
