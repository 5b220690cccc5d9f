import { GRANT_STATUSES, GrantStatusSchema } from '@kizuna/shared';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { GrantListItem } from '../../api/grants';
import { PageTitle } from '../../components/page-title';
import { Pagination } from '../../components/pagination';
import { ListStates } from '../../components/states';
import { currentLocale } from '../../i18n';
import { pageParam, withParams } from '../../lib/search-params';
import { useMe } from '../auth/use-me';
import { moneyText } from '../calls/call-text';
import { useManagedProposals } from '../proposals/manage/use-managed-proposals';
import { GrantLink } from './grant-link';
import { calendarDate, grantStatusClass } from './grant-text';
import { useGrants } from './use-grants';

const PAGE_SIZE = 25;

function NextDue({ grant }: { grant: GrantListItem }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  if (!grant.nextDue) return <span className="muted">{t('common.none')}</span>;
  return (
    <span data-testid="grant-next-due">
      {t(`grants.list.next.${grant.nextDue.what}`, { title: grant.nextDue.title })}
      <br />
      <span className="small">{calendarDate(grant.nextDue.dueDate, locale)}</span>
    </span>
  );
}

/** Funded proposals of the manager's calls that are not awarded yet: the start of every grant. */
function AwaitingAward() {
  const { t } = useTranslation();
  const funded = useManagedProposals({ status: 'FUNDED', page: 1, pageSize: 100 });
  const waiting = funded.data?.items.filter((item) => !item.grantId) ?? [];
  if (waiting.length === 0) return null;
  return (
    <section className="card stack-tight" aria-labelledby="awaiting-award-title" data-testid="awaiting-award">
      <h2 id="awaiting-award-title">{t('grants.list.awaiting')}</h2>
      <p className="muted small">{t('grants.list.awaitingIntro')}</p>
      <ul className="plain-list">
        {waiting.map((item) => (
          <li key={item.id} className="toolbar">
            <span>
              <strong>{item.acronym}</strong> · {item.title} <span className="muted">· {item.call.title}</span>
            </span>
            <GrantLink item={item} />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** `/grants`: the grants the user belongs to or manages, with what is due next; managers also see what to award. */
export function GrantsPage() {
  const { t } = useTranslation();
  const locale = currentLocale();
  const me = useMe();
  const [searchParams, setSearchParams] = useSearchParams();
  const page = pageParam(searchParams.get('page'));
  const parsedStatus = GrantStatusSchema.safeParse(searchParams.get('status'));
  const status = parsedStatus.success ? parsedStatus.data : undefined;
  const grants = useGrants({ page, pageSize: PAGE_SIZE, status });
  const manager = !!me.data?.roles.some((role) => role.role === 'PROGRAMME_MANAGER');
  const set = (changes: Record<string, string | number | undefined>) =>
    setSearchParams(withParams(searchParams, changes));
  return (
    <div className="page stack">
      <PageTitle title={t('grants.list.title')} />
      <div className="section-head">
        <h1>{t('grants.list.title')}</h1>
        {manager && (
          <div className="actions">
            <Link className="button" to="/manage/grants/portfolio">
              {t('grants.list.portfolio')}
            </Link>
          </div>
        )}
      </div>
      <p className="muted">{manager ? t('grants.list.introManager') : t('grants.list.intro')}</p>
      {manager && <AwaitingAward />}
      <div className="toolbar">
        <label htmlFor="grants-status">{t('grants.list.status')}</label>
        <select id="grants-status" value={status ?? ''} onChange={(e) => set({ status: e.target.value, page: 1 })}>
          <option value="">{t('grants.list.allStatuses')}</option>
          {GRANT_STATUSES.map((value) => (
            <option key={value} value={value}>
              {t(`grants.status.${value}`)}
            </option>
          ))}
        </select>
      </div>
      <ListStates
        query={grants}
        page={page}
        onFirstPage={() => set({ page: 1 })}
        empty={<p data-testid="grants-empty">{status ? t('grants.list.emptyFiltered') : t('grants.list.empty')}</p>}
      >
        {(data) => (
          <>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('grants.fields.number')}</th>
                    <th scope="col">{t('grants.fields.proposal')}</th>
                    <th scope="col">{t('grants.fields.status')}</th>
                    <th scope="col">{t('grants.fields.myRole')}</th>
                    <th scope="col">{t('grants.fields.period')}</th>
                    <th scope="col" className="numeric">
                      {t('grants.fields.total')}
                    </th>
                    <th scope="col">{t('grants.list.nextDue')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((grant) => (
                    <tr key={grant.id} data-testid="grant-row" data-grant-id={grant.id}>
                      <th scope="row">
                        <Link to={`/grants/${grant.id}`}>{grant.number}</Link>
                      </th>
                      <td>
                        <strong>{grant.proposal.acronym}</strong> · {grant.proposal.title}
                        <br />
                        <span className="muted small">{grant.call.title}</span>
                      </td>
                      <td>
                        <span className={grantStatusClass(grant.status)}>{t(`grants.status.${grant.status}`)}</span>
                        {grant.overdue > 0 && (
                          <span className="tag small danger-text" data-testid="grant-overdue">
                            {' '}
                            {t('grants.list.overdue', { count: grant.overdue })}
                          </span>
                        )}
                      </td>
                      <td>{t(`grants.roles.${grant.myRole}`)}</td>
                      <td className="small nowrap">
                        {calendarDate(grant.startDate, locale)} – {calendarDate(grant.endDate, locale)}
                      </td>
                      <td className="numeric">{moneyText(grant.grandTotal, grant.currency, locale)}</td>
                      <td>
                        <NextDue grant={grant} />
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
              onPageChange={(next) => set({ page: next })}
            />
          </>
        )}
      </ListStates>
    </div>
  );
}
