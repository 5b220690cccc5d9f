import { CALL_STATUSES, CallStatusSchema, type Me } from '@kizuna/shared';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { Pagination } from '../../components/pagination';
import { EmptyState, ListStates } from '../../components/states';
import { pageParam, withParams } from '../../lib/search-params';
import { useMe } from '../auth/use-me';
import { StatusBadge, ZonedTime } from './call-parts';
import { useManagedCalls } from './use-managed-calls';
import { useManagedProgrammes } from './use-managed-programmes';

const PAGE_SIZE = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A programme manager not bound to one programme may create programmes (the API decides, this only hides links). */
export function mayCreateProgrammes(me: Me | null | undefined): boolean {
  return !!me?.roles.some((grant) => grant.role === 'PROGRAMME_MANAGER' && grant.programmeId === null);
}

/** What a manager without any programme can do about it. */
export function NoProgrammes({ me }: { me: Me | null | undefined }) {
  const { t } = useTranslation();
  return (
    <EmptyState>
      <p data-testid="no-programmes">{t('calls.manage.noProgrammes')}</p>
      {mayCreateProgrammes(me) ? (
        <p>
          <Link className="button button-primary" to="/manage/programmes/new">
            {t('calls.manage.noProgrammesCreate')}
          </Link>
        </p>
      ) : (
        <p>{t('calls.manage.noProgrammesAsk')}</p>
      )}
    </EmptyState>
  );
}

/** `/manage/calls`: the calls of the programmes the user manages. */
export function ManageCallsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [searchParams, setSearchParams] = useSearchParams();
  const parsedStatus = CallStatusSchema.safeParse(searchParams.get('status'));
  const status = parsedStatus.success ? parsedStatus.data : undefined;
  const programmeParam = searchParams.get('programme') ?? '';
  const programmeId = UUID.test(programmeParam) ? programmeParam : undefined;
  const page = pageParam(searchParams.get('page'));
  const programmes = useManagedProgrammes();
  const calls = useManagedCalls({ page, pageSize: PAGE_SIZE, status, programmeId });
  const filtered = !!status || !!programmeId;
  const hasProgrammes = (programmes.data?.length ?? 0) > 0;

  return (
    <div className="page">
      <PageTitle title={t('calls.manage.title')} />
      <div className="section-head">
        <h1>{t('calls.manage.title')}</h1>
        <div className="actions">
          {mayCreateProgrammes(me.data) && (
            <Link className="button" to="/manage/programmes/new">
              {t('calls.manage.newProgramme')}
            </Link>
          )}
          {hasProgrammes && (
            <Link className="button button-primary" to="/manage/calls/new">
              {t('calls.manage.newCall')}
            </Link>
          )}
        </div>
      </div>
      <p className="muted">{t('calls.manage.intro')}</p>

      {programmes.isSuccess && !hasProgrammes ? (
        <NoProgrammes me={me.data} />
      ) : (
        <>
          <div className="toolbar">
            <div className="field">
              <label htmlFor="manage-calls-status">{t('calls.manage.statusFilter')}</label>
              <select
                id="manage-calls-status"
                value={status ?? ''}
                onChange={(event) => setSearchParams(withParams(searchParams, { status: event.target.value, page: 1 }))}
              >
                <option value="">{t('calls.manage.allStatuses')}</option>
                {CALL_STATUSES.map((value) => (
                  <option key={value} value={value}>
                    {t(`calls.status.${value}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="manage-calls-programme">{t('calls.manage.programmeFilter')}</label>
              <select
                id="manage-calls-programme"
                value={programmeId ?? ''}
                onChange={(event) =>
                  setSearchParams(withParams(searchParams, { programme: event.target.value, page: 1 }))
                }
              >
                <option value="">{t('calls.manage.allProgrammes')}</option>
                {(programmes.data ?? []).map((programme) => (
                  <option key={programme.id} value={programme.id}>
                    {programme.name}
                  </option>
                ))}
              </select>
            </div>
          </div>

          <ListStates
            query={calls}
            page={page}
            onFirstPage={() => setSearchParams(withParams(searchParams, { page: 1 }))}
            empty={
              <p data-testid="manage-calls-empty">{filtered ? t('calls.manage.empty') : t('calls.manage.emptyNone')}</p>
            }
          >
            {(data) => (
              <>
                <p className="muted" aria-live="polite">
                  {t('calls.manage.total', { total: data.total })}
                </p>
                <div className="table-wrap">
                  <table aria-busy={calls.isFetching || undefined}>
                    <thead>
                      <tr>
                        <th scope="col">{t('calls.manage.callTitle')}</th>
                        <th scope="col">{t('calls.manage.programme')}</th>
                        <th scope="col">{t('calls.manage.status')}</th>
                        <th scope="col">{t('calls.manage.opens')}</th>
                        <th scope="col">{t('calls.manage.closes')}</th>
                        <th scope="col">
                          <span className="visually-hidden">{t('calls.manage.actions')}</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.items.map((call) => {
                        const editable = call.status === 'DRAFT' || call.status === 'PUBLISHED';
                        return (
                          <tr key={call.id} data-testid="managed-call-row" data-call-id={call.id}>
                            <th scope="row">{call.title}</th>
                            <td>{call.programme.name}</td>
                            <td>
                              <StatusBadge status={call.status} />
                            </td>
                            <td>
                              <ZonedTime iso={call.opensAt} timeZone={call.timeZone} />
                            </td>
                            <td>
                              <ZonedTime iso={call.closesAt} timeZone={call.timeZone} />
                            </td>
                            <td className="nowrap">
                              {editable && (
                                <Link
                                  className="button button-small"
                                  to={`/manage/calls/${call.id}/edit`}
                                  aria-label={t('calls.manage.editLabel', { title: call.title })}
                                >
                                  {t('calls.manage.edit')}
                                </Link>
                              )}{' '}
                              <Link
                                className="button button-small"
                                to={`/calls/${call.id}`}
                                aria-label={t('calls.manage.viewLabel', { title: call.title })}
                              >
                                {t('calls.manage.view')}
                              </Link>{' '}
                              {call.status !== 'DRAFT' && (
                                <Link
                                  className="button button-small"
                                  to={`/manage/calls/${call.id}/proposals`}
                                  aria-label={t('calls.manage.proposalsLabel', { title: call.title })}
                                >
                                  {t('calls.manage.proposals')}
                                </Link>
                              )}{' '}
                              {call.status !== 'DRAFT' && (
                                <Link
                                  className="button button-small"
                                  to={`/manage/calls/${call.id}/review`}
                                  aria-label={t('calls.manage.reviewLabel', { title: call.title })}
                                >
                                  {t('calls.manage.review')}
                                </Link>
                              )}
                            </td>
                          </tr>
                        );
                      })}
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
        </>
      )}
    </div>
  );
}
