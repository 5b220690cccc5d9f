import type { Call } from '@kizuna/shared';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/client';
import { Markdown } from '../../components/markdown';
import { PageTitle } from '../../components/page-title';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { currentLocale } from '../../i18n';
import { formatList } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { useMe } from '../auth/use-me';
import { StartProposalAction } from '../proposals/start-proposal-action';
import { Availability, Deadline, StatusBadge, ThemeTags, ViewerTime, ZonedTime } from './call-parts';
import {
  currencyLabel,
  moneyText,
  percentText,
  ruleDetail,
  ruleText,
  useCountryName,
  useViewerTimeZone,
} from './call-text';
import { useCall } from './use-call';

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="section" aria-labelledby={`call-${id}`} data-testid={`call-section-${id}`}>
      <h2 id={`call-${id}`}>{title}</h2>
      {children}
    </section>
  );
}

function CallView({ call }: { call: Call }) {
  const { t } = useTranslation();
  const me = useMe();
  const viewerTimeZone = useViewerTimeZone();
  const countryName = useCountryName();
  const now = useNow();
  const locale = currentLocale();
  const manages = !!me.data?.roles.some(
    (grant) => grant.role === 'PROGRAMME_MANAGER' && grant.programmeId === call.programme.id,
  );
  const editable = call.status === 'DRAFT' || call.status === 'PUBLISHED';

  return (
    <article aria-labelledby="call-title">
      <PageTitle title={call.title} />
      <p className="breadcrumb">
        <Link to="/calls">{t('calls.detail.back')}</Link>
      </p>
      <div className="call-card-head">
        <h1 id="call-title">{call.title}</h1>
        {call.status === 'DRAFT' ? (
          <StatusBadge status={call.status} />
        ) : (
          <Availability status={call.status} opensAt={call.opensAt} viewerTimeZone={viewerTimeZone} now={now} />
        )}
      </div>
      {call.status === 'DRAFT' && (
        <div className="alert alert-warning" role="note">
          <p>{t('calls.detail.draftNotice')}</p>
        </div>
      )}
      {manages && editable && (
        <p>
          <Link className="button" to={`/manage/calls/${call.id}/edit`}>
            {t('calls.detail.edit')}
          </Link>
        </p>
      )}
      <StartProposalAction call={call} now={now} />
      <p className="lead" data-testid="call-summary">
        {call.summary}
      </p>
      <dl className="facts">
        <dt>{t('calls.detail.programme')}</dt>
        <dd>{call.programme.name}</dd>
        <dt>{t('calls.list.themes')}</dt>
        <dd>
          <ThemeTags themes={call.themes} />
        </dd>
      </dl>

      <Section id="timeline" title={t('calls.detail.timeline')}>
        <dl className="facts">
          <dt>{t('calls.detail.opens')}</dt>
          <dd className="stack-tight" data-testid="call-opens">
            <ZonedTime iso={call.opensAt} timeZone={call.timeZone} testId="opens-call-zone" />
            <ViewerTime iso={call.opensAt} viewerTimeZone={viewerTimeZone} testId="opens-viewer-zone" />
          </dd>
          <dt>{t('calls.detail.closes')}</dt>
          <dd>
            <Deadline
              closesAt={call.closesAt}
              timeZone={call.timeZone}
              viewerTimeZone={viewerTimeZone}
              now={now}
              headingLabel={false}
            />
          </dd>
        </dl>
      </Section>

      <Section id="description" title={t('calls.detail.description')}>
        {call.description.trim() ? (
          <Markdown source={call.description} headingLevel={3} testId="call-description" />
        ) : (
          <p className="muted">{t('calls.detail.noDescription')}</p>
        )}
      </Section>

      <Section id="eligibility" title={t('calls.detail.eligibility')}>
        {call.eligibilityRules.length === 0 ? (
          <p className="muted">{t('calls.detail.noRules')}</p>
        ) : (
          <ul className="rule-list" data-testid="call-rules">
            {call.eligibilityRules.map((rule, index) => {
              const detail = ruleDetail(t, rule, call, locale);
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: rules have no identity besides their position.
                <li key={index} data-rule-kind={rule.kind}>
                  {ruleText(t, rule, countryName, locale)}
                  {detail && <span className="muted small rule-detail">{detail}</span>}
                </li>
              );
            })}
          </ul>
        )}
      </Section>

      <Section id="budget" title={t('calls.detail.budget')}>
        <dl className="facts">
          <dt>{t('calls.detail.currency')}</dt>
          <dd data-testid="call-currency">{currencyLabel(call.currency, locale)}</dd>
          <dt>{t('calls.detail.capPerProposal')}</dt>
          <dd data-testid="call-cap-proposal">
            {call.capPerProposal === null
              ? t('calls.detail.noCap')
              : moneyText(call.capPerProposal, call.currency, locale)}
          </dd>
          <dt>{t('calls.detail.capPerPartner')}</dt>
          <dd data-testid="call-cap-partner">
            {call.capPerPartner === null
              ? t('calls.detail.noCap')
              : moneyText(call.capPerPartner, call.currency, locale)}
          </dd>
          <dt>{t('calls.detail.indirectRate')}</dt>
          <dd>{t('calls.detail.indirectRateValue', { rate: percentText(call.indirectRate, locale) })}</dd>
          <dt>{t('calls.detail.maxDuration')}</dt>
          <dd data-testid="call-max-duration">{t('calls.months', { months: call.maxDurationMonths })}</dd>
          <dt>{t('calls.detail.reviewersPerProposal')}</dt>
          <dd>{call.reviewersPerProposal}</dd>
        </dl>
      </Section>

      <Section id="agencies" title={t('calls.detail.agencies')}>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('calls.detail.agency')}</th>
                <th scope="col">{t('calls.detail.country')}</th>
                <th scope="col" className="numeric">
                  {t('calls.detail.envelope')}
                </th>
              </tr>
            </thead>
            <tbody>
              {call.agencies.map((agency) => (
                <tr key={agency.agencyId} data-testid="call-agency">
                  <th scope="row">
                    <abbr title={agency.name}>{agency.acronym}</abbr> <span className="muted">{agency.name}</span>
                  </th>
                  <td>{countryName(agency.countryCode)}</td>
                  <td className="numeric">{moneyText(agency.envelope, call.currency, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3>{t('calls.detail.rates')}</h3>
        {call.rates.length === 0 ? (
          <p className="muted">{t('calls.detail.noRates')}</p>
        ) : (
          <ul className="link-list" data-testid="call-rates">
            {call.rates.map((rate) => (
              <li key={rate.currency}>
                {t('calls.detail.rate', { from: rate.currency, rate: rate.rate, to: call.currency })}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="sections" title={t('calls.detail.sections')}>
        {call.sections.length === 0 ? (
          <p className="muted">{t('calls.detail.noSections')}</p>
        ) : (
          <ol className="spaced-list">
            {call.sections.map((section) => (
              <li key={section.key}>
                <strong>{section.title}</strong>{' '}
                <span className="muted small">
                  {section.maxWords === null
                    ? t('calls.detail.noWordLimit')
                    : t('calls.detail.maxWords', { maxWords: section.maxWords })}
                </span>
                {section.guidance && <p className="pre-wrap small">{section.guidance}</p>}
              </li>
            ))}
          </ol>
        )}
      </Section>

      <Section id="attachments" title={t('calls.detail.attachments')}>
        {call.attachments.length === 0 ? (
          <p className="muted">{t('calls.detail.noAttachments')}</p>
        ) : (
          <ul className="spaced-list">
            {call.attachments.map((attachment) => (
              <li key={attachment.key}>
                <strong>{attachment.title}</strong>{' '}
                <span className="tag">
                  {attachment.required ? t('calls.detail.required') : t('calls.detail.optional')}
                </span>{' '}
                <span className="muted small">
                  {t('calls.detail.attachmentLimits', {
                    types: formatList(
                      attachment.types.map((type) => t(`calls.attachmentTypes.${type}`)),
                      locale,
                      'disjunction',
                    ),
                    size: attachment.maxSizeMb,
                  })}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section id="rubric" title={t('calls.detail.rubric')}>
        <p>{t('calls.detail.scale', { min: call.rubric.scale.min, max: call.rubric.scale.max })}</p>
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('calls.detail.criterion')}</th>
                <th scope="col" className="numeric">
                  {t('calls.detail.weight')}
                </th>
                <th scope="col">{t('calls.detail.guidance')}</th>
              </tr>
            </thead>
            <tbody>
              {call.rubric.criteria.map((criterion) => (
                <tr key={criterion.key} data-testid="call-criterion">
                  <th scope="row">{criterion.title}</th>
                  <td className="numeric">{t('calls.percent', { value: criterion.weight })}</td>
                  <td className="pre-wrap">{criterion.guidance}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Section>
    </article>
  );
}

/** `/calls/:id`: one call, public once published. */
export function CallPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const call = useCall(id);
  return (
    <div className="page">
      {call.isPending ? (
        <Loading />
      ) : call.isError ? (
        // A malformed id (400) is as absent as an unknown one.
        call.error instanceof ApiError && (call.error.status === 404 || call.error.status === 400) ? (
          <EmptyState>
            <PageTitle title={t('pages.notFound.title')} />
            <h1>{t('pages.notFound.title')}</h1>
            <p>{t('calls.detail.notFound')}</p>
            <p>
              <Link to="/calls">{t('calls.detail.back')}</Link>
            </p>
          </EmptyState>
        ) : (
          <ErrorState error={call.error} onRetry={() => void call.refetch()} />
        )
      ) : (
        <CallView call={call.data} />
      )}
    </div>
  );
}
