import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ManagedProposal } from '../../api/manage-proposals';

/** In the managers' proposal list: the grant of an awarded proposal, or the way to award a funded one. */
export function GrantLink({ item }: { item: Pick<ManagedProposal, 'id' | 'acronym' | 'status' | 'grantId'> }) {
  const { t } = useTranslation();
  if (item.grantId) {
    return (
      <Link className="button button-small" to={`/grants/${item.grantId}`}>
        {t('grants.award.openGrant')}
      </Link>
    );
  }
  if (item.status !== 'FUNDED') return null;
  return (
    <Link
      className="button button-small button-primary"
      to={`/manage/proposals/${item.id}/award`}
      aria-label={t('grants.award.awardLabel', { acronym: item.acronym })}
      data-testid="award-grant-link"
    >
      {t('grants.award.action')}
    </Link>
  );
}
