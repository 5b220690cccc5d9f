import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { Loading } from '../components/states';
import { useLogout } from '../features/auth/use-logout';
import { useMe } from '../features/auth/use-me';
import { NotificationBell } from '../features/notifications/notification-bell';
import { changeLocale } from '../i18n';
import { LanguageSwitcher } from './language-switcher';
import { LiveUpdatesProvider } from './live-updates';
import { Nav } from './nav';

/** Adopts the signed-in user's saved language once per user (after login, or on a reload with a session). */
function useAdoptUserLocale() {
  const me = useMe();
  const adoptedFor = useRef<string | null>(null);
  useEffect(() => {
    if (!me.data) {
      adoptedFor.current = null;
      return;
    }
    if (adoptedFor.current === me.data.id) return;
    adoptedFor.current = me.data.id;
    void changeLocale(me.data.locale);
  }, [me.data]);
}

export function Shell() {
  const { t } = useTranslation();
  const me = useMe();
  const logout = useLogout();
  useAdoptUserLocale();

  return (
    <LiveUpdatesProvider userId={me.data?.id ?? null}>
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header className="site-header">
        <div className="header-inner">
          <Link to="/" className="brand">
            {t('app.name')}
          </Link>
          <Nav me={me.data ?? null} />
          <div className="header-actions">
            <LanguageSwitcher />
            {me.data ? (
              <>
                <NotificationBell />
                <span className="current-user" data-testid="current-user">
                  <span className="visually-hidden">{t('nav.signedInAs')} </span>
                  {me.data.displayName}
                </span>
                <button
                  type="button"
                  className="button button-small"
                  disabled={logout.isPending}
                  onClick={() => logout.mutate()}
                >
                  {t('nav.logout')}
                </button>
              </>
            ) : me.isPending ? null : (
              <>
                <Link to="/login">{t('nav.login')}</Link>
                <Link to="/signup" className="button button-small button-primary">
                  {t('nav.signup')}
                </Link>
              </>
            )}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {/* Pages loaded on first use (the review phase) show the loading state until they arrive. */}
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </LiveUpdatesProvider>
  );
}
