import { DEFAULT_THEMES } from '@kizuna/shared';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { Pagination } from '../../components/pagination';
import { ListStates } from '../../components/states';
import { currentLocale } from '../../i18n';
import { formatList } from '../../lib/format';
import { pageParam, withParams } from '../../lib/search-params';
import { useNow } from '../../lib/use-now';
import { Availability, Deadline, ThemeTags } from './call-parts';
import { themeLabel, useCountryName, useViewerTimeZone } from './call-text';
import { usePublicCalls } from './use-public-calls';

const PAGE_SIZE = 10;

/** `/calls`: open and upcoming calls, for everybody. */
export function PublicCallsPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const theme = searchParams.get('theme') ?? '';
  const page = pageParam(searchParams.get('page'));
  const calls = usePublicCalls({ page, pageSize: PAGE_SIZE, theme: theme || undefined });
  const viewerTimeZone = useViewerTimeZone();
  const countryName = useCountryName();
  const now = useNow();
  const locale = currentLocale();
  const themes =
    theme && !(DEFAULT_THEMES as readonly string[]).includes(theme) ? [...DEFAULT_THEMES, theme] : DEFAULT_THEMES;

  return (
    <div className="page">
      <PageTitle title={t('calls.list.title')} />
      <h1>{t('calls.list.title')}</h1>
      <p className="muted">{t('calls.list.intro', { timeZone: viewerTimeZone })}</p>

      <div className="toolbar">
        <div className="field">
          <label htmlFor="calls-theme">{t('calls.list.themeFilter')}</label>
          <select
            id="calls-theme"
            value={theme}
            onChange={(event) => setSearchParams(withParams(searchParams, { theme: event.target.value, page: 1 }))}
          >
            <option value="">{t('calls.list.allThemes')}</option>
            {themes.map((value) => (
              <option key={value} value={value}>
                {themeLabel(t, value)}
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
          theme ? (
            <>
              <p>{t('calls.list.emptyTheme')}</p>
              <button
                type="button"
                className="button"
                onClick={() => setSearchParams(withParams(searchParams, { theme: '', page: 1 }))}
              >
                {t('calls.list.showAllThemes')}
              </button>
            </>
          ) : (
            <>
              <h2 data-testid="calls-empty">{t('calls.list.empty')}</h2>
              <p>{t('calls.list.emptyBody')}</p>
            </>
          )
        }
      >
        {(data) => (
          <>
            <p className="muted" aria-live="polite">
              {t('calls.list.total', { total: data.total })}
            </p>
            <ul className="call-list" aria-busy={calls.isFetching || undefined}>
              {data.items.map((call) => (
                <li key={call.id} className="card call-card" data-testid="call-item" data-call-id={call.id}>
                  <article aria-labelledby={`call-${call.id}-title`}>
                    <div className="call-card-head">
                      <h2 id={`call-${call.id}-title`}>
                        <Link to={`/calls/${call.id}`}>{call.title}</Link>
                      </h2>
                      <Availability
                        status={call.status}
                        opensAt={call.opensAt}
                        viewerTimeZone={viewerTimeZone}
                        now={now}
                      />
                    </div>
                    <p>{call.summary}</p>
                    <dl className="facts">
                      <dt>{t('calls.list.programme')}</dt>
                      <dd data-testid="call-programme">{call.programme.name}</dd>
                      <dt>{t('calls.list.themes')}</dt>
                      <dd>
                        <ThemeTags themes={call.themes} />
                      </dd>
                      <dt>{t('calls.list.agencies')}</dt>
                      <dd data-testid="call-agencies">
                        {formatList(
                          call.agencies.map((agency) =>
                            t('calls.agencyCountry', {
                              acronym: agency.acronym,
                              country: countryName(agency.countryCode),
                            }),
                          ),
                          locale,
                        )}
                      </dd>
                    </dl>
                    <Deadline
                      closesAt={call.closesAt}
                      timeZone={call.timeZone}
                      viewerTimeZone={viewerTimeZone}
                      now={now}
                    />
                  </article>
                </li>
              ))}
            </ul>
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
