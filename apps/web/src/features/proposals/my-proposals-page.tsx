import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageTitle } from '../../components/page-title';
import { EmptyState, ErrorState, Loading } from '../../components/states';
import { currentLocale } from '../../i18n';
import { formatRelative } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { ViewerTime, ZonedTime } from '../calls/call-parts';
import { useViewerTimeZone } from '../calls/call-text';
import { statusClass } from './proposal-text';
import { useMyProposals } from './use-my-proposals';

/** `/proposals`: the proposals of the consortia the user is a member of. */
export function MyProposalsPage() {
  const { t } = useTranslation();
  const proposals = useMyProposals();
  const viewerTimeZone = useViewerTimeZone();
  const now = useNow();
  const locale = currentLocale();
  return (
    <div className="page">
      <PageTitle title={t('proposals.mine.title')} />
      <div className="section-head">
        <h1>{t('proposals.mine.title')}</h1>
        <div className="actions">
          <Link className="button" to="/calls">
            {t('proposals.mine.findCall')}
          </Link>
        </div>
      </div>
      <p className="muted">{t('proposals.mine.intro')}</p>
      {proposals.isPending ? (
        <Loading />
      ) : proposals.isError ? (
        <ErrorState error={proposals.error} onRetry={() => void proposals.refetch()} />
      ) : proposals.data.length === 0 ? (
        <EmptyState>
          <p data-testid="my-proposals-empty">{t('proposals.mine.empty')}</p>
          <p>
            <Link to="/calls">{t('proposals.mine.findCall')}</Link>
          </p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t('proposals.fields.acronym')}</th>
                <th scope="col">{t('proposals.fields.title')}</th>
                <th scope="col">{t('proposals.mine.call')}</th>
                <th scope="col">{t('proposals.mine.role')}</th>
                <th scope="col">{t('proposals.mine.status')}</th>
                <th scope="col">{t('proposals.mine.deadline')}</th>
                <th scope="col">{t('proposals.mine.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {proposals.data.map((proposal) => (
                <tr key={proposal.id} data-testid="my-proposal-row" data-proposal-id={proposal.id}>
                  <th scope="row">
                    <Link to={`/proposals/${proposal.id}`}>{proposal.acronym}</Link>
                  </th>
                  <td>{proposal.title}</td>
                  <td>
                    <Link to={`/calls/${proposal.call.id}`}>{proposal.call.title}</Link>
                  </td>
                  <td>{proposal.myRole ? t(`proposals.roles.${proposal.myRole}`) : t('common.none')}</td>
                  <td>
                    <span className={statusClass(proposal.status)}>{t(`proposals.status.${proposal.status}`)}</span>
                  </td>
                  <td className="stack-tight small">
                    <ZonedTime iso={proposal.call.closesAt} timeZone={proposal.call.timeZone} />
                    <ViewerTime iso={proposal.call.closesAt} viewerTimeZone={viewerTimeZone} />
                  </td>
                  <td>{formatRelative(proposal.updatedAt, { locale, now })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
