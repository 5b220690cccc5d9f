import type { Me } from '@kizuna/shared';
import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { hasRole } from '../features/auth/use-me';

/**
 * The main navigation: what the user may open. Calls for everybody, reviews for REVIEWER, managing calls for
 * PROGRAMME_MANAGER, admin pages only for ADMIN.
 */
export function Nav({ me }: { me: Me | null }) {
  const { t } = useTranslation();
  const isAdmin = hasRole(me, 'ADMIN');
  const isManager = hasRole(me, 'PROGRAMME_MANAGER');
  const isReviewer = hasRole(me, 'REVIEWER');
  return (
    <nav className="main-nav" aria-label={t('nav.label')}>
      <ul>
        {me && (
          <li>
            <NavLink to="/" end>
              {t('nav.home')}
            </NavLink>
          </li>
        )}
        <li>
          <NavLink to="/calls">{t('nav.calls')}</NavLink>
        </li>
        {me && (
          <li>
            <NavLink to="/proposals">{t('nav.myProposals')}</NavLink>
          </li>
        )}
        {me && (
          <li>
            <NavLink to="/grants">{t('grants.nav')}</NavLink>
          </li>
        )}
        {isReviewer && (
          <li>
            <NavLink to="/reviews">{t('nav.myReviews')}</NavLink>
          </li>
        )}
        {isManager && (
          <li>
            <NavLink to="/manage/calls">{t('nav.manageCalls')}</NavLink>
          </li>
        )}
        {isManager && (
          <li>
            <NavLink to="/manage/grants/portfolio">{t('portfolio.nav')}</NavLink>
          </li>
        )}
        {me && (
          <li>
            <NavLink to="/account">{t('nav.account')}</NavLink>
          </li>
        )}
        {isAdmin && (
          <li className="nav-group">
            <span className="nav-group-label" id="nav-admin">
              {t('nav.admin')}
            </span>
            <ul aria-labelledby="nav-admin">
              <li>
                <NavLink to="/admin/users">{t('nav.users')}</NavLink>
              </li>
              <li>
                <NavLink to="/admin/audit">{t('nav.audit')}</NavLink>
              </li>
              <li>
                <NavLink to="/admin/announcements">{t('nav.announcements')}</NavLink>
              </li>
              <li>
                <NavLink to="/admin/jobs">{t('nav.jobs')}</NavLink>
              </li>
              <li>
                <NavLink to="/admin/institutions">{t('nav.institutions')}</NavLink>
              </li>
            </ul>
          </li>
        )}
        <li>
          <a href="/api/docs" target="_blank" rel="noreferrer">
            {t('nav.apiDocs')}
          </a>
        </li>
      </ul>
    </nav>
  );
}
