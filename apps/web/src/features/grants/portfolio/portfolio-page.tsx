import { PORTFOLIO_DATASETS } from '@kizuna/shared';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { type Portfolio, type PortfolioOverdue, type PortfolioQuery, portfolioExportUrl } from '../../../api/portfolio';
import { BarList } from '../../../components/bar-list';
import { PageTitle } from '../../../components/page-title';
import { EmptyState, ErrorState, Loading } from '../../../components/states';
import { currentLocale } from '../../../i18n';
import { formatDate, formatNumber } from '../../../lib/format';
import { uuidParam, withParams } from '../../../lib/search-params';
import { moneyText, themeLabel, useCountryName } from '../../calls/call-text';
import { MoneyChart } from './money-chart';
import { NetworkChart } from './network-chart';
import { usePortfolio } from './use-portfolio';

function Filters({ data, query }: { data: Portfolio; query: PortfolioQuery }) {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const calls = data.calls.filter((c) => !query.programmeId || c.programmeId === query.programmeId);
  return (
    <div className="toolbar">
      <div className="field">
        <label htmlFor="portfolio-programme">{t('portfolio.filters.programme')}</label>
        <select
          id="portfolio-programme"
          value={query.programmeId ?? ''}
          // A call belongs to one programme: changing the programme clears it.
          onChange={(e) => setSearchParams(withParams(searchParams, { programme: e.target.value, call: undefined }))}
        >
          <option value="">{t('portfolio.filters.allProgrammes')}</option>
          {data.programmes.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="portfolio-call">{t('portfolio.filters.call')}</label>
        <select
          id="portfolio-call"
          value={query.callId ?? ''}
          onChange={(e) => setSearchParams(withParams(searchParams, { call: e.target.value }))}
        >
          <option value="">{t('portfolio.filters.allCalls')}</option>
          {calls.map((c) => (
            <option key={c.id} value={c.id}>
              {c.title}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

function Exports({ query }: { query: PortfolioQuery }) {
  const { t } = useTranslation();
  return (
    <section className="card stack-tight" aria-labelledby="portfolio-exports-title" data-testid="portfolio-exports">
      <h2 id="portfolio-exports-title">{t('portfolio.exports.title')}</h2>
      <p className="muted small">{t('portfolio.exports.intro')}</p>
      <ul className="portfolio-exports">
        {PORTFOLIO_DATASETS.map((dataset) => (
          <li key={dataset}>
            <span>{t(`portfolio.exports.${dataset}`)}</span>
            {(['csv', 'xlsx'] as const).map((format) => (
              <a
                key={format}
                className="button"
                href={portfolioExportUrl(dataset, format, query)}
                aria-label={t('portfolio.exports.link', {
                  dataset: t(`portfolio.exports.${dataset}`),
                  format: t(`portfolio.exports.${format}`),
                })}
                download
              >
                {t(`portfolio.exports.${format}`)}
              </a>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Counts({ data }: { data: Portfolio }) {
  const { t } = useTranslation();
  const countryName = useCountryName();
  return (
    <section aria-labelledby="portfolio-counts-title" className="stack-tight">
      <h2 id="portfolio-counts-title">
        {t('portfolio.counts.title', { grants: formatNumber(data.grants, currentLocale()) })}
      </h2>
      <div className="grid-2">
        <BarList
          headingLevel={3}
          emptyText={t('portfolio.counts.none')}
          title={t('portfolio.counts.status')}
          testId="count-status"
          rows={data.byStatus.map((s) => ({ key: s.status, label: t(`grants.status.${s.status}`), count: s.count }))}
        />
        <BarList
          headingLevel={3}
          emptyText={t('portfolio.counts.none')}
          title={t('portfolio.counts.country')}
          testId="count-country"
          rows={data.byCountry.map((c) => ({ key: c.countryCode, label: countryName(c.countryCode), count: c.count }))}
        />
        <BarList
          headingLevel={3}
          emptyText={t('portfolio.counts.none')}
          title={t('portfolio.counts.theme')}
          testId="count-theme"
          rows={data.byTheme.map((c) => ({ key: c.theme, label: themeLabel(t, c.theme), count: c.count }))}
        />
        <BarList
          headingLevel={3}
          emptyText={t('portfolio.counts.none')}
          title={t('portfolio.counts.agency')}
          testId="count-agency"
          rows={data.byAgency.map((a) => ({ key: a.agencyId, label: a.acronym, count: a.count }))}
        />
      </div>
    </section>
  );
}

function Money({ data }: { data: Portfolio }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <section aria-labelledby="portfolio-money-title" className="stack-tight">
      <h2 id="portfolio-money-title">{t('portfolio.money.title')}</h2>
      <p className="muted small">{t('portfolio.money.intro')}</p>
      {data.money.map((m) => (
        <article key={m.currency} className="card stack-tight" data-testid={`money-${m.currency}`}>
          <h3>{t('portfolio.money.heading', { currency: m.currency, grants: formatNumber(m.grants, locale) })}</h3>
          <dl className="portfolio-figures">
            {(['committed', 'disbursed', 'remaining', 'reported'] as const).map((key) => (
              <div key={key}>
                <dt>{t(`portfolio.money.${key}`)}</dt>
                <dd data-testid={`money-${key}`}>{moneyText(m[key], m.currency, locale)}</dd>
              </div>
            ))}
          </dl>
          <MoneyChart money={m} />
        </article>
      ))}
    </section>
  );
}

function overdueTitle(t: TFunction, item: PortfolioOverdue) {
  if (item.what === 'MILESTONE') return item.title;
  return item.reportKind === 'FINAL'
    ? t('portfolio.overdue.finalReport')
    : t('portfolio.overdue.periodicReport', { number: item.reportNumber ?? '' });
}

function Overdue({ data }: { data: Portfolio }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <section aria-labelledby="portfolio-overdue-title" className="stack-tight" data-testid="portfolio-overdue">
      <h2 id="portfolio-overdue-title">
        {t('portfolio.overdue.title', { total: formatNumber(data.overdueTotal, locale) })}
      </h2>
      {data.overdue.length === 0 ? (
        <p className="muted">{t('portfolio.overdue.none')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('portfolio.overdue.grant')}</th>
                <th scope="col">{t('portfolio.overdue.item')}</th>
                <th scope="col">{t('portfolio.overdue.dueDate')}</th>
                <th scope="col" className="numeric">
                  {t('portfolio.overdue.daysLate')}
                </th>
                <th scope="col">{t('portfolio.overdue.status')}</th>
              </tr>
            </thead>
            <tbody>
              {data.overdue.map((item) => (
                <tr key={`${item.grantId}-${item.what}-${item.title}-${item.dueDate}`} data-testid="overdue-row">
                  <td>
                    <Link to={`/grants/${item.grantId}`}>{item.grantNumber}</Link>{' '}
                    <span className="muted">{item.acronym}</span>
                  </td>
                  <td>
                    <span className="muted small">{t(`portfolio.overdue.what.${item.what}`)}</span>{' '}
                    {overdueTitle(t, item)}
                  </td>
                  <td>{formatDate(item.dueDate, { timeZone: 'UTC', locale })}</td>
                  <td className="numeric danger">{formatNumber(item.daysLate, locale)}</td>
                  <td>{t(`portfolio.overdue.itemStatus.${item.status}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {data.overdueTotal > data.overdue.length && (
        <p className="muted small">
          {t('portfolio.overdue.more', {
            shown: formatNumber(data.overdue.length, locale),
            total: formatNumber(data.overdueTotal, locale),
          })}
        </p>
      )}
    </section>
  );
}

const OUTPUTS = [
  'publications',
  'jointPublications',
  'aseanJapanPublications',
  'datasets',
  'patents',
  'prototypes',
  'trainedPeople',
] as const;

function Outputs({ data }: { data: Portfolio }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    <section aria-labelledby="portfolio-outputs-title" className="stack-tight">
      <h2 id="portfolio-outputs-title">{t('portfolio.outputs.title')}</h2>
      <p className="muted small">{t('portfolio.outputs.intro')}</p>
      <dl className="portfolio-tiles" data-testid="portfolio-outputs">
        {OUTPUTS.map((key) => (
          <div key={key} className="card" data-testid={`output-${key}`}>
            <dt>{t(`portfolio.outputs.${key}`)}</dt>
            <dd>{formatNumber(data.outputs[key], locale)}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Dashboard({ data, query }: { data: Portfolio; query: PortfolioQuery }) {
  const { t } = useTranslation();
  const filtered = !!(query.programmeId || query.callId);
  return (
    <>
      <Filters data={data} query={query} />
      <Exports query={query} />
      {data.grants === 0 ? (
        <EmptyState>
          <p>{t(filtered ? 'portfolio.emptyFiltered' : 'portfolio.empty')}</p>
        </EmptyState>
      ) : (
        <>
          <Counts data={data} />
          <Money data={data} />
          <Overdue data={data} />
          <Outputs data={data} />
          <section aria-labelledby="portfolio-network-title" className="stack-tight">
            <h2 id="portfolio-network-title">{t('portfolio.network.title')}</h2>
            <p className="muted small">{t('portfolio.network.intro')}</p>
            <NetworkChart network={data.network} />
          </section>
        </>
      )}
    </>
  );
}

/** The programme manager's portfolio: every grant of their programmes, counted, summed, charted and exported. */
export function PortfolioPage() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const query: PortfolioQuery = {};
  const programmeId = uuidParam(searchParams.get('programme'));
  const callId = uuidParam(searchParams.get('call'));
  if (programmeId) query.programmeId = programmeId;
  if (callId) query.callId = callId;
  const portfolio = usePortfolio(query);
  return (
    <div className="stack portfolio-page">
      <PageTitle title={t('portfolio.title')} />
      <div>
        <h1>{t('portfolio.title')}</h1>
        <p className="muted">{t('portfolio.intro')}</p>
      </div>
      {portfolio.isPending ? (
        <Loading />
      ) : portfolio.isError || !portfolio.data ? (
        <ErrorState error={portfolio.error} onRetry={() => void portfolio.refetch()} />
      ) : (
        <Dashboard data={portfolio.data} query={query} />
      )}
    </div>
  );
}
