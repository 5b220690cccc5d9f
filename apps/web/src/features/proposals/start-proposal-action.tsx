import type { Call } from '@kizuna/shared';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { hasRole, useMe } from '../auth/use-me';
import { acceptsProposals } from './start-proposal-page';

/**
 * On an open call's page: "Start a proposal" for researchers, an invitation to log in for visitors, nothing for
 * anyone else or once the call is not open.
 */
export function StartProposalAction({ call, now }: { call: Call; now: number }) {
  const { t } = useTranslation();
  const me = useMe();
  if (!acceptsProposals(call, now) || me.isPending) return null;
  const to = `/proposals/new?call=${call.id}`;
  if (!me.data) {
    return (
      <p className="call-action">
        <Link className="button button-primary" to={`/login?next=${encodeURIComponent(to)}`}>
          {t('proposals.start.loginToStart')}
        </Link>
      </p>
    );
  }
  if (!hasRole(me.data, 'RESEARCHER')) return null;
  return (
    <p className="call-action">
      <Link className="button button-primary" to={to}>
        {t('proposals.start.button')}
      </Link>
    </p>
  );
}
